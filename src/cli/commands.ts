import type { Mode } from '../core/achievement/achievement';
import { buildReport, REPORT_BY, type ReportBy } from '../core/report/report';
import { realizationText } from '../core/report/realization-text';
import { STATUS_WORDS } from '../core/grid/labels';
import { formatNumber, formatYears, inDigits, jalaliDate, type Digits } from '../core/numbers/format';
import { evaluateFormulas, type EvalValue } from '../core/formulas/hyperformula-plan';
import { parsePeriod } from '../core/numbers/periods';
import { readPlanFile, usablePlan, UsageError } from './plan-file';
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
    io.out(`${path}: ${countLine(r.problems, opts.lang, digits)}`);
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

const BY_WORDS: Record<ReportBy, string> = { workingGroup: 'کارگروه', unit: 'حوزه اجرایی', district: 'منطقه', node: 'سطح برنامه', indicator: 'شاخص' };
const MODE_WORDS: Record<Mode, string> = { cumulative: 'تجمعی', annual: 'سالانه', horizon: 'افق' };
const CURRENCY_WORDS: Record<string, string> = { IRR: 'ریال', 'million IRR': 'میلیون ریال', 'billion IRR': 'میلیارد ریال', IRT: 'تومان', toman: 'تومان', 'million toman': 'میلیون تومان' };

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
  const lang = opts.lang;
  const digits = digitsFor(lang, opts.digits);
  const n = (v: number) => formatNumber(v, digits);
  const meta = index.plan.meta;
  const currency = meta.currency ? ` (${lang === 'fa' ? CURRENCY_WORDS[meta.currency] ?? meta.currency : meta.currency})` : '';
  io.out(lang === 'en' ? meta.titleEn ?? meta.title : meta.title);
  io.out(
    lang === 'fa'
      ? `بر حسب ${BY_WORDS[rep.by]}، دستیابی ${MODE_WORDS[rep.mode]} ${year ? `در ${n(year)}` : `تا ${n(index.lastYear)}`}؛ بودجه ${year ? n(year) : `همه سال‌ها، ${formatYears(index.years, digits)}`}${currency}`
      : `by ${rep.by}, ${rep.mode} achievement ${year ? `in ${year}` : `to ${index.lastYear}`}; budget ${year ?? `of all years, ${formatYears(index.years, digits)}`}${currency}`,
  );
  io.out(tr(lang, `date ${jalaliDate(opts.now ?? new Date(), digits)} (Jalali)`, `تاریخ گزارش ${jalaliDate(opts.now ?? new Date(), digits)}`));
  io.out(
    tr(
      lang,
      'realization = spent / planned, over the years with both reported (shown in brackets); planned and spent columns: all funding known',
      'تحقق بودجه = هزینه‌شده / مصوب، در سال‌هایی که هر دو گزارش شده‌اند (داخل پرانتز)؛ ستون‌های مصوب و هزینه‌شده: همه اعتبارات ثبت‌شده',
    ),
  );
  io.out('');
  const status = (s: keyof typeof STATUS_WORDS.en | '') => (s === '' ? '' : lang === 'fa' ? STATUS_WORDS.fa[s] : s);
  const rows = rep.rows.map((r) => [
    // Codes read in Persian digits as the approved document prints them; other ids stay as typed.
    r.key === '' ? '-' : /^[\d-]+$/.test(r.key) ? inDigits(r.key, digits) : r.key,
    (lang === 'en' ? r.titleEn ?? r.title : r.title).slice(0, 48),
    percent(r.achievement, digits),
    status(r.status),
    n(r.indicators),
    n(r.reporting),
    amount(r.budget.planned, digits),
    amount(r.budget.spent, digits),
    realizationText(r.budget.realization, r.budget.basis, lang, digits),
  ]);
  const header =
    lang === 'fa'
      ? ['شناسه', 'عنوان', 'دستیابی', 'وضعیت', 'شاخص‌ها', 'گزارش‌شده', 'مصوب', 'هزینه‌شده', 'تحقق بودجه']
      : ['key', 'title', 'achievement', 'status', 'indicators', 'reporting', 'planned', 'spent', 'realization'];
  for (const line of table(header, rows, [false, false, true, false, true, true, true, true, false])) io.out(line);
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
