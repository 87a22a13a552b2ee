// Excel's dates: serial numbers in the 1900 and 1904 systems, and which number formats show a
// number as a date (by PlanSheets' reading, and by exceljs', which makes a Date of it).

/** The serial number of 9999-12-31, Excel's last date: a larger number is no date. */
export const LAST_DATE_SERIAL = 2958465;

/**
 * Whether a number format shows dates: d or y, or m as a month, outside quoted text, escapes and
 * brackets (`[$-fa-IR,16]` locale and calendar, `[Red]`); m next to h or s is minutes, and elapsed
 * `[h]` is a duration, not a date.
 */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const s = numFmt
    .replace(/"[^"]*"/g, ' ')
    .replace(/\\./g, ' ')
    .replace(/[_*]./g, ' ')
    .replace(/\[(h+|s+)\]/gi, (_, t: string) => t[0])
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/AM\/PM|A\/P/gi, ' ')
    .toLowerCase();
  const code = (s.match(/([a-z])\1*/g) ?? []).map((t) => t[0]).filter((c) => 'ydmhs'.includes(c));
  return code.some((c, i) => c === 'y' || c === 'd' || (c === 'm' && code[i - 1] !== 'h' && code[i + 1] !== 's'));
}

const MS_PER_DAY = 86_400_000;
/** Serial of 1970-01-01 in the 1900 date system; the 1904 system counts 1,462 days fewer. */
const UNIX_EPOCH_SERIAL = 25569;
const DATE_1904_SHIFT = 1462;

/** A date as yyyy-mm-dd when it is one Excel can show (years 1899 to 9999), else null. */
export function isoDay(d: Date): string | null {
  const y = d.getUTCFullYear();
  return Number.isFinite(d.getTime()) && y >= 1899 && y <= 9999 ? d.toISOString().slice(0, 10) : null;
}

/** The day a serial number shows as a date, as yyyy-mm-dd, or the serial itself when it is no date. */
export function serialDay(n: number, date1904 = false): string {
  if (!(n >= 0 && n <= LAST_DATE_SERIAL)) return String(n);
  return isoDay(new Date(Math.round((n - UNIX_EPOCH_SERIAL + (date1904 ? DATE_1904_SHIFT : 0)) * MS_PER_DAY))) ?? String(n);
}

/** The serial number of a Date exceljs made of one. */
export const dateSerial = (d: Date, date1904 = false) => d.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL - (date1904 ? DATE_1904_SHIFT : 0);

/** The built-in number formats exceljs knows that show dates or times (ECMA-376 18.8.30). */
export const BUILT_IN_DATES: Record<number, string> = { 14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy h:mm', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0' };

/** exceljs' own test (its utils.isDateFmt): it makes a Date of a number whose format passes it, times included. */
const exceljsDate = (f: string) => /[ymdhMsb]/.test(f.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** Whether read-book's raw() gives a date for a number in this format: exceljs made a Date of it, or the format shows dates. */
export const readAsDate = (code: string | undefined): boolean => !!code && (exceljsDate(code) || isDateFormat(code));
