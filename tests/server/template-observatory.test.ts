// A unit's template downloaded from the server, filled and sent back; and the public observatory,
// readable without signing in only once the secretariat opens it.
import ExcelJS from 'exceljs';
import { startServer, type TestServer } from './web-helpers';
import { T_FIRST_ROW, T_IDS_ROW } from '../../src/core/templates/template';
import { XLSX_TYPE } from '../../src/xlsx/read-book';
import { run } from '../../src/cli/main';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Plan } from '../../src/core/plan/plan.types';

jest.setTimeout(120_000);

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => s?.close());

const template = (query: string, who: 'secretariat' | 'reporter' | 'viewer' | 'other' = 'reporter') => s.ask('GET', `/api/plans/${s.planId}/template?${query}`, { who });

test('a reporter downloads their unit\'s template, types a value in Persian digits and sends it back: applied with its cell', async () => {
  const r = await template('unit=budget-office&period=1405&lang=fa');
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toBe(XLSX_TYPE);
  expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="budget-office\.xlsx"; filename\*=UTF-8''budget-office\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.bytes as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  expect(ws.views[0]?.rightToLeft).toBe(true);
  const ids = (ws.getRow(T_IDS_ROW).values as string[]).slice(1);
  const refs: string[] = [];
  ws.eachRow((row, n) => {
    if (n >= T_FIRST_ROW && row.getCell(1).value) refs.push(String(row.getCell(1).value));
  });
  // Only the unit's lines are in it.
  const plan = JSON.parse((await s.ask('GET', `/api/plans/${s.planId}`, { who: 'secretariat' })).text) as Plan;
  const theirs = new Set(plan.indicators.filter((i) => i.unit === 'budget-office').map((i) => i.id));
  expect(refs.length).toBeGreaterThan(0);
  for (const ref of refs) expect(theirs.has(ref.split('.')[0])).toBe(true);
  ws.eachRow((row, n) => {
    if (n >= T_FIRST_ROW && row.getCell(1).value === '1-7-5-2') row.getCell(ids.indexOf('actual:1405') + 1).value = '۷۳';
  });
  const filled = Buffer.from(await wb.xlsx.writeBuffer());
  const sent = await s.ask('POST', `/api/plans/${s.planId}/books?name=budget.xlsx`, { who: 'reporter', body: filled, headers: { 'content-type': XLSX_TYPE } });
  expect(sent.status).toBe(200);
  expect(sent.json().applied).toEqual([expect.objectContaining({ ref: '1-7-5-2', field: 'actuals.1405', to: 73, cell: expect.stringMatching(/![A-Z]+\d+$/) })]);
  // The same bytes as the command line's template of that unit and period.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-tpl-'));
  try {
    const planFile = path.join(dir, 'plan.json');
    fs.writeFileSync(planFile, (await s.ask('GET', `/api/plans/${s.planId}`, { who: 'secretariat' })).text);
    const io = { out: () => undefined, err: () => undefined };
    expect(await run(['templates', planFile, '-o', dir, '--unit', 'budget-office', '--year', '1405', '--sheet-lang', 'fa'], io)).toBe(0);
    const cli = new ExcelJS.Workbook();
    await cli.xlsx.load(fs.readFileSync(path.join(dir, 'budget-office.xlsx')) as unknown as ExcelJS.Buffer);
    const again = new ExcelJS.Workbook();
    await again.xlsx.load((await template('unit=budget-office&period=1405&lang=fa')).bytes as unknown as ExcelJS.Buffer);
    const cells = (w: ExcelJS.Workbook) => w.worksheets.map((x) => x.getSheetValues().map((row) => JSON.stringify(row)));
    expect(cells(again)).toEqual(cells(cli));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('another unit\'s template, a viewer, an unknown unit or period, and a bad query are refused', async () => {
  expect((await template('unit=traffic-org&period=1405')).status).toBe(403);
  expect((await template('unit=budget-office&period=1405', 'viewer')).status).toBe(403);
  expect((await template('unit=nowhere&period=1405', 'secretariat')).json().error.code).toBe('unit');
  const badPeriod = await template('unit=budget-office&period=1399');
  expect(badPeriod.status).toBe(400);
  expect(badPeriod.json().error.message.en).toContain('1399');
  expect((await template('unit=budget-office&period=1405&lang=de')).status).toBe(400);
  expect((await template('unit=budget-office')).status).toBe(400);
});

test('the observatory is closed to the public until the secretariat opens it; then the plan (without its change log) and its report are readable without a sign-in', async () => {
  const anon = (url: string) => s.ask('GET', url);
  expect((await anon('/api/public/plans')).json()).toEqual([]);
  expect((await anon(`/api/public/plans/${s.planId}`)).status).toBe(404);
  expect((await anon(`/api/plans/${s.planId}`)).status).toBe(401);
  expect((await s.ask('POST', `/api/plans/${s.planId}/observatory`, { who: 'viewer', json: { public: true } })).status).toBe(403);
  expect((await s.ask('POST', `/api/plans/${s.planId}/observatory`, { who: 'secretariat', json: { public: 'yes' } })).status).toBe(400);
  expect((await s.ask('POST', `/api/plans/${s.planId}/observatory`, { who: 'secretariat', json: { public: true } })).json()).toEqual({ id: s.planId, public: true });
  // A change first, so the log has a name in it.
  const rev = Number(JSON.parse((await s.ask('GET', `/api/plans/${s.planId}`, { who: 'secretariat' })).headers.get('etag')!));
  await s.ask('POST', `/api/plans/${s.planId}/changes`, { who: 'reporter', json: { base: rev, changes: [{ ref: '1-7-5-2', field: 'actuals.1406', value: 40 }] } });
  const list = (await anon('/api/public/plans')).json();
  expect(list).toEqual([expect.objectContaining({ id: s.planId, revision: rev + 1, title: expect.any(String) })]);
  const open = await anon(`/api/public/plans/${s.planId}`);
  const plan = open.json() as Plan;
  expect(plan.changes).toBeUndefined();
  expect(open.text).not.toContain('budget-reporter');
  expect(plan.indicators.find((i) => i.id === '1-7-5-2')!.actuals!['1406']).toBe(40);
  const report = await anon(`/api/public/plans/${s.planId}/report?by=district`);
  expect(report.text).toBe((await s.ask('GET', `/api/plans/${s.planId}/report?by=district`, { who: 'secretariat' })).text);
  // Closing it again closes the routes.
  await s.ask('POST', `/api/plans/${s.planId}/observatory`, { who: 'secretariat', json: { public: false } });
  expect((await anon(`/api/public/plans/${s.planId}/report`)).status).toBe(404);
});
