// Reading a plan's text from where people keep it: a file they pick, an https address, a paste.
import type { Strings } from './i18n';

/**
 * A failure to get the text at all (the plan's own problems are the loader's business). It says
 * itself in any language, so the message follows a language switch.
 */
export class SourceError extends Error {
  constructor(
    readonly say: (t: Strings) => string,
    t: Strings,
  ) {
    super(say(t));
  }
}

/** Reads a picked file with FileReader (Blob.text() and arrayBuffer() are missing in older Office webviews). */
function readFile<T>(read: (r: FileReader) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as T);
    reader.onerror = () => reject(new Error(reader.error?.message ?? 'the file could not be read'));
    read(reader);
  });
}

export const readFileText = (file: Blob) => readFile<string>((r) => r.readAsText(file, 'utf-8'));
export const readFileBytes = (file: Blob) => readFile<ArrayBuffer>((r) => r.readAsArrayBuffer(file));

/**
 * Fetches a plan over https. The browser reports a refused cross-origin read and an unreachable
 * server the same way (a TypeError), so both get one message that says what to do instead.
 */
export async function fetchPlanText(url: string, t: Strings, fetcher: typeof fetch = fetch): Promise<string> {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new SourceError((tt) => tt.urlNotHttps, t);
  }
  if (parsed.protocol !== 'https:') throw new SourceError((tt) => tt.urlNotHttps, t);
  let response: Response;
  try {
    response = await fetcher(parsed.href, { headers: { Accept: 'application/json' } });
  } catch {
    throw new SourceError((tt) => tt.urlUnreachable(parsed.href), t);
  }
  if (!response.ok) throw new SourceError((tt) => tt.urlHttpError(parsed.href, `${response.status} ${response.statusText}`.trim()), t);
  return response.text();
}
