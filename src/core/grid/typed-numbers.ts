// Numbers typed in Persian or Arabic-Indic digits: Excel keeps "۱/۵" as text, so an achievement
// formula over it stays blank until the merge reads it. The pane turns such text in actual cells
// into the number it reads as, at once; this says which cells and to what. Pure: the Office.js
// calls are in src/excel/typing.ts.
import { parseNumber } from '../numbers/parse-number';
import { FIRST_DATA_ROW, KEY_ID } from './layout';
import { T_FIRST_ROW, TEMPLATE_ID } from '../templates/template';

/** Where a sheet's actual cells are: their 0-based columns, from 0-based row `firstRow` down. */
export interface ActualCells {
  firstRow: number;
  columns: number[];
}

/**
 * The actual cells of a sheet from its row-1 ids: an indicator sheet's (A1 the key id) or a
 * template's (A1 the template id) `actual:` columns below their header. Undefined for any other
 * sheet, whose cells are never touched.
 */
export function actualCellsOf(ids: readonly unknown[]): ActualCells | undefined {
  const firstRow = ids[0] === KEY_ID ? FIRST_DATA_ROW - 1 : ids[0] === TEMPLATE_ID ? T_FIRST_ROW - 1 : undefined;
  if (firstRow === undefined) return undefined;
  const columns = ids.flatMap((id, c) => (typeof id === 'string' && id.startsWith('actual:') ? [c] : []));
  return columns.length ? { firstRow, columns } : undefined;
}

/** Digits and separators Excel does not read as a number (Persian, Arabic-Indic, ٫ ٬ ٪). */
const NOT_EXCEL_DIGITS = /[\u06f0-\u06f9\u0660-\u0669\u066a-\u066c]/;

/**
 * The number a typed text stands for when Excel left it text only for its Persian or Arabic-Indic
 * digits or separators (`۱/۵` → 1.5, `١٢٫٥` → 12.5, `۸۰٪` → 80); undefined for anything else:
 * numbers already, empty cells, `-`, and text that is not a number (the merge reports it).
 */
export function typedNumber(value: unknown): number | undefined {
  if (typeof value !== 'string' || !NOT_EXCEL_DIGITS.test(value)) return undefined;
  const parsed = parseNumber(value);
  return parsed.ok && parsed.value !== null ? parsed.value : undefined;
}

/** A 0-based rectangle of cells. */
export interface CellArea {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/**
 * The parts of a changed area that are actual cells, one per actual column it crosses, rows
 * clipped to the data rows and to `lastRow` (0-based, the sheet's last used row).
 */
export function actualParts(changed: CellArea, actual: ActualCells, lastRow: number): CellArea[] {
  const top = Math.max(changed.row, actual.firstRow);
  const bottom = Math.min(changed.row + changed.rows - 1, lastRow);
  if (bottom < top) return [];
  return actual.columns
    .filter((c) => c >= changed.column && c < changed.column + changed.columns)
    .map((column) => ({ row: top, column, rows: bottom - top + 1, columns: 1 }));
}

/** The cells of a read part (its values, a column) to write as numbers: 0-based row, column and the number. */
export function numbersToWrite(part: CellArea, values: readonly (readonly unknown[])[]): Array<{ row: number; column: number; value: number }> {
  const out: Array<{ row: number; column: number; value: number }> = [];
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      const n = typedNumber(v);
      if (n !== undefined) out.push({ row: part.row + i, column: part.column + j, value: n });
    }),
  );
  return out;
}
