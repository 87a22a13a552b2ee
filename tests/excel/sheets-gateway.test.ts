import { OfficeMockObject } from 'office-addin-mock';
import { countingRun } from '../helpers/counting-run';
import { officeGateway } from '../../src/excel/office-gateway';
import { KEY_ID, layoutSheets, toMatrix } from '../../src/core/grid/layout';
import { BASE_ID, baseSheetRows } from '../../src/core/grid/base-sheet';
import { loadPlan } from '../../src/core/plan/load';
import { buildSheets } from '../../src/runtime/sheets-session';
import type { OpenedPlan } from '../../src/runtime/plan-store';
import { sampleText } from '../helpers/plan';

type Any = Record<string, unknown>;

// office-addin-mock wraps the objects it is built with; sheets and ranges handed out by calls
// (and collection items) stay plain objects, so they answer load() themselves.
function load(this: Any): Any {
  return this;
}

function rangeMock(values: unknown[][] = [['']], isNullObject = false): Any {
  return {
    load,
    isNullObject,
    values,
    formulas: [],
    numberFormat: [],
    columnHidden: false,
    rowHidden: false,
    format: { columnWidth: 0, wrapText: false, font: { bold: false }, protection: { locked: true } },
    conditionalFormats: { add: () => ({ cellValue: { format: { fill: { color: '' } }, rule: {} } }) },
  };
}

/** A sheet as office-addin-mock needs it: every object a call returns exists up front. */
function sheetMock(name: string, id: string, used?: unknown[][], isNullObject = false): Any {
  const range = rangeMock();
  const a1 = rangeMock([[used?.[0]?.[0] ?? '']]);
  const usedRange = rangeMock(used ?? [['']], isNullObject);
  return {
    load,
    isNullObject,
    name,
    id,
    visibility: 'Visible',
    range,
    a1,
    usedRange,
    written: [] as number[],
    deleted: false,
    delete() {
      (this as Any).deleted = true;
    },
    getRange(address: string) {
      return address === 'A1' ? (this as Any).a1 : (this as Any).range;
    },
    getRangeByIndexes(row: number) {
      ((this as Any).written as number[]).push(row);
      return (this as Any).range;
    },
    getUsedRange() {
      return (this as Any).usedRange;
    },
    getUsedRangeOrNullObject() {
      return (this as Any).usedRange;
    },
    tables: { add: () => ({ style: '' }) },
    freezePanes: { freezeAt: () => undefined },
    protection: { protect: () => undefined },
  };
}

/** An Excel workbook mock with `existing` sheets and a pool for new ones; counts context.sync(). */
function mockExcel(existing: Array<{ name: string; values: unknown[][] }>, rtl = false) {
  const state = { syncs: 0, added: [] as string[], inserted: 0 };
  const pool = Array.from({ length: 12 }, (_, i) => sheetMock(`new${i}`, `id${i}`));
  const sheets = existing.map((s, i) => sheetMock(s.name, `old${i}`, s.values));
  const none = sheetMock('', 'none', undefined, true);
  const data = {
    context: {
      workbook: {
        worksheets: {
          items: sheets,
          getItemOrNullObject: (name: string) => sheets.find((s) => s.name === name) ?? none,
          getItem: (id: string) => pool.find((s) => s.id === id),
          add(name: string) {
            const ws = pool[state.added.length + state.inserted];
            state.added.push(name);
            ws.name = name;
            return ws;
          },
        },
        insertWorksheetsFromBase64() {
          return { value: [`id${state.added.length + state.inserted++}`] };
        },
      },
    },
    run: countingRun(state),
  };
  const excel = new OfficeMockObject(data) as unknown as { context: { workbook: { worksheets: Any & { items: Any[]; none: Any } } } } & Any;
  excel.ConditionalFormatType = { cellValue: 'CellValue' };
  excel.WorksheetPositionType = { end: 'End' };
  excel.SheetVisibility = { veryHidden: 'VeryHidden' };
  (global as unknown as { Excel: unknown }).Excel = excel;
  (global as unknown as { Office: unknown }).Office = { context: { requirements: { isSetSupported: () => rtl } } };
  return { state, excel, pool };
}

const index = loadPlan(sampleText()).index!;
const opened = { text: sampleText(), source: 's', result: loadPlan(sampleText()) } as OpenedPlan;
const models = layoutSheets(index);

describe('the indicator sheets through Office.js', () => {
  test('building every sheet of the sample takes at most 2 + (number of sheets) syncs, right to left from the template', async () => {
    const { state, pool } = mockExcel([{ name: 'Sheet1', values: [['']] }], true);
    const result = await buildSheets(officeGateway, opened, { rtlTemplate: 'UEsDBA==' });
    expect(result.rtl).toBe('applied');
    expect(result.sheets).toEqual(models.map((m) => m.name));
    expect(state.syncs).toBeLessThanOrEqual(2 + models.length);
    expect(state.inserted).toBe(models.length);
    // every sheet's cells were written, and the base sheet holds the plan
    const written = pool.slice(0, models.length);
    expect(written.map((s) => s.name)).toEqual(models.map((m) => m.name));
    expect(written.every((s) => (s.written as number[]).length > 0)).toBe(true);
    const base = pool[models.length];
    expect(state.added).toEqual(['PlanSheets']);
    expect(base.visibility).toBe('VeryHidden');
    expect(((base.range as Any).values as string[][])[0][0]).toBe(BASE_ID);
  });

  test('without insertWorksheetsFromBase64, sheets are added left to right and the pane is told', async () => {
    const { state } = mockExcel([], false);
    const result = await buildSheets(officeGateway, opened, { rtlTemplate: 'UEsDBA==' });
    expect(result.rtl).toBe('unsupported');
    expect(state.added).toEqual([...models.map((m) => m.name), 'PlanSheets']);
    expect(state.syncs).toBeLessThanOrEqual(2 + models.length);
  });

  test('rebuilding reads the old sheets and their base in the first sync, and keeps what was typed', async () => {
    const first = toMatrix(models[0]);
    const actual = first[0].indexOf('actual:1405');
    const row = first.findIndex((r) => r[0] === '1-7-5-2');
    first[row][actual] = '۳۳';
    const existing = [
      ...models.map((m, i) => ({ name: m.name, values: i === 0 ? first : toMatrix(m) })),
      { name: 'PlanSheets', values: baseSheetRows(sampleText()) },
    ];
    const { state, pool } = mockExcel(existing, false);
    const result = await buildSheets(officeGateway, opened);
    expect(result.carried).toBe(1);
    expect(state.syncs).toBeLessThanOrEqual(2 + models.length);
    expect(result.orphans).toEqual([]);
    // the new first sheet was written with the typed value (read as 33) in its cell
    const written = (pool[0].range as Any).formulas as unknown[][];
    expect(written[row][actual]).toBe(33);
  });

  test('reading the sheets back for a sync takes 3 syncs, whatever the number of sheets', async () => {
    const existing = [...models.map((m) => ({ name: m.name, values: toMatrix(m) })), { name: 'PlanSheets', values: baseSheetRows(sampleText()) }, { name: 'Notes', values: [['mine']] }];
    const { state } = mockExcel(existing);
    const read = await officeGateway.readIndicatorSheets();
    expect(state.syncs).toBe(3);
    expect(read.sheets.map((s) => s.name)).toEqual(models.map((m) => m.name));
    expect(read.sheets[0].values[0][0]).toBe(KEY_ID);
    expect(JSON.parse(read.base!)).toEqual(JSON.parse(sampleText()));
    expect(state.syncs).toBeLessThanOrEqual(2 + models.length);
  });
});

describe('requests under 5 MB', () => {
  test('rows are chunked under ~4 MB of text each, in order, none lost', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chunkRows } = require('../../src/excel/sheets-writer');
    const row = ['x'.repeat(100_000)];
    const rows = Array.from({ length: 100 }, (_, i) => [...row, i]);
    const chunks = chunkRows(rows) as Array<{ start: number; rows: unknown[][] }>;
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.every((c) => JSON.stringify(c.rows).length < 4.2 * 1024 * 1024)).toBe(true);
    expect(chunks.flatMap((c) => c.rows)).toEqual(rows);
    expect(chunks.map((c) => c.start)).toEqual(chunks.map((_, i) => chunks.slice(0, i).reduce((n, c) => n + c.rows.length, 0)));
  });
});

describe('the Facts table and its PivotTables through Office.js', () => {
  test('written in 2 syncs, with the two PivotTables where ExcelApi 1.8 is there', async () => {
    const state = { syncs: 0 };
    const pivots: Array<{ name: string; rows: string[]; columns: string[]; data: Array<{ name: string; summarizeBy?: string }> }> = [];
    const sheet = sheetMock('x', 'x');
    const data = {
      context: {
        workbook: {
          worksheets: { getItemOrNullObject: () => ({ ...sheetMock('', 'none', undefined, true) }), add: () => sheet },
          pivotTables: {
            add(name: string) {
              const p = { name, rows: [] as string[], columns: [] as string[], data: [] as Array<{ name: string; summarizeBy?: string }> };
              pivots.push(p);
              return {
                hierarchies: { getItem: (h: string) => h },
                rowHierarchies: { add: (h: string) => p.rows.push(h) },
                columnHierarchies: { add: (h: string) => p.columns.push(h) },
                dataHierarchies: {
                  add: (h: string) => {
                    const d = { name: h } as { name: string; summarizeBy?: string; numberFormat?: string };
                    p.data.push(d);
                    return d;
                  },
                },
              };
            },
          },
        },
      },
      run: countingRun(state),
    };
    const excel = new OfficeMockObject(data) as unknown as Any;
    excel.AggregationFunction = { average: 'Average', sum: 'Sum' };
    (global as unknown as { Excel: unknown }).Excel = excel;
    (global as unknown as { Office: unknown }).Office = { context: { requirements: { isSetSupported: () => true } } };
    (sheet as Any).activate = () => undefined;
    (sheet as Any).freezePanes = { freezeAt: () => undefined, freezeRows: () => undefined };
    const { writeFactsTable } = jest.requireActual('../../src/runtime/sheets-session');
    const result = await writeFactsTable(officeGateway, opened, 'en');
    expect(result).toEqual({ pivots: true, rows: 1400 });
    expect(state.syncs).toBe(2);
    expect(pivots).toEqual([
      { name: 'PlanSheetsAchievement', rows: ['Working group'], columns: ['Year'], data: [{ name: 'Annual achievement', summarizeBy: 'Average', numberFormat: '0.0%' }] },
      { name: 'PlanSheetsBudget', rows: ['Working group'], columns: ['Year'], data: [{ name: 'Funding planned', summarizeBy: 'Sum' }, { name: 'Funding spent', summarizeBy: 'Sum' }] },
    ]);
  });
});
