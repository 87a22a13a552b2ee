// Range.text: a value as a number format shows it ("The text value will not depend on the cell
// width", https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-text-member).
// The double knows General, @, 0 / 0.00 / #,##0 / #,##0.00 (with $ or other literals), percents,
// scientific, and date and time codes (d, dd, ddd, dddd, m, mm, mmm, mmmm, yy, yyyy, h, hh, mm,
// ss, AM/PM). Other codes show the value as General would.
import type { Stored } from './parse-typed';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** General: integers as they are, others to at most 11 characters, large or tiny ones in E notation. */
export function general(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) {
    const [mant, exp] = n.toExponential(5).split('e');
    const e = Number(exp);
    return `${mant.replace(/\.?0+$/, '')}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  const intDigits = Math.max(1, Math.floor(Math.log10(abs || 1)) + 1);
  const decimals = Math.max(0, 10 - intDigits - (n < 0 ? 1 : 0));
  return String(Number(n.toFixed(decimals)));
}

/** The parts of a date serial (1900 system). */
function dateParts(serial: number) {
  const whole = Math.floor(serial);
  const days = whole < 61 ? whole + 1 : whole;
  const d = new Date(Date.UTC(1899, 11, 30) + days * 86400000);
  let secs = Math.round((serial - whole) * 86400);
  if (secs >= 86400) secs = 86399;
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), wd: d.getUTCDay(), h: Math.floor(secs / 3600), min: Math.floor((secs % 3600) / 60), s: secs % 60 };
}

const pad = (n: number) => String(n).padStart(2, '0');

function formatDate(serial: number, code: string): string {
  const p = dateParts(serial);
  const ampm = /AM\/PM|A\/P/i.test(code);
  const hour = ampm ? ((p.h + 11) % 12) + 1 : p.h;
  const tokens = code.match(/"[^"]*"|\\.|AM\/PM|A\/P|yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|./gi) ?? [];
  let out = '';
  let lastWasHour = false;
  tokens.forEach((t, i) => {
    const lower = t.toLowerCase();
    const nextIsSeconds = tokens.slice(i + 1).find((x) => /^[a-z]/i.test(x))?.toLowerCase().startsWith('s');
    if (t.startsWith('"')) out += t.slice(1, -1);
    else if (t.startsWith('\\')) out += t.slice(1);
    else if (lower === 'am/pm') out += p.h < 12 ? 'AM' : 'PM';
    else if (lower === 'a/p') out += p.h < 12 ? 'A' : 'P';
    else if (lower === 'yyyy') out += p.y;
    else if (lower === 'yy') out += pad(p.y % 100);
    else if (lower === 'mmmm') out += MONTHS[p.m - 1];
    else if (lower === 'mmm') out += MONTHS[p.m - 1].slice(0, 3);
    else if (lower === 'mm' || lower === 'm') {
      const minutes = lastWasHour || nextIsSeconds;
      const n = minutes ? p.min : p.m;
      out += lower === 'mm' ? pad(n) : String(n);
    } else if (lower === 'dddd') out += DAYS[p.wd];
    else if (lower === 'ddd') out += DAYS[p.wd].slice(0, 3);
    else if (lower === 'dd') out += pad(p.d);
    else if (lower === 'd') out += p.d;
    else if (lower === 'hh') out += pad(hour);
    else if (lower === 'h') out += hour;
    else if (lower === 'ss') out += pad(p.s);
    else if (lower === 's') out += p.s;
    else out += t;
    if (/^[a-z]/i.test(t)) lastWasHour = lower === 'h' || lower === 'hh';
  });
  return out;
}

const literal = (text: string) => text.replace(/"([^"]*)"/g, '$1').replace(/\\(.)/g, '$1').replace(/[_*]./g, '');

function formatNumber(n: number, code: string): string {
  const value = code.includes('%') ? n * 100 : n;
  const start = code.search(/[#0]/);
  if (start < 0) return literal(code);
  const numberPart = /[#0,.]+(E[+-]0+)?/i.exec(code.slice(start))?.[0] ?? '0';
  const exp = /E[+-](0+)$/i.exec(numberPart);
  const mantissa = exp ? numberPart.slice(0, exp.index) : numberPart;
  const fraction = mantissa.includes('.') ? mantissa.split('.')[1] : '';
  const least = fraction.replace(/[^0]/g, '').length;
  const most = fraction.replace(/[^0#]/g, '').length;
  const trim = (digits: string) => {
    let d = digits;
    while (d.includes('.') && d.split('.')[1].length > least && d.endsWith('0')) d = d.slice(0, -1);
    // The decimal point of a format always shows, digits after it or not: under #,##0.## the
    // number 95 reads "95." (support.microsoft.com, "Basic number format codes": the point is
    // part of the code, # only leaves out insignificant zeros).
    return mantissa.includes('.') && !d.includes('.') ? `${d}.` : d;
  };
  let digits: string;
  if (exp) {
    const [m, e] = Math.abs(value).toExponential(most).split('e');
    digits = `${trim(m)}E${Number(e) < 0 ? '-' : '+'}${String(Math.abs(Number(e))).padStart(exp[1].length, '0')}`;
  } else {
    digits = trim(Math.abs(value).toFixed(most));
    if (mantissa.includes(',')) {
      const [i, f] = digits.split('.');
      digits = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f !== undefined ? `.${f}` : '');
    }
  }
  return literal(code.slice(0, start)) + digits + literal(code.slice(start + numberPart.length));
}

/** The text a cell shows for `value` under `format`. */
export function formatValue(value: Stored | undefined, format: string): string {
  if (value === undefined) return '';
  if (typeof value === 'object') return value.error;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') {
    const sections = format.split(';');
    return sections.length === 4 && sections[3].includes('@') ? sections[3].replace(/@/g, value).replace(/"/g, '') : value;
  }
  if (!Number.isFinite(value)) return '#NUM!';
  if (format === '@' || format === '' || /^general$/i.test(format)) return general(value);
  const sections = format.split(';');
  const section = value < 0 && sections[1] !== undefined ? sections[1] : value === 0 && sections[2] !== undefined ? sections[2] : sections[0];
  const code = section.replace(/\[[^\]]*\]/g, '');
  const sign = value < 0 && sections[1] === undefined ? '-' : '';
  if (/general/i.test(code)) return sign + general(Math.abs(value));
  const stripped = code.replace(/"[^"]*"|\\./g, '');
  if (/[dy]|m{3,}|h|s/i.test(stripped) || /^m{1,2}[/-]/i.test(stripped)) return formatDate(value, code);
  return sign + formatNumber(value, code);
}
