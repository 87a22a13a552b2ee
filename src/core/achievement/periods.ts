import type { Aggregation, PeriodValues } from '../plan/plan.types';
import { parsePeriod, type Period } from '../numbers/periods';

const PART_MONTHS = { H: 6, Q: 3, M: 1 } as const;

/** First month a period covers (1 for a whole year). */
function startMonth(p: Period): number {
  return p.part ? p.endMonth - PART_MONTHS[p.part] + 1 : 1;
}

/** Combines values by an aggregation rule; values are in period order. */
export function aggregate(values: readonly number[], rule: Aggregation): number | null {
  if (values.length === 0) return null;
  switch (rule) {
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'last':
      return values[values.length - 1];
    case 'average':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'max':
      return Math.max(...values);
    case 'min':
      return Math.min(...values);
  }
}

/**
 * The value of a period: its own key when it holds a number (an annual key wins), otherwise the
 * aggregation of the reported periods inside it (a year from its halves, quarters or months).
 */
export function periodValue(actuals: PeriodValues | undefined, period: Period, rule: Aggregation): number | null {
  if (!actuals) return null;
  const own = actuals[period.key];
  if (typeof own === 'number') return own;
  const from = startMonth(period);
  const inside: Array<{ end: number; value: number }> = [];
  for (const key in actuals) {
    const value = actuals[key];
    if (typeof value !== 'number' || key === period.key || !key.startsWith(String(period.year))) continue;
    const p = parsePeriod(key);
    if (p && p.year === period.year && p.part && startMonth(p) >= from && p.endMonth <= period.endMonth) {
      inside.push({ end: p.endMonth, value });
    }
  }
  if (inside.length === 0) return null;
  inside.sort((a, b) => a.end - b.end);
  return aggregate(
    inside.map((x) => x.value),
    rule,
  );
}
