/* global Excel */
// Writes one indicator sheet or unit template with Office.js calls queued on a context: cells in
// requests under Excel on the web's limit, text columns formatted as text before anything is
// written into them, locked definitions on a protected sheet, status colours, frozen header and
// key columns — each only where this Excel supports it (`lacking` lists what it does not). Every
// cell-level write goes to a bounded range: Excel refuses values, formulas and number formats on
// whole columns or rows (learn.microsoft.com, "Read or write to an unbounded range").
// No sync here: the caller syncs.
import { cellOpen, columnLetter, FIRST_DATA_ROW, HEADER_ROW, toMatrix, type SheetModel } from '../core/grid/layout';
import { CHOICE_ALERT, choiceLists } from '../core/grid/definitions';
import { STATUS_WORDS } from '../core/grid/labels';
import { genCell } from '../core/grid/generations';
import { INPUT_FILL, openRuns } from '../core/grid/input-cells';
import { numberCheck, T_FIRST_ROW, T_HEADER_ROW, T_IDS_ROW, T_META_ROW, templateMatrix, type TemplateModel } from '../core/templates/template';
import { titleLines } from '../core/templates/title-lines';
import { headerHeight } from '../core/grid/print';
import type { Feature } from './capabilities';
import { chunkRows } from './requests';

const STATUS_FILL = { green: '#C6EFCE', amber: '#FFEB9C', red: '#FFC7CE' } as const;
const TEXT_KINDS = new Set(['key', 'code', 'title', 'unit', 'district', 'measure', 'polarity', 'comment']);

const area = (col: number, fromRow: number, toRow: number, lastCol = col) => `${columnLetter(col)}${fromRow}:${columnLetter(lastCol)}${toRow}`;

/**
 * Queues a sheet's cells and formats, its generation's mark first (so even a sheet cut short
 * is known as one of that generation). Returns the writes of the chunks after the first: each
 * must go in a request of its own (a context.sync() before each).
 */
export function queueSheet(sheet: Excel.Worksheet, model: SheetModel, gen: number, lacking: readonly Feature[]): Array<() => void> {
  const can = (f: Feature) => !lacking.includes(f);
  const matrix = toMatrix(model).map((row) => row.map((c) => (c === null ? '' : c)));
  const cols = model.columns.length;
  const lastRow = matrix.length; // 1-based
  sheet.getRange(`${columnLetter(cols)}1`).values = [[genCell(gen)]];
  model.columns.forEach((c, i) => {
    if (TEXT_KINDS.has(c.kind) || c.format === '@') sheet.getRange(area(i, 1, lastRow)).numberFormat = [['@']];
    if (can('sheetFormat')) sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`).format.columnWidth = c.width * 7;
  });
  const [first, ...rest] = chunkRows(matrix);
  const write = (chunk: { start: number; rows: unknown[][] }) => {
    sheet.getRange(area(0, chunk.start + 1, chunk.start + chunk.rows.length, cols - 1)).formulas = chunk.rows;
  };
  write(first);
  queueChoiceLists(sheet, model, lastRow, can);
  model.columns.forEach((c, i) => {
    if (lastRow < FIRST_DATA_ROW) return;
    const data = sheet.getRange(area(i, FIRST_DATA_ROW, lastRow));
    if (c.format) data.numberFormat = [[c.format]];
    if (c.editable) {
      // A header row's actuals are its items' (a value typed there would be refused): they stay
      // locked and plain, as do the cells of fields a row does not have. Runs of open cells are
      // unlocked and filled: only what the merge reads back looks like an input.
      for (const [from, to] of openRuns(model.rows, c, FIRST_DATA_ROW)) {
        const run = sheet.getRange(area(i, from, to));
        if (can('sheetFormat')) run.format.protection.locked = false;
        run.format.fill.color = `#${INPUT_FILL}`;
      }
    }
    if (c.hidden && can('sheetFormat')) sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`).columnHidden = true;
    if (c.kind === 'status' && can('statusColours')) {
      const words = STATUS_WORDS[model.lang];
      for (const s of ['green', 'amber', 'red'] as const) {
        const cf = data.conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
        cf.cellValue.format.fill.color = STATUS_FILL[s];
        cf.cellValue.rule = { formula1: `="${words[s]}"`, operator: 'EqualTo' };
      }
    }
  });
  if (can('sheetFormat')) sheet.getRange('1:1').rowHidden = true;
  const header = sheet.getRange(area(0, HEADER_ROW, HEADER_ROW, cols - 1));
  header.format.font.bold = true;
  header.format.wrapText = true;
  if (lastRow >= FIRST_DATA_ROW) {
    const table = sheet.tables.add(area(0, HEADER_ROW, lastRow, cols - 1), true);
    table.style = 'TableStyleLight9';
  }
  if (can('freeze')) sheet.freezePanes.freezeAt(sheet.getRange(`A1:C${HEADER_ROW}`));
  // No password: the protection keeps definitions and formulas from being typed over. It comes
  // last, with the last chunk: the API cannot write into locked cells of a protected sheet.
  const protect = () => {
    if (can('sheetFormat')) sheet.protection.protect({ allowAutoFilter: true, allowSort: true, allowFormatColumns: true, allowFormatRows: true });
  };
  if (rest.length === 0) {
    protect();
    return [];
  }
  return rest.map((chunk, i) => () => {
    write(chunk);
    if (i === rest.length - 1) protect();
  });
}

/**
 * Drop-down lists (the Definitions sheet's units, polarities…): their choices as text in hidden
 * columns after the generation mark, and a list rule over the data rows of each column, whose
 * warning lets a value off the list through (the merge reads ids and the other language too).
 */
function queueChoiceLists(sheet: Excel.Worksheet, model: SheetModel, lastRow: number, can: (f: Feature) => boolean): void {
  const alert = CHOICE_ALERT[model.lang];
  for (const l of choiceLists(model)) {
    const values = sheet.getRange(area(l.listColumn, FIRST_DATA_ROW, FIRST_DATA_ROW + l.values.length - 1));
    values.numberFormat = [['@']];
    values.values = l.values.map((v) => [v]);
    if (can('sheetFormat')) sheet.getRange(`${columnLetter(l.listColumn)}:${columnLetter(l.listColumn)}`).columnHidden = true;
    if (!can('numberChecks') || lastRow < FIRST_DATA_ROW) continue;
    const dv = sheet.getRange(area(l.column, FIRST_DATA_ROW, lastRow)).dataValidation;
    dv.rule = { list: { inCellDropDown: true, source: l.source } };
    dv.errorAlert = { showAlert: true, style: 'Warning', title: alert.title, message: alert.message };
  }
}

/**
 * The title, unit and instruction lines as the command line writes them (core/templates/title-lines):
 * each merged across the columns, wrapped, as tall as its text. Merging and row heights are
 * ExcelApi 1.2 (Range.merge, RangeFormat.rowHeight), as the other sheet formats; written before
 * the sheet is protected, since a protected sheet refuses both.
 */
function queueTitleLines(sheet: Excel.Worksheet, model: TemplateModel, can: (f: Feature) => boolean): void {
  for (const line of titleLines(model)) {
    const cell = sheet.getRange(area(line.from, line.row, line.row, line.to));
    if (can('sheetFormat')) {
      cell.merge();
      sheet.getRange(`${line.row}:${line.row}`).format.rowHeight = line.height;
    }
    const f = cell.format;
    f.wrapText = true;
    f.verticalAlignment = 'Top';
    f.horizontalAlignment = line.horizontal === 'right' ? 'Right' : 'Left';
    f.font.bold = line.font.bold;
    f.font.italic = line.font.italic;
    f.font.size = line.font.size;
  }
}

/** Queues a unit template sheet: its cells, inputs unlocked with a number check, protection. */
export function queueTemplate(sheet: Excel.Worksheet, model: TemplateModel, lacking: readonly Feature[]): void {
  const can = (f: Feature) => !lacking.includes(f);
  const matrix = templateMatrix(model).map((row) => row.map((c) => (c === null ? '' : c)));
  const cols = model.columns.length;
  const lastRow = matrix.length;
  // Text stays text: the rows above the header (ids, plan, unit, period) and text columns.
  sheet.getRange(area(0, 1, T_HEADER_ROW, cols - 1)).numberFormat = [['@']];
  model.columns.forEach((c, i) => {
    if (lastRow > T_HEADER_ROW) sheet.getRange(area(i, T_HEADER_ROW + 1, lastRow)).numberFormat = [[c.format ?? '@']];
    if (!can('sheetFormat')) return;
    const col = sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`);
    col.format.columnWidth = c.width * 7;
    if (c.hidden) col.columnHidden = true;
  });
  sheet.getRange(area(0, 1, lastRow, cols - 1)).values = matrix;
  if (can('sheetFormat')) sheet.getRange(`${T_IDS_ROW}:${T_META_ROW}`).rowHidden = true;
  queueTitleLines(sheet, model, can);
  const header = sheet.getRange(area(0, T_HEADER_ROW, T_HEADER_ROW, cols - 1)).format;
  header.font.bold = true;
  header.wrapText = true;
  header.verticalAlignment = 'Center';
  if (can('sheetFormat')) sheet.getRange(`${T_HEADER_ROW}:${T_HEADER_ROW}`).format.rowHeight = headerHeight(model.columns);
  model.rows.forEach((row, r) => {
    model.columns.forEach((c, i) => {
      if (!cellOpen(row, c)) return;
      const address = `${columnLetter(i)}${T_FIRST_ROW + r}`;
      const cell = sheet.getRange(address);
      if (can('sheetFormat')) cell.format.protection.locked = false;
      cell.format.fill.color = `#${INPUT_FILL}`;
      if (c.id.startsWith('actual:') && can('numberChecks')) {
        cell.dataValidation.rule = { custom: { formula: `=${numberCheck(address)}` } };
        cell.dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: model.lang === 'fa' ? 'عدد وارد کنید' : 'A number, please', message: model.lang === 'fa' ? 'عدد (با ارقام فارسی یا لاتین)، یا - برای «بدون مقدار»' : 'A number (Persian or Latin digits), or - for none' };
      }
    });
  });
  if (can('freeze')) sheet.freezePanes.freezeAt(sheet.getRange(`A1:C${T_HEADER_ROW}`));
  if (can('sheetFormat')) sheet.protection.protect({ allowFormatColumns: true });
}
