/* global Excel */
// The indicator sheets through Office.js, on the strict double of Excel (tests/excel-double):
// every rule Microsoft documents for what the gateway calls is enforced there.
import { officeGateway } from '../../src/excel/office-gateway';
import { KEY_ID, layoutSheets, toMatrix } from '../../src/core/grid/layout';
import { BASE_ID, BASE_SHEET, baseSheetRows } from '../../src/core/grid/base-sheet';
import { loadPlan } from '../../src/core/plan/load';
import { buildSheets, previewSync } from '../../src/runtime/sheets-session';
import { OverExcelLimits, overExcelLimits } from '../../src/core/grid/excel-limits';
import { formatValue } from '../excel-double/number-format';
import { sampleText } from '../helpers/plan';
import { cellOf, excelDouble, hostPresets, indicatorSheets, opened, openedUnchecked, restoreOffice, RTL_TEMPLATE } from './helpers';

afterEach(restoreOffice);

const sample = opened(sampleText());
const index = loadPlan(sampleText()).index!;
const models = layoutSheets(index);
const names = models.map((m) => m.name);

describe('building the indicator sheets in Excel', () => {
  test('the sample on Excel on the web: right-to-left sheets from the template, protected, frozen, the base very hidden', async () => {
    const d = excelDouble(hostPresets.web);
    const result = await buildSheets(officeGateway, sample, { rtlTemplate: RTL_TEMPLATE });
    expect(result.rtl).toBe('applied');
    expect(result.missing).toEqual([]);
    expect(result.sheets).toEqual(names);
    expect(d.sheetNames()).toEqual([{ name: 'Sheet1', visibility: 'Visible' }, ...names.map((name) => ({ name, visibility: 'Visible' })), { name: BASE_SHEET, visibility: 'VeryHidden' }]);
    for (const name of names) {
      const s = d.sheet(name);
      expect(s.rtl).toBe(true);
      expect(s.protected).toBe(true);
      expect(s.frozen).not.toBeNull();
      expect(s.conditionalFormats.length).toBeGreaterThan(0);
      // codes are text, not dates or numbers
      expect(d.numberFormat(name, 'B3')).toBe('@');
    }
    const read = await officeGateway.readIndicatorSheets();
    expect(read.sheets.map((s) => s.name)).toEqual(names);
    expect(read.base).toBe(sampleText());
    // what the sheets hold is what the layout wrote
    expect(read.sheets[0].values[3][1]).toBe(toMatrix(models[0])[3][1]);
  });

  test('a rebuild (and so Apply) works although the base sheet is very hidden, and keeps what was typed', async () => {
    const d = excelDouble(hostPresets.m365);
    await buildSheets(officeGateway, sample);
    const at = cellOf(d, names[0], '1-7-5-2', 'actual:1405');
    d.type(names[0], at, '۳۳');
    d.addSheet('My notes', [['mine']]);
    const again = await buildSheets(officeGateway, sample);
    expect(again.carried).toBe(1);
    expect(d.value(names[0], cellOf(d, names[0], '1-7-5-2', 'actual:1405'))).toBe(33);
    // no second generation, no leftover base: the old sheets were retired, the new took their names
    expect(d.sheetNames().map((s) => s.name)).toEqual(['Sheet1', 'My notes', ...names, BASE_SHEET].sort((a, b) => d.sheetNames().findIndex((s) => s.name === a) - d.sheetNames().findIndex((s) => s.name === b)));
    expect(d.sheetNames().filter((s) => s.name.startsWith('PlanSheets'))).toEqual([{ name: BASE_SHEET, visibility: 'VeryHidden' }]);
    expect(d.valuesOf('My notes')).toEqual([['mine']]);
    const preview = await previewSync(officeGateway, index);
    expect(preview.merge.changes).toEqual([expect.objectContaining({ ref: '1-7-5-2', field: 'actuals.1405', value: 33 })]);
  });

  test('the first build in a workbook made by `plansheets build`: its indicator sheets the only visible ones, its base very hidden', async () => {
    const d = excelDouble({ ...hostPresets.m365, sheets: [] });
    const typed = toMatrix(models[1]);
    const c = typed[0].indexOf('comment');
    typed[5][c] = 'checked with the unit';
    models.forEach((m, i) => d.addSheet(m.name, i === 1 ? typed : toMatrix(m)));
    d.addSheet(BASE_SHEET, baseSheetRows(sampleText()), { visibility: 'VeryHidden' });
    const result = await buildSheets(officeGateway, sample);
    expect(result.carried).toBe(1);
    expect(indicatorSheets(d)).toEqual(names);
    expect(d.value(names[1], cellOf(d, names[1], String(typed[5][0]), 'comment'))).toBe('checked with the unit');
    expect(d.sheetNames().filter((s) => s.visibility !== 'Visible')).toEqual([{ name: BASE_SHEET, visibility: 'VeryHidden' }]);
  });

  test('targets and actuals show as typed: 95 as "95", 2.5 as "2.5" (never "95." as #,##0.## would)', async () => {
    const d = excelDouble(hostPresets.m365);
    await buildSheets(officeGateway, sample);
    const at = cellOf(d, names[0], '1-7-5-2', 'actual:1405');
    const text = async () =>
      Excel.run(async (context) => {
        const r = context.workbook.worksheets.getItem(names[0]).getRange(at).load('text');
        await context.sync();
        return r.text[0][0];
      });
    d.type(names[0], at, '95');
    expect(await text()).toBe('95');
    d.type(names[0], at, '2.5');
    expect(await text()).toBe('2.5');
    expect(formatValue(95, '#,##0.##')).toBe('95.');
  });

  test('the previously active indicator sheet is active again after a rebuild', async () => {
    const d = excelDouble(hostPresets.m365);
    await buildSheets(officeGateway, sample);
    d.workbook.activeName = names[2];
    await buildSheets(officeGateway, sample);
    expect(d.sheet(names[2]).active).toBe(true);
  });

  test('sheet names Excel refuses are never asked for: History, apostrophes, reserved characters', async () => {
    const plan = JSON.parse(sampleText());
    plan.workingGroups[0].title = 'History';
    plan.workingGroups[1].title = "'quoted'";
    plan.workingGroups[2].title = 'a/b: c?';
    const d = excelDouble(hostPresets.m365);
    const result = await buildSheets(officeGateway, opened(JSON.stringify(plan)));
    expect(result.sheets.slice(0, 3)).toEqual(['History (2)', 'quoted', 'a b c']);
    expect(indicatorSheets(d)).toEqual(result.sheets);
  });

  test('sync counts for the sample: 2 to 4 to read, one a sheet, one for the base, one to commit', async () => {
    const d = excelDouble(hostPresets.m365);
    await buildSheets(officeGateway, sample, { rtlTemplate: RTL_TEMPLATE });
    // a new workbook: 2 reads; + 1: the first right-to-left sheet is inserted in a request of its own;
    // + 1 the first time: typing is watched (excel/typing.ts), and the build's own writes fire no work
    expect(d.syncCount).toBe(2 + 1 + names.length + 1 + 1 + 1);
    let before = d.syncCount;
    await officeGateway.readIndicatorSheets();
    expect(d.syncCount - before).toBe(4);
    before = d.syncCount;
    await buildSheets(officeGateway, sample, { rtlTemplate: RTL_TEMPLATE });
    expect(d.syncCount - before).toBe(4 + 1 + names.length + 1 + 1);
  });
});

describe('what Excel cannot hold', () => {
  test('a title over 32,767 characters is refused before anything is written, naming its cell; the sheets stay as they were', async () => {
    const d = excelDouble(hostPresets.m365);
    await buildSheets(officeGateway, sample);
    d.type(names[0], cellOf(d, names[0], '1-7-5-2', 'actual:1405'), '44');
    const before = d.sheetNames();
    const requests = d.requests.length;
    const plan = JSON.parse(sampleText());
    plan.indicators[0].title = 'ب'.repeat(40000);
    const err = await buildSheets(officeGateway, openedUnchecked(plan)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OverExcelLimits);
    expect((err as OverExcelLimits).text.en).toMatch(/^"[^"]+"!C\d+ \(line 1-7-5-2, عنوان\) would hold 40000 characters; Excel holds at most 32767\. Nothing was changed\.$/);
    expect((err as OverExcelLimits).text.fa).toContain('اکسل حداکثر 32767');
    // only reads reached Excel
    expect(d.requests.slice(requests).every((r) => r.requestBytes < 10_000)).toBe(true);
    expect(d.sheetNames()).toEqual(before);
    expect(d.value(names[0], cellOf(d, names[0], '1-7-5-2', 'actual:1405'))).toBe(44);
  });

  test('a formula over 8,192 characters (a header row over very many items) is refused the same way', () => {
    const model = layoutSheets(index)[0];
    const header = model.rows.findIndex((r) => r.kind === 'header');
    const c = model.columns.findIndex((col) => col.kind === 'cumulative');
    model.rows[header].cells[c] = { formula: `=${'A1+'.repeat(3000)}A1` };
    expect(overExcelLimits([model])?.en).toContain(`of formula; Excel holds at most 8192`);
    expect(overExcelLimits(layoutSheets(index))).toBeNull();
  });
});

describe('which Excel', () => {
  test('Excel 2019 (ExcelApi 1.7): sheets built, left to right, and the pane is told why', async () => {
    excelDouble({ ...hostPresets.office2019, apiNotFound: 'call' });
    const result = await buildSheets(officeGateway, sample, { rtlTemplate: RTL_TEMPLATE });
    expect(result.rtl).toBe('unsupported');
    // page layout (A4, fit to width, print titles) needs ExcelApi 1.9: the sheets print as Excel's default
    expect(result.missing).toEqual(['print']);
    expect(result.sheets).toEqual(names);
  });

  test('Excel 2016 (ExcelApi 1.1): sheets built without widths, colours, frozen panes or protection; the plan is not stored', async () => {
    const d = excelDouble({ ...hostPresets.office2016, apiNotFound: 'call' });
    const result = await buildSheets(officeGateway, sample);
    expect(result.missing).toEqual(['sheetFormat', 'statusColours', 'freeze', 'print']);
    expect(indicatorSheets(d)).toEqual(names);
    expect(d.sheet(names[0]).protected).toBe(false);
    await officeGateway.storePlan(sampleText());
    expect(d.customXml()).toEqual([]);
    expect(await officeGateway.readStoredPlan()).toBeNull();
    // a rebuild still keeps what was typed
    d.type(names[0], cellOf(d, names[0], '1-7-5-2', 'actual:1405'), '12');
    expect((await buildSheets(officeGateway, sample)).carried).toBe(1);
  });
});

describe('large plans on Excel on the web (5 MB a request and a response, in UTF-8)', () => {
  test('a sheet of ~8 MB of Persian text is written, read back and rebuilt; the base and the stored plan in parts', async () => {
    const plan = JSON.parse(sampleText());
    const long = 'شاخص عملکرد '.repeat(900);
    plan.indicators.forEach((ind: { title: string; workingGroup?: string; items?: Array<{ title?: string }> }) => {
      ind.title = long;
      ind.workingGroup = plan.workingGroups[0].id;
      for (const item of ind.items ?? []) item.title = long;
    });
    const text = JSON.stringify(plan);
    const d = excelDouble(hostPresets.web);
    const big = opened(text);
    const result = await buildSheets(officeGateway, big);
    expect(result.sheets).toHaveLength(1);
    expect(d.requests.every((r) => r.requestBytes <= 5 * 1024 * 1024)).toBe(true);
    expect(d.requests.some((r) => r.requestBytes > 3 * 1024 * 1024)).toBe(true);
    const read = await officeGateway.readIndicatorSheets();
    expect(read.base).toBe(text);
    expect(read.sheets[0].values.length).toBe(toMatrix(layoutSheets(big.result.index)[0]).length);
    // a response Excel refused as too large was asked for again in halves: every answered one is under 5 MB
    expect(d.requests.some((r) => r.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    expect(d.requests.filter((r) => !r.error).every((r) => r.responseBytes <= 5 * 1024 * 1024)).toBe(true);
    await officeGateway.storePlan(text);
    expect(d.customXml().length).toBeGreaterThan(1);
    expect(await officeGateway.readStoredPlan()).toBe(text);
    expect((await buildSheets(officeGateway, big)).sheets).toHaveLength(1);
  });
});

describe('what is read back', () => {
  test('sheets of a build cut short before its commit are not read, and the next build clears them', async () => {
    const d = excelDouble(hostPresets.m365);
    await buildSheets(officeGateway, sample);
    d.type(names[0], cellOf(d, names[0], '1-7-5-2', 'actual:1405'), '7');
    // the base of the next build is written in the sync before the commit: fail there
    d.failAt(4 + names.length + 1);
    await expect(buildSheets(officeGateway, sample)).rejects.toThrow();
    expect(d.sheetNames().length).toBeGreaterThan(names.length + 2);
    const read = await officeGateway.readIndicatorSheets();
    expect(read.sheets.map((s) => s.name)).toEqual(names);
    expect(read.sheets[0].values[0][0]).toBe(KEY_ID);
    const again = await buildSheets(officeGateway, sample);
    expect(again.carried).toBe(1);
    expect(d.sheetNames().map((s) => s.name).filter((n) => n.startsWith('PlanSheets'))).toEqual([BASE_SHEET]);
    expect(d.valuesOf(BASE_SHEET)[0][0]).toBe(BASE_ID);
  });
});
