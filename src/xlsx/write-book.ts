// Writes indicator sheets to an .xlsx with exceljs: the layout of core/grid, native formulas,
// right-to-left views for fa, locked definition cells on protected sheets, status colours, and
// the plan itself as the workbook's custom XML part (the base of a later merge).
import ExcelJS from 'exceljs';
import { FIRST_DATA_ROW, HEADER_ROW, ID_ROW, columnLetter, isFormula, type SheetModel } from '../core/grid/layout';
import { STATUS_WORDS } from '../core/grid/labels';
import { planToXml } from '../excel/plan-xml';
import { BASE_SHEET, baseSheetRows } from '../core/grid/base-sheet';
import { addCustomXmlPart } from './custom-xml';

const STATUS_FILL = { green: 'FFC6EFCE', amber: 'FFFFEB9C', red: 'FFFFC7CE' } as const;
const HEADER_FILL = 'FFDDEBF7';

/** Adds one indicator sheet to a workbook. */
export function addSheet(book: ExcelJS.Workbook, model: SheetModel): ExcelJS.Worksheet {
  const frozenColumns = 3; // key, code, title
  const ws = book.addWorksheet(model.name, {
    views: [{ state: 'frozen', xSplit: frozenColumns, ySplit: HEADER_ROW, rightToLeft: model.rtl }],
  });
  ws.columns = model.columns.map((c) => ({ key: c.id, width: c.width, hidden: !!c.hidden, style: c.format ? { numFmt: c.format } : {} }));
  ws.getRow(ID_ROW).values = model.columns.map((c) => c.id);
  ws.getRow(ID_ROW).hidden = true;
  const head = ws.getRow(HEADER_ROW);
  head.values = model.columns.map((c) => c.header);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  head.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } }));
  model.rows.forEach((row, i) => {
    const r = ws.getRow(FIRST_DATA_ROW + i);
    row.cells.forEach((cell, c) => {
      const target = r.getCell(c + 1);
      target.value = isFormula(cell) ? { formula: cell.formula.slice(1) } : cell;
      if (model.columns[c].editable) target.protection = { locked: false };
    });
    if (row.kind === 'header') r.font = { bold: true };
  });
  const last = FIRST_DATA_ROW + model.rows.length - 1;
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: model.columns.length } };
  const words = STATUS_WORDS[model.lang];
  model.columns.forEach((col, c) => {
    if (col.kind !== 'status' || last < FIRST_DATA_ROW) return;
    const ref = `${columnLetter(c)}${FIRST_DATA_ROW}:${columnLetter(c)}${last}`;
    ws.addConditionalFormatting({
      ref,
      rules: (['green', 'amber', 'red'] as const).map((s, priority) => ({
        type: 'cellIs',
        operator: 'equal',
        priority: priority + 1,
        formulae: [`"${words[s]}"`],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: STATUS_FILL[s] } } },
      })),
    });
  });
  // No password by default: the protection keeps definitions and formulas from being typed over.
  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, autoFilter: true, sort: true });
  return ws;
}

export interface FactsTable {
  name: string;
  rtl: boolean;
  headers: string[];
  formats: Array<string | undefined>;
  rows: Array<Array<string | number | null>>;
}

/** The Facts sheet: one row per measured line and year, with a filter on its headers. */
function addFacts(book: ExcelJS.Workbook, facts: FactsTable): void {
  const ws = book.addWorksheet(facts.name, { views: [{ state: 'frozen', ySplit: 1, rightToLeft: facts.rtl }] });
  ws.columns = facts.headers.map((h, i) => ({ header: h, key: String(i), width: Math.max(10, h.length + 2), style: facts.formats[i] ? { numFmt: facts.formats[i] } : {} }));
  ws.getRow(1).font = { bold: true };
  ws.addRows(facts.rows.map((r) => r.map((v) => (v === null ? undefined : v))));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: facts.headers.length } };
}

/** The .xlsx bytes of a plan's indicator sheets (and Facts table), with the plan stored in it. */
export async function writeBook(models: readonly SheetModel[], planJson: string, facts?: FactsTable): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'PlanSheets';
  // exceljs writes formulas without cached results: the opening program computes them.
  book.calcProperties = { fullCalcOnLoad: true };
  for (const m of models) addSheet(book, m);
  if (facts) addFacts(book, facts);
  const base = book.addWorksheet(BASE_SHEET, { state: 'veryHidden' });
  base.addRows(baseSheetRows(planJson));
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  return addCustomXmlPart(bytes, planToXml(planJson));
}
