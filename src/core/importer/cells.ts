// One cell of a pasted table as the importer reads it: cleaned of what copy and paste leaves
// behind, and read as a number the way people print numbers in the books (which is looser than
// what a sheet accepts: a decimal comma, a number followed by a remark).
import { stripInvisibles, toAsciiDigits } from '../numbers/digits';
import { parseNumber } from '../numbers/parse-number';

/**
 * Control characters (NUL and the rest of C0 but tab and the line and space controls, DEL, C1),
 * noncharacters U+FFFE/U+FFFF and lone surrogates: what a damaged file, or one read in the wrong
 * encoding, leaves in a cell. Nothing anyone typed, and nothing a sheet could hold.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The control characters of a row, as "U+0000 ×3, U+001B", or '' when there are none. */
export function controlsIn(row: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const cell of row) for (const c of cell.match(CONTROL) ?? []) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts]
    .map(([c, n]) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}${n > 1 ? ` ×${n}` : ''}`)
    .join(', ');
}

/** A cell as text: markdown heading marks, invisible marks and extra spaces gone. */
export function clean(cell: string | undefined): string {
  return stripInvisibles(cell ?? '').replace(/^#+\s*/, '').replace(/\s+/g, ' ').trim();
}

/** Cells of a row without the empty cells at its end. */
export function trimmed(row: readonly string[]): string[] {
  const cells = row.map(clean);
  while (cells.length && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

/** The heading level a markdown mark gives a line (`## …` is 2), 0 for an unmarked line. */
export function headingLevel(raw: string): number {
  const m = /^\s*(#+)\s/.exec(stripInvisibles(raw));
  return m ? m[1].length : 0;
}

export const isYear = (cell: string): boolean => {
  const t = toAsciiDigits(cell);
  return /^\d{4}$/.test(t) && Number(t) > 1300 && Number(t) < 1500;
};

/**
 * The plan year a header cell names: `۱۴۰۲`, `سال ۱۴۰۲`, `هدف سال ۱۴۰۲`, `پیش بینی ۱۴۰۲`, `target 1402`,
 * `۱۴۰۲ (هدف)`: a short label with one year in it. Not a horizon (`افق ۱۴۰۶`) nor a date.
 */
export function yearIn(cell: string): number | undefined {
  if (isYear(cell)) return Number(toAsciiDigits(cell));
  const t = toAsciiDigits(stripInvisibles(cell)).trim();
  if (t.length > 40 || /افق|horizon|پنج\s*ساله|جمع|مجموع|total|\d[/-]\d/i.test(t)) return undefined;
  const years = t.match(/(?<!\d)1[34]\d\d(?!\d)/g);
  if (!years || years.length !== 1 || t.split(/\s+/).length > 4) return undefined;
  const y = Number(years[0]);
  return y > 1300 && y < 1500 ? y : undefined;
}

/** A one-comma number whose comma cannot be a thousands separator (`۱,۵`, `12,75`): a decimal comma. */
const DECIMAL_COMMA = /^([+-]?\d+),(\d{1,2}|\d{4,})$/;

/** A percent sign printed before the number, as right-to-left text shows `80%`: `٪۸۰`. */
const LEADING_PERCENT = /^[%٪]\s*(?=[+-]?[\d۰-۹٠-٩])/;

/** A number cell (a number, or - or empty for none); undefined for text. Accepts a decimal comma and a leading percent sign. */
export function numberOf(cell: string): number | null | undefined {
  if (cell === '') return null;
  const r = parseNumber(cell);
  if (r.ok) return r.value;
  const text = toAsciiDigits(stripInvisibles(cell)).trim();
  if (LEADING_PERCENT.test(text)) return numberOf(text.replace(LEADING_PERCENT, ''));
  const comma = DECIMAL_COMMA.exec(text);
  return comma ? Number(`${comma[1]}.${comma[2]}`) : undefined;
}

/** How a number cell was read, when it was not a plain number. */
export interface NumberReading {
  value: number | null;
  /** What was printed around the number (`۲۵۰ بااستثنای …`, `(۸۰)`, `۸۰-۸۵`, `۸۰*`): kept as a note. */
  words?: string;
  decimalComma?: boolean;
}

const NUMBER_CHAR = /[\d۰-۹٠-٩٫/.,٬]/;
const DIGIT = /[\d۰-۹٠-٩]/;

/** The number a cell starts with (after an opening bracket), found in one pass: `(۸۰)` → `۸۰`. */
function leadingNumber(text: string): { number: string; rest: string; bracket: boolean } | undefined {
  let i = 0;
  const bracket = text[0] === '(' || text[0] === '（';
  if (bracket) i++;
  const start = i;
  if (text[i] === '+' || text[i] === '-') i++;
  while (i < text.length && NUMBER_CHAR.test(text[i])) i++;
  // Up to the last digit: `۸۰.` or `۸۰/` end at `۸۰`.
  let end = i;
  while (end > start && !DIGIT.test(text[end - 1])) end--;
  if (end === start || !DIGIT.test(text.slice(start, end))) return undefined;
  if (text[end] === '%' || text[end] === '٪') end++;
  return { number: text.slice(start, end), rest: text.slice(end), bracket };
}

/**
 * A cell in a column that holds numbers: a number, a decimal comma, a leading percent sign, or a
 * number with something printed around it (words after it, brackets, a range, a footnote mark):
 * the number, and the rest as a note. Undefined when it holds no leading number (text, which the
 * caller keeps as a note).
 */
export function readNumberCell(cell: string): NumberReading | undefined {
  if (cell === '') return { value: null };
  const strict = parseNumber(cell);
  if (strict.ok) return { value: strict.value };
  const text = stripInvisibles(cell).trim();
  const ascii = toAsciiDigits(text);
  if (DECIMAL_COMMA.test(ascii)) return { value: numberOf(cell) ?? null, decimalComma: true };
  const percentFirst = LEADING_PERCENT.test(ascii) ? numberOf(ascii) : undefined;
  if (percentFirst !== undefined) return { value: percentFirst };
  const lead = leadingNumber(text);
  if (!lead) return undefined;
  const value = numberOf(lead.number);
  if (typeof value !== 'number') return undefined;
  const rest = lead.rest.trim().replace(/^[(（](.*)[)）]$/, '$1');
  // A bare closing bracket says nothing; anything else printed with the number is kept.
  const words = clean(lead.bracket && /^[)）]$/.test(rest) ? '' : lead.bracket ? text : rest);
  return { value, ...(words ? { words } : {}), ...(DECIMAL_COMMA.test(toAsciiDigits(lead.number)) ? { decimalComma: true } : {}) };
}

/** A printed page number, in one cell or a few: `۱۲۵`, `- ۱۲۵ -`, `صفحه ۱۲۵`, `صفحه | ۱۲`, `page 12`, `12/140`, `صفحه ۱۲ از ۲۰۰`. */
export function isPageNumber(cell: string): boolean {
  const t = toAsciiDigits(clean(cell));
  if (t.length > 40) return false;
  if (/^(?:صفحه|page)\s*\d{1,4}\s*(?:\/|از|of)\s*\d{1,4}$/i.test(t)) return true;
  return /^(?:صفحه|page|p\.)?\s*[-–—|]*\s*\d{1,4}\s*[-–—|]*$/i.test(t) || /^\d{1,4}\s*(?:\/|از|of)\s*\d{1,4}$/i.test(t);
}

/** A line that stands for a picture in text made from a document (markdown image, placeholder). */
export function isImageMarker(cell: string): boolean {
  return /^!\[|^<img\b|^\[(?:image|picture|تصویر|عکس)[^\]]*\]$/i.test(cell.trim());
}

/** A caption's opening words: figure, picture, photo, chart, map. */
export const CAPTION_START = /^(?:شکل|تصویر|عکس|نمودار|نقشه|figure|fig\.|photo|picture|image)\s*[\d۰-۹:-]*/i;
