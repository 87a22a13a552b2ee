// Requests an attacker writes by hand, past what a client would send: the target in absolute or
// percent-encoded form, NUL bytes, values nested thousands deep, submissions that could never be
// accepted, broken addresses. Each is refused with the API's error shape, never a 500, and
// changes nothing.
import * as net from 'net';
import { startServer, type TestServer } from './web-helpers';
import type { Plan } from '../../src/core/plan/plan.types';

jest.setTimeout(120_000);

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => s?.close());

/** A request written byte for byte on a socket (fetch would normalise the target). */
function raw(target: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(s.base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      const lines = [`GET ${target} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''];
      socket.write(lines.join('\r\n'));
    });
    let text = '';
    socket.on('data', (b) => (text += b.toString('utf8')));
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
  });
}

const revision = async () => Number(JSON.parse((await s.ask('GET', `/api/plans/${s.planId}`, { who: 'secretariat' })).headers.get('etag')!));

test('an absolute-form or percent-encoded target reaches no API route without a sign-in', async () => {
  for (const target of [`${s.base}/api/plans`, `${s.base}/api/plans/${s.planId}`, '/%61pi/plans', `/api/%70lans/${s.planId}/report`]) {
    const r = await raw(target);
    expect([401, 404]).toContain(r.status);
    expect(r.body).not.toContain(s.planId);
  }
  // With a token, the same absolute form works: it is the same route.
  expect((await raw(`${s.base}/api/plans`, { authorization: `Bearer ${s.tokens.viewer}` })).status).toBe(200);
});

test('NUL bytes, broken percent-encoding and values nested thousands deep are 400s in the API\'s shape', async () => {
  for (const url of [`/api/plans/a%00b`, `/api/plans/${s.planId}/evidence?ref=a%00b`, `/api/plans/${s.planId}/changes?since=1%00`]) {
    const r = await s.ask('GET', url, { who: 'secretariat' });
    expect(r.status).toBe(400);
    expect(typeof r.json().error.message.fa).toBe('string');
  }
  const bad = await raw('/api/plans/%E0%A4%A');
  expect(bad.status).toBe(400);
  expect(JSON.parse(bad.body).error.code).toBe('bad-url');
  const before = await revision();
  // Written as text: the value is too deep for JSON.stringify on this side too.
  const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
  const body = `{"base": ${before}, "changes": [{"ref": "1-7-5-2", "field": "actuals.1404", "value": ${deep}}, {"ref": "1-7-5-2", "field": "notes.1404", "value": "a\\u0000b"}]}`;
  const r = await s.ask('POST', `/api/plans/${s.planId}/changes`, { who: 'reporter', body, headers: { 'content-type': 'application/json' } });
  expect(r.status).toBe(200);
  expect(r.json().refused.map((x: { reason: string }) => x.reason)).toEqual(['value', 'value']);
  // Quoted short in the answer, whether or not it could be written out whole.
  expect(r.json().refused[0].value).toMatch(/^\[.{0,79}$/);
  expect(await revision()).toBe(before);
});

test('in a submission, what could never be accepted is refused at once with its reason, and the rest waits; nothing acceptable is a 400', async () => {
  const plan = JSON.parse((await s.ask('GET', `/api/plans/${s.planId}`, { who: 'secretariat' })).text) as Plan;
  plan.meta.review = 'required';
  const put = await s.ask('PUT', `/api/plans/${s.planId}`, { who: 'secretariat', json: plan, headers: { 'if-match': `"${plan.meta.revision}"` } });
  expect(put.status).toBe(200);
  const base = await revision();
  const send = (body: unknown) => s.ask('POST', `/api/plans/${s.planId}/changes`, { who: 'reporter', json: body });
  expect((await send({ base: base + 7, changes: [{ ref: '1-7-5-2', field: 'actuals.1404', value: 1 }] })).json().error.code).toBe('base');
  const none = await send({ base, changes: [{ ref: '1-2-3', field: 'actuals.1404', value: 1 }, { ref: '1-7-5-2', field: 'notes.1404', value: 'a\u0000b' }] });
  expect(none.status).toBe(400);
  expect(none.json().error.refused.map((x: { reason: string }) => x.reason)).toEqual(['unit', 'value']);
  expect((await s.ask('GET', `/api/plans/${s.planId}/submissions?status=pending`, { who: 'secretariat' })).json()).toEqual([]);
  const mixed = await send({ base, changes: [{ ref: '1-2-3', field: 'actuals.1404', value: 1 }, { ref: '1-7-5-2', field: 'actuals.1404', value: '۱۲' }] });
  expect(mixed.status).toBe(202);
  expect(mixed.json().refused).toEqual([expect.objectContaining({ ref: '1-2-3', reason: 'unit' })]);
  const [pending] = (await s.ask('GET', `/api/plans/${s.planId}/submissions?status=pending`, { who: 'secretariat' })).json();
  // Kept as the plan will hold it: the Persian digits read as a number.
  expect(pending.changes).toEqual([{ ref: '1-7-5-2', field: 'actuals.1404', value: 12 }]);
});

test('ten wrong tokens from an address do not lock out a valid one from it', async () => {
  const other = await s.another({ signInLimit: { failures: 3, windowSeconds: 600 }, trustProxy: true });
  const from = (token: string) => fetch(`${other}/api/plans`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '198.51.100.4' } }).then((r) => r.status);
  for (let i = 0; i < 10; i++) expect(await from(`guess-${i}`)).toBe(i < 3 ? 401 : 429);
  expect(await from(s.tokens.secretariat)).toBe(200);
});

test('the public observatory gives figures, not what units wrote', async () => {
  const plan = JSON.parse((await s.ask('GET', `/api/plans/${s.planId}`, { who: 'secretariat' })).text) as Plan;
  const line = plan.indicators.find((i) => i.id === '1-7-4-5')!;
  line.notes = { '1402': 'INTERNAL NOTE: budget officer ahmadi' };
  expect((await s.ask('PUT', `/api/plans/${s.planId}`, { who: 'secretariat', json: plan, headers: { 'if-match': `"${plan.meta.revision}"` } })).status).toBe(200);
  await s.ask('POST', `/api/plans/${s.planId}/observatory`, { who: 'secretariat', json: { public: true } });
  const open = await s.ask('GET', `/api/public/plans/${s.planId}`);
  expect(open.status).toBe(200);
  expect(open.text).not.toContain('ahmadi');
  const shown = open.json() as Plan;
  expect(shown.indicators.find((i) => i.id === '1-7-4-5')!.actuals).toEqual(line.actuals);
});
