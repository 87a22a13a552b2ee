// Persian (U+06F0–06F9) and Arabic-Indic (U+0660–0669) digits, and the invisible marks that
// text copied from Persian documents carries (bidi controls, ZWNJ, BOM).

const PERSIAN_ZERO = 0x06f0;
const ARABIC_ZERO = 0x0660;
const NON_ASCII_DIGIT = /[\u06f0-\u06f9\u0660-\u0669]/g;
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]/g;
const ODD_SPACE = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;

/** Replaces Persian and Arabic-Indic digits with ASCII digits; leaves everything else. */
export function toAsciiDigits(text: string): string {
  return text.replace(NON_ASCII_DIGIT, (d) => {
    const c = d.charCodeAt(0);
    return String(c >= PERSIAN_ZERO ? c - PERSIAN_ZERO : c - ARABIC_ZERO);
  });
}

/** Drops bidi marks, zero-width characters and the BOM; turns exotic spaces into plain ones. */
export function stripInvisibles(text: string): string {
  return text.replace(INVISIBLE, '').replace(ODD_SPACE, ' ');
}

/** Writes ASCII digits as Persian digits (for labels in fa-IR). */
export function toPersianDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(PERSIAN_ZERO + Number(d)));
}
