// Reads indicator sheets (and the plan they were built from) back from an .xlsx with exceljs,
// opened through open-xlsx (limits, hostile packages, cells exceljs would misread).
import ExcelJS from 'exceljs';
import { excelPrecision, readSheet, type RawCell, type SheetReading } from '../core/grid/read';
import type { BookInput } from '../core/grid/merge-books';
import { planFromXmlParts } from '../excel/plan-xml';
import { generations } from '../core/grid/generations';
import { BASE_ID, baseFromRows } from '../core/grid/base-sheet';
import { KEY_ID } from '../core/grid/layout';
import { readTemplate, TEMPLATE_ID, type TemplateReading } from '../core/templates/template';
import { mayHoldUnreadTyping } from '../core/grid/unread-sheets';
import { CUSTOM_XML_PART, readCustomXmlParts } from './custom-xml';
import { dateSerial, isDateFormat, isoDay, openXlsx, serialDay, type FileValue } from './open-xlsx';

export { isDateFormat };

/** How to read a cell's value: its number format, the book's date system, what the file holds (open-xlsx). */
/** The media type of an .xlsx workbook, as clients send one to the plan server. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface CellContext {
  numFmt?: string;
  date1904?: boolean;
  file?: FileValue;
}

const DAY = /^\d{4}-\d{2}-\d{2}/;

/** A Date exceljs made of a date-formatted number, as yyyy-mm-dd, or its serial when it is no date. */
function dateDay(d: Date, ctx: CellContext): string {
  const day = isoDay(d);
  if (day !== null) return day;
  if (ctx.file?.kind === 'serial') return ctx.file.text;
  return Number.isFinite(d.getTime()) ? String(dateSerial(d, ctx.date1904)) : 'an invalid date';
}

/**
 * A cell's value as the grid reads it: a formula gives its cached result, or `uncalculated` when
 * it has none; a date (a Date, or a number in a date format) gives `date`; what open-xlsx found
 * exceljs would misread (`0x1A` read as 0) gives the file's text. Never throws.
 */
export function raw(value: ExcelJS.CellValue, ctx: CellContext = {}): RawCell {
  const file = ctx.file;
  if (file?.kind === 'text') return file.text;
  if (file?.kind === 'date') return { date: DAY.exec(file.text)?.[0] ?? file.text };
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return isDateFormat(ctx.numFmt) ? { date: file?.kind === 'serial' ? file.text : serialDay(value, ctx.date1904) } : value;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return { date: dateDay(value, ctx) };
  if (typeof value !== 'object') return String(value);
  if ('error' in value) return { error: String(value.error) };
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const f = value as { formula?: string; sharedFormula?: string; result?: ExcelJS.CellValue };
    if (f.result === undefined) return { uncalculated: String(f.formula ?? f.sharedFormula ?? '') };
    return raw(f.result, ctx);
  }
  if ('text' in value) return String(value.text);
  return String(value);
}

/**
 * A cell read whole. Not `raw(cell.value)`: exceljs leaves a formula's result out of `cell.value`
 * when it is 0, '' or false, which would look uncalculated.
 */
export function cellRaw(cell: ExcelJS.Cell, ctx: CellContext = {}): RawCell {
  const source = cell.type === ExcelJS.ValueType.Merge && cell.master ? cell.master : cell;
  const value: ExcelJS.CellValue =
    source.type === ExcelJS.ValueType.Formula ? ({ formula: source.formula ?? '', result: source.result } as ExcelJS.CellFormulaValue) : source.value;
  return raw(value, { ...ctx, numFmt: source.numFmt });
}

/** A worksheet's cells, row by row, as the grid reads them. */
function matrixOf(ws: ExcelJS.Worksheet, values: ReadonlyMap<string, FileValue> | undefined, date1904: boolean, asShown = false): RawCell[][] {
  const matrix: RawCell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: RawCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const at = cell.type === ExcelJS.ValueType.Merge && cell.master ? cell.master.address : cell.address;
      const value = cellRaw(cell, { date1904, file: values?.get(at) });
      cells[c - 1] = asShown && typeof value === 'number' && isPercentFormat(cell.numFmt) ? excelPrecision(value * 100) : value;
    });
    matrix[r - 1] = cells;
  });
  return matrix;
}

export interface XlsxSheet {
  name: string;
  matrix: RawCell[][];
}

/** A number format that shows a percentage (`0%`, `0.0%`), a `%` outside quotes and escapes. */
const isPercentFormat = (numFmt: string | undefined) => !!numFmt && /%/.test(numFmt.replace(/"[^"]*"|\\./g, ''));

/**
 * Every sheet of an .xlsx, opened safely (for `import`). Throws XlsxRefused. With `asShown`, a
 * percentage reads as the sheet shows it (0.8 formatted `0%` is 80), as a plan's percent measures
 * hold it: what an import of typed tables wants, and no other reader.
 */
export async function readXlsxSheets(bytes: Buffer | ArrayBuffer | Uint8Array, fileName: string, options: { asShown?: boolean } = {}): Promise<XlsxSheet[]> {
  const { workbook, fileValues } = await openXlsx(bytes, fileName);
  const date1904 = !!workbook.properties?.date1904;
  return workbook.worksheets.map((ws) => ({ name: ws.name, matrix: matrixOf(ws, fileValues.get(ws.id), date1904, options.asShown) }));
}

/** The sheets a merge reads: indicator sheets, the base sheet, templates. */
const BOOK_SHEETS = [KEY_ID, BASE_ID, TEMPLATE_ID];

/** What the book's PlanSheets sheets hold; exceljs' workbook and the matrices are let go on return. */
async function planSheets(bytes: Buffer | ArrayBuffer | Uint8Array, bookName: string) {
  const { workbook, fileValues, parts, readOthers } = await openXlsx(bytes, bookName, { sheetsWithA1: BOOK_SHEETS, readOthers: true, keepParts: CUSTOM_XML_PART });
  const date1904 = !!workbook.properties?.date1904;
  const matrices = workbook.worksheets.map((ws) => ({ name: ws.name, matrix: matrixOf(ws, fileValues.get(ws.id), date1904) }));
  // A book saved from Excel after a rebuild cut short holds two generations: read the live one.
  const gens = generations(matrices.map((m) => ({ name: m.name, row1: m.matrix[0] ?? [] })));
  const live = new Set(gens.sheets);
  const readings: SheetReading[] = [];
  const templates: TemplateReading[] = [];
  let fromSheet: string | null = null;
  for (const { name, matrix } of matrices) {
    if (name === gens.base) fromSheet = baseFromRows(matrix.map((r) => r?.[0] ?? null));
    const reading = live.has(name) ? readSheet(name, matrix, bookName) : undefined;
    if (reading) readings.push(reading);
    const template = readTemplate(name, matrix, bookName);
    if (template) templates.push(template);
  }
  // The base sheet is the plan the sheets were built from; the custom XML part is the plan the
  // workbook's functions use, newer when a plan was opened since the sheets were built.
  const storedPlan = fromSheet ?? planFromXmlParts(readCustomXmlParts(parts));
  return { readings, templates, storedPlan, readOthers };
}

/**
 * A workbook's indicator sheets, filled templates and the plan it was built from. Throws
 * XlsxRefused. exceljs reads the PlanSheets sheets; the other sheets are read plainly afterwards,
 * and those where typing is not read back (a Facts table, an indicator sheet that lost its id row)
 * kept for the merge to report what was typed there. A large plan's Facts table is as big as all
 * its indicator sheets: in exceljs, and at the same time, it would double what a read takes.
 */
export async function readBook(bytes: Buffer | ArrayBuffer | Uint8Array, bookName: string): Promise<BookInput> {
  const { readings, templates, storedPlan, readOthers } = await planSheets(bytes, bookName);
  const unread = (await readOthers()).filter((s) => mayHoldUnreadTyping(s.matrix[0] ?? []));
  return { name: bookName, readings, templates, storedPlan, unread };
}
