import fc from 'fast-check';
import type { Indicator } from '../../src/core/plan/plan.types';
import { achievement, actual, budget, status } from '../../src/core/functions/plan-functions';
import { groupAchievement, indicatorAchievement } from '../../src/core/achievement/achievement';
import { groupsOf } from '../../src/core/plan/plan-index';
import { indexOf, makePlan } from '../helpers/plan';

const one = (ind: Partial<Indicator>) => indexOf(makePlan([{ code: '1', aggregation: 'sum', ...ind } as Indicator]));
const ach = (ind: Partial<Indicator>, year?: number, mode?: string) => achievement(one(ind), '1', year, mode);

describe('one measured line (cap 1.2)', () => {
  const sum = { aggregation: 'sum' as const, targets: { '1402': 10, '1403': 20, '1404': 30 }, horizon: 60, actuals: { '1402': 8, '1403': 25 } };

  test('annual: A / T', () => {
    expect(ach(sum, 1402, 'annual')).toBe(0.8);
    expect(ach(sum, 1403, 'annual')).toBe(1.2); // 25/20 = 1.25, capped
    expect(ach(sum, 1404, 'annual')).toBe(''); // no actual: unreported is not 0
  });

  test('cumulative, sum: ΣA / ΣT over the years up to y that have an actual; default year is the last', () => {
    expect(ach(sum, 1403)).toBeCloseTo(33 / 30, 12);
    expect(ach(sum, 1404)).toBeCloseTo(33 / 30, 12); // 1404 has no actual, so its target does not count
    expect(ach(sum)).toBeCloseTo(33 / 30, 12);
    expect(ach(sum, 1402, 'cumulative')).toBe(0.8);
  });

  test('horizon: the same actuals against the horizon', () => {
    expect(ach(sum, undefined, 'horizon')).toBeCloseTo(33 / 60, 12);
    expect(ach(sum, 1402, 'horizon')).toBeCloseTo(8 / 60, 12);
    expect(ach({ ...sum, horizon: null }, undefined, 'horizon')).toBe('');
  });

  test('last: annual of the latest year with an actual', () => {
    const last = { aggregation: 'last' as const, targets: { '1402': 80, '1403': 95, '1404': 95 }, horizon: 95, actuals: { '1402': 92, '1403': 58 } };
    expect(ach(last)).toBeCloseTo(58 / 95, 12);
    expect(ach(last, 1402)).toBeCloseTo(92 / 80, 12);
    expect(ach({ ...last, horizon: 100 }, undefined, 'horizon')).toBeCloseTo(0.58, 12);
  });

  test('average, max, min', () => {
    const t = { targets: { '1402': 10, '1403': 20 }, actuals: { '1402': 12, '1403': 15 }, horizon: 25 };
    expect(ach({ ...t, aggregation: 'average' })).toBeCloseTo(13.5 / 15, 12);
    expect(ach({ ...t, aggregation: 'max' })).toBeCloseTo(15 / 20, 12);
    expect(ach({ ...t, aggregation: 'min' })).toBe(1.2); // 12/10 capped
    expect(ach({ ...t, aggregation: 'max' }, undefined, 'horizon')).toBeCloseTo(15 / 25, 12);
  });

  test('negative polarity: T / A; A = 0 is the cap; a zero target is 0', () => {
    const neg = { polarity: 'negative' as const, aggregation: 'last' as const };
    expect(ach({ ...neg, targets: { '1402': 10 }, actuals: { '1402': 20 } }, 1402)).toBe(0.5);
    expect(ach({ ...neg, targets: { '1402': 10 }, actuals: { '1402': 8 } }, 1402)).toBe(1.2); // 1.25 capped
    expect(ach({ ...neg, targets: { '1402': 10 }, actuals: { '1402': 0 } }, 1402)).toBe(1.2);
    expect(ach({ ...neg, targets: { '1402': 0 }, actuals: { '1402': 5 } }, 1402)).toBe(0);
  });

  test('nothing to compare is empty, never 0', () => {
    expect(ach({ targets: { '1402': null }, actuals: { '1402': 5 } }, 1402, 'annual')).toBe('');
    expect(ach({ targets: { '1402': 0 }, actuals: { '1402': 5 } }, 1402, 'annual')).toBe(''); // positive, T = 0
    expect(ach({ targets: { '1402': 10 }, actuals: {} }, 1402, 'annual')).toBe('');
    expect(ach({ targets: { '1402': 10 }, actuals: { '1402': null } }, 1402, 'annual')).toBe('');
    expect(ach({ targets: { '1402': 10 }, actuals: { '1402': 0 } }, 1402, 'annual')).toBe(0); // reported 0 is 0
  });

  test('a ratio below 0 is clamped to 0', () => {
    expect(ach({ targets: { '1402': 10 }, actuals: { '1402': -3 } }, 1402, 'annual')).toBe(0);
  });

  test('progress scoring: (A − B) / (T − B), point in time', () => {
    const prog = { scoring: 'progress' as const, aggregation: 'sum' as const, baseline: { previous: 120 } };
    expect(ach({ ...prog, targets: { '1402': 80 }, actuals: { '1402': 100 } }, 1402, 'annual')).toBe(0.5);
    expect(ach({ ...prog, targets: { '1402': 120 }, actuals: { '1402': 100 } }, 1402, 'annual')).toBe(''); // T = B
    // cumulative and horizon use the latest actual, whatever the aggregation says
    const p2 = { ...prog, targets: { '1402': 100, '1403': 80 }, horizon: 60, actuals: { '1402': 110, '1403': 100 } };
    expect(ach(p2)).toBe(0.5);
    expect(ach(p2, undefined, 'horizon')).toBeCloseTo(20 / 60, 12);
    // without a baseline it is scored as a ratio
    expect(ach({ scoring: 'progress', targets: { '1402': 80 }, actuals: { '1402': 40 } }, 1402, 'annual')).toBe(0.5);
  });

  test('a year without an annual key is the aggregation of its periods; an annual key wins', () => {
    const halves = { targets: { '1403': 100 }, actuals: { '1403-H1': 40, '1403-H2': 50 } };
    expect(actual(one({ ...halves, aggregation: 'sum' }), '1', 1403)).toBe(90);
    expect(actual(one({ ...halves, aggregation: 'last' }), '1', 1403)).toBe(50);
    expect(actual(one({ ...halves, aggregation: 'average' }), '1', 1403)).toBe(45);
    expect(actual(one({ ...halves, aggregation: 'max' }), '1', 1403)).toBe(50);
    expect(actual(one({ ...halves, aggregation: 'min' }), '1', 1403)).toBe(40);
    expect(actual(one({ targets: { '1403': 100 }, actuals: { '1403': 100, '1403-H1': 40 } }), '1', 1403)).toBe(100);
    // "last" is the latest period by the month it ends, not by key order
    expect(actual(one({ aggregation: 'last', actuals: { '1403-M09': 7, '1403-Q2': 5, '1403-M07': 6 } }), '1', 1403)).toBe(7);
    // a quarter read from its months; mid-year, a sum indicator's annual achievement uses what is in
    const months = one({ aggregation: 'sum', targets: { '1403': 100 }, actuals: { '1403-M01': 10, '1403-M02': 20, '1403-M03': 5, '1403-M04': 4 } });
    expect(actual(months, '1', '1403-Q1')).toBe(35);
    expect(actual(months, '1', '1403-M02')).toBe(20);
    expect(achievement(months, '1', 1403, 'annual')).toBeCloseTo(0.39, 12);
  });
});

describe('items and groups', () => {
  const plan = makePlan([
    // achievement 0.8 (weight 1) and 0.5 (weight 3); a third item reports nothing
    { id: 'A', code: '3-6-3-1', parent: '3-6-3', workingGroup: 'wg1', unit: 'u1', aggregation: 'last', weight: 2, items: [
      { id: '1', targets: { '1402': 10 }, actuals: { '1402': 8 }, district: 'd1' },
      { id: '2', targets: { '1402': 10 }, actuals: { '1402': 5 }, weight: 3, district: 'd2' },
      { id: '3', targets: { '1402': 10 }, district: 'd2' },
    ] },
    { id: 'B', code: '3-6-1', parent: '3-6', workingGroup: 'wg1', unit: 'u2', aggregation: 'last', targets: { '1402': 10 }, actuals: { '1402': 4 } },
    { id: 'C', code: '3-6-3-2', parent: '3-6-3', workingGroup: 'wg1', unit: 'u1', aggregation: 'last', targets: { '1402': 10 } },
    { id: 'D', code: '3-6-3-3', parent: '3-6-3', workingGroup: 'wg2', unit: 'u2', aggregation: 'last', items: [{ id: '1', targets: { '1402': 10 }, actuals: { '1402': 10 }, district: 'd1' }] },
  ]);
  const ix = indexOf(plan);
  const A = (0.8 * 1 + 0.5 * 3) / 4; // 0.575

  test('an indicator with items: weighted mean of the items that have an achievement', () => {
    expect(achievement(ix, 'A', 1402)).toBeCloseTo(A, 12);
    expect(achievement(ix, 'A.1', 1402)).toBe(0.8);
    expect(achievement(ix, 'A.3', 1402)).toBe('');
  });

  test('a working group: weighted mean of its indicators (not items) that have an achievement', () => {
    expect(achievement(ix, 'wg:wg1', 1402)).toBeCloseTo((A * 2 + 0.4 * 1) / 3, 12); // C reports nothing
    expect(achievement(ix, 'workingGroup:wg2', 1402)).toBe(1);
  });

  test('a unit', () => {
    expect(achievement(ix, 'unit:u1', 1402)).toBeCloseTo(A, 12);
    expect(achievement(ix, 'unit:u2', 1402)).toBeCloseTo((0.4 + 1) / 2, 12);
  });

  test('a district, through items: each indicator counts with its items in the district', () => {
    // d1: A through item 1 (0.8, weight 2), D through its item (1.0, weight 1)
    expect(achievement(ix, 'district:d1', 1402)).toBeCloseTo((0.8 * 2 + 1) / 3, 12);
    // d2: A through items 2 and 3: only item 2 reports
    expect(achievement(ix, 'district:d2', 1402)).toBe(0.5);
  });

  test('a tree node, with its descendants', () => {
    expect(achievement(ix, 'node:3-6-3', 1402)).toBeCloseTo((A * 2 + 1) / 3, 12);
    expect(achievement(ix, 'node:3', 1402)).toBeCloseTo((A * 2 + 0.4 + 1) / 4, 12);
    expect(achievement(ix, 'node:۳-۶', 1402)).toBeCloseTo((A * 2 + 0.4 + 1) / 4, 12);
  });

  test('a group where nothing is reported is empty; cumulative carries earlier years', () => {
    expect(achievement(ix, 'wg:wg1', 1403, 'annual')).toBe('');
    expect(achievement(ix, 'wg:wg1', 1403)).toBeCloseTo((A * 2 + 0.4 * 1) / 3, 12);
  });
});

describe('status bands (green 0.9, amber 0.7)', () => {
  test.each([
    [9, 'green'],
    [10, 'green'],
    [8.99, 'amber'],
    [7, 'amber'],
    [6.99, 'red'],
    [0, 'red'],
    [null, ''],
  ])('actual %p of 10 is %p', (a, s) => {
    expect(status(one({ aggregation: 'last', targets: { '1402': 10 }, actuals: { '1402': a } }), '1', 1402)).toBe(s);
  });
});

describe('budget realization', () => {
  const ix = indexOf(makePlan([
    { id: 'a', code: '1', workingGroup: 'wg1', aggregation: 'last', funding: { '1402': { planned: 100, spent: 80 }, '1403': { planned: 200, spent: null } } },
    { id: 'b', code: '2', workingGroup: 'wg1', aggregation: 'last', funding: { '1402': { planned: 50, spent: 70 } } },
    { id: 'c', code: '3', workingGroup: 'wg2', aggregation: 'last' },
  ]));

  test('Σspent / Σplanned over the group for a year', () => {
    expect(budget(ix, 'wg:wg1', 1402)).toBe(1);
    expect(budget(ix, 'wg:wg1', 1402, 'planned')).toBe(150);
    expect(budget(ix, 'wg:wg1', 1402, 'spent')).toBe(150);
    expect(budget(ix, 'a', 1402)).toBe(0.8);
  });

  test('a year whose spending is not known yet has no realization, not 0%', () => {
    expect(budget(ix, 'wg:wg1', 1403)).toBe('');
    expect(budget(ix, 'wg:wg1', 1403, 'planned')).toBe(200);
    expect(budget(ix, 'wg:wg2', 1402)).toBe('');
  });

  test('without a year: all plan years (unknown spending left out of both sides)', () => {
    expect(budget(ix, 'wg:wg1')).toBe(1);
    expect(budget(ix, 'wg:wg1', '', 'planned')).toBe(350);
  });
});

describe('property: a group is the weighted mean of its members', () => {
  const value = fc.option(fc.integer({ min: 0, max: 200 }), { nil: null });
  const indicator = fc.record({
    wg: fc.constantFrom('wg1', 'wg2'),
    weight: fc.integer({ min: 0, max: 5 }),
    polarity: fc.constantFrom('positive' as const, 'negative' as const),
    aggregation: fc.constantFrom('sum' as const, 'last' as const, 'average' as const, 'max' as const, 'min' as const),
    targets: fc.tuple(value, value, value),
    actuals: fc.tuple(value, value, value),
  });

  test('for every working group, year and mode', () => {
    fc.assert(
      fc.property(fc.array(indicator, { minLength: 1, maxLength: 8 }), fc.constantFrom(0, 1, 2), fc.constantFrom('annual' as const, 'cumulative' as const, 'horizon' as const), (inds, yearPos, mode) => {
        const years = ['1402', '1403', '1404'];
        const toMap = (xs: Array<number | null>) => Object.fromEntries(xs.map((v, i) => [years[i], v]));
        const ix = indexOf(makePlan(inds.map((d, i) => ({
          id: `i${i}`, code: `${i + 1}`, workingGroup: d.wg, weight: d.weight, polarity: d.polarity, aggregation: d.aggregation,
          targets: toMap(d.targets), actuals: toMap(d.actuals), horizon: 100,
        }))));
        for (const g of groupsOf(ix).workingGroup.values()) {
          let sum = 0;
          let weights = 0;
          for (const m of g.members) {
            const a = indicatorAchievement(ix, m.entry, yearPos, mode);
            if (a === null) continue;
            expect(a).toBeGreaterThanOrEqual(0);
            expect(a).toBeLessThanOrEqual(1.2);
            sum += a * m.entry.weight;
            weights += m.entry.weight;
          }
          const got = groupAchievement(ix, g, yearPos, mode);
          if (weights === 0) expect(got).toBeNull();
          else expect(got).toBeCloseTo(sum / weights, 12);
        }
      }),
      { numRuns: 300 },
    );
  });
});
