// `plansheets pull` and `push` against a real plan server (PGlite, listening on 127.0.0.1), as a
// unit's staff and the secretariat use them: a filled template sent, merged on the server with
// the unit's rights, answered with what applied; the plan pulled back as the token may read it.
import * as fs from 'fs';
import type { FastifyInstance } from 'fastify';
import { openMigrated } from '../../src/server/migrations';
import type { Db } from '../../src/server/db';
import { addUser } from '../../src/server/users';
import { buildApp } from '../../src/server/app';
import { loadPlan } from '../../src/core/plan/load';
import type { Plan } from '../../src/core/plan/plan.types';
import { cli, tempFolder } from '../hostile/cli';
import { busLine, filledBusTemplate } from '../helpers/filled-template';
import { sampleText } from '../helpers/plan';

jest.setTimeout(120000);
const { at, dirFor } = tempFolder('client');
const sample = sampleText();
const planId = (JSON.parse(sample) as Plan).meta.id;

let db: Db;
let app: FastifyInstance;
let url: string;
const tokens = { secretariat: '', bus: '', other: '', viewer: '' };

beforeAll(async () => {
  db = await openMigrated({ data: dirFor('db') });
  tokens.secretariat = await addUser(db, 'secretariat', 'secretariat', []);
  tokens.bus = await addUser(db, 'bus-staff', 'reporter', ['bus-org']);
  const otherUnit = loadPlan(sample).index!.plan.units!.find((u) => u.id !== 'bus-org')!.id;
  tokens.other = await addUser(db, 'other-staff', 'reporter', [otherUnit]);
  tokens.viewer = await addUser(db, 'council', 'viewer', []);
  app = buildApp(db);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  url = `http://127.0.0.1:${address.port}`;
  const r = await fetch(`${url}/api/plans`, { method: 'POST', headers: { authorization: `Bearer ${tokens.secretariat}`, 'content-type': 'application/json' }, body: sample });
  expect(r.status).toBe(201);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

const revision = async () => Number((await fetch(`${url}/api/plans/${planId}`, { headers: { authorization: `Bearer ${tokens.secretariat}` } })).headers.get('etag')!.replace(/"/g, ''));

describe('pull', () => {
  it("writes the secretariat's plan as the server keeps it, byte for byte", async () => {
    const r = await cli('pull', url, planId, '-o', at('whole.json'), '--token', tokens.secretariat);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(at('whole.json'), 'utf8')).toBe(sample);
    expect(r.err).toMatch(/pulled plan ".*" at revision \d+/);
  });

  it("gives a unit's staff only their unit's lines, as a plan that loads", async () => {
    const r = await cli('pull', url, planId, '-o', at('bus.json'), '--token', tokens.bus);
    expect(r.code).toBe(0);
    const plan = loadPlan(fs.readFileSync(at('bus.json'), 'utf8'));
    expect(plan.ok).toBe(true);
    expect(plan.index!.indicatorList.length).toBeGreaterThan(0);
    expect(plan.index!.indicatorList.every((e) => e.indicator.unit === 'bus-org')).toBe(true);
  });

  it('takes the token from PLANSHEETS_TOKEN', async () => {
    process.env.PLANSHEETS_TOKEN = tokens.viewer;
    try {
      expect((await cli('pull', url, planId, '-o', at('env.json'))).code).toBe(0);
    } finally {
      delete process.env.PLANSHEETS_TOKEN;
    }
  });

  it.each([
    ['a forged token', ['--token', 'x'.repeat(43)], 1, /401/],
    ['no token', [], 2, /--token TOKEN or PLANSHEETS_TOKEN/],
    ['a plan the server does not have', ['--token', 'SECRETARIAT', '--plan', 'nope'], 1, /404/],
  ])('%s: a clear error, nothing written', async (_what, extra, code, message) => {
    const args = extra.map((a) => (a === 'SECRETARIAT' ? tokens.secretariat : a));
    const id = args.includes('--plan') ? args.splice(args.indexOf('--plan'), 2)[1] : planId;
    const out = at(`bad-${code}-${id}.json`);
    const r = await cli('pull', url, id, '-o', out, ...args);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a server that does not answer', async () => {
    const closed = buildApp(db);
    await closed.listen({ host: '127.0.0.1', port: 0 });
    const port = (closed.server.address() as { port: number }).port;
    await closed.close();
    const r = await cli('--lang', 'fa', 'pull', `http://127.0.0.1:${port}`, planId, '-o', at('none.json'), '--token', tokens.bus);
    expect(r.code).toBe(1);
    expect(r.err).toContain('دسترسی نشد');
    expect(r.err).toContain('ECONNREFUSED');
  });
});

describe('push', () => {
  const line = busLine();

  it("merges a unit's filled template on the server: applied, one revision more, in the audit trail", async () => {
    const book = at('bus-1403.xlsx');
    fs.writeFileSync(book, Buffer.from(await filledBusTemplate({ [line.id]: '۴۲' })));
    const before = await revision();
    const r = await cli('push', url, planId, book, '--token', tokens.bus);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/bus-1403\.xlsx: 1 applied, 0 in conflict, 0 refused; revision \d+/);
    expect(await revision()).toBe(before + 1);
    const trail = (await (await fetch(`${url}/api/plans/${planId}/changes?since=${before}`, { headers: { authorization: `Bearer ${tokens.secretariat}` } })).json()) as Array<{ by: string; ref: string; field: string; to: unknown }>;
    expect(trail).toEqual([expect.objectContaining({ by: 'bus-staff', ref: line.id, field: 'actuals.1403', to: 42 })]);

    // Sent again (an answer lost on the way): acknowledged, and no second revision.
    const again = await cli('push', url, planId, book, '--token', tokens.bus);
    expect(again.code).toBe(0);
    expect(await revision()).toBe(before + 1);
  });

  it("refuses another unit's lines: exit 3, the refusal named, nothing applied", async () => {
    const book = at('bus-by-other.xlsx');
    fs.writeFileSync(book, Buffer.from(await filledBusTemplate({ [line.id]: 7 })));
    const before = await revision();
    const r = await cli('push', url, planId, book, '--token', tokens.other);
    expect(r.code).toBe(3);
    expect(r.out).toContain(`refused ${'\u2068'}${line.id} actuals.1403${'\u2069'}`);
    expect(r.out).toMatch(/0 applied, 0 in conflict, 1 refused/);
    expect(await revision()).toBe(before);
  });

  it('a viewer cannot push; a file that is not a workbook is refused with its name', async () => {
    const book = at('bus-viewer.xlsx');
    fs.writeFileSync(book, Buffer.from(await filledBusTemplate({ [line.id]: 8 })));
    const viewer = await cli('push', url, planId, book, '--token', tokens.viewer);
    expect(viewer.code).toBe(1);
    expect(viewer.err).toMatch(/403/);
    fs.writeFileSync(at('not-a-book.xlsx'), 'hello');
    const junk = await cli('push', url, planId, at('not-a-book.xlsx'), '--token', tokens.bus);
    expect(junk.code).toBe(1);
    expect(junk.err).toMatch(/400.*not-a-book\.xlsx/);
  });

  it('reads every book before sending any: a missing one sends nothing', async () => {
    const before = await revision();
    const book = at('bus-2.xlsx');
    fs.writeFileSync(book, Buffer.from(await filledBusTemplate({ [line.id]: 9 })));
    const r = await cli('push', url, planId, book, at('missing.xlsx'), '--token', tokens.bus);
    expect(r.code).toBe(2);
    expect(await revision()).toBe(before);
  });
});
