// Figures as people read them: Persian or Latin digits, amounts, percentages, year lists and
// Jalali dates. One definition for the command line and the task pane, so that a figure and the
// parts it is made of are written the same way everywhere.
import { toPersianDigits } from './digits';

/** `fa`: ۰–۹ with the Persian separators (٬ thousands, ٫ decimal, ٪); `latn`: 0–9 with , . %. */
export type Digits = 'fa' | 'latn';

const TEHRAN = 'Asia/Tehran';

/** Latin-digit text (`1,234.5`, `37.7%`, `1402–1404`) in the chosen digits. */
export function inDigits(text: string, digits: Digits): string {
  if (digits === 'latn') return text;
  // Separators only between digits: a comma or full stop in the surrounding words stays as it is.
  return toPersianDigits(text.replace(/(?<=\d),(?=\d)/g, '٬').replace(/(?<=\d)\.(?=\d)/g, '٫').replace(/(?<=\d)%/g, '٪'));
}

/** A plain number (a count, a year, a value as typed): no grouping, no rounding. */
export function formatNumber(v: number, digits: Digits): string {
  return inDigits(String(v), digits);
}

/** An amount of money: grouped, at most 2 decimals; empty for unknown. */
export function formatAmount(v: number | null, digits: Digits): string {
  return v === null ? '' : inDigits(v.toLocaleString('en-US', { maximumFractionDigits: 2 }), digits);
}

/** A ratio (1 = 100%) as a percentage with one decimal; empty for none. */
export function formatPercent(v: number | null, digits: Digits): string {
  return v === null ? '' : inDigits(`${(v * 100).toFixed(1)}%`, digits);
}

/** Years as a short list: runs of consecutive years as ranges (`1402–1404, 1406`). */
export function formatYears(years: readonly number[], digits: Digits): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return inDigits(parts.join(', '), digits).replace(/, /g, digits === 'fa' ? '، ' : ', ');
}

/**
 * A moment as a Jalali date (`1405/08/29`), in Tehran time (the plans' own clock), with the
 * platform's Persian calendar; with `time`, hours and minutes too. Null for a text that is not a date.
 */
export function jalaliDate(at: Date | string, digits: Digits, time = false): string | null {
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return null;
  const parts = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', {
    timeZone: TEHRAN,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(time ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
  }).formatToParts(d);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('year')}/${part('month')}/${part('day')}`;
  const text = time ? `${date} ${part('hour')}:${part('minute')}` : date;
  return digits === 'fa' ? toPersianDigits(text) : text;
}

/** A day in the Jalali calendar written out, in Tehran time: "۸ آذر ۱۴۰۵" or "Azar 8, 1405 AP" (page footers, reports). */
export function jalaliLongDate(at: Date, lang: 'en' | 'fa'): string {
  const locale = lang === 'fa' ? 'fa-IR-u-ca-persian' : 'en-u-ca-persian';
  return new Intl.DateTimeFormat(locale, { timeZone: TEHRAN, year: 'numeric', month: 'long', day: 'numeric' }).format(at);
}

/** The Jalali year of a moment (Tehran time). */
export function jalaliYear(at: Date): number {
  return Number(jalaliDate(at, 'latn')!.slice(0, 4));
}
