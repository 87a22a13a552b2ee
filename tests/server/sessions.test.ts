// Signing in from a browser page: a token exchanged for an HttpOnly session cookie, which then
// signs every /api request; CSRF header on changes; sessions end when they expire, on sign-out,
// and at once when the person is revoked.
import { createHash } from 'crypto';
import { revokeUser, addUser } from '../../src/server/users';
import { cookieOf, startServer, type Answer, type TestServer } from './web-helpers';

jest.setTimeout(120_000);

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ signInLimit: { failures: 3, windowSeconds: 600 } });
});
afterAll(async () => s?.close());

const expectError = (a: Answer, status: number, code: string) => {
  expect(a.status).toBe(status);
  const e = a.json().error;
  expect(e.code).toBe(code);
  expect(e.message.en.length).toBeGreaterThan(0);
  expect(e.message.fa.length).toBeGreaterThan(0);
};

const signInAs = async (token: string, headers: Record<string, string> = {}) => s.ask('POST', '/api/session', { json: { token }, headers });

test('a token signs in: the cookie is HttpOnly, SameSite=Strict, Path=/, lasts the session, and only its hash is stored', async () => {
  const a = await signInAs(s.tokens.reporter);
  expect(a.status).toBe(200);
  const body = a.json();
  expect(body).toEqual({ name: 'budget-reporter', role: 'reporter', units: ['budget-office'], expires: expect.any(String) });
  const hours = (Date.parse(body.expires) - Date.now()) / 3600_000;
  expect(hours).toBeGreaterThan(7);
  expect(hours).toBeLessThanOrEqual(8);
  const set = a.headers.get('set-cookie')!;
  expect(set).toMatch(/^plansheets_session=[A-Za-z0-9_-]{43};/);
  expect(set).toMatch(/; HttpOnly/);
  expect(set).toMatch(/; SameSite=Strict/);
  expect(set).toMatch(/; Path=\//);
  expect(set).toMatch(/; Max-Age=28800/);
  expect(set).not.toMatch(/Secure/); // plain http here
  const id = cookieOf(a).split('=')[1];
  const rows = await s.db.query<{ id_hash: string; user_name: string }>('SELECT id_hash, user_name FROM sessions');
  expect(rows).toContainEqual({ id_hash: createHash('sha256').update(id).digest('hex'), user_name: 'budget-reporter' });
  expect(JSON.stringify(rows)).not.toContain(id);
});

test('the cookie signs /api requests as that person (a reporter sees their units only); GET /api/session says who', async () => {
  const cookie = cookieOf(await signInAs(s.tokens.reporter));
  const me = await s.ask('GET', '/api/session', { headers: { cookie } });
  expect(me.status).toBe(200);
  expect(me.json()).toMatchObject({ name: 'budget-reporter', role: 'reporter', units: ['budget-office'] });
  const plan = await s.ask('GET', `/api/plans/${s.planId}`, { headers: { cookie } });
  expect(plan.status).toBe(200);
  expect(new Set(plan.json().indicators.map((i: { unit: string }) => i.unit))).toEqual(new Set(['budget-office']));
  // A bearer token answers too, without an end.
  const bearer = await s.ask('GET', '/api/session', { who: 'viewer' });
  expect(bearer.json()).toEqual({ name: 'nazer', role: 'viewer', units: [], expires: null });
  expectError(await s.ask('GET', '/api/session'), 401, 'unauthorized');
});

test('a change signed by the cookie needs X-PlanSheets-Request: 1 (403 csrf without it); a bearer request does not', async () => {
  const cookie = cookieOf(await signInAs(s.tokens.reporter));
  const rev = Number(JSON.parse((await s.ask('GET', `/api/plans/${s.planId}`, { who: 'secretariat' })).headers.get('etag')!));
  const change = { base: rev, changes: [{ ref: '1-7-5-2', field: 'notes.1403', value: 'گزارش از مرورگر' }] };
  expectError(await s.ask('POST', `/api/plans/${s.planId}/changes`, { json: change, headers: { cookie } }), 403, 'csrf');
  expectError(await s.ask('POST', `/api/plans/${s.planId}/changes`, { json: change, headers: { cookie, 'x-plansheets-request': 'yes' } }), 403, 'csrf');
  const done = await s.ask('POST', `/api/plans/${s.planId}/changes`, { json: change, headers: { cookie, 'x-plansheets-request': '1' } });
  expect(done.status).toBe(200);
  expect(done.json().applied).toHaveLength(1);
  const changes = await s.ask('GET', `/api/plans/${s.planId}/changes?since=${rev}`, { who: 'secretariat' });
  expect(changes.json()).toEqual([expect.objectContaining({ by: 'budget-reporter', ref: '1-7-5-2', field: 'notes.1403', to: 'گزارش از مرورگر' })]);
});

test('sign-out deletes the session and clears the cookie; the old cookie is then 401 session-expired', async () => {
  const cookie = cookieOf(await signInAs(s.tokens.viewer));
  expectError(await s.ask('DELETE', '/api/session', { headers: { cookie } }), 403, 'csrf');
  const out = await s.ask('DELETE', '/api/session', { headers: { cookie, 'x-plansheets-request': '1' } });
  expect(out.status).toBe(204);
  expect(out.headers.get('set-cookie')).toMatch(/^plansheets_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/);
  expectError(await s.ask('GET', '/api/plans', { headers: { cookie } }), 401, 'session-expired');
});

test('an expired, forged or revoked session is 401 session-expired at once', async () => {
  const cookie = cookieOf(await signInAs(s.tokens.viewer));
  expect((await s.ask('GET', '/api/plans', { headers: { cookie } })).status).toBe(200);
  const id = cookie.split('=')[1];
  await s.db.query("UPDATE sessions SET expires = now() - interval '1 second' WHERE id_hash = $1", [createHash('sha256').update(id).digest('hex')]);
  expectError(await s.ask('GET', '/api/plans', { headers: { cookie } }), 401, 'session-expired');
  expectError(await s.ask('GET', '/api/plans', { headers: { cookie: 'plansheets_session=forged-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } }), 401, 'session-expired');
  const leaving = await addUser(s.db, 'leaving-soon', 'reporter', ['budget-office']);
  const theirs = cookieOf(await signInAs(leaving));
  expect((await s.ask('GET', '/api/session', { headers: { cookie: theirs } })).status).toBe(200);
  await revokeUser(s.db, 'leaving-soon');
  expectError(await s.ask('GET', '/api/session', { headers: { cookie: theirs } }), 401, 'session-expired');
  expectError(await signInAs(leaving), 401, 'unauthorized');
});

test('a bad token is a 401 counted as the bearer path counts it: past the limit a wrong one is 429, a good one still signs in', async () => {
  const other = await s.another({ signInLimit: { failures: 3, windowSeconds: 600 }, trustProxy: true });
  const from = { 'x-forwarded-for': '203.0.113.9' };
  const post = (token: unknown) => fetch(`${other}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...from }, body: JSON.stringify({ token }) });
  expect((await post(42)).status).toBe(400);
  expect((await post('wrong-1')).status).toBe(401);
  // The bearer path and the session path share one count.
  expect((await fetch(`${other}/api/plans`, { headers: { authorization: 'Bearer wrong-2', ...from } })).status).toBe(401);
  expect((await post('wrong-3')).status).toBe(401);
  const refused = await post('wrong-4');
  expect(refused.status).toBe(429);
  expect(refused.headers.get('retry-after')).toBe('600');
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too-many-failures');
  expect((await post(s.tokens.secretariat)).status).toBe(200);
  // Over https behind the proxy, from another address, the cookie is Secure and lasts as configured.
  const short = await s.another({ trustProxy: true, sessionHours: 0.5 });
  const ok = await fetch(`${short}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body: JSON.stringify({ token: s.tokens.secretariat }) });
  expect(ok.status).toBe(200);
  expect(ok.headers.get('set-cookie')).toMatch(/; Max-Age=1800;.*Secure|; Secure.*Max-Age=1800|Max-Age=1800.*; Secure/);
});
