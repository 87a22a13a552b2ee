// Calling the plan server from any client (the command line in Node, the pane in Office's
// browser): one request with the bearer token; the server's own bilingual words when it refuses,
// clear ones when it cannot be reached. Only `fetch` is used, so it runs in both.
import { isolate } from '../core/numbers/bidi';
import type { Bilingual } from '../core/plan/problems';

/** What a server said when it refused, or why it could not be asked, in both languages. */
export class ServerError extends Error {
  constructor(
    readonly said: Bilingual,
    readonly status?: number,
  ) {
    super(said.en);
  }
}

/** A server's address, checked: http(s) only. Undefined with why not, in both languages. */
export function parseServerAddress(text: string): { url: URL } | { problem: Bilingual } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { problem: { en: `"${text}" is not a server address such as http://127.0.0.1:8080`, fa: `${isolate(`"${text}"`)} نشانی کارساز نیست، مانند ${isolate('http://127.0.0.1:8080')}` } };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: { en: `the server address must start with http:// or https://, not "${text}"`, fa: `نشانی کارساز باید با ${isolate('http://')} یا ${isolate('https://')} آغاز شود، نه ${isolate(`"${text}"`)}` } };
  return { url };
}

/** The part of a fetch Response a client reads (a test may answer with no more than this). */
export interface FetchAnswer {
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}
export type Fetcher = (url: string, init: { method: string; headers: Record<string, string>; body?: Uint8Array | string }) => Promise<FetchAnswer>;

export interface Answer {
  status: number;
  headers: FetchAnswer['headers'];
  /** The body as sent (a plan is written as the server keeps it). */
  text: string;
  body: unknown;
}

export interface CallInit {
  method?: string;
  body?: Uint8Array | string;
  type?: string;
  headers?: Record<string, string>;
}

/**
 * One request to the API; a refusal (4xx/5xx) becomes a ServerError with the server's words. A 304
 * is an answer. Without a token the request goes as it is (a page signed in with its session cookie).
 */
export async function call(server: URL, path: string, token: string | undefined, init: CallInit = {}, fetcher: Fetcher = fetch as unknown as Fetcher): Promise<Answer> {
  const url = new URL(path.replace(/^\//, ''), server.href.endsWith('/') ? server.href : `${server.href}/`);
  let res: FetchAnswer;
  try {
    res = await fetcher(url.href, {
      method: init.method ?? 'GET',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.type ? { 'content-type': init.type } : {}), ...init.headers },
      body: init.body,
    });
  } catch (e) {
    // Node names the cause (ECONNREFUSED); a browser says only that the fetch failed, which also
    // covers an origin the server does not allow (CORS).
    const code = (e as { cause?: { code?: string } }).cause?.code;
    const why = code ?? (e instanceof Error ? e.message : String(e));
    const page = code === undefined ? (globalThis as { location?: { origin?: string } }).location?.origin : undefined;
    const hint = page && /^https?:/.test(page) ? { en: ` (or it does not allow this page: start it with --origin ${page})`, fa: ` (یا این صفحه را مجاز نمی‌داند: آن را با ${isolate(`--origin ${page}`)} راه بیندازید)` } : { en: '', fa: '' };
    throw new ServerError({ en: `could not reach ${server.origin}: ${why}${hint.en}`, fa: `به ${isolate(server.origin)} دسترسی نشد: ${isolate(why)}${hint.fa}` });
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: kept as text (a proxy's error page, say).
  }
  if (res.status >= 400) {
    const said = (body as { error?: { message?: Bilingual } } | null)?.error?.message;
    throw new ServerError(
      said && typeof said.en === 'string' && typeof said.fa === 'string'
        ? { en: `${server.origin} answered ${res.status}: ${said.en}`, fa: `${isolate(server.origin)} پاسخ داد ${res.status}: ${said.fa}` }
        : { en: `${server.origin} answered ${res.status} ${res.statusText}`, fa: `${isolate(server.origin)} پاسخ داد ${res.status} ${isolate(res.statusText)}` },
      res.status,
    );
  }
  return { status: res.status, headers: res.headers, text, body };
}

/** The API path of a plan. */
export const planPath = (id: string) => `/api/plans/${encodeURIComponent(id)}`;

/** The revision an ETag names (`"12"`), or undefined. */
export function revisionOfEtag(etag: string | null): number | undefined {
  const m = /^(?:W\/)?"(\d+)"$/.exec(etag?.trim() ?? '');
  return m ? Number(m[1]) : undefined;
}
