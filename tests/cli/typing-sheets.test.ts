// What a person sees on opening a built book or a template: only the cells the merge reads back
// look like inputs (filled, unlocked), every other cell is locked and plain; the sheet opens at
// its first column after the frozen code and title, the first input selected.
import * as fs from 'fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { cellOpen, columnLetter, FIRST_DATA_ROW, ID_ROW, KEY_ID, layoutSheets, type SheetModel } from '../../src/core/grid/layout';
import { definitionsSheet } from '../../src/core/grid/definitions';
import { INPUT_FILL } from '../../src/core/grid/input-cells';
import { loadPlan } from '../../src/core/plan/load';
import { T_FIRST_ROW, TEMPLATE_ID, unitTemplate } from '../../src/core/templates/template';
import { cli, tempFolder } from '../hostile/cli';
import { makePlan, sampleText } from '../helpers/plan';

const { at } = tempFolder('typing-sheets');

const ITEMS_PLAN = JSON.stringify(
  makePlan([
    { id: 'a', code: '1', workingGroup: 'wg1', unit: 'u1', aggregation: 'sum', targets: { '1402': 10 }, actuals: { '1402': 5 } },
    { id: 'w', code: '2', workingGroup: 'wg1', unit: 'u1', aggregation: 'last', comment: 'own note', items: [
      { id: '1', title: 'first', weight: 3, targets: { '1402': 10 }, actuals: { '1402': 5 } },
      { id: '2', title: 'second', weight: 1, targets: { '1402': 4 } },
    ] },
    { id: 'b', code: '3', workingGroup: 'wg2', unit: 'u2', aggregation: 'sum', targets: { '1403': 7 } },
  ]),
);

async function readBook(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Cells (A1 addresses) from `firstRow` on: those filled as inputs, those unlocked. */
function marked(ws: ExcelJS.Worksheet, firstRow: number) {
  const filled = new Set<string>();
  const unlocked = new Set<string>();
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (r < firstRow) return;
    row.eachCell({ includeEmpty: true }, (cell) => {
      const fill = cell.fill as ExcelJS.FillPattern | undefined;
      if (fill?.pattern === 'solid' && fill.fgColor?.argb === `FF${INPUT_FILL}`) filled.add(cell.address);
      if (cell.protection?.locked === false) unlocked.add(cell.address);
    });
  });
  return { filled, unlocked };
}

/** The open cells of a model, as the layout says (what the merge reads back). */
function openCells(model: Pick<SheetModel, 'columns' | 'rows'>, firstRow: number): Set<string> {
  const open = new Set<string>();
  model.rows.forEach((row, i) => model.columns.forEach((c, j) => cellOpen(row, c) && open.add(`${columnLetter(j)}${firstRow + i}`)));
  return open;
}

async function sheetXml(file: string, ws: ExcelJS.Worksheet): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  return zip.file(`xl/worksheets/sheet${ws.id}.xml`)!.async('string');
}

describe.each([
  ['the Qazvin sample (Persian, items)', sampleText()],
  ['an English plan with items', ITEMS_PLAN],
])('plansheets build --definitions, %s', (_name, text) => {
  const file = at(`${text === ITEMS_PLAN ? 'items' : 'sample'}.xlsx`);
  const planFile = `${file}.plan.json`;
  const index = loadPlan(text).index!;
  const models = [definitionsSheet(index), ...layoutSheets(index)];

  beforeAll(async () => {
    fs.writeFileSync(planFile, text);
    const r = await cli('build', planFile, '-o', file, '--definitions');
    expect(r.code).toBe(0);
  });

  test('every input-coloured cell is an open cell and every open cell is unlocked and coloured', async () => {
    const wb = await readBook(file);
    const sheets = wb.worksheets.filter((ws) => ws.getCell('A1').value === KEY_ID || models.some((m) => m.kind === 'definitions' && m.name === ws.name));
    expect(sheets.map((s) => s.name)).toEqual(models.map((m) => m.name));
    let headerRows = 0;
    for (const ws of sheets) {
      const model = models.find((m) => m.name === ws.name)!;
      headerRows += model.rows.filter((r) => r.kind === 'header').length;
      const { filled, unlocked } = marked(ws, FIRST_DATA_ROW);
      const open = openCells(model, FIRST_DATA_ROW);
      expect(open.size).toBeGreaterThan(0);
      expect([...filled].sort()).toEqual([...open].sort());
      expect([...unlocked].sort()).toEqual([...open].sort());
    }
    // The case the issue names: an indicator measured by its items has header rows.
    expect(headerRows).toBeGreaterThan(0);
  });

  test("an item-measured indicator's header row: actuals locked and plain, its own comment open", async () => {
    const wb = await readBook(file);
    const model = models.find((m) => m.kind !== 'definitions' && m.rows.some((r) => r.kind === 'header'))!;
    const ws = wb.getWorksheet(model.name)!;
    const r = FIRST_DATA_ROW + model.rows.findIndex((x) => x.kind === 'header');
    const ids = (ws.getRow(ID_ROW).values as unknown[]).slice(1);
    const actual = ws.getRow(r).getCell(ids.findIndex((id) => String(id).startsWith('actual:')) + 1);
    expect(actual.protection?.locked).not.toBe(false);
    expect((actual.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe(`FF${INPUT_FILL}`);
    const comment = ws.getRow(r).getCell(ids.indexOf('comment') + 1);
    expect(comment.protection?.locked).toBe(false);
  });

  test('each sheet opens at its first column after code and title, the first input selected', async () => {
    const wb = await readBook(file);
    for (const model of models) {
      const ws = wb.getWorksheet(model.name)!;
      const first = model.rows.findIndex((row) => model.columns.some((c) => cellOpen(row, c)));
      const col = model.columns.findIndex((c) => cellOpen(model.rows[first], c));
      const input = `${columnLetter(col)}${FIRST_DATA_ROW + first}`;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 2, topLeftCell: 'D3', activeCell: input, rightToLeft: model.rtl });
      const xml = await sheetXml(file, ws);
      expect(xml).toMatch(/<pane xSplit="3" ySplit="2" topLeftCell="D3" activePane="bottomRight" state="frozen"\/>/);
      expect(xml).toContain(`<selection pane="bottomRight" activeCell="${input}" sqref="${input}"/>`);
      expect(/<sheetView[^>]*rightToLeft="1"/.test(xml)).toBe(model.rtl);
    }
  });
});

describe('plansheets templates', () => {
  test('only the open cells of a template are coloured and unlocked; it opens at D7 with the first actual selected', async () => {
    const planFile = at('items-t.plan.json');
    fs.writeFileSync(planFile, ITEMS_PLAN);
    const out = at('templates');
    const r = await cli('templates', planFile, '-o', out, '--unit', 'u1', '--year', '1402');
    expect(r.code).toBe(0);
    const file = `${out}/u1.xlsx`;
    const wb = await readBook(file);
    const ws = wb.worksheets.find((w) => w.getCell('A1').value === TEMPLATE_ID)!;
    const { model } = unitTemplate(loadPlan(ITEMS_PLAN).index!, 'u1', '1402');
    const { filled, unlocked } = marked(ws, T_FIRST_ROW);
    const open = openCells(model, T_FIRST_ROW);
    expect([...filled].sort()).toEqual([...open].sort());
    expect([...unlocked].sort()).toEqual([...open].sort());
    // The header row of "2" (measured by items) has no actual of its own: locked, plain.
    const header = T_FIRST_ROW + model.rows.findIndex((x) => x.kind === 'header');
    const actualCol = model.columns.findIndex((c) => c.id === 'actual:1402');
    expect(open.has(`${columnLetter(actualCol)}${header}`)).toBe(false);
    expect(open.has(`${columnLetter(actualCol)}${T_FIRST_ROW}`)).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 6, topLeftCell: 'D7', activeCell: `${columnLetter(actualCol)}${T_FIRST_ROW}` });
  });
});
