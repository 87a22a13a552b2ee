/* global CustomFunctions, Excel, Office */
// The PLAN.* custom functions of Excel. Each is a thin wrapper over the engine's one
// implementation (src/core/functions); custom-functions-metadata-plugin reads the JSDoc below
// into dist/functions.json and registers every function under the PLAN namespace.
import { PLAN_FUNCTIONS, type PlanFunction } from '../core/functions/catalog';
import { PlanError } from '../core/functions/errors';
import type { CellResult } from '../core/functions/plan-functions';
import type { PlanStorage } from '../excel/gateway';
import { officeStorage } from '../excel/office-storage';
import { planStore } from '../runtime/plan-store';

/**
 * The workbook's storage, looked for when a PLAN function first needs the plan (a reopened
 * workbook computes before anyone opens the pane), not when this script is evaluated: in the
 * shared runtime Office.js may not have made `Excel` yet then. Office.js APIs can be called only
 * once the library is loaded, which Office.onReady() waits for; it resolves at once when it is
 * (https://learn.microsoft.com/office/dev/add-ins/develop/initialize-add-in). Without Office at
 * all there is no storage, and the functions say "no plan loaded". The store asks again until it
 * finds one, and once a plan is loaded the functions read it directly and never come here.
 */
async function workbookStorage(): Promise<PlanStorage | undefined> {
  if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') await Office.onReady();
  return typeof Excel !== 'undefined' ? officeStorage : undefined;
}

planStore.setGatewayLookup(workbookStorage);

const FUNCTIONS = new Map<string, PlanFunction>(PLAN_FUNCTIONS.map((f) => [f.name, f]));

type Value = number | string | boolean;
type Result = Value | Value[][];

function toExcel(r: CellResult): Result {
  if (r instanceof PlanError) {
    const code = r.code === '#N/A' ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    throw new CustomFunctions.Error(code, r.text[planStore.lang]);
  }
  return r;
}

/** Runs a PLAN function on the loaded plan, or loads the workbook's plan first. */
function run(name: string, args: unknown[]): Result | Promise<Result> {
  const fn = FUNCTIONS.get(name)!;
  const index = planStore.index;
  if (index) return toExcel(fn.call(index, args));
  return planStore.ensureLoaded().then((ix) => toExcel(fn.call(ix, args)));
}

/**
 * The target of an indicator or item for a year or period; without a period, the five-year horizon.
 * @customfunction TARGET
 * @param ref Indicator id or code, ID.ITEM, or a group (wg:ID, unit:ID, district:ID, node:ID).
 * @param [period] A year (1403) or period (1403-H1, 1403-Q2, 1403-M07); default: the horizon.
 * @returns The target; empty when none is set.
 */
export function target(ref: string, period?: number | string): Result | Promise<Result> {
  return run('TARGET', [ref, period]);
}

/**
 * The actual value of an indicator or item for a year or period; without a period, the latest.
 * @customfunction ACTUAL
 * @param ref Indicator id or code, ID.ITEM, or a group (wg:ID, unit:ID, district:ID, node:ID).
 * @param [period] A year (1403) or period (1403-H1, 1403-Q2, 1403-M07); default: the latest year reported.
 * @returns The actual; empty when none is reported.
 */
export function actual(ref: string, period?: number | string): Result | Promise<Result> {
  return run('ACTUAL', [ref, period]);
}

/**
 * Achievement (1 = 100%) of an indicator, item or group; empty when there is nothing to compare.
 * @customfunction ACHIEVEMENT
 * @param ref Indicator id or code, ID.ITEM, or a group (wg:ID, unit:ID, district:ID, node:ID).
 * @param [year] A plan year (1403); default: the last plan year.
 * @param [mode] cumulative (default), annual or horizon.
 * @returns The achievement ratio.
 */
export function achievement(ref: string, year?: number | string, mode?: string): Result | Promise<Result> {
  return run('ACHIEVEMENT', [ref, year, mode]);
}

/**
 * Status of the achievement: green, amber, red, or empty.
 * @customfunction STATUS
 * @param ref Indicator id or code, ID.ITEM, or a group (wg:ID, unit:ID, district:ID, node:ID).
 * @param [year] A plan year (1403); default: the last plan year.
 * @param [mode] cumulative (default), annual or horizon.
 * @returns green, amber, red or empty.
 */
export function status(ref: string, year?: number | string, mode?: string): Result | Promise<Result> {
  return run('STATUS', [ref, year, mode]);
}

/**
 * Funding of an indicator or group: realization (spent / planned), planned or spent.
 * @customfunction BUDGET
 * @param ref Indicator id or code, ID.ITEM, or a group (wg:ID, unit:ID, district:ID, node:ID).
 * @param [year] A plan year (1403); default: all plan years.
 * @param [kind] realization (default), planned or spent.
 * @returns The amount or ratio; empty when not known.
 */
export function budget(ref: string, year?: number | string, kind?: string): Result | Promise<Result> {
  return run('BUDGET', [ref, year, kind]);
}

/**
 * A definition field of an indicator or item: title, measure, unit, workingGroup, polarity, aggregation, type, budgetCode, parent, horizon, weight.
 * @customfunction INFO
 * @param ref Indicator id or code, ID.ITEM, or a group (wg:ID, unit:ID, district:ID, node:ID).
 * @param field The field name (title, measure, unit, workingGroup, polarity, …).
 * @returns The field's value.
 */
export function info(ref: string, field: string): Result | Promise<Result> {
  return run('INFO', [ref, field]);
}

/**
 * The indicator ids of the plan, or of one group, as a column.
 * @customfunction CODES
 * @param [dimension] workingGroup, unit, district or node; default: all indicators.
 * @param [key] The group id (with a dimension).
 * @returns A column of indicator ids.
 */
export function codes(dimension?: string, key?: string): Promise<string[][]> {
  return Promise.resolve(run('CODES', [dimension, key]) as string[][] | Promise<string[][]>);
}

/**
 * The plan years as a row.
 * @customfunction YEARS
 * @returns A row of plan years.
 */
export function years(): Promise<number[][]> {
  return Promise.resolve(run('YEARS', []) as number[][] | Promise<number[][]>);
}
