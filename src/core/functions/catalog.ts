import type { PlanIndex } from '../plan/plan-index';
import * as fns from './plan-functions';
import type { CellResult } from './plan-functions';
import { normalizeArgs, type ZeroMeans } from './args';

export interface FunctionParam {
  name: string;
  description: string;
  optional: boolean;
  /**
   * What a 0 here means (args.ts): `blank` where 0 cannot be a value, because Excel on Windows
   * passes 0 for an empty cell that the web passes as null.
   */
  zero: ZeroMeans;
}

export interface PlanFunction {
  /** Name after the `PLAN.` namespace. */
  name: string;
  description: string;
  params: FunctionParam[];
  /** `column` and `row` results spill. */
  shape: 'scalar' | 'column' | 'row';
  call: (index: PlanIndex | undefined, args: unknown[]) => CellResult;
}

type Definition = Omit<PlanFunction, 'call'> & { run: (index: PlanIndex | undefined, args: unknown[]) => CellResult };

/** A PLAN function whose `call` reads its arguments as every host means them (normalizeArgs). */
function define({ run, ...f }: Definition): PlanFunction {
  const blank = f.params.map((p) => p.zero === 'blank');
  return { ...f, call: (index, args) => run(index, normalizeArgs(args, blank)) };
}

// No PLAN parameter takes a number that may be 0, so every one reads 0 as an empty cell:
// a ref or group key is an id or code (0 names none; the text "0" still resolves), a year or
// period is 1000–9999 (the plan schema), and mode, kind, field and dimension are keywords.
const REF: FunctionParam = { name: 'ref', description: 'Indicator id or code, ID.ITEM, or a group: wg:ID, unit:ID, district:ID, node:ID.', optional: false, zero: 'blank' };
const YEAR: FunctionParam = { name: 'year', description: 'A plan year (1403); default: the last plan year.', optional: true, zero: 'blank' };
const MODE: FunctionParam = { name: 'mode', description: 'cumulative (default), annual or horizon.', optional: true, zero: 'blank' };

/** The PLAN functions, their parameters and their one implementation. */
export const PLAN_FUNCTIONS: readonly PlanFunction[] = [
  define({
    name: 'TARGET',
    description: 'The target of an indicator or item for a year or period; without a period, the five-year horizon.',
    params: [REF, { name: 'period', description: 'A year (1403) or period (1403-H1, 1403-Q2, 1403-M07); default: the horizon.', optional: true, zero: 'blank' }],
    shape: 'scalar',
    run: (ix, a) => fns.target(ix, a[0], a[1]),
  }),
  define({
    name: 'ACTUAL',
    description: 'The actual value of an indicator or item for a year or period; without a period, the latest.',
    params: [REF, { name: 'period', description: 'A year (1403) or period (1403-H1, 1403-Q2, 1403-M07); default: the latest year reported.', optional: true, zero: 'blank' }],
    shape: 'scalar',
    run: (ix, a) => fns.actual(ix, a[0], a[1]),
  }),
  define({
    name: 'ACHIEVEMENT',
    description: 'Achievement (1 = 100%) of an indicator, item or group; empty when there is nothing to compare.',
    params: [REF, YEAR, MODE],
    shape: 'scalar',
    run: (ix, a) => fns.achievement(ix, a[0], a[1], a[2]),
  }),
  define({
    name: 'STATUS',
    description: 'Status of the achievement: green, amber, red, or empty.',
    params: [REF, YEAR, MODE],
    shape: 'scalar',
    run: (ix, a) => fns.status(ix, a[0], a[1], a[2]),
  }),
  define({
    name: 'BUDGET',
    description: 'Funding of an indicator or group: realization (spent / planned), planned or spent.',
    params: [REF, { name: 'year', description: 'A plan year (1403); default: all plan years.', optional: true, zero: 'blank' }, { name: 'kind', description: 'realization (default), planned or spent.', optional: true, zero: 'blank' }],
    shape: 'scalar',
    run: (ix, a) => fns.budget(ix, a[0], a[1], a[2]),
  }),
  define({
    name: 'INFO',
    description: 'A definition field of an indicator or item: title, measure, unit, workingGroup, polarity, aggregation, type, budgetCode, parent, horizon, weight.',
    params: [REF, { name: 'field', description: 'The field name (title, measure, unit, workingGroup, polarity, …).', optional: false, zero: 'blank' }],
    shape: 'scalar',
    run: (ix, a) => fns.info(ix, a[0], a[1]),
  }),
  define({
    name: 'CODES',
    description: 'The indicator ids of the plan, or of one group, as a column.',
    params: [
      { name: 'dimension', description: 'workingGroup, unit, district or node; default: all indicators.', optional: true, zero: 'blank' },
      { name: 'key', description: 'The group id (with a dimension).', optional: true, zero: 'blank' },
    ],
    shape: 'column',
    run: (ix, a) => fns.codes(ix, a[0], a[1]),
  }),
  define({
    name: 'YEARS',
    description: 'The plan years as a row.',
    params: [],
    shape: 'row',
    run: (ix) => fns.years(ix),
  }),
];
