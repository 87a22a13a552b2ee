// What a cell's XML holds. exceljs reads some cells wrongly without a word: a number cell whose
// text is not a plain decimal (it uses parseFloat: `0x1A` is 0, `1e999` Infinity), a `t="d"` date
// read as its year. Those cells' texts are handed to the reader, so the cell is refused with its
// address instead of read as a number. For a sheet exceljs does not read, the value is made here.
import type { RawCell } from '../core/grid/read';
import { LAST_DATE_SERIAL, serialDay } from './excel-dates';
import { decodeXml } from './xml-scan';

/**
 * What the file holds in a cell whose exceljs value cannot be trusted:
 * `text`: a number cell whose text is not a plain decimal (`0x1A`, `NaN`, `1e999`), to be read
 * as that text (and refused as a number); also the empty result of a calculated formula.
 * `date`: a `t="d"` cell's ISO 8601 text (exceljs reads `2024-03-20` as 2024).
 * `serial`: a plain number beyond any date, for when its format makes exceljs an invalid Date of it.
 */
export interface FileValue {
  kind: 'text' | 'date' | 'serial';
  text: string;
}

/** A `<c>` element as read: its attributes, and the raw text of its value, formula and inline string. */
export interface CellState {
  address: string;
  col: number;
  type?: string;
  style?: number;
  v?: string;
  f?: string;
  inline?: string;
}

/** A plain decimal, as a number cell's text is in every spreadsheet program's files. */
const PLAIN_NUMBER = /^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;
/** Cell types exceljs reads as something else than a number (the rest go through parseFloat). */
const NOT_NUMBER_TYPES = new Set(['s', 'str', 'inlineStr', 'b', 'e', 'd']);
/** Longer cell text than this is kept only in part for messages (in sheets exceljs reads). */
export const KEEP_TEXT = 256;

const isPlainNumber = (v: string) => PLAIN_NUMBER.test(v) && Number.isFinite(Number(v));

/** What exceljs would read wrongly in a cell (`v` its value's decoded, trimmed text), or undefined. */
export function misread(c: CellState, v: string | undefined): FileValue | undefined {
  if (v === undefined || c.type === 's') return undefined;
  if (c.f !== undefined && v === '') return { kind: 'text', text: '' };
  if (c.type === 'd') return { kind: 'date', text: v };
  if (c.type !== undefined && NOT_NUMBER_TYPES.has(c.type)) return undefined;
  if (!isPlainNumber(v) || c.v!.length >= KEEP_TEXT) return { kind: 'text', text: v };
  if (Math.abs(Number(v)) > LAST_DATE_SERIAL) return { kind: 'serial', text: v };
  return undefined;
}

/** What a plain value needs from the rest of the package. */
export interface ValueContext {
  strings: { readonly texts: readonly string[] };
  /** Cell styles whose number format shows dates. */
  dated: ReadonlySet<number>;
  date1904: boolean;
}

/** A cell's value as read-book's raw() gives it for a cell exceljs reads (`index`: its shared string's). */
export function plainValue(c: CellState, v: string | undefined, index: number | undefined, ctx: ValueContext): RawCell {
  if (c.f !== undefined && v === undefined) return { uncalculated: decodeXml(c.f) };
  switch (c.type) {
    case 's':
      return index === undefined ? null : ctx.strings.texts[index];
    case 'str':
    case 'inlineStr':
      return c.v === undefined && c.inline === undefined ? null : decodeXml(c.v ?? c.inline ?? '');
    case 'b':
      return v === undefined || v === '' ? null : parseInt(v, 10) !== 0;
    case 'e':
      return v === undefined ? null : { error: v };
    case 'd':
      return v ? { date: /^\d{4}-\d{2}-\d{2}/.exec(v)?.[0] ?? v } : null;
  }
  if (v === undefined || (v === '' && c.f === undefined)) return null;
  if (!isPlainNumber(v)) return v;
  const n = Number(v);
  return c.style !== undefined && ctx.dated.has(c.style) ? { date: serialDay(n, ctx.date1904) } : n;
}
