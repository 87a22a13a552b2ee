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

/** The plan year a header cell names: `۱۴۰۲`, `سال ۱۴۰۲`, `هدف ۱۴۰۲`, `target 1402`, `۱۴۰۲ (هدف)`. */
export function yearIn(cell: string): number | undefined {
  if (isYear(cell)) return Number(toAsciiDigits(cell));
  const m = /^(?:هدف|سال|برنامه|target|year|plan)\s*(1[34]\d\d)$|^(1[34]\d\d)\s*\((?:هدف|target)\)$/i.exec(toAsciiDigits(cell).trim());
  return m ? Number(m[1] ?? m[2]) : undefined;
}

/** A one-comma number whose comma cannot be a thousands separator (`۱,۵`, `12,75`): a decimal comma. */
const DECIMAL_COMMA = /^([+-]?\d+),(\d{1,2}|\d{4,})$/;

/** A number cell (a number, or - or empty for none); undefined for text. Accepts a decimal comma. */
export function numberOf(cell: string): number | null | undefined {
  if (cell === '') return null;
  const r = parseNumber(cell);
  if (r.ok) return r.value;
  const comma = DECIMAL_COMMA.exec(toAsciiDigits(stripInvisibles(cell)).trim());
  return comma ? Number(`${comma[1]}.${comma[2]}`) : undefined;
}

/** How a number cell was read, when it was not a plain number. */
export interface NumberReading {
  value: number | null;
  /** Words printed after the number (`۲۵۰ بااستثنای …`): kept as a note. */
  words?: string;
  decimalComma?: boolean;
}

/** A number followed by words: the number, then a space or a bracket, then text with a letter in it. */
const NUMBER_THEN_WORDS = /^([+-]?[\d۰-۹٠-٩٫/.,٬]*[\d۰-۹٠-٩][%٪]?)[\s(（[-]+(.*\p{L}.*)$/u;

/**
 * A cell in a column that holds numbers: a number, a decimal comma, or a number followed by words.
 * Undefined when it holds no leading number at all (text, which the caller keeps as a note).
 */
export function readNumberCell(cell: string): NumberReading | undefined {
  if (cell === '') return { value: null };
  const strict = parseNumber(cell);
  if (strict.ok) return { value: strict.value };
  const text = stripInvisibles(cell).trim();
  if (DECIMAL_COMMA.test(toAsciiDigits(text))) return { value: numberOf(cell) ?? null, decimalComma: true };
  const m = NUMBER_THEN_WORDS.exec(text);
  if (!m) return undefined;
  const head = numberOf(m[1]);
  if (typeof head !== 'number') return undefined;
  const words = clean(m[2]).replace(/[)）\]]$/, '').trim();
  return { value: head, words, ...(DECIMAL_COMMA.test(toAsciiDigits(m[1])) ? { decimalComma: true } : {}) };
}

/** A lone cell that is a printed page number: `۱۲۵`, `- ۱۲۵ -`, `صفحه ۱۲۵`, `page 12`, `12/140`. */
export function isPageNumber(cell: string): boolean {
  const t = toAsciiDigits(clean(cell));
  return /^(?:صفحه|page|p\.)?\s*[-–—|]*\s*\d{1,4}\s*[-–—|]*$/i.test(t) || /^\d{1,4}\s*(?:\/|از|of)\s*\d{1,4}$/i.test(t);
}

/** A line that stands for a picture in text made from a document (markdown image, placeholder). */
export function isImageMarker(cell: string): boolean {
  return /^!\[|^<img\b|^\[(?:image|picture|تصویر|عکس)[^\]]*\]$/i.test(cell.trim());
}

/** A caption's opening words: figure, picture, photo, chart, map. */
export const CAPTION_START = /^(?:شکل|تصویر|عکس|نمودار|نقشه|figure|fig\.|photo|picture|image)\s*[\d۰-۹:-]*/i;
