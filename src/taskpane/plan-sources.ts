// Reading a plan's text from where people keep it: a file they pick, an https address, a paste.
import type { Strings } from './i18n';

/** A failure to get the text at all (the plan's own problems are the loader's business). */
export class SourceError extends Error {}

/** Reads a picked file with FileReader (Blob.text() and arrayBuffer() are missing in older Office webviews). */
function readFile<T>(read: (r: FileReader) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as T);
    reader.onerror = () => reject(new SourceError(reader.error?.message ?? 'the file could not be read'));
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
    throw new SourceError(t.urlNotHttps);
  }
  if (parsed.protocol !== 'https:') throw new SourceError(t.urlNotHttps);
  let response: Response;
  try {
    response = await fetcher(parsed.href, { headers: { Accept: 'application/json' } });
  } catch {
    throw new SourceError(t.urlUnreachable(parsed.href));
  }
  if (!response.ok) throw new SourceError(t.urlHttpError(parsed.href, `${response.status} ${response.statusText}`.trim()));
  return response.text();
}
