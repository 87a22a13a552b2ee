// A fetch for tests whose environment has none (jsdom): a real HTTP request with Node's http
// module, answering with the parts of a Response the clients read.
import * as http from 'http';
import type { Fetcher, FetchAnswer } from '../../src/client/server-api';

export const httpFetch: Fetcher = (url, init) =>
  new Promise<FetchAnswer>((resolve, reject) => {
    const req = http.request(url, { method: init.method, headers: init.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: { get: (name: string) => { const v = res.headers[name.toLowerCase()]; return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v; } },
          text: async () => text,
        });
      });
    });
    req.on('error', (e) => reject(Object.assign(new TypeError('fetch failed'), { cause: e })));
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });

/** The same, shaped as the browser's fetch for components that take one (ok, status, text). */
export const httpFetchAsFetch = ((url: string | URL, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
  httpFetch(String(url), { method: init.method ?? 'GET', headers: init.headers ?? {}, body: init.body }).then((a) => ({ ...a, ok: a.status >= 200 && a.status < 300 }))) as unknown as typeof fetch;
