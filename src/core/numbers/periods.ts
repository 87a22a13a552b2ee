import { stripInvisibles, toAsciiDigits, toPersianDigits } from './digits';

/** A year (`1403`) or a part of one: half `1403-H1`, quarter `1403-Q2`, month `1403-M07`. */
export interface Period {
  year: number;
  /** Absent for the whole year. */
  part?: 'H' | 'Q' | 'M';
  n?: number;
  /** Canonical key, as stored in `actuals` (`1403-M07`). */
  key: string;
  /** The last month (1–12) the period covers: orders periods within a year. */
  endMonth: number;
}

const PART_COUNT = { H: 2, Q: 4, M: 12 } as const;
const PART_MONTHS = { H: 6, Q: 3, M: 1 } as const;
const PERIOD_TEXT = /^(\d{4})(?:-?([HQMhqm])(\d{1,2}))?$/;
const DASHES = /[\u2010-\u2015\u2212\u0640\ufe58\ufe63\uff0d]/g;

/**
 * Reads a period as people type it (Persian digits, lower case, `1403-M7`, `1403 - H1`);
 * undefined when it is not one. Years are checked against a plan separately.
 */
export function parsePeriod(input: string | number): Period | undefined {
  if (typeof input === 'number') {
    return Number.isInteger(input) && input >= 1000 && input <= 9999
      ? { year: input, key: String(input), endMonth: 12 }
      : undefined;
  }
  const text = toAsciiDigits(stripInvisibles(input)).replace(DASHES, '-').replace(/\s+/g, '');
  const m = PERIOD_TEXT.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (!m[2]) return { year, key: m[1], endMonth: 12 };
  const part = m[2].toUpperCase() as 'H' | 'Q' | 'M';
  const n = Number(m[3]);
  if (n < 1 || n > PART_COUNT[part]) return undefined;
  const key = `${m[1]}-${part}${part === 'M' ? String(n).padStart(2, '0') : n}`;
  return { year, part, n, key, endMonth: n * PART_MONTHS[part] };
}

/** True when the year is one of the plan's years (or its baseline year, when allowed). */
export function isPlanYear(year: number, years: readonly number[], baselineYear?: number): boolean {
  return years.includes(year) || (baselineYear !== undefined && year === baselineYear);
}

// Persian letters for the parts of a year, as the pane may show them or people type them:
// نیمه (half), فصل (season: quarter), ماه (month).
const PERSIAN_PARTS: Record<string, 'H' | 'Q' | 'M'> = { ن: 'H', نیمه: 'H', ف: 'Q', فصل: 'Q', م: 'M', ماه: 'M' };
const PERSIAN_PART = /(ن(?:یمه)?|ف(?:صل)?|م(?:اه)?)/;

/**
 * Reads a period as a person copies it from the pane or a sheet: `۱۴۰۳-H1`, `۱۴۰۳-ن۱` (Persian
 * part letters), and the order right-to-left display may show (`H1-1403`, `ن۱-۱۴۰۳`).
 */
export function parseShownPeriod(input: string): Period | undefined {
  const text = toAsciiDigits(stripInvisibles(input)).replace(DASHES, '-').replace(/\s+/g, '');
  const latin = text.replace(PERSIAN_PART, (w) => PERSIAN_PARTS[w]);
  const swapped = /^([HQMhqm]\d{1,2})-?(\d{4})$/.exec(latin);
  return parsePeriod(swapped ? `${swapped[2]}-${swapped[1]}` : latin);
}

/** A period key as the pane shows it: in Persian, the year in Persian digits (`۱۴۰۳-H1`). */
export function showPeriod(key: string, lang: 'en' | 'fa'): string {
  return lang === 'fa' ? toPersianDigits(key) : key;
}
