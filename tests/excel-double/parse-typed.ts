// Text as Excel (en-US) reads it when a person types it, and when an add-in writes it through
// Range.values or Range.formulas: "If the returned value starts with a plus ("+"), minus ("-"),
// or equal sign ("="), Excel interprets this value as a formula", and locale-shaped text becomes
// a date or number (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member).
// A cell formatted as text (@) keeps what is written; so does text after a leading apostrophe.

/** An error value held by a cell (#N/A, #DIV/0!, ...). */
export interface CellError {
  error: string;
}

/** What a cell holds as a constant. */
export type Stored = string | number | boolean | CellError;

export type Typed =
  | { kind: 'empty' }
  | { kind: 'formula'; formula: string }
  /** `format` is the number format Excel gives a General cell for this entry (1/2/2024 → m/d/yyyy). */
  | { kind: 'value'; value: Stored; format?: string };

export const ERROR_VALUES = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!'];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The Excel serial number of a date (1900 date system, with its 29 Feb 1900). */
export function dateSerial(y: number, m: number, d: number): number {
  const days = (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
  return days < 61 ? days - 1 : days;
}

/** Two-digit years: 00-29 are 2000-2029, 30-99 are 1930-1999 (Excel's default cutoff). */
function fullYear(text: string): number | null {
  const y = Number(text);
  if (text.length <= 2) return y < 30 ? 2000 + y : 1900 + y;
  return text.length === 4 && y >= 1900 && y <= 9999 ? y : null;
}

function date(y: number | null, m: number, d: number): number | null {
  if (y === null || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return null;
  return dateSerial(y, m, d);
}

function monthOf(word: string): number {
  const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  return i >= 0 && (word.length === 3 || full[i] === word.toLowerCase() || (i === 8 && word.toLowerCase() === 'sept')) ? i + 1 : 0;
}

/** A date typed as m/d/y, m-d-y, y-m-d, m/d, m-y, d-mmm[-y] or mmm d[, y]. */
function parseDate(s: string, year: number): { value: number; format: string } | null {
  let m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{1,4})$/.exec(s);
  if (m) {
    const v = date(fullYear(m[3]), Number(m[1]), Number(m[2]));
    return v === null ? null : { value: v, format: 'm/d/yyyy' };
  }
  m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(s);
  if (m) {
    const v = date(fullYear(m[1]), Number(m[2]), Number(m[3]));
    return v === null ? null : { value: v, format: 'm/d/yyyy' };
  }
  m = /^(\d{1,2})[/-](\d{1,4})$/.exec(s);
  if (m) {
    // A valid day makes it month and day of this year; otherwise month and year, day 1.
    const day = date(year, Number(m[1]), Number(m[2]));
    if (day !== null && m[2].length <= 2) return { value: day, format: 'd-mmm' };
    const v = m[2].length === 2 || m[2].length === 4 ? date(fullYear(m[2]), Number(m[1]), 1) : null;
    return v === null ? null : { value: v, format: 'mmm-yy' };
  }
  m = /^(\d{1,2})[- ]([A-Za-z]+)(?:[- ](\d{2}|\d{4}))?$/.exec(s);
  if (m && monthOf(m[2])) {
    const v = date(m[3] ? fullYear(m[3]) : year, monthOf(m[2]), Number(m[1]));
    return v === null ? null : { value: v, format: m[3] ? 'd-mmm-yy' : 'd-mmm' };
  }
  m = /^([A-Za-z]+)[- ](\d{1,2})(?:,? (\d{4}))?$/.exec(s);
  if (m && monthOf(m[1])) {
    const v = date(m[3] ? fullYear(m[3]) : year, monthOf(m[1]), Number(m[2]));
    return v === null ? null : { value: v, format: m[3] ? 'd-mmm-yy' : 'd-mmm' };
  }
  return null;
}

/** A time typed as h:mm, h:mm:ss, optionally with AM/PM. */
function parseTime(s: string): { value: number; format: string } | null {
  const m = /^(\d{1,4}):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?\s*([AaPp][Mm]?)?$/.exec(s);
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const sec = m[3] ? Number(m[3]) : 0;
  if (min > 59 || sec >= 60) return null;
  if (m[4]) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (m[4][0].toLowerCase() === 'p' ? 12 : 0);
  }
  const format = m[4] ? (m[3] ? 'h:mm:ss AM/PM' : 'h:mm AM/PM') : m[3] ? 'h:mm:ss' : 'h:mm';
  return { value: (h * 3600 + min * 60 + sec) / 86400, format };
}

const NUMBER = /^(\()?([+-])?(\$)?([+-])?(\d{1,3}(?:,\d{3})+|\d*)(\.\d*)?(?:[eE]([+-]?\d+))?(%)?(\))?$/;

/** A number typed with optional sign, $, thousands separators, decimals, exponent, % or (parentheses). */
function parseNumber(s: string): { value: number; format?: string } | null {
  const m = NUMBER.exec(s);
  if (!m || !/\d/.test((m[5] ?? '') + (m[6] ?? ''))) return null;
  const [, open, sign1, dollar, sign2, int, frac, exp, pct, close] = m;
  if (Boolean(open) !== Boolean(close) || (sign1 && sign2) || (open && (sign1 || sign2)) || (dollar && (exp || pct))) return null;
  let value = Number(`${(int ?? '').replace(/,/g, '') || '0'}${frac ?? ''}${exp !== undefined ? `e${exp}` : ''}`);
  if (!Number.isFinite(value)) return null;
  if (pct) value /= 100;
  if (open || sign1 === '-' || sign2 === '-') value = -value;
  const decimals = frac && frac.length > 1 ? '.00' : '';
  let format: string | undefined;
  if (pct) format = `0${decimals}%`;
  else if (exp !== undefined) format = '0.00E+00';
  else if (dollar) format = `$#,##0${decimals}`;
  else if (int && int.includes(',')) format = `#,##0${decimals}`;
  return { value, format };
}

/** How Excel reads `input` typed into a cell; `textFormat` is true when the cell's format is @. */
export function parseTyped(input: string, options: { textFormat: boolean; year: number }): Typed {
  if (input.startsWith("'")) return { kind: 'value', value: input.slice(1) };
  if (options.textFormat) return input === '' ? { kind: 'empty' } : { kind: 'value', value: input };
  if (input === '') return { kind: 'empty' };
  if (input.length > 1 && input.startsWith('=')) return { kind: 'formula', formula: input };
  const s = input.trim();
  const err = ERROR_VALUES.find((e) => e === s.toUpperCase());
  if (err) return { kind: 'value', value: { error: err } };
  if (/^(TRUE|FALSE)$/i.test(s)) return { kind: 'value', value: s.toUpperCase() === 'TRUE' };
  const n = parseNumber(s);
  if (n) return { kind: 'value', value: n.value, format: n.format };
  const d = parseDate(s, options.year) ?? parseTime(s);
  if (d) return { kind: 'value', value: d.value, format: d.format };
  const [datePart, ...rest] = s.split(/\s+/);
  if (rest.length) {
    const dd = parseDate(datePart, options.year);
    const tt = parseTime(rest.join(' '));
    if (dd && tt) return { kind: 'value', value: dd.value + tt.value, format: 'm/d/yyyy h:mm' };
  }
  if (input.length > 1 && (input.startsWith('+') || input.startsWith('-'))) return { kind: 'formula', formula: `=${input}` };
  return { kind: 'value', value: input };
}
