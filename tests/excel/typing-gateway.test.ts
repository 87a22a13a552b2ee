// Typing in the sheets the pane writes, on the strict Excel double: only open cells look like
// inputs; a built sheet is shown with its first input selected; Persian digits typed in actual
// cells become numbers at once (changed events) and nothing else is touched; after Apply the
// person is where they were.
import { officeGateway } from '../../src/excel/office-gateway';
import { convertTypedNumbers } from '../../src/excel/typing';
import { cellOpen, columnLetter, FIRST_DATA_ROW, layoutSheets, toMatrix } from '../../src/core/grid/layout';
import { definitionsSheet } from '../../src/core/grid/definitions';
import { INPUT_FILL, openingView } from '../../src/core/grid/input-cells';
import { loadPlan } from '../../src/core/plan/load';
import { PlanStore } from '../../src/runtime/plan-store';
import { addTemplateSheet, applySync, buildSheets, previewSync, writeFactsTable } from '../../src/runtime/sheets-session';
import { T_FIRST_ROW, layoutTemplate } from '../../src/core/templates/template';
import type { ExcelDouble } from '../excel-double';
import { sampleText } from '../helpers/plan';
import { cellOf, excelDouble, hostPresets, opened, restoreOffice } from './helpers';

afterEach(restoreOffice);

const sample = opened(sampleText());
const index = loadPlan(sampleText()).index!;
const models = layoutSheets(index);
const names = models.map((m) => m.name);
const governance = index.plan.workingGroups!.find((w) => w.id === 'governance')!.title;

/** An actual cell of a line, the achievement cell beside it, and its comment cell. */
function cells(d: ExcelDouble, ref: string, year: number) {
  return { actual: cellOf(d, governance, ref, `actual:${year}`), achievement: cellOf(d, governance, ref, `achievement:${year}`), comment: cellOf(d, governance, ref, 'comment') };
}

describe('only the cells the merge reads back look like inputs', () => {
  test('every filled cell of the built sheets (the Definitions sheet too) is open, every open cell is filled and unlocked', async () => {
    const d = excelDouble(hostPresets.m365);
    await buildSheets(officeGateway, sample, { definitions: true });
    const all = [definitionsSheet(index), ...models];
    let headerRows = 0;
    for (const m of all) {
      const name = m.name;
      headerRows += m.rows.filter((r) => r.kind === 'header').length;
      m.rows.forEach((row, i) =>
        m.columns.forEach((c, j) => {
          const at = `${columnLetter(j)}${FIRST_DATA_ROW + i}`;
          const style = d.cellStyle(name, at);
          const open = cellOpen(row, c);
          expect({ at, filled: style.fill === `#${INPUT_FILL}`, locked: style.locked }).toEqual({ at, filled: open, locked: !open });
        }),
      );
    }
    expect(headerRows).toBeGreaterThan(0);
  });

  test("a template's header row of an item-measured indicator: actual locked and plain", async () => {
    const d = excelDouble(hostPresets.m365);
    const { sheet } = await addTemplateSheet(officeGateway, sample, 'budget-office', '1403');
    const model = layoutTemplate(index, 'budget-office', '1403');
    model.rows.forEach((row, i) =>
      model.columns.forEach((c, j) => {
        const at = `${columnLetter(j)}${T_FIRST_ROW + i}`;
        const open = cellOpen(row, c);
        expect({ at, filled: d.cellStyle(sheet, at).fill === `#${INPUT_FILL}`, locked: d.cellStyle(sheet, at).locked }).toEqual({ at, filled: open, locked: !open });
      }),
    );
    expect(model.rows.some((r) => r.kind === 'header')).toBe(true);
  });
});

describe('a built sheet opens at its first column', () => {
  test('a first build shows the first sheet, frozen at code and title, its first input selected', async () => {
    const d = excelDouble(hostPresets.web);
    await buildSheets(officeGateway, sample);
    expect(d.selection()).toEqual({ sheet: names[0], address: openingView(models[0].columns, models[0].rows, FIRST_DATA_ROW).activeCell });
    expect(d.sheet(names[0]).frozen).toEqual({ rows: 2, cols: 3 });
  });

  test('a template added is shown with its first actual selected', async () => {
    const d = excelDouble(hostPresets.m365);
    const { sheet } = await addTemplateSheet(officeGateway, sample, 'budget-office', '1403');
    const model = layoutTemplate(index, 'budget-office', '1403');
    const first = openingView(model.columns, model.rows, T_FIRST_ROW).activeCell;
    expect(d.selection()).toEqual({ sheet, address: first });
    expect(d.valuesOf(sheet)[5][model.columns.findIndex((c) => c.id === 'actual:1403')]).toMatch(/1403|۱۴۰۳/);
  });
});

describe('Persian digits typed in actual cells become numbers at once', () => {
  test('۱/۵ typed computes achievement as 1.5 does; words, comments and other sheets are left alone', async () => {
    const d = excelDouble(hostPresets.m365);
    await buildSheets(officeGateway, sample);
    d.addSheet('My notes', [['x']]);
    await d.events.settled();
    const a = cells(d, '1-7-5-2', 1405);
    const b = cells(d, '1-7-3-5.1', 1405);
    d.type(governance, a.actual, '۱/۵');
    d.type(governance, b.actual, 'حدود ۱۰');
    d.type(governance, a.comment, '۱۲');
    d.type('My notes', 'B2', '۱۲');
    await d.events.settled();
    expect(d.value(governance, a.actual)).toBe(1.5);
    expect(typeof d.value(governance, a.achievement)).toBe('number');
    // The same line with Latin digits gives the same achievement.
    const persian = d.value(governance, a.achievement);
    d.type(governance, a.actual, '1.5');
    await d.events.settled();
    expect(d.value(governance, a.achievement)).toBe(persian);
    expect(d.value(governance, b.actual)).toBe('حدود ۱۰');
    expect(d.value(governance, a.comment)).toBe('۱۲');
    expect(d.value('My notes', 'B2')).toBe('۱۲');
    expect(d.events.errors).toEqual([]);
  });

  test('its own write fires the event once more and writes nothing then: no loop', async () => {
    const d = excelDouble(hostPresets.m365);
    await buildSheets(officeGateway, sample);
    await d.events.settled();
    const { actual } = cells(d, '1-7-5-2', 1405);
    const before = d.events.delivered.length;
    d.type(governance, actual, '۸۲٫۵');
    await d.events.settled();
    expect(d.value(governance, actual)).toBe(82.5);
    // The typing, then the handler's write of the number: two events, and no third; the second is
    // the add-in's own (ExcelApi 1.14) and dropped without a request.
    expect(d.events.delivered.slice(before).map((e) => [e.address, e.triggerSource])).toEqual([
      [actual, 'Unknown'],
      [actual, 'ThisLocalAddin'],
    ]);
    expect(await convertTypedNumbers({ address: actual, worksheetId: d.sheet(governance).id, changeType: 'RangeEdited' })).toBe(0);
  });

  test('a changed area across a whole row: only its actual cells holding Persian-digit numbers are written', async () => {
    const d = excelDouble(hostPresets.m365);
    // An indicator sheet as the layout makes it, with text in its cells as a paste leaves it (no handler registered).
    const m = models.find((x) => x.name === governance)!;
    const matrix = [...toMatrix(m)];
    const r = m.rows.findIndex((x) => x.ref === '1-7-5-2') + FIRST_DATA_ROW - 1;
    const col = (id: string) => m.columns.findIndex((c) => c.id === id);
    matrix[r] = [...matrix[r]];
    matrix[r][col('actual:1404')] = '۷۰';
    matrix[r][col('actual:1405')] = '٧٥ تقریبا';
    matrix[r][col('comment')] = '۱۲';
    matrix[r][col('measure')] = '۹';
    d.addSheet('Pasted', matrix);
    const id = d.sheet('Pasted').id;
    const row = r + 1;
    expect(await convertTypedNumbers({ address: `A${row}:${columnLetter(m.columns.length + 3)}${row}`, worksheetId: id, changeType: 'RangeEdited' })).toBe(1);
    const at = (c: string) => d.value('Pasted', `${columnLetter(col(c))}${row}`);
    expect([at('actual:1404'), at('actual:1405'), at('comment'), at('measure')]).toEqual([70, '٧٥ تقریبا', '۱۲', '۹']);
    // Rows inserted or deleted are not typing: nothing read, nothing written.
    const syncs = d.requests.length;
    expect(await convertTypedNumbers({ address: `${row}:${row}`, worksheetId: id, changeType: 'RowInserted' })).toBe(0);
    expect(d.requests.length).toBe(syncs);
    // A sheet gone since the event: nothing to do, no error.
    expect(await convertTypedNumbers({ address: 'A1', worksheetId: '{no-such-sheet}' })).toBe(0);
  });

  test('on Excel 2019 (ExcelApi 1.7) each indicator sheet and template sheet is watched, those built later too', async () => {
    const d = excelDouble(hostPresets.office2019);
    await buildSheets(officeGateway, sample);
    await d.events.settled();
    expect(d.events.count).toBe(names.length);
    const { actual } = cells(d, '1-7-5-2', 1405);
    d.type(governance, actual, '۳۳');
    const { sheet } = await addTemplateSheet(officeGateway, sample, 'budget-office', '1403');
    const model = layoutTemplate(index, 'budget-office', '1403');
    const first = openingView(model.columns, model.rows, T_FIRST_ROW).activeCell;
    d.type(sheet, first, '۴۴');
    await d.events.settled();
    expect(d.value(governance, actual)).toBe(33);
    expect(d.value(sheet, first)).toBe(44);
    // Without triggerSource the handler's own write is read once more and left: no loop.
    expect(d.events.delivered.every((e) => e.triggerSource === undefined)).toBe(true);
  });

  test('on Excel 2016 (ExcelApi 1.1) nothing is watched: typed digits stay text for the merge to read', async () => {
    const d = excelDouble(hostPresets.office2016);
    expect(await officeGateway.watchTyping!()).toBe(false);
    d.addSheet('Data', [['a']]);
    expect(d.events.count).toBe(0);
  });
});

describe('after Apply the person stays where they were', () => {
  test('on sheet 3 at F12 before Apply, on sheet 3 at F12 after (the Facts table rewritten too)', async () => {
    const d = excelDouble(hostPresets.m365);
    const store = new PlanStore(officeGateway);
    await store.open(sampleText(), 'qazvin.plan.json');
    await buildSheets(officeGateway, store.current!);
    await writeFactsTable(officeGateway, store.current!, 'fa');
    await d.events.settled();
    d.type(governance, cells(d, '1-7-5-2', 1404).actual, '82');
    d.select(names[2], 'F12');
    const preview = await previewSync(officeGateway, store.index!);
    expect(preview.merge.changes).toHaveLength(1);
    const { applied } = await applySync(officeGateway, store, preview, () => 'sheet', 'Maryam');
    expect(applied).toHaveLength(1);
    await d.events.settled();
    expect(d.selection()).toEqual({ sheet: names[2], address: 'F12' });
  });
});
