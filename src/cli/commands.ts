import type { Mode } from '../core/achievement/achievement';
import { buildReport, REPORT_BY, type ReportBy } from '../core/report/report';
import { evaluateFormulas, type EvalValue } from '../core/formulas/hyperformula-plan';
import { parsePeriod } from '../core/numbers/periods';
import { readPlanFile, usablePlan, UsageError } from './plan-file';
import { amount, countLine, percent, problemLine, table, type Lang, type Output } from './output';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** `plansheets validate`: every problem with its path; exit 1 when there is an error. */
export function validate(path: string, opts: { json?: boolean; lang: Lang }, io: Output): number {
  const r = readPlanFile(path);
  const errors = r.problems.filter((p) => p.severity === 'error').length;
  if (opts.json) {
    io.out(JSON.stringify({ file: path, ok: r.ok, errors, warnings: r.problems.length - errors, problems: r.problems }, null, 2));
  } else {
    for (const p of r.problems) io.out(problemLine(p, opts.lang));
    io.out(`${path}: ${countLine(r.problems)}`);
  }
  return r.ok ? EXIT.ok : EXIT.failed;
}

export interface ReportOptions {
  by: string;
  year?: string;
  mode: string;
  json?: boolean;
  lang: Lang;
}

/** `plansheets report`: achievement, coverage and budget per group. */
export function report(path: string, opts: ReportOptions, io: Output): number {
  if (!REPORT_BY.includes(opts.by as ReportBy)) throw new UsageError(`--by must be one of ${REPORT_BY.join(', ')}, not "${opts.by}"`);
  if (!['cumulative', 'annual', 'horizon'].includes(opts.mode)) throw new UsageError(`--mode must be cumulative, annual or horizon, not "${opts.mode}"`);
  let year: number | undefined;
  if (opts.year !== undefined) {
    const p = parsePeriod(opts.year);
    if (!p || p.part) throw new UsageError(`--year must be a plan year such as 1403, not "${opts.year}"`);
    year = p.year;
  }
  const index = usablePlan(path, opts.lang, io);
  if (typeof index === 'number') return index;
  if (year !== undefined && !index.yearPos.has(year)) throw new UsageError(`--year ${year} is not a year of this plan (${index.years.join(', ')})`);
  const rep = buildReport(index, opts.by as ReportBy, opts.mode as Mode, year);
  if (opts.json) {
    io.out(JSON.stringify({ ...rep, rows: rep.rows.map(({ titleEn: _en, ...row }) => row) }, null, 2));
    return EXIT.ok;
  }
  const en = opts.lang === 'en';
  io.out(`${en ? index.plan.meta.titleEn ?? index.plan.meta.title : index.plan.meta.title}`);
  io.out(`by ${rep.by}, ${rep.mode} achievement ${year ? `in ${year}` : `to ${index.lastYear}`}; budget ${year ?? 'all years'}${index.plan.meta.currency ? ` (${index.plan.meta.currency})` : ''}`);
  io.out('');
  const rows = rep.rows.map((r) => [
    r.key,
    (en ? r.titleEn ?? r.title : r.title).slice(0, 48),
    percent(r.achievement),
    r.status,
    String(r.indicators),
    String(r.reporting),
    amount(r.budget.planned),
    amount(r.budget.spent),
    percent(r.budget.realization),
  ]);
  const header = ['key', 'title', 'achievement', 'status', 'indicators', 'reporting', 'planned', 'spent', 'realization'];
  for (const line of table(header, rows, [false, false, true, false, true, true, true, true, true])) io.out(line);
  return EXIT.ok;
}

/** `plansheets eval`: Excel formulas with PLAN.* evaluated in HyperFormula, one result per line. */
export function evaluate(path: string, formulas: string[], opts: { json?: boolean; lang: Lang }, io: Output): number {
  if (formulas.length === 0) throw new UsageError('give at least one formula, such as =PLAN.ACHIEVEMENT("wg:transport")');
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
