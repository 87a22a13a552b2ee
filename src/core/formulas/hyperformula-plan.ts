// Registers the PLAN functions in HyperFormula, so formulas that mix PLAN.* with native
// functions evaluate outside Excel (`plansheets eval`, tests, benchmarks) through the same
// function code that Excel runs.
import {
  ArraySize,
  CellError,
  DetailedCellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
  type ImplementedFunctions,
} from 'hyperformula';
import type { Ast, ProcedureAst } from 'hyperformula/typings/parser/Ast';
import type { InterpreterState } from 'hyperformula/typings/interpreter/InterpreterState';
import type { InterpreterValue } from 'hyperformula/typings/interpreter/InterpreterValue';
import type { PlanIndex } from '../plan/plan-index';
import { PLAN_FUNCTIONS, type PlanFunction } from '../functions/catalog';
import { PlanError } from '../functions/errors';
import type { CellResult } from '../functions/plan-functions';

/** What the PLAN functions read; swap `index` and rebuild to recompute after a plan change. */
export interface PlanContext {
  index: PlanIndex | undefined;
}

const NAMESPACE = 'PLAN.';

function fromResult(r: CellResult): InterpreterValue {
  if (r instanceof PlanError) return new CellError(r.code === '#N/A' ? ErrorType.NA : ErrorType.VALUE, r.message);
  if (Array.isArray(r)) return SimpleRangeValue.onlyValues(r);
  return r;
}

/** Literal argument values, or undefined when one is computed (its size is unknown then). */
function literalArgs(ast: ProcedureAst): unknown[] | undefined {
  const out: unknown[] = [];
  for (const a of ast.args as Array<Ast & { value?: unknown }>) {
    if (a.type === 'NUMBER' || a.type === 'STRING') out.push(a.value);
    else if (a.type === 'EMPTY') out.push(null);
    else return undefined;
  }
  return out;
}

class PlanPlugin extends FunctionPlugin {
  static override implementedFunctions: ImplementedFunctions = {};

  context(): PlanContext {
    return this.config.context as PlanContext;
  }

  evaluate(fn: PlanFunction, id: string, ast: ProcedureAst, state: InterpreterState): InterpreterValue {
    const index = (this.config.context as PlanContext).index;
    return this.runFunction(ast.args, state, this.metadata(id), (...args: unknown[]) => {
      for (let i = 0; i < args.length; i++) if (args[i] === EmptyValue) args[i] = null;
      return fromResult(fn.call(index, args));
    });
  }

  // Spilled results need their size before evaluation: known when the arguments are literals.
  size(fn: PlanFunction, ast: ProcedureAst): ArraySize {
    const args = literalArgs(ast);
    if (!args) return ArraySize.scalar();
    const r = fn.call(this.context().index, args);
    return Array.isArray(r) ? new ArraySize(r[0].length, r.length) : ArraySize.scalar();
  }
}

for (const fn of PLAN_FUNCTIONS) {
  const method = `plan${fn.name}`;
  const id = NAMESPACE + fn.name;
  PlanPlugin.implementedFunctions[id] = {
    method,
    parameters: fn.params.map((p) => ({ argumentType: FunctionArgumentType.ANY, optionalArg: p.optional })),
    ...(fn.shape === 'scalar' ? {} : { sizeOfResultArrayMethod: `${method}Size` }),
  };
  const proto = PlanPlugin.prototype as unknown as Record<string, unknown>;
  proto[method] = function (this: PlanPlugin, ast: ProcedureAst, state: InterpreterState) {
    return this.evaluate(fn, id, ast, state);
  };
  if (fn.shape !== 'scalar') {
    proto[`${method}Size`] = function (this: PlanPlugin, ast: ProcedureAst) {
      return this.size(fn, ast);
    };
  }
}

let registered = false;

/** Registers the PLAN functions in HyperFormula (once per process). */
export function registerPlanFunctions(): void {
  if (registered) return;
  const names = Object.fromEntries(PLAN_FUNCTIONS.map((f) => [NAMESPACE + f.name, NAMESPACE + f.name]));
  HyperFormula.registerFunctionPlugin(PlanPlugin, { enGB: names, enUS: names });
  registered = true;
}

/** A HyperFormula instance with the PLAN functions reading `context.index`. */
export function createEngine(context: PlanContext, sheets: Record<string, unknown[][]> = { Sheet1: [] }): HyperFormula {
  registerPlanFunctions();
  return HyperFormula.buildFromSheets(sheets as Record<string, never[][]>, { licenseKey: 'gpl-v3', context, useColumnIndex: true, smartRounding: false });
}

export type EvalValue = number | string | boolean | null | EvalValue[][];

export interface EvalResult {
  formula: string;
  /** A value, a 2-D array for spilled results, or an Excel error string (`#N/A`). */
  value: EvalValue;
  /** Why, for errors. */
  message?: string;
}

/** Evaluates formulas (each on its own, as if typed in an empty sheet) with PLAN.* available. */
export function evaluateFormulas(index: PlanIndex | undefined, formulas: readonly string[]): EvalResult[] {
  const hf = createEngine({ index });
  try {
    return formulas.map((formula) => {
      const text = formula.trim().startsWith('=') ? formula.trim() : '=' + formula.trim();
      try {
        return toEvalResult(formula, hf.calculateFormula(text, 0) as unknown);
      } catch (e) {
        // HyperFormula throws on text it cannot parse as a formula at all.
        return { formula, value: '#ERROR!', message: `not a formula HyperFormula can parse: ${(e as Error).message}` };
      }
    });
  } finally {
    hf.destroy();
  }
}

function toEvalResult(formula: string, raw: unknown): EvalResult {
  if (raw instanceof DetailedCellError) return { formula, value: raw.value, message: raw.message || undefined };
  if (Array.isArray(raw)) {
    const rows = raw as unknown[][];
    const firstError = rows.flat().find((v) => v instanceof DetailedCellError) as DetailedCellError | undefined;
    return {
      formula,
      value: rows.map((row) => row.map((v) => (v instanceof DetailedCellError ? v.value : (v as EvalValue)))),
      ...(firstError ? { message: firstError.message } : {}),
    };
  }
  return { formula, value: raw === undefined ? null : (raw as EvalValue) };
}
