// The command line as a client of the plan server: one request with the bearer token, the
// server's own bilingual error when it refuses, a clear one when it cannot be reached.
import { isolate } from '../core/numbers/bidi';
import type { Bilingual } from '../core/plan/problems';
import { UsageError } from './plan-file';

/** What a server said when it refused, or why it could not be asked: exit 1, in both languages. */
export class ServerError extends Error {
  constructor(
    readonly said: Bilingual,
    readonly status?: number,
  ) {
    super(said.en);
  }
}

/** The token from --token or PLANSHEETS_TOKEN; none is a usage error. */
export function tokenOf(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const token = given ?? env.PLANSHEETS_TOKEN;
  if (!token) throw new UsageError({ en: 'give the token with --token TOKEN or PLANSHEETS_TOKEN', fa: `رمز دسترسی را با ${isolate('--token TOKEN')} یا ${isolate('PLANSHEETS_TOKEN')} بدهید` });
  return token;
}

/** The server's address, checked: http(s) only, without a path beyond "/". */
export function serverUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError({ en: `"${text}" is not a server address such as http://127.0.0.1:8080`, fa: `${isolate(`"${text}"`)} نشانی کارساز نیست، مانند ${isolate('http://127.0.0.1:8080')}` });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError({ en: `the server address must start with http:// or https://, not "${text}"`, fa: `نشانی کارساز باید با ${isolate('http://')} یا ${isolate('https://')} آغاز شود، نه ${isolate(`"${text}"`)}` });
  return url;
}

export interface Answer {
  status: number;
  headers: Headers;
  /** The body as sent (a plan is written as the server keeps it). */
  text: string;
  body: unknown;
}

/** One request to the API; a refusal (4xx/5xx) becomes a ServerError with the server's words. */
export async function call(server: URL, path: string, token: string, init: { method?: string; body?: Uint8Array | string; type?: string } = {}, fetcher: typeof fetch = fetch): Promise<Answer> {
  const url = new URL(path.replace(/^\//, ''), server.href.endsWith('/') ? server.href : `${server.href}/`);
  let res: Response;
  try {
    res = await fetcher(url, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.type ? { 'content-type': init.type } : {}) },
      body: init.body as RequestInit['body'],
    });
  } catch (e) {
    const why = (e as { cause?: { code?: string } }).cause?.code ?? (e instanceof Error ? e.message : String(e));
    throw new ServerError({ en: `could not reach ${server.origin}: ${why}`, fa: `به ${isolate(server.origin)} دسترسی نشد: ${isolate(why)}` });
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
