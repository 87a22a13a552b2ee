// Reads indicator sheets (and the plan they were built from) back from an .xlsx with exceljs.
import ExcelJS from 'exceljs';
import { readSheet, type RawCell, type SheetReading } from '../core/grid/read';
import type { BookInput } from '../core/grid/merge-books';
import { planFromXmlParts } from '../excel/plan-xml';
import { generations } from '../core/grid/generations';
import { baseFromRows } from '../core/grid/base-sheet';
import { readTemplate, type TemplateReading } from '../core/templates/template';
import { readCustomXmlParts } from './custom-xml';

/** A cell's value as the grid reads it: formulas give their cached result. */
export function raw(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('error' in value) return { error: String(value.error) };
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return raw((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return String(value);
}

/** A workbook's indicator sheets, filled templates and the plan it was built from. */
export async function readBook(bytes: Buffer | ArrayBuffer | Uint8Array, bookName: string): Promise<BookInput> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const matrices: Array<{ name: string; matrix: RawCell[][] }> = [];
  book.eachSheet((ws) => {
    const matrix: RawCell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: RawCell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        cells[c - 1] = raw(cell.value);
      });
      matrix[r - 1] = cells;
    });
    matrices.push({ name: ws.name, matrix });
  });
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
  const stored = fromSheet ?? planFromXmlParts(await readCustomXmlParts(bytes));
  return { name: bookName, readings, templates, storedPlan: stored };
}
