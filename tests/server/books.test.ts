// Workbooks sent to the plan server as an attacker would send them: a hidden copy of the plan
// altered to hide a conflict or to pass for another revision, a template of another unit, bytes
// that are not a workbook, a body beyond the limit. Each is refused with what and where, and the
// plan on the server stays as it was.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Db } from '../../src/server/db';
import { migrate } from '../../src/server/migrations';
import { addUser } from '../../src/server/users';
import { buildApp } from '../../src/server/app';
import { XLSX_TYPE } from '../../src/xlsx/read-book';
import type { Plan } from '../../src/core/plan/plan.types';
import { loadPlan } from '../../src/core/plan/load';
import { sampleText } from '../helpers/plan';
import { busLine, filledTemplate } from '../helpers/filled-template';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-books-'));
const sample = JSON.parse(sampleText()) as Plan;
const planId = sample.meta.id;
const tokens = { secretariat: '', bus: '' };
let db: Db;
let app: FastifyInstance;
let small: FastifyInstance;
const urls = { app: '', small: '' };

const listen = async (a: FastifyInstance) => {
  await a.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(a.server.address() as { port: number }).port}`;
};

beforeAll(async () => {
  db = await openDatabase({ data: tmp });
  await migrate(db);
  tokens.secretariat = await addUser(db, 'secretariat', 'secretariat', []);
  tokens.bus = await addUser(db, 'bus-staff', 'reporter', ['bus-org']);
  app = buildApp(db);
  small = buildApp(db, { bodyLimit: 64 * 1024 });
  urls.app = await listen(app);
  urls.small = await listen(small);
  const r = await fetch(`${urls.app}/api/plans`, { method: 'POST', headers: { authorization: `Bearer ${tokens.secretariat}`, 'content-type': 'application/json' }, body: sampleText() });
  expect(r.status).toBe(201);
}, 300_000);

afterAll(async () => {
  await app?.close();
  await small?.close();
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function send(bytes: ArrayBuffer | Uint8Array, name = 'bus.xlsx', on = urls.app) {
  const r = await fetch(`${on}/api/plans/${planId}/books?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { authorization: `Bearer ${tokens.bus}`, 'content-type': XLSX_TYPE }, body: new Uint8Array(bytes) });
  const text = await r.text();
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
  return { status: r.status, body: JSON.parse(text) };
}
const onServer = async () => {
  const r = await fetch(`${urls.app}/api/plans/${planId}`, { headers: { authorization: `Bearer ${tokens.secretariat}` } });
  return { revision: Number(JSON.parse(r.headers.get('etag')!)), text: await r.text() };
};
/** The sample with `edit` applied, as file text (the revision kept unless the edit sets it). */
const altered = (edit: (p: Plan) => void) => {
  const p = JSON.parse(sampleText()) as Plan;
  edit(p);
  return JSON.stringify(p);
};

describe('books sent to the plan server', () => {
  const line = busLine();
  const ref = String(line.indicator.id);

  test('a hidden plan altered to hide a conflict is refused with its cell, and nothing changes', async () => {
    const before = await onServer();
    // The book claims the server's revision but says the line's 1403 actual was 999 there.
    const bytes = await filledTemplate(altered((p) => (p.indicators.find((i) => i.id === ref)!.actuals = { ...p.indicators.find((i) => i.id === ref)!.actuals, '1403': 999 })), 'bus-org', 1403, { [ref]: '۴۲' });
    const r = await send(bytes);
    expect(r.status).toBe(200);
    expect(r.body.applied).toEqual([]);
    expect(r.body.refused).toEqual([expect.objectContaining({ ref, field: 'actuals.1403', value: 42, reason: 'value', cell: expect.stringMatching(/!\$?[A-Z]+\$?\d+$/) })]);
    expect(r.body.refused[0].message.en).toMatch(/hidden copy was altered/);
    expect(r.body.refused[0].message.fa).toMatch(/نسخه پنهان/);
    expect(await onServer()).toEqual(before);
  });

  test('a book claiming a revision the server never made is a 400 naming it; one for another unit is refused line by line', async () => {
    const before = await onServer();
    const future = await send(await filledTemplate(altered((p) => (p.meta.revision = before.revision + 5)), 'bus-org', 1403, { [ref]: 42 }));
    expect(future.status).toBe(400);
    expect(future.body.error.code).toBe('base');
    expect(future.body.error.message.en).toContain(`revision ${before.revision + 5}`);
    // The traffic company's template, filled and sent with the bus company's token.
    const traffic = loadPlan(sampleText()).index!.indicatorList.find((e) => e.indicator.unit === 'traffic-org' && !e.hasItems)!.indicator;
    const other = await send(await filledTemplate(sampleText(), 'traffic-org', 1403, { [String(traffic.id)]: 7 }), 'traffic.xlsx');
    expect(other.status).toBe(200);
    expect(other.body.applied).toEqual([]);
    expect(other.body.refused).toEqual([expect.objectContaining({ ref: traffic.id, reason: 'unit', cell: expect.any(String) })]);
    expect(await onServer()).toEqual(before);
  });

  test('bytes that are not a workbook, a truncated workbook and a body over the limit get a clear error each', async () => {
    const before = await onServer();
    const junk = await send(new TextEncoder().encode('<html>not a workbook</html>'), 'junk.xlsx');
    expect(junk.status).toBe(400);
    expect(junk.body.error.message.en).toMatch(/^junk\.xlsx cannot be read as a workbook/);
    const good = new Uint8Array(await filledTemplate(sampleText(), 'bus-org', 1403, { [ref]: 42 }));
    const cut = await send(good.subarray(0, Math.floor(good.length / 2)), 'cut.xlsx');
    expect(cut.status).toBe(400);
    expect(cut.body.error.message.en).toMatch(/^cut\.xlsx cannot be read as a workbook/);
    const big = await send(new Uint8Array(65 * 1024), 'big.xlsx', urls.small);
    expect(big.status).toBe(413);
    expect(typeof big.body.error.message.fa).toBe('string');
    expect(await onServer()).toEqual(before);
    // And the honest book still goes through afterwards.
    const ok = await send(good);
    expect(ok.body.applied).toEqual([expect.objectContaining({ ref, field: 'actuals.1403', to: 42, cell: expect.any(String) })]);
    expect(ok.body.revision).toBe(before.revision + 1);
  });
});
