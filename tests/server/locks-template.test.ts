// Locking periods from the review pages: the secretariat only, one revision per real change, and a
// locked period then refuses reported values.
import { startServer, type TestServer } from './web-helpers';

jest.setTimeout(120_000);

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => s?.close());

const lock = (period: unknown, locked: unknown, who: 'secretariat' | 'reporter' | 'viewer' = 'secretariat') => s.ask('POST', `/api/plans/${s.planId}/locks`, { who, json: { period, locked } });
const revision = async () => Number(JSON.parse((await s.ask('GET', `/api/plans/${s.planId}`, { who: 'secretariat' })).headers.get('etag')!));

test('locking a period adds it to meta.locked in one new revision; again is 200 with the same revision; unlocking removes it', async () => {
  const before = await revision();
  const a = await lock('۱۴۰۳-h1', true);
  expect(a.status).toBe(200);
  expect(a.json()).toEqual({ revision: before + 1, locked: ['1403-H1'] });
  expect((await s.ask('GET', `/api/plans/${s.planId}`, { who: 'viewer' })).json().meta.locked).toEqual(['1403-H1']);
  expect((await lock('1403-H1', true)).json()).toEqual({ revision: before + 1, locked: ['1403-H1'] });
  expect(await revision()).toBe(before + 1);
  // A reported value for a month inside the locked half is refused by the merge.
  const refused = await s.ask('POST', `/api/plans/${s.planId}/changes`, { who: 'reporter', json: { base: before + 1, changes: [{ ref: '1-7-5-2', field: 'actuals.1403-M04', value: 5 }] } });
  expect(refused.json().refused).toEqual([expect.objectContaining({ reason: 'locked' })]);
  const b = await lock('1403-H1', false);
  expect(b.json()).toEqual({ revision: before + 2, locked: [] });
  expect((await s.ask('GET', `/api/plans/${s.planId}`, { who: 'viewer' })).json().meta.locked).toBeUndefined();
  const applied = await s.ask('POST', `/api/plans/${s.planId}/changes`, { who: 'reporter', json: { base: before + 2, changes: [{ ref: '1-7-5-2', field: 'actuals.1403-M04', value: 5 }] } });
  expect(applied.json().applied).toHaveLength(1);
});

test('only the secretariat; an unknown period or a malformed body is 400', async () => {
  expect((await lock('1403', true, 'reporter')).status).toBe(403);
  expect((await lock('1403', true, 'viewer')).status).toBe(403);
  expect((await lock('1399', true)).json().error.code).toBe('period');
  expect((await lock('1403-Q5', true)).json().error.code).toBe('period');
  expect((await lock('1403', 'yes')).json().error.code).toBe('locks');
  expect((await lock(1403, true)).status).toBe(400);
});
