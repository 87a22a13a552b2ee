/* global Excel */
// Writes one indicator sheet with Office.js calls queued on a context: values and formulas in
// chunks of at most ~4 MB, number formats, a table, locked definitions on a protected sheet,
// status colours, frozen header and key columns. No sync here: the caller syncs once a sheet.
import { columnLetter, FIRST_DATA_ROW, HEADER_ROW, toMatrix, type SheetModel } from '../core/grid/layout';
import { STATUS_WORDS } from '../core/grid/labels';
import { numberCheck, T_FIRST_ROW, T_HEADER_ROW, T_IDS_ROW, T_META_ROW, templateMatrix, type TemplateModel } from '../core/templates/template';

const MAX_REQUEST_CHARS = 4 * 1024 * 1024;
const STATUS_FILL = { green: '#C6EFCE', amber: '#FFEB9C', red: '#FFC7CE' } as const;
const TEXT_KINDS = new Set(['key', 'code', 'title', 'unit', 'district', 'measure', 'polarity', 'comment']);

/** Row chunks of the matrix, each small enough for one request. */
export function chunkRows<T>(rows: T[][]): Array<{ start: number; rows: T[][] }> {
  const chunks: Array<{ start: number; rows: T[][] }> = [];
  let current: T[][] = [];
  let start = 0;
  let size = 0;
  rows.forEach((row, i) => {
    const rowSize = JSON.stringify(row).length;
    if (current.length && size + rowSize > MAX_REQUEST_CHARS) {
      chunks.push({ start, rows: current });
      current = [];
      start = i;
      size = 0;
    }
    current.push(row);
    size += rowSize;
  });
  if (current.length) chunks.push({ start, rows: current });
  return chunks;
}

/**
 * Queues a sheet's cells and formats. Returns the writes of the chunks after the first: each must
 * go in a request of its own (a context.sync() after each) to keep requests under 5 MB.
 */
export function queueSheet(sheet: Excel.Worksheet, model: SheetModel): Array<() => void> {
  const matrix = toMatrix(model).map((row) => row.map((c) => (c === null ? '' : c)));
  const cols = model.columns.length;
  const lastRow = matrix.length; // 1-based
  // Text columns first: "1-2-3" typed into a General cell would become a date.
  model.columns.forEach((c, i) => {
    const col = sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`);
    if (TEXT_KINDS.has(c.kind)) col.numberFormat = [['@']];
    col.format.columnWidth = c.width * 7;
  });
  const [first, ...rest] = chunkRows(matrix);
  sheet.getRangeByIndexes(first.start, 0, first.rows.length, cols).formulas = first.rows;
  model.columns.forEach((c, i) => {
    if (lastRow < FIRST_DATA_ROW) return;
    const data = sheet.getRange(`${columnLetter(i)}${FIRST_DATA_ROW}:${columnLetter(i)}${lastRow}`);
    if (c.format) data.numberFormat = [[c.format]];
    if (c.editable) data.format.protection.locked = false;
    if (c.hidden) sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`).columnHidden = true;
    if (c.kind === 'status') {
      const words = STATUS_WORDS[model.lang];
      for (const s of ['green', 'amber', 'red'] as const) {
        const cf = data.conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
        cf.cellValue.format.fill.color = STATUS_FILL[s];
        cf.cellValue.rule = { formula1: `="${words[s]}"`, operator: 'EqualTo' };
      }
    }
  });
  sheet.getRange('1:1').rowHidden = true;
  const header = sheet.getRange(`A${HEADER_ROW}:${columnLetter(cols - 1)}${HEADER_ROW}`);
  header.format.font.bold = true;
  header.format.wrapText = true;
  if (lastRow >= FIRST_DATA_ROW) {
    const table = sheet.tables.add(`A${HEADER_ROW}:${columnLetter(cols - 1)}${lastRow}`, true);
    table.style = 'TableStyleLight9';
  }
  sheet.freezePanes.freezeAt(sheet.getRange(`A1:C${HEADER_ROW}`));
  // No password: the protection keeps definitions and formulas from being typed over. It comes
  // last, with the last chunk: the API cannot write into locked cells of a protected sheet.
  const protect = () => sheet.protection.protect({ allowAutoFilter: true, allowSort: true, allowFormatColumns: true, allowFormatRows: true });
  if (rest.length === 0) {
    protect();
    return [];
  }
  return rest.map((chunk, i) => () => {
    sheet.getRangeByIndexes(chunk.start, 0, chunk.rows.length, cols).formulas = chunk.rows;
    if (i === rest.length - 1) protect();
  });
}

/** Queues a unit template sheet: its cells, inputs unlocked with a number check, protection. */
export function queueTemplate(sheet: Excel.Worksheet, model: TemplateModel): void {
  const matrix = templateMatrix(model).map((row) => row.map((c) => (c === null ? '' : c)));
  const cols = model.columns.length;
  model.columns.forEach((c, i) => {
    const col = sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`);
    if (!c.format) col.numberFormat = [['@']];
    col.format.columnWidth = c.width * 7;
    if (c.hidden) col.columnHidden = true;
  });
  sheet.getRangeByIndexes(0, 0, matrix.length, cols).values = matrix;
  sheet.getRange(`${T_IDS_ROW}:${T_META_ROW}`).rowHidden = true;
  sheet.getRange(`A${T_HEADER_ROW}:${columnLetter(cols - 1)}${T_HEADER_ROW}`).format.font.bold = true;
  model.rows.forEach((row, r) => {
    model.columns.forEach((c, i) => {
      if (!c.editable || (row.kind === 'header' && c.id.startsWith('actual:'))) return;
      const cell = sheet.getRange(`${columnLetter(i)}${T_FIRST_ROW + r}`);
      cell.format.protection.locked = false;
      cell.format.fill.color = '#FFF8E1';
      if (c.id.startsWith('actual:')) {
        cell.dataValidation.rule = { custom: { formula: `=${numberCheck(`${columnLetter(i)}${T_FIRST_ROW + r}`)}` } };
        cell.dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: model.lang === 'fa' ? 'عدد وارد کنید' : 'A number, please', message: model.lang === 'fa' ? 'عدد (با ارقام فارسی یا لاتین)، یا - برای «بدون مقدار»' : 'A number (Persian or Latin digits), or - for none' };
      }
    });
  });
  sheet.freezePanes.freezeAt(sheet.getRange(`A1:C${T_HEADER_ROW}`));
  sheet.protection.protect({ allowFormatColumns: true });
}
