// What a plan value may be, so that it survives a cell, an XML part and a JSON file unchanged:
// the ranges every reader enforces (plan files, sheets, templates, imports) and `validate` states.
import type { Bilingual } from '../plan/problems';

/**
 * The largest magnitude a plan number may have. Excel keeps 15 significant digits, so larger
 * numbers do not come back as typed; achievement ratios of them overflow to Infinity.
 */
export const VALUE_LIMIT = 1e15;

/** Excel holds at most this many characters in a cell (Excel specifications and limits). */
export const TEXT_LIMIT = 32767;

/** Excel holds at most this many characters in a formula. */
export const FORMULA_LIMIT = 8192;

/**
 * Characters XML 1.0 cannot carry (so no .xlsx can hold them): C0 controls other than tab, line
 * feed and carriage return, lone surrogates, U+FFFE and U+FFFF.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a number cannot be a plan value, or undefined when it can. */
export function numberProblem(n: number): Bilingual | undefined {
  if (!Number.isFinite(n)) return { en: `${n} is not a finite number`, fa: `${n} عدد متناهی نیست` };
  if (Math.abs(n) > VALUE_LIMIT) return { en: `${n} is beyond ±${VALUE_LIMIT} (15 digits, what Excel keeps)`, fa: `${n} بیرون از بازه ±${VALUE_LIMIT} است (۱۵ رقم، آنچه اکسل نگه می‌دارد)` };
  return undefined;
}

/** Why a text cannot round-trip through a cell, or undefined when it can. */
export function textProblem(s: string): Bilingual | undefined {
  if (s.length > TEXT_LIMIT) return { en: `${s.length} characters; a cell holds at most ${TEXT_LIMIT}`, fa: `${s.length} نویسه؛ یک خانه حداکثر ${TEXT_LIMIT} نویسه نگه می‌دارد` };
  const m = NOT_XML.exec(s);
  if (m) {
    const code = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return { en: `holds the control character ${code} at position ${m.index + 1}, which no spreadsheet file can carry`, fa: `نویسه کنترلی ${code} در جایگاه ${m.index + 1} دارد که هیچ فایل صفحه‌گسترده‌ای نمی‌تواند نگه دارد` };
  }
  return undefined;
}
