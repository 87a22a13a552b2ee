import fc from 'fast-check';
import type { Indicator, Plan } from '../../src/core/plan/plan.types';
import { makePlan } from './plan';

export const YEARS = ['1402', '1403', '1404'] as const;

const value = fc.option(fc.oneof(fc.integer({ min: 0, max: 500 }), fc.double({ min: 0, max: 100, noNaN: true }).map((d) => Math.round(d * 100) / 100)), { nil: null });
const yearValues = fc.tuple(value, value, value).map((vs) => {
  const o: Record<string, number | null> = {};
  vs.forEach((v, i) => {
    if (v !== null || i === 1) o[YEARS[i]] = v;
  });
  return o;
});
const comment = fc.option(fc.constantFrom('مطالعات امکان سنجی', 'delayed: budget', 'تحقق ۸۰٪', 'ok'), { nil: undefined });

const lineFields = fc.record({
  targets: yearValues,
  actuals: yearValues,
  comment,
  aggregation: fc.constantFrom('sum' as const, 'last' as const, 'average' as const),
  polarity: fc.constantFrom('positive' as const, 'negative' as const),
});

/** Random small plans: indicators with and without items, spread over two working groups. */
export const planArb: fc.Arbitrary<Plan> = fc
  .array(
    fc.record({
      wg: fc.constantFrom('wg1', 'wg2'),
      line: lineFields,
      items: fc.option(fc.array(lineFields, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((inds) =>
    makePlan(
      inds.map((d, i): Indicator => {
        const base: Indicator = { id: `i${i}`, code: `3-6-3-${i + 1}`, workingGroup: d.wg, unit: d.wg === 'wg1' ? 'u1' : 'u2', title: `شاخص ${i}` };
        const clean = <T extends object>(o: T) => JSON.parse(JSON.stringify(o)) as T;
        if (d.items) return clean({ ...base, aggregation: d.line.aggregation, items: d.items.map((it, j) => ({ id: String(j + 1), title: `زیر ${j}`, ...it })) });
        return clean({ ...base, ...d.line });
      }),
    ),
  );
