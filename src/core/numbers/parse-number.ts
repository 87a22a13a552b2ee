import { stripInvisibles, toAsciiDigits } from './digits';
import type { Bilingual } from '../plan/problems';

/** The outcome of reading one typed value: a number, null (nothing entered) or a refusal. */
export type ParsedNumber =
  | { ok: true; value: number | null }
  | { ok: false; found: string; reason: Bilingual };

// Dash-like characters that, alone in a cell, mean "no value".
const LONE_DASH = /^[-\u2010-\u2015\u2212\u0640\ufe58\ufe63\uff0d]$/;
// A plain decimal once separators are normalized: optional sign, digits with optional
// well-formed thousands groups, optional fraction, optional exponent (Excel shows 1.2E+15).
const PLAIN_NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

const EXPECTED: Bilingual = {
  en: 'expected a number (Persian or Latin digits, ۰/۲ or 0.2, 1,250, 80%), or - or empty for none',
  fa: 'عدد انتظار می‌رفت (ارقام فارسی یا لاتین، ۰/۲ یا 0.2، ۱٬۲۵۰، ۸۰٪) یا - یا خالی برای «بدون مقدار»',
};

function refuse(found: string): ParsedNumber {
  return { ok: false, found, reason: EXPECTED };
}

/**
 * Reads a number as people type it (plan-format.md, "Numbers as people type them"):
 * Persian/Arabic-Indic digits, `٫` or `/` between digits as the decimal separator, `٬` or `,`
 * as thousands separators, a trailing `%` dropped, surrounding spaces. `-` and empty mean null.
 * Anything else is refused, never read as 0.
 */
export function parseNumber(input: unknown): ParsedNumber {
  if (input === null || input === undefined) return { ok: true, value: null };
  if (typeof input === 'number') return Number.isFinite(input) ? { ok: true, value: input } : refuse(String(input));
  if (typeof input !== 'string') return refuse(String(input));

  let text = stripInvisibles(input).trim();
  if (text === '' || LONE_DASH.test(text)) return { ok: true, value: null };
  text = toAsciiDigits(text)
    .replace(/\u2212/g, '-') // minus sign
    .replace(/[%\u066a]\s*$/, '') // trailing percent (Latin or Arabic)
    .trim()
    .replace(/(\d)[\u066b/](\d)/g, '$1.$2') // decimal separators between digits
    .replace(/\u066c/g, ','); // Arabic thousands separator
  if (!/^[+-]?[.\d]/.test(text) || !/\d/.test(text) || !PLAIN_NUMBER.test(text)) return refuse(input);
  const value = Number(text.replace(/,/g, ''));
  return Number.isFinite(value) ? { ok: true, value: value === 0 ? 0 : value } : refuse(input);
}
