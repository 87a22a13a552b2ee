// The Office.js gateway (src/excel) run against the strict Excel double.
import { readFileSync } from 'fs';
import { join } from 'path';
import { ExcelDouble, hostPresets } from './index';
import { columnLetters } from './addresses';
import { officeGateway } from '../../src/excel/office-gateway';
import { addTemplateSheet, buildSheets, writeFactsTable } from '../../src/runtime/sheets-session';
import { loadPlan } from '../../src/core/plan/load';
import { factRows } from '../../src/core/facts/facts';
import { BASE_SHEET } from '../../src/core/grid/base-sheet';
import { defaultTemplatePeriod, templateUnits } from '../../src/core/templates/template';
import type { OpenedPlan } from '../../src/runtime/plan-store';
import { sampleText } from '../helpers/plan';
import { excelDouble as setup, restoreOffice } from '../excel/helpers';

const opened = { text: sampleText(), source: 's', result: loadPlan(sampleText()) } as OpenedPlan;
const index = opened.result.index!;
const rtlTemplate = readFileSync(join(__dirname, '../../assets/rtl-template.xlsx')).toString('base64');

afterEach(restoreOffice);

/** Where the "actual:1405" input of the line 1-7-5-2 is on an indicator sheet (0-based). */
function inputCell(double: ExcelDouble, sheet: string): { r: number; c: number; address: string } {
  const cells = double.cells(sheet);
  const r = cells.findIndex((row) => row[0] === '1-7-5-2');
  const c = cells[0].indexOf('actual:1405');
  return { r, c, address: `${columnLetters(c)}${r + 1}` };
}

describe.each(['m365', 'web'] as const)('the gateway on %s', (preset) => {
  test('stores and reads the plan, recalculates, builds and reads the sheets, writes Facts and a template', async () => {
    const double = setup(hostPresets[preset]);
    await officeGateway.storePlan(sampleText());
    expect(await officeGateway.readStoredPlan()).toBe(sampleText());
    await officeGateway.recalculate();
    expect(double.calculations).toEqual(['Full']);

    const built = await buildSheets(officeGateway, opened, { rtlTemplate });
    expect(built.rtl).toBe('applied');
    for (const name of built.sheets) expect(double.sheet(name)).toEqual(expect.objectContaining({ rtl: true, protected: true, visibility: 'Visible' }));
    expect(double.sheet(BASE_SHEET).visibility).toBe('VeryHidden');
    const read = await officeGateway.readIndicatorSheets();
    expect(read.sheets.map((s) => s.name)).toEqual(built.sheets);
    expect(JSON.parse(read.base!)).toEqual(JSON.parse(sampleText()));

    // A second build retires the very hidden base of the first (unhidden first).
    await buildSheets(officeGateway, opened, { rtlTemplate });
    expect(double.sheetNames().map((s) => s.name)).toEqual(['Sheet1', ...built.sheets, BASE_SHEET]);

    expect(await writeFactsTable(officeGateway, opened, 'en')).toEqual({ pivots: true, rows: factRows(index, 'en').length });
    expect(double.valuesOf('Facts').slice(1)).toEqual(factRows(index, 'en').map((r) => r.map((v) => (v === null ? '' : v))));
    expect(double.sheet('Pivots').pivots.map((p) => p.name)).toEqual(['PlanSheetsAchievement', 'PlanSheetsBudget']);

    const template = await addTemplateSheet(officeGateway, opened, templateUnits(index)[0], String(defaultTemplatePeriod(index).year ?? ''), { lang: 'fa', rtlTemplate });
    expect(double.sheet(template.sheet)).toEqual(expect.objectContaining({ rtl: true, protected: true, active: true }));
    expect((await officeGateway.readActiveSheet()).name).toBe(template.sheet);
    expect(double.requests.every((r) => r.requestBytes <= 5 * 1024 * 1024 && r.responseBytes <= 5 * 1024 * 1024)).toBe(true);
  });
});

test('on Office 2019 (ExcelApi 1.7) sheets are built left to right and Facts has no PivotTables', async () => {
  const double = setup(hostPresets.office2019);
  expect((await buildSheets(officeGateway, opened, { rtlTemplate })).rtl).toBe('unsupported');
  expect((await writeFactsTable(officeGateway, opened, 'en')).pivots).toBe(false);
  expect(double.sheet('Facts').tables.map((t) => t.name)).toEqual(['PlanSheetsFacts']);
});

test('a rebuild cut short at any sync, before or between its commands, keeps what was typed', async () => {
  const probe = setup();
  await buildSheets(officeGateway, opened);
  const first = probe.sheetNames()[1].name;
  const before = probe.syncCount;
  await buildSheets(officeGateway, opened);
  const syncs = probe.syncCount - before;
  restoreOffice();
  // The stored cell (not its value through Range.values): no recalculation needed to check it.
  const stored = (double: ExcelDouble) => {
    const { r, c } = inputCell(double, first);
    return double.cells(first)[r][c];
  };
  // Every sync fails once: alternately before any command ran and after the first one; the last also deep inside.
  const cuts = Array.from({ length: syncs }, (_, i) => ({ n: i + 1, afterCommands: i % 2 ? 1 : undefined }));
  cuts.push({ n: syncs, afterCommands: 40 });
  for (const { n, afterCommands } of cuts) {
    const double = setup();
    await buildSheets(officeGateway, opened);
    double.type(first, inputCell(double, first).address, '۳۳');
    double.failAt(n, { afterCommands });
    await expect(buildSheets(officeGateway, opened)).rejects.toHaveProperty('code');
    const again = await buildSheets(officeGateway, opened);
    expect({ n, afterCommands, carried: again.carried, value: stored(double) }).toEqual({ n, afterCommands, carried: 1, value: 33 });
    restoreOffice();
  }
});
