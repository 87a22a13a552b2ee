// The pages' files and the headers every answer carries: web.html at /, its bundle beside it,
// nothing else (no listing, no dotfile, nothing outside the folder, never over /api or /health);
// a content security policy and the other security headers on pages, API answers and errors.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startServer, type TestServer } from './web-helpers';

jest.setTimeout(120_000);

const CSP = "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;connect-src 'self';font-src 'self' data:;object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'";

const top = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-pages-'));
const web = path.join(top, 'dist');
let s: TestServer;
beforeAll(async () => {
  fs.mkdirSync(path.join(web, 'assets'), { recursive: true });
  fs.mkdirSync(path.join(web, 'api'));
  fs.writeFileSync(path.join(web, 'web.html'), '<!doctype html><html lang="fa" dir="rtl"><title>برنامه</title><script src="app.js"></script></html>');
  fs.writeFileSync(path.join(web, 'app.js'), 'console.log("plansheets");');
  fs.writeFileSync(path.join(web, 'assets', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  fs.writeFileSync(path.join(web, '.env'), 'SECRET=1');
  fs.writeFileSync(path.join(web, 'api', 'plans'), 'shadow');
  fs.writeFileSync(path.join(web, 'health'), 'shadow');
  fs.writeFileSync(path.join(top, 'secret.txt'), 'outside');
  s = await startServer({ web, origins: ['https://excel.example.org'] });
});
afterAll(async () => {
  await s?.close();
  fs.rmSync(top, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => s.ask('GET', url, { headers });

test('GET / is web.html as UTF-8 HTML; the bundle and its assets are served beside it', async () => {
  const page = await get('/');
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(page.text).toContain('<title>برنامه</title>');
  const js = await get('/app.js');
  expect(js.status).toBe(200);
  expect(js.headers.get('content-type')).toMatch(/^(application|text)\/javascript/);
  expect(js.text).toBe('console.log("plansheets");');
  expect((await get('/assets/logo.png')).bytes).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
});

test('no listing, no dotfiles, nothing outside the folder, and /api and /health are never files', async () => {
  const dir = await get('/assets/');
  expect([403, 404]).toContain(dir.status);
  expect(dir.text).not.toContain('logo.png');
  expect((await get('/.env')).text).not.toContain('SECRET');
  expect([403, 404]).toContain((await get('/.env')).status);
  for (const sneak of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
    const a = await get(sneak);
    expect(a.text).not.toContain('outside');
    expect(a.status).toBeGreaterThanOrEqual(400);
  }
  // A file named like an API route does not answer for it: the API asks for a sign-in.
  const api = await get('/api/plans');
  expect(api.status).toBe(401);
  expect(api.text).not.toContain('shadow');
  expect((await get('/api/plans', { authorization: `Bearer ${s.tokens.viewer}` })).json()).toEqual([expect.objectContaining({ id: s.planId })]);
  expect((await get('/health')).json()).toEqual({ status: 'ok' });
});

test('every answer carries the content security policy and the other security headers, and no HSTS', async () => {
  for (const a of [await get('/'), await get('/app.js'), await get('/api/plans'), await get(`/api/plans/${s.planId}`, { authorization: `Bearer ${s.tokens.viewer}` }), await get('/no-such-file.js'), await get('/health')]) {
    expect(a.headers.get('content-security-policy')).toBe(CSP);
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    expect(a.headers.get('referrer-policy')).toBe('no-referrer');
    expect(a.headers.get('x-frame-options')).toBe('DENY');
    expect(a.headers.get('strict-transport-security')).toBeNull();
  }
});

test('CORS for an allowed origin keeps working beside the headers', async () => {
  const pre = await s.ask('OPTIONS', '/api/plans', { headers: { origin: 'https://excel.example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
  expect(pre.status).toBe(204);
  expect(pre.headers.get('access-control-allow-origin')).toBe('https://excel.example.org');
  const a = await get('/api/plans', { origin: 'https://excel.example.org', authorization: `Bearer ${s.tokens.viewer}` });
  expect(a.headers.get('access-control-allow-origin')).toBe('https://excel.example.org');
  expect((await get('/api/plans', { origin: 'https://evil.example.org', authorization: `Bearer ${s.tokens.viewer}` })).headers.get('access-control-allow-origin')).toBeNull();
});

test('without a pages folder, / is a 404 and the API is unchanged', async () => {
  const bare = await s.another({});
  const a = await fetch(`${bare}/`);
  expect(a.status).toBe(404);
  expect(a.headers.get('content-security-policy')).toBe(CSP);
});
