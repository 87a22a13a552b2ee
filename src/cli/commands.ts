import type { Mode } from '../core/achievement/achievement';
import type { PlanIndex } from '../core/plan/plan-index';
import { buildReport, REPORT_BY, reportJson, type ReportBy } from '../core/report/report';
import { realizationText } from '../core/report/realization-text';
import { realizationRule, reportColumns, scopeLine, statusWord } from '../core/report/report-words';
import { formatNumber, inDigits, jalaliDate, type Digits } from '../core/numbers/format';
import { evaluateFormulas, type EvalValue } from '../core/formulas/hyperformula-plan';
import { parsePeriod } from '../core/numbers/periods';
import { readPlanFile, usablePlan, UsageError } from './plan-file';
import { isolate } from '../core/numbers/bidi';
import { amount, countLine, digitsFor, percent, problemLine, table, tr, type Lang, type Output } from './output';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** `plansheets validate`: every problem with its path; exit 1 when there is an error. */
export function validate(path: string, opts: { json?: boolean; lang: Lang; digits?: Digits }, io: Output): number {
  const r = readPlanFile(path);
  const digits = digitsFor(opts.lang, opts.digits);
  const errors = r.problems.filter((p) => p.severity === 'error').length;
  if (opts.json) {
    io.out(JSON.stringify({ file: path, ok: r.ok, errors, warnings: r.problems.length - errors, problems: r.problems }, null, 2));
  } else {
    for (const p of r.problems) io.out(problemLine(p, opts.lang, digits));
    io.out(`${opts.lang === 'fa' ? isolate(path) : path}: ${countLine(r.problems, opts.lang, digits)}`);
  }
  return r.ok ? EXIT.ok : EXIT.failed;
}

export interface ReportOptions {
  by: string;
  year?: string;
  mode: string;
  json?: boolean;
  lang: Lang;
  digits?: Digits;
  /** The report's date (default: now). */
  now?: Date;
}

/** What a report covers, from its options: checked before the plan is read. */
export interface ReportScope {
  by: ReportBy;
  mode: Mode;
  year: number | undefined;
}

export function reportScope(opts: { by: string; mode: string; year?: string }): ReportScope {
  if (!REPORT_BY.includes(opts.by as ReportBy)) throw new UsageError({ en: `--by must be one of ${REPORT_BY.join(', ')}, not "${opts.by}"`, fa: `${isolate('--by')} باید یکی از ${isolate(REPORT_BY.join(', '))} باشد، نه ${isolate(`"${opts.by}"`)}` });
  if (!['cumulative', 'annual', 'horizon'].includes(opts.mode)) throw new UsageError({ en: `--mode must be cumulative, annual or horizon, not "${opts.mode}"`, fa: `${isolate('--mode')} باید cumulative (تجمعی)، annual (سالانه) یا horizon (افق) باشد، نه ${isolate(`"${opts.mode}"`)}` });
  let year: number | undefined;
  if (opts.year !== undefined) {
    const p = parsePeriod(opts.year);
    if (!p || p.part) throw new UsageError({ en: `--year must be a plan year such as 1403, not "${opts.year}"`, fa: `${isolate('--year')} باید سالی از برنامه باشد، مانند 1403، نه ${isolate(`"${opts.year}"`)}` });
    year = p.year;
  }
  return { by: opts.by as ReportBy, mode: opts.mode as Mode, year };
}

/** The year of a scope is one of the plan's. */
export function checkScopeYear(index: PlanIndex, year: number | undefined): void {
  if (year !== undefined && !index.yearPos.has(year)) throw new UsageError({ en: `--year ${year} is not a year of this plan (${index.years.join(', ')})`, fa: `${isolate('--year')} ${year} از سال‌های این برنامه نیست (${index.years.join('، ')})` });
}

/** `plansheets report`: achievement, coverage and budget per group. */
export function report(path: string, opts: ReportOptions, io: Output): number {
  const { by, mode, year } = reportScope(opts);
  const index = usablePlan(path, opts.lang, io);
  if (typeof index === 'number') return index;
  checkScopeYear(index, year);
  const rep = buildReport(index, by, mode, year);
  if (opts.json) {
    io.out(reportJson(rep));
    return EXIT.ok;
  }
  const lang = opts.lang;
  const digits = digitsFor(lang, opts.digits);
  const n = (v: number) => formatNumber(v, digits);
  const meta = index.plan.meta;
  io.out(lang === 'en' ? meta.titleEn ?? meta.title : meta.title);
  io.out(scopeLine(index, rep.by, rep.mode, rep.year, lang, digits));
  io.out(tr(lang, `date ${jalaliDate(opts.now ?? new Date(), digits)} (Jalali)`, `تاریخ گزارش ${jalaliDate(opts.now ?? new Date(), digits)}`));
  io.out(realizationRule(lang));
  io.out('');
  const rows = rep.rows.map((r) => [
    // Codes read in Persian digits as the approved document prints them; other ids stay as typed.
    r.key === '' ? '-' : /^[\d-]+$/.test(r.key) ? inDigits(r.key, digits) : lang === 'fa' ? isolate(r.key) : r.key,
    (lang === 'en' ? r.titleEn ?? r.title : r.title).slice(0, 48),
    percent(r.achievement, digits),
    statusWord(r.status, lang),
    n(r.indicators),
    n(r.reporting),
    amount(r.budget.planned, digits),
    amount(r.budget.spent, digits),
    realizationText(r.budget.realization, r.budget.basis, lang, digits),
  ]);
  for (const line of table(reportColumns(lang), rows, [false, false, true, false, true, true, true, true, false])) io.out(line);
  return EXIT.ok;
}

/** `plansheets eval`: Excel formulas with PLAN.* evaluated in HyperFormula, one result per line. */
export function evaluate(path: string, formulas: string[], opts: { json?: boolean; lang: Lang }, io: Output): number {
  if (formulas.length === 0) throw new UsageError({ en: 'give at least one formula, such as =PLAN.ACHIEVEMENT("wg:transport")', fa: `دست‌کم یک فرمول بدهید، مانند ${isolate('=PLAN.ACHIEVEMENT("wg:transport")')}` });
  const index = usablePlan(path, opts.lang, io);
  if (typeof index === 'number') return index;
  const results = evaluateFormulas(index, formulas);
  if (opts.json) {
    io.out(JSON.stringify(results, null, 2));
  } else {
    for (const r of results) io.out(r.message ? `${show(r.value)}: ${r.message}` : show(r.value));
  }
  return EXIT.ok;
}

/** A value as Excel would write it in a formula: arrays as {a,b;c,d}. */
export function show(v: EvalValue): string {
  if (Array.isArray(v)) return '{' + v.map((row) => row.map(show).join(',')).join(';') + '}';
  return v === null ? '' : String(v);
}
