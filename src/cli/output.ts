import type { Problem } from '../core/plan/problems';
import { ltr } from '../core/numbers/bidi';
import { formatAmount, formatNumber, formatPercent, inDigits, type Digits } from '../core/numbers/format';

export type Lang = 'en' | 'fa';
export type { Digits };

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const stdio: Output = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

/** Persian output has Persian digits unless `--digits latn` asks otherwise. */
export function digitsFor(lang: Lang, digits?: Digits): Digits {
  return digits ?? (lang === 'fa' ? 'fa' : 'latn');
}

/** A word or phrase in the output's language. */
export const tr = (lang: Lang, en: string, fa: string): string => (lang === 'fa' ? fa : en);

/** `3 errors` / `۳ خطا`: Persian nouns stay singular after a number. */
export function counted(n: number, lang: Lang, digits: Digits, en: string, fa: string, enPlural = `${en}s`): string {
  return lang === 'fa' ? `${formatNumber(n, digits)} ${fa}` : `${formatNumber(n, digits)} ${n === 1 ? en : enPlural}`;
}

/**
 * A message in the chosen digits, except what it quotes: a quoted value or an isolated run (an id,
 * a code, a path) is what the file holds, and a reader searching the file for it must find it as shown.
 */
const QUOTED = /"(?:[^"\\]|\\.)*"/y;

export function messageDigits(text: string, digits: Digits): string {
  let out = '';
  let plain = '';
  let depth = 0;
  const flush = () => {
    out += inDigits(plain, digits);
    plain = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c >= '\u2066' && c <= '\u2069') {
      flush();
      depth = c === '\u2069' ? Math.max(0, depth - 1) : depth + 1;
      out += c;
    } else if (depth > 0) out += c;
    else {
      QUOTED.lastIndex = i;
      const quoted = c === '"' ? QUOTED.exec(text) : null;
      if (quoted) {
        flush();
        out += quoted[0];
        i += quoted[0].length - 1;
      } else plain += c;
    }
  }
  flush();
  return out;
}

/**
 * One problem: severity, JSON path, message. The path stays in Latin digits: it is typed back
 * into an editor or jq, and a path in Persian digits would find nothing.
 */
export function problemLine(p: Problem, lang: Lang, digits: Digits = digitsFor(lang)): string {
  const severity = p.severity === 'error' ? tr(lang, 'error  ', 'خطا  ') : tr(lang, 'warning', 'هشدار');
  if (lang === 'en') return `${severity}  ${p.path || '(file)'}  ${p.message.en}`;
  return `${severity}  ${p.path ? ltr(p.path) : '(پرونده)'}  ${messageDigits(p.message.fa, digits)}`;
}

export function countLine(problems: readonly Problem[], lang: Lang = 'en', digits: Digits = digitsFor(lang)): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return `${counted(errors, lang, digits, 'error', 'خطا')}${tr(lang, ', ', '، ')}${counted(problems.length - errors, lang, digits, 'warning', 'هشدار')}`;
}

/** Left-aligned text columns (numbers right-aligned). */
export function table(header: string[], rows: string[][], numeric: boolean[]): string[] {
  // Widths as shown: bidi isolates and marks take no room on screen.
  const shown = (c: string) => c.replace(/[\u200e\u200f\u2066-\u2069]/g, '').length;
  const widths = header.map((h, i) => Math.max(shown(h), ...rows.map((r) => shown(r[i]))));
  const pad = (c: string, i: number) => ' '.repeat(widths[i] - shown(c));
  const fmt = (r: string[]) => r.map((c, i) => (numeric[i] ? pad(c, i) + c : c + pad(c, i))).join('  ').trimEnd();
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)];
}

export function percent(v: number | null, digits: Digits = 'latn'): string {
  return formatPercent(v, digits);
}

export function amount(v: number | null, digits: Digits = 'latn'): string {
  return formatAmount(v, digits);
}
