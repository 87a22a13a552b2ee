import type { Mode } from '../achievement/achievement';
import type { PlanIndex } from '../plan/plan-index';
import { isPlanYear, parsePeriod, type Period } from '../numbers/periods';
import { stripInvisibles, toAsciiDigits } from '../numbers/digits';
import { bad, PlanError } from './errors';

// What Excel hands a custom function for an argument that holds nothing:
// - an omitted optional argument is null, on every host ("When no value is specified for an
//   optional parameter, Excel assigns it the value null": Custom functions parameter options,
//   https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-parameter-options#optional-parameters);
// - a reference to an empty cell is null in Excel on the web but 0 in Excel on Windows
//   (OfficeDev/office-js issue 4702, https://github.com/OfficeDev/office-js/issues/4702; the same
//   0 for empty cells of range arguments: issues 1951 and 5262);
// - a cell holding empty text passes "" (a text like any other).
// The functions read null, undefined and "" as "not given"; `normalizeArgs` turns the desktop's 0
// into null where a 0 cannot be meant, so both hosts give the same answer.

/** An argument that was not given: omitted, an empty cell on the web, or empty text. */
export function isMissing(v: unknown): v is null | undefined | '' {
  return v === null || v === undefined || v === '';
}

/**
 * What a 0 passed for a parameter means. `blank`: the parameter cannot be 0 (a ref, a year or
 * period, a keyword), so a 0 there is Excel on Windows's empty cell and is read as not given, as
 * the web passes it. `number`: 0 is a real value of the parameter and is kept.
 */
export type ZeroMeans = 'blank' | 'number';

/**
 * The arguments with each 0 of a `blank` parameter (`blank[i]` true) made null. Returns `args`
 * itself when there is none, the usual case, so a call allocates nothing.
 */
export function normalizeArgs<T extends readonly unknown[]>(args: T, blank: readonly boolean[]): T {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === 0 && blank[i]) {
      const out = args.slice() as unknown[];
      for (let j = i; j < out.length; j++) if (out[j] === 0 && blank[j]) out[j] = null;
      return out as unknown as T;
    }
  }
  return args;
}

const periodCache = new Map<string | number, Period | undefined>();

function readPeriod(v: string | number): Period | undefined {
  let p = periodCache.get(v);
  if (p === undefined && !periodCache.has(v)) {
    p = parsePeriod(v);
    if (periodCache.size < 10000) periodCache.set(v, p);
  }
  return p;
}

/** A period argument (year or period key) of the plan's years, or its baseline year. */
export function periodArg(index: PlanIndex, v: unknown): Period | PlanError {
  const p = typeof v === 'number' || typeof v === 'string' ? readPeriod(v) : undefined;
  if (!p) return bad(`"${String(v)}" is not a period: use a year (1403) or 1403-H1, 1403-Q2, 1403-M07`, `"${String(v)}" دوره نیست: سال (۱۴۰۳) یا 1403-H1، 1403-Q2، 1403-M07 بدهید`);
  if (!isPlanYear(p.year, index.years, index.plan.meta.baselineYear)) return outsidePlan(index, p.year);
  return p;
}

/** A plan year argument, as its position in `index.years`; missing means the last plan year. */
export function yearArg(index: PlanIndex, v: unknown): number | PlanError {
  if (isMissing(v)) return index.years.length - 1;
  const direct = typeof v === 'number' ? index.yearPos.get(v) : undefined;
  if (direct !== undefined) return direct;
  const p = typeof v === 'number' || typeof v === 'string' ? readPeriod(v) : undefined;
  if (!p || p.part) return bad(`"${String(v)}" is not a year: achievement is computed by plan year (1403)`, `"${String(v)}" سال نیست: میزان تحقق بر حسب سال برنامه است (۱۴۰۳)`);
  const pos = index.yearPos.get(p.year);
  return pos === undefined ? outsidePlan(index, p.year) : pos;
}

function outsidePlan(index: PlanIndex, year: number): PlanError {
  const span = `${index.years[0]}–${index.lastYear}`;
  return bad(`${year} is not a year of this plan (${span})`, `${year} از سال‌های این برنامه (${span}) نیست`);
}

const MODES: Record<string, Mode> = {
  cumulative: 'cumulative',
  annual: 'annual',
  horizon: 'horizon',
  'تجمعی': 'cumulative',
  'سالانه': 'annual',
  'افق': 'horizon',
};

export function modeArg(v: unknown): Mode | PlanError {
  if (isMissing(v)) return 'cumulative';
  const mode = typeof v === 'string' ? MODES[stripInvisibles(v).trim().toLowerCase()] : undefined;
  return mode ?? bad(`"${String(v)}" is not a mode: use cumulative, annual or horizon`, `"${String(v)}" حالت معتبر نیست: cumulative، annual یا horizon`);
}

/** A text argument with Persian digits read as ASCII and the case folded. */
export function keyword(v: unknown): string {
  return typeof v === 'string' ? toAsciiDigits(stripInvisibles(v)).trim().toLowerCase() : String(v);
}
