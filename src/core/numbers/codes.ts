import { stripInvisibles, toAsciiDigits } from './digits';

// Hyphen, non-breaking hyphen, figure/en/em dashes, horizontal bar, minus, tatweel (used as a
// dash in Persian documents), small and full-width hyphen-minus.
const DASHES = /[\u2010-\u2015\u2212\u0640\ufe58\ufe63\uff0d]/g;

const STORED = /^[0-9][0-9-]*$/;

/** A code as stored: ASCII digits, `-` between segments, no spaces (`۳ – ۶-۳-۴` → `3-6-3-4`). */
export function normalizeCode(code: string): string {
  if (STORED.test(code)) return code;
  return toAsciiDigits(stripInvisibles(code)).replace(DASHES, '-').replace(/\s+/g, '');
}

/** The code read backwards, segment by segment (`11-3-6-3` → `3-6-3-11`). */
export function reverseCode(code: string): string {
  return code.split('-').reverse().join('-');
}

/** The code of the code's parent level (`3-6-3-4` → `3-6-3`); empty for a one-segment code. */
export function codePrefix(code: string): string {
  const cut = code.lastIndexOf('-');
  return cut < 0 ? '' : code.slice(0, cut);
}
