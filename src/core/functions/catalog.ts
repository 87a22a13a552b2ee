import type { PlanIndex } from '../plan/plan-index';
import * as fns from './plan-functions';
import type { CellResult } from './plan-functions';

export interface FunctionParam {
  name: string;
  description: string;
  optional: boolean;
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

const REF: FunctionParam = { name: 'ref', description: 'Indicator id or code, ID.ITEM, or a group: wg:ID, unit:ID, district:ID, node:ID.', optional: false };
const YEAR: FunctionParam = { name: 'year', description: 'A plan year (1403); default: the last plan year.', optional: true };
const MODE: FunctionParam = { name: 'mode', description: 'cumulative (default), annual or horizon.', optional: true };

/** The PLAN functions, their parameters and their one implementation. */
export const PLAN_FUNCTIONS: readonly PlanFunction[] = [
  {
    name: 'TARGET',
    description: 'The target of an indicator or item for a year or period; without a period, the five-year horizon.',
    params: [REF, { name: 'period', description: 'A year (1403) or period (1403-H1, 1403-Q2, 1403-M07); default: the horizon.', optional: true }],
    shape: 'scalar',
    call: (ix, a) => fns.target(ix, a[0], a[1]),
  },
  {
    name: 'ACTUAL',
    description: 'The actual value of an indicator or item for a year or period; without a period, the latest.',
    params: [REF, { name: 'period', description: 'A year (1403) or period (1403-H1, 1403-Q2, 1403-M07); default: the latest year reported.', optional: true }],
    shape: 'scalar',
    call: (ix, a) => fns.actual(ix, a[0], a[1]),
  },
  {
    name: 'ACHIEVEMENT',
    description: 'Achievement (1 = 100%) of an indicator, item or group; empty when there is nothing to compare.',
    params: [REF, YEAR, MODE],
    shape: 'scalar',
    call: (ix, a) => fns.achievement(ix, a[0], a[1], a[2]),
  },
  {
    name: 'STATUS',
    description: 'Status of the achievement: green, amber, red, or empty.',
    params: [REF, YEAR, MODE],
    shape: 'scalar',
    call: (ix, a) => fns.status(ix, a[0], a[1], a[2]),
  },
  {
    name: 'BUDGET',
    description: 'Funding of an indicator or group: realization (spent / planned), planned or spent.',
    params: [REF, { name: 'year', description: 'A plan year (1403); default: all plan years.', optional: true }, { name: 'kind', description: 'realization (default), planned or spent.', optional: true }],
    shape: 'scalar',
    call: (ix, a) => fns.budget(ix, a[0], a[1], a[2]),
  },
  {
    name: 'INFO',
    description: 'A definition field of an indicator or item: title, measure, unit, workingGroup, polarity, aggregation, type, budgetCode, parent, horizon, weight.',
    params: [REF, { name: 'field', description: 'The field name (title, measure, unit, workingGroup, polarity, …).', optional: false }],
    shape: 'scalar',
    call: (ix, a) => fns.info(ix, a[0], a[1]),
  },
  {
    name: 'CODES',
    description: 'The indicator ids of the plan, or of one group, as a column.',
    params: [
      { name: 'dimension', description: 'workingGroup, unit, district or node; default: all indicators.', optional: true },
      { name: 'key', description: 'The group id (with a dimension).', optional: true },
    ],
    shape: 'column',
    call: (ix, a) => fns.codes(ix, a[0], a[1]),
  },
  {
    name: 'YEARS',
    description: 'The plan years as a row.',
    params: [],
    shape: 'row',
    call: (ix) => fns.years(ix),
  },
];
