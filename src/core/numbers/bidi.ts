// Text that reads correctly inside right-to-left text. Codes (`3-6-3-4`), periods (`1403-H1`),
// JSON paths and cell addresses are left-to-right runs made mostly of neutral characters: set in
// Persian text, the bidi algorithm moves their hyphens and slashes (`H1-1403`, `indicators/3/`).
// Unicode isolates (LRI/FSI … PDI) keep each one a single unit in its own direction.
import { toPersianDigits } from './digits';
import { inDigits } from './format';

export const LRI = '\u2066';
export const FSI = '\u2068';
export const PDI = '\u2069';

/** A left-to-right run (a code, a period, a path) isolated from the text around it. */
export function ltr(text: string): string {
  return `${LRI}${text}${PDI}`;
}

/** Text of either direction (a name, a file, a typed value) isolated; its first letter decides. */
export function isolate(text: string): string {
  return `${FSI}${text}${PDI}`;
}

// What a message from elsewhere may carry that needs isolating: a quoted sheet's cell
// (`'کارگروه'!E12`), a JSON path (`/indicators/3/horizon`), a period (`1403-H1`), a code (`3-6-3-4`).
const TOKEN = /'[^'\n]*'![A-Z]{1,3}\d+|(?<![\w/])(?:\/[\w$.~-]+)+|\b\d{4}-[HQM]\d{1,2}\b|\b\d+(?:-\d+)+\b/g;
/** A run of ASCII digits that is a number of its own (not part of `A1`, `H1` or `UTF-8`). */
const NUMBER = /(?<![A-Za-z0-9])(?<![A-Za-z]-)\d+(?:[.,]\d+)*%?(?![A-Za-z0-9])/g;
const PERIOD = /^\d{4}-[HQM]\d{1,2}$/;

/**
 * A message for display in the pane's language: codes, periods, paths and cell addresses isolated
 * left to right and, in Persian, periods and every other number in Persian digits.
 * Text already isolated is left as it is.
 */
export function readable(text: string, lang: 'en' | 'fa'): string {
  let out = '';
  let at = 0;
  let depth = 0;
  // Digits become Persian only outside isolates: an isolated run is a key, id or value quoted as
  // the file holds it (`"1410"`), and a reader searching the file for it must find it as shown.
  const plain = (s: string) => {
    let done = '';
    for (const part of s.split(/([\u2066-\u2069])/)) {
      if (part.length === 1 && part >= LRI && part <= PDI) {
        depth = part === PDI ? Math.max(0, depth - 1) : depth + 1;
        done += part;
      } else done += depth > 0 || lang !== 'fa' ? part : part.replace(NUMBER, (n) => inDigits(n, 'fa'));
    }
    return done;
  };
  for (const m of text.matchAll(TOKEN)) {
    out += plain(text.slice(at, m.index));
    if (depth > 0) out += m[0];
    // a period as the pane shows periods (`۱۴۰۳-H۱`); codes and paths stay as stored
    else out += ltr(lang === 'fa' && PERIOD.test(m[0]) ? toPersianDigits(m[0]) : m[0]);
    at = m.index + m[0].length;
  }
  return out + plain(text.slice(at));
}

/**
 * A code led by a left-to-right mark: its digits and hyphens then read as one left-to-right run
 * (`3-6-3-4`, never `4-3-6-3`) while it stays plain text beside its label, for lists people
 * search by code.
 */
export function leadLtr(code: string): string {
  return `\u200e${code}`;
}
