// The plan server's API, route by route, on whatever database `makeDb` opens (a fresh, empty one):
// PGlite here (api.test.ts), a real PostgreSQL in postgres.test.ts. Each app listens on 127.0.0.1
// at a free port and is asked with fetch (fastify's inject needs an ES module jest cannot load).
// Three people: the secretariat, a reporter of one unit, a viewer; and a reporter of another unit.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/server/db';
import { migrate } from '../../src/server/migrations';
import { addUser, revokeUser } from '../../src/server/users';
import { buildApp } from '../../src/server/app';
import { run } from '../../src/cli/main';
import type { Plan } from '../../src/core/plan/plan.types';
import { sampleText } from '../helpers/plan';

type Method = 'GET' | 'POST' | 'PUT' | 'OPTIONS';

interface Answer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the answers are checked field by field
}

/** Starts an app on 127.0.0.1 at a free port; closed by the suite. */
async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

async function ask(base: string, method: Method, url: string, headers: Record<string, string>, payload?: string): Promise<Answer> {
  const r = await fetch(base + url, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
  const body = await r.text();
  return { statusCode: r.status, headers: Object.fromEntries(r.headers), body, json: () => JSON.parse(body) };
}

export function apiSuite(name: string, makeDb: () => Promise<Db>): void {
  describe(`plan server API on ${name}`, () => {
    let db: Db;
    let app: FastifyInstance;
    const apps: FastifyInstance[] = [];
    const tokens = { secretariat: '', reporter: '', viewer: '', other: '' };
    const sample = sampleText();
    const planId = (JSON.parse(sample) as Plan).meta.id;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-api-'));

    /** A copy of the sample under another id (and with `edit` applied), as file text. */
    const variant = (id: string, edit: (p: Plan) => void = () => undefined): string => {
      const p = JSON.parse(sample) as Plan;
      p.meta.id = id;
      edit(p);
      return JSON.stringify(p, null, 2);
    };

    const started = new Map<FastifyInstance, string>();
    /** A second app on the same database, listening too. */
    const another = async (options: Parameters<typeof buildApp>[1]) => {
      const a = buildApp(db, options);
      apps.push(a);
      started.set(a, await listen(a));
      return a;
    };
    const call = (method: Method, url: string, who?: keyof typeof tokens | null, body?: unknown, headers: Record<string, string> = {}, on: FastifyInstance = app): Promise<Answer> =>
      ask(
        started.get(on)!,
        method,
        url,
        { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      );

    const expectError = (r: Answer, status: number, code?: string) => {
      expect(r.statusCode).toBe(status);
      const e = r.json().error;
      expect(typeof e.message.en).toBe('string');
      expect(typeof e.message.fa).toBe('string');
      expect(e.message.fa.length).toBeGreaterThan(0);
      if (code) expect(e.code).toBe(code);
      // Never a stack trace.
      expect(r.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
      return e;
    };

    const revisionOf = async (id: string) => Number(JSON.parse((await call('GET', `/api/plans/${id}`, 'secretariat')).headers.etag as string));

    beforeAll(async () => {
      db = await makeDb();
      await migrate(db);
      tokens.secretariat = await addUser(db, 'dabirkhaneh', 'secretariat', []);
      tokens.reporter = await addUser(db, 'budget-reporter', 'reporter', ['budget-office']);
      tokens.viewer = await addUser(db, 'nazer', 'viewer', []);
      tokens.other = await addUser(db, 'traffic-reporter', 'reporter', ['traffic-org']);
      app = await another({});
      expect((await call('POST', '/api/plans', 'secretariat', sample)).statusCode).toBe(201);
    }, 300_000);

    afterAll(async () => {
      for (const a of apps) await a.close();
      await db?.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    test('health answers without a token; /api needs one, and a bad or revoked one is 401', async () => {
      const h = await call('GET', '/health');
      expect(h.statusCode).toBe(200);
      expect(h.json()).toEqual({ status: 'ok' });
      expectError(await call('GET', '/api/plans'), 401, 'unauthorized');
      expectError(await call('GET', '/api/plans', null, undefined, { authorization: 'Bearer forged-token-of-43-characters-xxxxxxxxxxxxx' }), 401, 'unauthorized');
      expectError(await call('GET', '/api/plans', null, undefined, { authorization: `Basic ${tokens.viewer}` }), 401, 'unauthorized');
      const leaving = await addUser(db, 'leaving', 'viewer', []);
      expect((await call('GET', '/api/plans', null, undefined, { authorization: `Bearer ${leaving}` })).statusCode).toBe(200);
      await revokeUser(db, 'leaving');
      expectError(await call('GET', '/api/plans', null, undefined, { authorization: `Bearer ${leaving}` }), 401);
      expectError(await call('GET', '/api/nothing-here', 'viewer'), 404, 'not-found');
    });

    test('POST /api/plans: the secretariat only; the file kept as sent with its revision; a bad plan is a 400 with its problems', async () => {
      expectError(await call('POST', '/api/plans', 'reporter', variant('r')), 403, 'forbidden');
      expectError(await call('POST', '/api/plans', 'viewer', variant('v')), 403, 'forbidden');
      const made = await call('POST', '/api/plans', 'secretariat', variant('kept-revision', (p) => (p.meta.revision = 7)));
      expect(made.statusCode).toBe(201);
      expect(made.json()).toEqual({ id: 'kept-revision', revision: 7 });
      expect(made.headers.etag).toBe('"7"');
      // Changes from a revision this server never had are a 400, not a guess.
      expectError(await call('POST', '/api/plans/kept-revision/changes', 'secretariat', { base: 3, changes: [{ ref: '1-7-5-2', field: 'actuals.1404', value: 1 }] }), 400, 'base');
      expectError(await call('POST', '/api/plans', 'secretariat', sample), 409, 'exists');
      const bad = expectError(await call('POST', '/api/plans', 'secretariat', variant('bad', (p) => (p.meta.years = [1402, 1402]))), 400, 'invalid-plan');
      expect(bad.problems.length).toBeGreaterThan(0);
      expect(bad.problems[0]).toHaveProperty('path');
      // Repeated keys are caught from the text, with where they are.
      const twice = expectError(await call('POST', '/api/plans', 'secretariat', sample.replace('"format": "plansheets.plan",', '"format": "plansheets.plan", "format": "plansheets.plan",')), 400, 'invalid-plan');
      expect(twice.problems[0].code).toBe('duplicate-key');
      expectError(await call('POST', '/api/plans', 'secretariat', '{"format": "plansheets.plan", '), 400, 'json');
      expectError(await call('POST', '/api/plans', 'secretariat', '{"__proto__": {"x": 1}}'), 400, 'json');
      expectError(await call('POST', '/api/plans', 'secretariat', 'format=x', { 'content-type': 'text/plain' }), 415);
      const list = await call('GET', '/api/plans', 'viewer');
      expect(list.json().map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([planId, 'kept-revision']));
      expect(list.json().find((p: { id: string }) => p.id === 'kept-revision').revision).toBe(7);
    });

    test('an oversize body is 413 and stores nothing', async () => {
      const small = await another({ bodyLimit: 10_000 });
      expectError(await call('POST', '/api/plans', 'secretariat', variant('too-big'), {}, small), 413, 'too-large');
      expectError(await call('GET', '/api/plans/too-big', 'secretariat'), 404);
    });

    test('GET a plan: the very file and its ETag; a reporter gets only their units\' lines; an unknown plan is 404', async () => {
      const r = await call('GET', `/api/plans/${planId}`, 'viewer');
      expect(r.statusCode).toBe(200);
      expect(r.headers.etag).toBe('"0"');
      expect(r.body).toBe(sample.replace(/^\uFEFF/, ''));
      const mine = await call('GET', `/api/plans/${planId}`, 'reporter');
      const plan = mine.json() as Plan;
      expect(plan.indicators.length).toBe(8);
      expect(new Set(plan.indicators.map((i) => i.unit))).toEqual(new Set(['budget-office']));
      expect(plan.units?.map((u) => u.id)).toEqual(['budget-office']);
      expect(mine.body).not.toContain('traffic-org');
      expectError(await call('GET', '/api/plans/no-such-plan', 'viewer'), 404, 'not-found');
    });

    test('PUT: the secretariat with If-Match; 428 without it, 412 when stale, +1 revision when accepted', async () => {
      await call('POST', '/api/plans', 'secretariat', variant('put-test'));
      const next = variant('put-test', (p) => (p.meta.title = 'ویرایش‌شده'));
      expectError(await call('PUT', '/api/plans/put-test', 'secretariat', next), 428, 'if-match');
      expectError(await call('PUT', '/api/plans/put-test', 'reporter', next, { 'if-match': '"0"' }), 403);
      expectError(await call('PUT', '/api/plans/put-test', 'viewer', next, { 'if-match': '"0"' }), 403);
      expectError(await call('PUT', '/api/plans/put-test', 'secretariat', variant('other-id'), { 'if-match': '"0"' }), 400, 'plan-id');
      expectError(await call('PUT', '/api/plans/put-test', 'secretariat', '{', { 'if-match': '"0"' }), 400, 'json');
      expectError(await call('PUT', '/api/plans/nothing', 'secretariat', variant('nothing'), { 'if-match': '"0"' }), 404);
      const ok = await call('PUT', '/api/plans/put-test', 'secretariat', next, { 'if-match': '"0"' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ id: 'put-test', revision: 1 });
      expect(ok.headers.etag).toBe('"1"');
      const stale = expectError(await call('PUT', '/api/plans/put-test', 'secretariat', next, { 'if-match': '"0"' }), 412, 'stale');
      expect(stale.revision).toBe(1);
      const now = await call('GET', '/api/plans/put-test', 'viewer');
      expect(now.headers.etag).toBe('"1"');
      expect((now.json() as Plan).meta).toMatchObject({ title: 'ویرایش‌شده', revision: 1 });
      // The earlier revision is kept whole.
      expect((await call('GET', '/api/plans/put-test/revisions/0', 'viewer')).body).toBe(variant('put-test'));
    });

    test('changes: each in exactly one list, with the reasons unit, field, locked, value and unknown; one new revision', async () => {
      await call('POST', '/api/plans', 'secretariat', variant('changes', (p) => (p.meta.locked = ['1402'])));
      const changes = [
        { ref: '1-7-5-2', field: 'actuals.1404', value: 61 },
        { ref: '1-7-5-2', field: 'notes.1404', value: 'گزارش سه‌ماهه' },
        { ref: '1-7-3-5.2', field: 'actuals.1403', value: '۴۲/۵' },
        { ref: '1-8-7-1', field: 'actuals.1403', value: 10 },
        { ref: '1-7-5-2', field: 'targets.1404', value: 99 },
        { ref: '1-7-5-2', field: 'funding.1404', value: 1 },
        { ref: '1-7-5-2', field: 'actuals.1402', value: 1 },
        { ref: '1-7-4-5', field: 'actuals.1403', value: 'بسیار' },
        { ref: '1-7-4-5', field: 'actuals.1405', value: 1e300 },
        { ref: '9-9-9-9', field: 'actuals.1403', value: 5 },
        { ref: '1-7-5-2', field: 'actuals.1403', value: 58 },
        { ref: 3, field: 'actuals.1403', value: 5 },
      ];
      const r = await call('POST', '/api/plans/changes/changes', 'reporter', { base: 0, changes });
      expect(r.statusCode).toBe(200);
      const a = r.json();
      expect(a.revision).toBe(1);
      expect(r.headers.etag).toBe('"1"');
      expect(a.applied.length + a.conflicts.length + a.refused.length).toBe(changes.length);
      expect(a.applied).toEqual(
        expect.arrayContaining([
          { ref: '1-7-5-2', field: 'actuals.1404', from: null, to: 61 },
          { ref: '1-7-5-2', field: 'notes.1404', from: null, to: 'گزارش سه‌ماهه' },
          { ref: '1-7-3-5.2', field: 'actuals.1403', from: expect.anything(), to: 42.5 },
          // Already so: acknowledged, no revision for it.
          { ref: '1-7-5-2', field: 'actuals.1403', from: 58, to: 58, unchanged: true },
        ]),
      );
      const reason = (ref: unknown, field: string) => a.refused.find((x: { ref: unknown; field: string }) => x.ref === ref && x.field === field)?.reason;
      expect(reason('1-8-7-1', 'actuals.1403')).toBe('unit');
      expect(reason('1-7-5-2', 'targets.1404')).toBe('field');
      expect(reason('1-7-5-2', 'funding.1404')).toBe('field');
      expect(reason('1-7-5-2', 'actuals.1402')).toBe('locked');
      expect(reason('1-7-4-5', 'actuals.1403')).toBe('value');
      expect(reason('1-7-4-5', 'actuals.1405')).toBe('value');
      expect(reason('9-9-9-9', 'actuals.1403')).toBe('unknown');
      expect(reason('3', 'actuals.1403')).toBe('value');
      for (const x of a.refused) expect(x.message.en.length * x.message.fa.length).toBeGreaterThan(0);
      const plan = (await call('GET', '/api/plans/changes', 'secretariat')).json() as Plan;
      const line = plan.indicators.find((i) => i.id === '1-7-5-2')!;
      expect(line.actuals).toMatchObject({ 1404: 61 });
      expect(line.targets?.[1404]).toBe(95);
      expect(plan.indicators.find((i) => i.id === '1-8-7-1')!.actuals?.[1403]).toBeUndefined();

      // Nothing applicable: no new revision. The same value sent from the old base is a conflict now.
      const again = (await call('POST', '/api/plans/changes/changes', 'secretariat', { base: 0, changes: [{ ref: '1-7-5-2', field: 'actuals.1404', value: 70 }, { ref: '1-8-7-1', field: 'actuals.1402', value: 3 }] })).json();
      expect(again.revision).toBe(1);
      expect(again.applied).toEqual([]);
      expect(again.conflicts).toEqual([expect.objectContaining({ ref: '1-7-5-2', field: 'actuals.1404', value: 70, base: null, current: 61 })]);
      expect(again.refused).toEqual([expect.objectContaining({ reason: 'locked' })]);
      // The secretariat changes a target; twice the same field in one request is refused, both times.
      const sec = (await call('POST', '/api/plans/changes/changes', 'secretariat', { base: 1, changes: [{ ref: '1-7-5-2', field: 'targets.1404', value: 97 }, { ref: '1-7-4-5', field: 'notes.1403', value: 'a' }, { ref: '1-7-4-5', field: 'notes.1403', value: 'b' }] })).json();
      expect(sec.applied).toEqual([{ ref: '1-7-5-2', field: 'targets.1404', from: 95, to: 97 }]);
      expect(sec.refused.map((x: { reason: string }) => x.reason)).toEqual(['value', 'value']);
      expect(sec.revision).toBe(2);
    });

    test('changes: bad requests are 400 and change nothing; a viewer is 403; an unknown plan 404', async () => {
      const before = await revisionOf('changes');
      expectError(await call('POST', '/api/plans/changes/changes', 'viewer', { base: 0, changes: [{ ref: '1-7-5-2', field: 'actuals.1404', value: 1 }] }), 403);
      expectError(await call('POST', '/api/plans/changes/changes', 'reporter', { changes: [] }), 400, 'base');
      expectError(await call('POST', '/api/plans/changes/changes', 'reporter', { base: 0, changes: [] }), 400, 'changes');
      expectError(await call('POST', '/api/plans/changes/changes', 'reporter', { base: 99, changes: [{ ref: '1-7-5-2', field: 'actuals.1404', value: 1 }] }), 400, 'base');
      expectError(await call('POST', '/api/plans/changes/changes', 'reporter', [1, 2]), 400, 'body');
      expectError(await call('POST', '/api/plans/changes/changes', 'reporter', '{"base": 0, "changes": [}'), 400, 'json');
      expectError(await call('POST', '/api/plans/none/changes', 'reporter', { base: 0, changes: [{ ref: '1-7-5-2', field: 'actuals.1404', value: 1 }] }), 404);
      expect(await revisionOf('changes')).toBe(before);
    });

    test('the audit trail: every applied change once, after a revision; a reporter sees only their lines', async () => {
      const all = (await call('GET', '/api/plans/changes/changes?since=0', 'viewer')).json();
      expect(all.map((c: { field: string; revision: number }) => `${c.revision} ${c.field}`)).toEqual(['1 actuals.1404', '1 notes.1404', '1 actuals.1403', '2 targets.1404']);
      expect(all[0]).toEqual({ at: expect.any(String), by: 'budget-reporter', ref: '1-7-5-2', field: 'actuals.1404', from: null, to: 61, revision: 1 });
      expect(Number.isNaN(Date.parse(all[0].at))).toBe(false);
      expect((await call('GET', '/api/plans/changes/changes?since=1', 'viewer')).json()).toEqual([expect.objectContaining({ by: 'dabirkhaneh', to: 97, revision: 2 })]);
      expect((await call('GET', '/api/plans/changes/changes?since=1', 'other')).json()).toEqual([]);
      expect((await call('GET', '/api/plans/changes/changes?since=0', 'reporter')).json()).toHaveLength(4);
      expectError(await call('GET', '/api/plans/changes/changes?since=-1', 'viewer'), 400, 'query');
      expectError(await call('GET', '/api/plans/changes/changes?since=abc', 'viewer'), 400, 'query');
      expectError(await call('GET', '/api/plans/none/changes', 'viewer'), 404);
      // Every revision whole, the plan's own change log included.
      const r1 = await call('GET', '/api/plans/changes/revisions/1', 'viewer');
      expect(r1.headers.etag).toBe('"1"');
      expect((r1.json() as Plan).changes).toHaveLength(3);
      expect((r1.json() as Plan).indicators.find((i) => i.id === '1-7-5-2')!.targets?.[1404]).toBe(95);
      expect((await call('GET', '/api/plans/changes/revisions/0', 'reporter')).json().indicators).toHaveLength(8);
      expectError(await call('GET', '/api/plans/changes/revisions/9', 'viewer'), 404);
      expectError(await call('GET', '/api/plans/changes/revisions/x', 'viewer'), 400);
    });

    test('the report is what `plansheets report --json` prints for the same plan and options', async () => {
      const file = path.join(tmp, 'changes.plan.json');
      fs.writeFileSync(file, (await call('GET', '/api/plans/changes', 'secretariat')).body);
      const queries: Array<Record<string, string>> = [{}, { by: 'unit', year: '1403', mode: 'annual' }, { by: 'indicator', mode: 'horizon' }, { year: '۱۴۰۳' }];
      for (const q of queries) {
        const out: string[] = [];
        const args = Object.entries(q).flatMap(([k, v]) => [`--${k}`, v]);
        expect(await run(['report', file, '--json', ...args], { out: (s) => out.push(s), err: () => undefined })).toBe(0);
        const r = await call('GET', `/api/plans/changes/report?${new URLSearchParams(q)}`, 'viewer');
        expect(r.statusCode).toBe(200);
        expect(r.body).toBe(out.join('\n'));
      }
      expectError(await call('GET', '/api/plans/changes/report?mode=weekly', 'viewer'), 400, 'query');
      expectError(await call('GET', '/api/plans/changes/report?year=1399', 'viewer'), 400, 'query');
      expectError(await call('GET', '/api/plans/changes/report?by=unit&by=node', 'viewer'), 400, 'query');
      // A reporter's report covers their lines only.
      const mine = (await call('GET', '/api/plans/changes/report?by=unit', 'reporter')).json();
      expect(mine.rows.map((r: { key: string }) => r.key)).toEqual(['budget-office']);
    });

    test('20 change requests at once on one plan: one revision per applying request, every applied change once', async () => {
      await call('POST', '/api/plans', 'secretariat', variant('busy'));
      const refs = ['1-7-5-2', '1-7-4-5', '3-3-1-3', '1-4-6-3', '2-4-6-3'];
      const years = [1404, 1405, 1406];
      // 15 requests each change two fields of their own; 5 are all refused (another unit's line).
      const requests = Array.from({ length: 20 }, (_, i) =>
        i < 15
          ? call('POST', '/api/plans/busy/changes', 'reporter', { base: 0, changes: [{ ref: refs[i % 5], field: `actuals.${years[Math.floor(i / 5)]}`, value: i + 1 }, { ref: refs[i % 5], field: `notes.${years[Math.floor(i / 5)]}`, value: `n${i}` }] })
          : call('POST', '/api/plans/busy/changes', 'reporter', { base: 0, changes: [{ ref: '1-8-7-1', field: 'actuals.1404', value: i }] }),
      );
      const answers = (await Promise.all(requests)).map((r) => r.json());
      for (const [i, a] of answers.entries()) {
        if (i < 15) expect(a.applied).toHaveLength(2);
        else expect(a.refused).toEqual([expect.objectContaining({ reason: 'unit' })]);
      }
      const revisions = answers.filter((_, i) => i < 15).map((a) => a.revision).sort((x, y) => x - y);
      expect(revisions).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
      expect(await revisionOf('busy')).toBe(15);
      const trail = (await call('GET', '/api/plans/busy/changes?since=0', 'viewer')).json() as Array<{ ref: string; field: string; to: unknown }>;
      expect(trail).toHaveLength(30);
      expect(new Set(trail.map((c) => `${c.ref} ${c.field}`)).size).toBe(30);
      const plan = (await call('GET', '/api/plans/busy', 'secretariat')).json() as Plan;
      for (let i = 0; i < 15; i++) expect(plan.indicators.find((x) => x.id === refs[i % 5])!.actuals?.[years[Math.floor(i / 5)]]).toBe(i + 1);
      expect(plan.changes).toHaveLength(30);
    });

    test('repeated failed sign-ins from one address are refused with 429, across apps on the same database; other addresses and valid tokens are not', async () => {
      // Behind a proxy, the address is the one it forwards.
      const limited = { signInLimit: { failures: 3, windowSeconds: 600 }, trustProxy: true };
      const one = await another(limited);
      const two = await another(limited);
      const from = (a: FastifyInstance, address: string, token: string) => call('GET', '/api/plans', null, undefined, { authorization: `Bearer ${token}`, 'x-forwarded-for': address }, a);
      for (const a of [one, two, one]) expect((await from(a, '10.9.8.7', 'guess')).statusCode).toBe(401);
      const refused = await from(two, '10.9.8.7', 'another-guess');
      expectError(refused, 429, 'too-many-failures');
      expect(refused.headers['retry-after']).toBe('600');
      // A valid token from that address still gets in: behind a proxy many people share it, and
      // one person's typos must not lock out the secretariat.
      expect((await from(one, '10.9.8.7', tokens.viewer)).statusCode).toBe(200);
      expect((await from(one, '10.9.8.6', 'guess')).statusCode).toBe(401);
    });

    test('CORS: Access-Control-Allow-Origin only for the origins given', async () => {
      const open = await another({ origins: ['https://pane.example.org'] });
      const from = (a: FastifyInstance, origin: string) => call('GET', '/health', null, undefined, { origin }, a);
      expect((await from(open, 'https://pane.example.org')).headers['access-control-allow-origin']).toBe('https://pane.example.org');
      expect((await from(open, 'https://evil.example.com')).headers['access-control-allow-origin']).toBeUndefined();
      expect((await from(app, 'https://pane.example.org')).headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await call('OPTIONS', '/api/plans', null, undefined, { origin: 'https://pane.example.org', 'access-control-request-method': 'POST' }, open);
      expect(preflight.statusCode).toBeLessThan(300);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://pane.example.org');
    });
  });
}
