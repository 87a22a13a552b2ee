import fc from 'fast-check';
import type { Plan } from '../../../src/core/plan/plan.types';
import { loadPlan } from '../../../src/core/plan/load';
import { toPersianDigits } from '../../../src/core/numbers/digits';
import { inDigits } from '../../../src/core/numbers/format';
import { checkPeriod, checkTyped, reportingLines } from '../../../src/core/web/reporting';
import { clone, indexOf, sampleText } from '../../helpers/plan';

const raw = JSON.parse(sampleText()) as Plan;
const sample = loadPlan(sampleText()).index!;
/** The sample with some edits, checked like any plan. */
const edited = (edit: (p: Plan) => void) => {
  const p = clone(raw);
  edit(p);
  return indexOf(p);
};
const indicator = (p: Plan, id: string) => p.indicators.find((i) => i.id === id)!;

describe('reportingLines over the Qazvin sample', () => {
  test('every measured line once: indicators without items and each item, never an indicator measured by its items', () => {
    const expected = raw.indicators.flatMap((i) => (i.items?.length ? i.items.map((it) => `${i.id}.${it.id}`) : [i.id]));
    const refs = reportingLines(sample, 'all', '1403').map((l) => l.ref);
    expect(refs).toEqual(expected);
    expect(refs).not.toContain('1-7-3-5'); // measured by its three items
    expect(refs).toEqual(expect.arrayContaining(['1-7-3-5.1', '1-7-3-5.2', '1-7-3-5.3']));
  });

  test("a unit sees its own lines only, with the plan's target, the value so far and the measure", () => {
    const lines = reportingLines(sample, ['budget-office'], '1403');
    const own = raw.indicators.filter((i) => i.unit === 'budget-office');
    expect(lines.length).toBe(own.reduce((n, i) => n + (i.items?.length || 1), 0));
    expect(lines.every((l) => l.unit === 'budget-office')).toBe(true);
    const item = lines.find((l) => l.ref === '1-7-3-5.1')!;
    expect(item).toMatchObject({ title: 'تحقق درآمد', measure: 'درصد', target: 95, value: 54, fromParts: false, locked: false, note: null, evidence: '' });
    expect(item.indicator).toEqual({ id: '1-7-3-5', code: '1-7-3-5', title: 'تطبیق عملکرد با بودجه مصوب' });
    expect(lines.find((l) => l.ref === '1-7-5-2')).toMatchObject({ target: 95, value: 58 });
    // 1404 is not reported yet anywhere in the sample
    expect(reportingLines(sample, ['budget-office'], '1404').every((l) => l.value === null && l.target !== undefined)).toBe(true);
  });

  test('several units, no unit and an unknown unit', () => {
    const two = reportingLines(sample, ['budget-office', 'human-capital'], '1402');
    expect(new Set(two.map((l) => l.unit))).toEqual(new Set(['budget-office', 'human-capital']));
    expect(reportingLines(sample, [], '1402')).toEqual([]);
    expect(reportingLines(sample, ['no-such-unit'], '1402')).toEqual([]);
  });

  test('a part of a year: its own value; the year shows what its parts add up to, marked as such', () => {
    const index = edited((p) => {
      const ind = indicator(p, '1-7-5-2'); // aggregation "last"
      ind.actuals = { '1402': 92, '1403-H1': 40, '1403-H2': 50 };
      ind.notes = { '1403-H1': 'گزارش نیمه اول' };
      ind.evidence = 'صورتجلسه کمیته بودجه';
      ind.evidenceSubmitted = { '1403-H1': 'نامه ۱۲۳' };
    });
    const h1 = reportingLines(index, ['budget-office'], '1403-H1').find((l) => l.ref === '1-7-5-2')!;
    expect(h1).toMatchObject({ value: 40, fromParts: false, target: 95, note: 'گزارش نیمه اول', evidence: 'صورتجلسه کمیته بودجه', evidenceSubmitted: 'نامه ۱۲۳' });
    const year = reportingLines(index, ['budget-office'], '1403').find((l) => l.ref === '1-7-5-2')!;
    expect(year).toMatchObject({ value: 50, fromParts: true, note: null });
    expect(reportingLines(index, ['budget-office'], '1403-Q1').find((l) => l.ref === '1-7-5-2')!.value).toBeNull();
  });

  test('locked periods: a closed year closes its parts; a closed half closes its quarters and its year, not the other half', () => {
    const index = edited((p) => {
      p.meta.locked = ['1402', '1404-H1'];
    });
    const locked = (period: string) => reportingLines(index, 'all', period).map((l) => l.locked);
    expect(locked('1402').every(Boolean)).toBe(true);
    expect(locked('1402-H2').every(Boolean)).toBe(true);
    expect(locked('1402-M11').every(Boolean)).toBe(true);
    expect(locked('1403').some(Boolean)).toBe(false);
    expect(locked('1404-Q2').every(Boolean)).toBe(true);
    expect(locked('1404-H2').some(Boolean)).toBe(false);
    expect(locked('1404').every(Boolean)).toBe(true); // the year holds a closed half
    // the sample itself closes nothing
    expect(reportingLines(sample, 'all', '1402').some((l) => l.locked)).toBe(false);
  });

  test('periods as typed, and periods the plan has not', () => {
    expect(checkPeriod(sample, '۱۴۰۳-h1')).toMatchObject({ ok: true, period: { key: '1403-H1' } });
    expect(reportingLines(sample, 'all', '۱۴۰۳').length).toBe(reportingLines(sample, 'all', '1403').length);
    const outside = checkPeriod(sample, '1410');
    expect(outside).toMatchObject({ ok: false });
    if (!outside.ok) {
      expect(outside.problem.en).toContain('1402, 1403, 1404, 1405, 1406');
      expect(outside.problem.fa).toContain('1410');
    }
    const nonsense = checkPeriod(sample, '1403-Q5');
    expect(nonsense.ok).toBe(false);
    if (!nonsense.ok) expect(nonsense.problem.en).toContain('"1403-Q5" is not a period');
    expect(() => reportingLines(sample, 'all', '1410')).toThrow(RangeError);
    expect(() => reportingLines(sample, 'all', '<script>')).toThrow(/not a period/);
    const long = checkPeriod(sample, 'x'.repeat(100000));
    expect(!long.ok && long.problem.en.length < 300).toBe(true);
  });
});

describe('checkTyped: a value as a person types it', () => {
  test.each([
    ['۱۲۳', 123],
    ['۱۲٬۳۴۵٫۶', 12345.6],
    ['٠٫٥', 0.5], // Arabic-Indic digits
    ['۰/۲', 0.2],
    ['۸۰٪', 80],
    ['80%', 80],
    ['  1,250  ', 1250],
    ['-3', -3],
    ['', null],
    ['-', null],
    ['   ', null],
  ])('%j reads as %p', (typed, value) => {
    expect(checkTyped(typed)).toEqual({ ok: true, value });
  });

  test.each(['12abc', '1,2,3', '=1+1', '۱۲ ۳۴', 'NaN', 'Infinity', '1e16', '-2e15'])('%j is refused in both languages', (typed) => {
    const r = checkTyped(typed);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.en.length).toBeGreaterThan(10);
      expect(r.problem.fa).toMatch(/[\u0600-\u06ff]/);
    }
  });

  test('a number beyond what a plan holds names the limit', () => {
    const r = checkTyped('۱۰۰۰۰۰۰۰۰۰۰۰۰۰۰۰۰');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.en).toContain('beyond ±1000000000000000');
  });

  test('property: any plan number written in Persian digits with Persian separators reads back as itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        // The number as written with two decimals (whole + cents/100 in floating point can differ
        // from it in the last bit: what is typed is the text, so the text is the truth).
        const n = Number(`${whole < 0 ? '-' : ''}${Math.abs(whole)}.${String(cents).padStart(2, '0')}`);
        expect(checkTyped(inDigits(n.toLocaleString('en-US', { maximumFractionDigits: 2 }), 'fa'))).toEqual({ ok: true, value: n });
        expect(checkTyped(toPersianDigits(String(n)).replace('.', '٫'))).toEqual({ ok: true, value: n });
      }),
    );
  });
});
