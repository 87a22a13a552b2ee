// Native spreadsheet formulas that give the engine's achievement numbers (plan-format.md,
// "Achievement"), so the sheets compute in Excel, LibreOffice or HyperFormula without the add-in.
// Each formula is written for its line: polarity, scoring, baseline and cap are constants in it.
import type { Line } from '../plan/plan-index';
import { FORMULA_LIMIT } from '../numbers/limits';

export interface FormulaContext {
  cap: number;
  green: number;
  amber: number;
}

const num = (n: number) => String(n);

/** The clamped score of an actual and a target expression (both known to be numbers). */
function ratioOf(line: Line, A: string, T: string, cap: number): string {
  const c = num(cap);
  const clamp = (r: string) => `MIN(${c},MAX(0,${r}))`;
  if (line.scoring === 'progress') {
    const B = num(line.baseline as number);
    return `IF((${T})=${B},"",${clamp(`((${A})-${B})/((${T})-${B})`)})`;
  }
  if (line.polarity === 'negative') return `IF((${A})=0,${c},${clamp(`(${T})/(${A})`)})`;
  return `IF((${T})=0,"",${clamp(`(${A})/(${T})`)})`;
}

/** annual(y): the score of the year's actual cell against its target cell. */
export function annualFormula(line: Line, A: string, T: string, ctx: FormulaContext): string {
  return `=IF(AND(ISNUMBER(${A}),ISNUMBER(${T})),${ratioOf(line, A, T, ctx.cap)},"")`;
}

/**
 * cumulative(last plan year): over the years that have an actual, by the line's aggregation
 * rule; progress scoring uses the latest actual, as `last` does.
 */
export function cumulativeFormula(line: Line, A: readonly string[], T: readonly string[], ctx: FormulaContext): string {
  const has = (i: number) => `ISNUMBER(${A[i]})`;
  const both = (i: number) => `AND(ISNUMBER(${A[i]}),ISNUMBER(${T[i]}))`;
  const plus = (f: (i: number) => string) => A.map((_, i) => f(i)).join('+');
  const list = A.join(',');
  const countT = `(${plus((i) => `IF(${both(i)},1,0)`)})`;
  const sumT = `(${plus((i) => `IF(${both(i)},${T[i]},0)`)})`;
  const guarded = (score: string) => `=IF(COUNT(${list})=0,"",IF(${countT}=0,"",${score}))`;
  const rule = line.scoring === 'progress' ? 'last' : line.aggregation;
  switch (rule) {
    case 'last': {
      // The latest year with an actual, against its own target.
      let expr = '""';
      for (let i = 0; i < A.length; i++) {
        expr = `IF(${has(i)},IF(ISNUMBER(${T[i]}),${ratioOf(line, A[i], T[i], ctx.cap)},""),${expr})`;
      }
      return `=${expr}`;
    }
    case 'sum':
      return guarded(ratioOf(line, `SUM(${list})`, sumT, ctx.cap));
    case 'average':
      return guarded(ratioOf(line, `AVERAGE(${list})`, `${sumT}/${countT}`, ctx.cap));
    case 'max':
      return guarded(ratioOf(line, `MAX(${list})`, `MAX(${A.map((_, i) => `IF(${both(i)},${T[i]},-1e307)`).join(',')})`, ctx.cap));
    case 'min':
      return guarded(ratioOf(line, `MIN(${list})`, `MIN(${A.map((_, i) => `IF(${both(i)},${T[i]},1e307)`).join(',')})`, ctx.cap));
  }
}

/**
 * An indicator's score from its item rows (contiguous cells of one column, as the layout puts
 * them): the weighted mean of those that have one. Equal weights are a plain AVERAGE; otherwise
 * each term is spelled out while that fits Excel's 8,192 characters a formula, and an array
 * product (which Excel and LibreOffice compute natively) beyond that.
 */
export function weightedMeanFormula(cells: readonly string[], weights: readonly number[]): string {
  const range = `${cells[0]}:${cells[cells.length - 1]}`;
  if (weights.every((w) => w === weights[0]) && weights[0] > 0) return `=IF(COUNT(${range})=0,"",AVERAGE(${range}))`;
  const numerator = cells.map((c, i) => `IF(ISNUMBER(${c}),${c}*${num(weights[i])},0)`).join('+');
  const denominator = cells.map((c, i) => `IF(ISNUMBER(${c}),${num(weights[i])},0)`).join('+');
  const spelled = `=IF((${denominator})=0,"",(${numerator})/(${denominator}))`;
  if (spelled.length <= FORMULA_LIMIT) return spelled;
  const W = `{${weights.map(num).join(';')}}`;
  return `=IF(SUMPRODUCT(ISNUMBER(${range})*${W})=0,"",SUMPRODUCT(${range},${W})/SUMPRODUCT(ISNUMBER(${range})*${W}))`;
}

/** Status words from an achievement cell. */
export function statusFormula(X: string, ctx: FormulaContext, words: { green: string; amber: string; red: string }): string {
  return `=IF(ISNUMBER(${X}),IF(${X}>=${num(ctx.green)},"${words.green}",IF(${X}>=${num(ctx.amber)},"${words.amber}","${words.red}")),"")`;
}
