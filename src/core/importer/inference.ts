// What a book never prints but a plan needs: whether more is better (polarity) and how the yearly
// targets make the horizon (aggregation). Each is inferred from evidence and comes back with its
// reason, so the report can ask a person to confirm it; nothing is guessed silently.
import type { Aggregation } from '../plan/plan.types';
import { inferAggregation, nearlyEqual } from '../plan/plan-index';

export interface Inference<T> {
  value: T;
  /** Why, in a sentence for the report; absent when nothing was inferred (the plain default). */
  reason?: string;
}

/** Words that say the quantity should go down. */
const REDUCTION = /کاهش|کم\s*کردن|کمینه|تقلیل|کاستن|به\s*حداقل\s*رساندن|\breduc|\bdecreas|\bminimi[sz]/i;
/** Titles that measure the reduction achieved (`درصد کاهش …`): the number itself should go up. */
const REDUCTION_ACHIEVED = /^(?:درصد|میزان|نرخ|مقدار|سهم)\s*(?:\S+\s+)?کاهش|^(?:percentage|rate|amount) of reduction/i;
/** A rank: the first place is the best. */
const RANK = /رتبه|\brank/i;

type Trend = 'rising' | 'falling' | 'flat' | 'none';

/** The direction of the yearly targets: every step one way (a plan's 100, 0, 0 is not a fall). */
export function trendOf(targets: ReadonlyArray<number | null>): Trend {
  const v = targets.filter((x): x is number => x !== null);
  if (v.length < 2) return 'none';
  let up = false;
  let down = false;
  for (let i = 1; i < v.length; i++) {
    if (v[i] > v[i - 1]) up = true;
    if (v[i] < v[i - 1]) down = true;
  }
  if (up && down) return 'none';
  // A finished task's share (100, then 0s) drops to nothing: completion, not a falling level.
  if (down && v[v.length - 1] === 0 && v.slice(1).every((x) => x === 0)) return 'none';
  return up ? 'rising' : down ? 'falling' : 'flat';
}

const span = (targets: ReadonlyArray<number | null>) => {
  const v = targets.filter((x): x is number => x !== null);
  return `${v[0]} → ${v[v.length - 1]}`;
};

/**
 * Polarity from the title's words and the targets' direction, with its reason when anything was
 * inferred. `horizon` tells how the targets make the horizon: their sum (yearly amounts), the last
 * one (levels, the only case where falling targets say "less is better"), or neither.
 */
export function inferPolarity(title: string | null, targets: ReadonlyArray<number | null>, horizon: 'sum' | 'level' | 'other'): Inference<'positive' | 'negative'> {
  const text = title ?? '';
  const trend = trendOf(targets);
  const word = REDUCTION.exec(text)?.[0];
  if (word) {
    if (REDUCTION_ACHIEVED.test(text.trim())) return { value: 'positive', reason: `the title measures a reduction achieved («${word}» after a measure word): more is better` };
    if (horizon === 'sum') return { value: 'positive', reason: `the title says «${word}» and the horizon is the sum of the targets: yearly amounts of reduction, more is better` };
    if (trend === 'rising') return { value: 'positive', reason: `the title says «${word}» but the targets rise (${span(targets)}): read as the size of the reduction, more is better` };
    if (trend === 'falling') return { value: 'negative', reason: `the title says «${word}» and the targets fall (${span(targets)}): less is better` };
    return { value: 'negative', reason: `the title says «${word}»: less is better` };
  }
  if (RANK.test(text) && trend !== 'rising') return { value: 'negative', reason: `a rank («${RANK.exec(text)![0]}»): a smaller number is better` };
  if (trend === 'falling' && horizon === 'level') return { value: 'negative', reason: `the targets are levels (the horizon is the last one) and fall (${span(targets)}): less is better` };
  return { value: 'positive' };
}

/**
 * Aggregation from the horizon: the sum of the targets (yearly quantities), the last (a level),
 * their largest. The reason is given whenever the horizon decides something other than a level.
 */
export function inferAggregationWithReason(targets: Record<string, number | null>, horizon: number | null): Inference<Aggregation> {
  const vals = Object.values(targets).filter((v): v is number => v !== null);
  const inferred = inferAggregation(targets, horizon);
  if (horizon === null || vals.length === 0) return { value: inferred };
  if (inferred === 'sum') {
    // One non-zero target (a task done in one year): sum and largest agree.
    if (vals.filter((v) => v !== 0).length <= 1) return { value: 'sum', reason: `the horizon ${horizon} is the one target that is not zero: a task done in one year` };
    return { value: 'sum', reason: `the horizon ${horizon} is the sum of the targets: yearly quantities added up` };
  }
  const last = vals[vals.length - 1];
  if (nearlyEqual(last, horizon)) return { value: 'last' };
  if (nearlyEqual(Math.max(...vals), horizon)) return { value: 'max', reason: `the horizon ${horizon} is neither the sum nor the last of the targets, but their largest` };
  return { value: 'last', reason: `the horizon ${horizon} is neither the sum (${round(vals.reduce((a, b) => a + b, 0))}) nor the last (${last}) of the targets: read as a level; check the horizon` };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
