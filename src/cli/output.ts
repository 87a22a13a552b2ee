import type { Problem } from '../core/plan/problems';

export type Lang = 'en' | 'fa';

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const stdio: Output = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

export function problemLine(p: Problem, lang: Lang): string {
  return `${p.severity === 'error' ? 'error  ' : 'warning'}  ${p.path || '(file)'}  ${p.message[lang]}`;
}

export function countLine(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return `${errors} error${errors === 1 ? '' : 's'}, ${problems.length - errors} warning${problems.length - errors === 1 ? '' : 's'}`;
}

/** Left-aligned text columns (numbers right-aligned). */
export function table(header: string[], rows: string[][], numeric: boolean[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) =>
    r.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)];
}

export function percent(v: number | null): string {
  return v === null ? '' : `${(v * 100).toFixed(1)}%`;
}

export function amount(v: number | null): string {
  return v === null ? '' : v.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
