// Reading what people typed into indicator sheets, as the host hands back a sheet's values.
import { parseNumber } from '../numbers/parse-number';
import { numberProblem, textProblem } from '../numbers/limits';
import type { Bilingual } from '../plan/problems';
import { columnLetter, FIRST_DATA_ROW, KEY_ID } from './layout';
import { GEN_PREFIX } from './generations';
import { DEF_PREFIX, definitionFieldOfColumn, isNumberDefinition } from './definition-fields';

/**
 * A cell as a host reads it: Office.js `values`, exceljs values, HyperFormula values. A formula
 * the file holds without a calculated result (as scripts write them) is `uncalculated`, never
 * empty; a number shown as a date (a date typed where a number belongs) is `date`, with its text.
 */
export type RawCell = string | number | boolean | null | undefined | { error: string } | { uncalculated: string } | { date: string };

/** Where a value came from, for messages: `'حمل و نقل'!I7`. */
export interface CellRef {
  sheet: string;
  address: string;
  /** The workbook, when several are merged (the CLI). */
  book?: string;
}

export type FieldValue = number | string | null;

/** One editable cell's content: the value read from it, or why it could not be read. */
export interface ReadCell {
  ref: string;
  /** `actuals.1403` or `comment`. */
  field: string;
  at: CellRef;
  /** What the cell showed, as text (for reports and for carrying it over on rebuild). */
  raw: string | number | null;
  value?: FieldValue;
  /** Set when the cell holds something that is not a number (or - or empty). */
  unreadable?: Bilingual;
}

export interface SheetReading {
  sheet: string;
  cells: ReadCell[];
  /** What the sheet says of its own layout, checked against the base before anything applies. */
  layout?: FoundLayout;
}

/** A data row as found: its 1-based number, its hidden key and the code it shows. */
export interface FoundRow {
  row: number;
  key: string;
  code: string;
}

export interface FoundLayout {
  /** Row 1's ids as found ('' where none; the generation cell left out). */
  ids: string[];
  /** The ids the sheet must have, when the sheet itself determines them (a template's period). */
  expected?: string[];
  rows: FoundRow[];
  /** Rows without a key (inserted, or the key cleared) that hold something in an editable column. */
  keyless: Array<FoundRow & { cells: ReadCell[] }>;
}

/** Excel keeps 15 significant digits; reading back at that precision gives 68.68, not 68.6799…. */
export function excelPrecision(n: number): number {
  return Number.isFinite(n) ? Number(n.toPrecision(15)) : n;
}

export function cellAddress(rowIndex0: number, colIndex0: number): string {
  return `${columnLetter(colIndex0)}${rowIndex0 + 1}`;
}

const PERIOD = '\\d{4}(?:-(?:H[12]|Q[1-4]|M(?:0[1-9]|1[0-2])))?';
const COLUMN_FIELD = new RegExp(`^(actual|note|evidence):(${PERIOD})$`);
const MAP_OF = { actual: 'actuals', note: 'notes', evidence: 'evidenceSubmitted' } as const;

/**
 * The plan field an editable column id edits, if it is one (`actual:1403` → `actuals.1403`,
 * `def:unit` → `unit`, `def:target:1403` → `targets.1403`).
 */
export function fieldOfColumn(id: unknown): string | undefined {
  if (id === 'comment') return 'comment';
  if (typeof id === 'string' && id.startsWith(DEF_PREFIX)) return definitionFieldOfColumn(id);
  const m = typeof id === 'string' ? COLUMN_FIELD.exec(id) : null;
  return m ? `${MAP_OF[m[1] as keyof typeof MAP_OF]}.${m[2]}` : undefined;
}

/** Text fields (the rest are numbers: actuals, targets, horizons, weights). */
export const isTextField = (field: string) => !field.startsWith('actuals.') && !isNumberDefinition(field);

/** A cell as the text a person sees (an error as its code, nothing as ''). */
export function cellText(c: RawCell): string {
  const t = rawText(c);
  return t === null ? '' : String(t);
}

function rawText(c: RawCell): string | number | null {
  if (c === null || c === undefined) return null;
  if (typeof c === 'object') return 'error' in c ? c.error : 'date' in c ? c.date : `=${c.uncalculated}`;
  if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  return c;
}

/**
 * The editable cells of an indicator sheet, read and parsed (Persian digits, `۰/۲`, `-`, 80%).
 * Undefined for a sheet that is not a PlanSheets indicator sheet (its A1 is not the key id).
 */
export function readSheet(sheet: string, matrix: readonly (readonly RawCell[])[], book?: string): SheetReading | undefined {
  const ids = matrix[0];
  if (!ids || ids[0] !== KEY_ID) return undefined;
  return readRows(sheet, matrix, FIRST_DATA_ROW, book);
}

const idText = (v: RawCell): string => (typeof v === 'string' ? v.trim() : v == null || typeof v === 'object' ? '' : String(v));

/**
 * The editable cells below `firstRow` (1-based) of a sheet whose row 1 holds column ids and
 * column A the rows' keys (indicator sheets and templates), with the layout as found.
 */
export function readRows(sheet: string, matrix: readonly (readonly RawCell[])[], firstRow: number, book?: string, expected?: string[]): SheetReading {
  const ids = Array.from(matrix[0] ?? [], (v) => idText(v)).map((id) => (id.startsWith(GEN_PREFIX) ? '' : id));
  const fields = ids.map(fieldOfColumn);
  const codeCol = ids.indexOf('code');
  const cells: ReadCell[] = [];
  const layout: FoundLayout = { ids, rows: [], keyless: [], ...(expected ? { expected } : {}) };
  for (let r = firstRow - 1; r < matrix.length; r++) {
    const row = matrix[r] ?? [];
    const key = idText(row[0]);
    const found = { row: r + 1, key, code: codeCol < 0 ? '' : cellText(row[codeCol]).trim() };
    const at = (c: number): CellRef => ({ sheet, address: cellAddress(r, c), ...(book ? { book } : {}) });
    if (!key) {
      // Nothing typed here can reach a line: report it rather than drop it.
      const typed: ReadCell[] = [];
      fields.forEach((field, c) => {
        if (field && rawText(row[c]) !== null && String(rawText(row[c])).trim() !== '') typed.push(readCell('', field, at(c), row[c]));
      });
      if (typed.length) layout.keyless.push({ ...found, cells: typed });
      continue;
    }
    layout.rows.push(found);
    fields.forEach((field, c) => {
      if (field) cells.push(readCell(key, field, at(c), row[c]));
    });
  }
  return { sheet, cells, layout };
}

const cellError = (raw: { error: string } | { uncalculated: string } | { date: string }, number: boolean): Bilingual | undefined => {
  if ('error' in raw) return { en: `the cell shows the error ${raw.error}`, fa: `خانه خطای ${raw.error} را نشان می‌دهد` };
  if ('uncalculated' in raw) {
    return {
      en: `the cell holds the formula =${raw.uncalculated} but no calculated value (the program that wrote it did not calculate it): open and save the book in Excel, or type the value`,
      fa: `خانه فرمول =${raw.uncalculated} را دارد اما مقدار محاسبه‌شده ندارد (برنامه‌ای که آن را نوشته محاسبه نکرده است): کتاب را در اکسل باز و ذخیره کنید یا مقدار را وارد کنید`,
    };
  }
  return number ? { en: `the cell holds the date ${raw.date}, not a number`, fa: `خانه تاریخ ${raw.date} را دارد، نه عدد` } : undefined;
};

export function readCell(ref: string, field: string, at: CellRef, raw: RawCell): ReadCell {
  const base = { ref, field, at, raw: rawText(raw) };
  if (isTextField(field)) {
    const problem = raw !== null && typeof raw === 'object' ? cellError(raw, false) : undefined;
    if (problem) return { ...base, unreadable: problem };
    const text = raw === null || raw === undefined ? '' : String(typeof raw === 'object' && 'date' in raw ? raw.date : raw).trim();
    const bad = textProblem(text);
    if (bad) return { ...base, raw: text.slice(0, 200), unreadable: bad };
    return { ...base, value: text === '' ? null : text };
  }
  if (raw !== null && typeof raw === 'object') return { ...base, unreadable: cellError(raw, true)! };
  const parsed = typeof raw === 'number' ? { ok: true as const, value: raw } : parseNumber(typeof raw === 'boolean' ? String(raw) : raw);
  if (!parsed.ok) return { ...base, unreadable: parsed.reason };
  if (parsed.value === null) return { ...base, value: null };
  const bad = numberProblem(parsed.value);
  return bad ? { ...base, unreadable: bad } : { ...base, value: excelPrecision(parsed.value) };
}
