// The indicator ID form as data: every field of domain.md's form with its Persian (or English)
// label, the plan's figures in the plan's digits, blanks where the plan says nothing.
import * as fc from 'fast-check';
import { FORM_WORDS, TYPE_WORDS } from '../../src/core/forms/form-labels';
import { indicatorForm, indicatorForms, type IndicatorForm } from '../../src/core/forms/indicator-form';
import { loadPlan } from '../../src/core/plan/load';
import { parseNumber } from '../../src/core/numbers/parse-number';
import { ltr } from '../../src/core/numbers/bidi';
import type { Indicator } from '../../src/core/plan/plan.types';
import { indexOf, makePlan, sampleText } from '../helpers/plan';

const sample = loadPlan(sampleText()).index!;
const entry = (id: string, index = sample) => index.indicators.get(id)!;
const fields = (f: IndicatorForm) => new Map(f.sections.flatMap((s) => s.fields.map((x) => [x.label, x.value] as const)));
const section = (f: IndicatorForm, key: string) => f.sections.find((s) => s.key === key);

describe('the form of a Qazvin indicator, in Persian', () => {
  const form = indicatorForm(sample, entry('1-7-5-2'));
  const fa = FORM_WORDS.fa;

  test('names every field of the Qazvin form', () => {
    const labels = form.sections.flatMap((s) => [s.title, ...s.fields.map((x) => x.label), ...(s.grid?.header ?? []), ...(s.grid?.rows.map((r) => r[0]) ?? [])]).join('\n');
    for (const label of [fa.code, 'چشم‌انداز', 'راهبرد', 'سیاست اجرایی', fa.title, fa.description, fa.unit, fa.unitCode, fa.budgetCode, fa.polarity, fa.standard, fa.measure, fa.type, fa.projects, fa.partner, fa.role, fa.evidence, fa.method, fa.planned, fa.preparedBy, fa.approvedBy, fa.signature, fa.date]) {
      expect(labels).toContain(label);
    }
    expect(labels).toContain('مقدار تجمعی تا پایان ۱۴۰۰');
    expect(labels).toContain('عملکرد ۱۴۰۱');
    expect(labels).toContain('افق ۵ ساله');
    expect(form.heading).toBe('فرم شناسنامه شاخص هدف عملیاتی');
  });

  test("carries the plan's values, codes and figures in Persian digits", () => {
    const f = fields(form);
    expect(form.code).toBe(ltr('۱-۷-۵-۲'));
    expect(f.get(fa.code)).toBe(ltr('۱-۷-۵-۲'));
    expect(f.get(fa.title)).toBe('تحقق بودجه ریزی بر مبنای عملکرد (عملیاتی)');
    expect(f.get('چشم‌انداز')).toMatch(new RegExp(`^${ltr('۱')} قزوین شهری است`));
    expect(f.get(fa.unit)).toBe('مدیریت برنامه و بودجه');
    expect(f.get(fa.workingGroup)).toBe('حکمروائی و هوشمندسازی');
    expect(f.get(fa.polarity)).toBe('مثبت');
    expect(f.get(fa.measure)).toBe('درصد');
    const values = section(form, 'values')!.grid!;
    expect(values.header.slice(3)).toEqual(['۱۴۰۲', '۱۴۰۳', '۱۴۰۴', '۱۴۰۵', '۱۴۰۶', 'افق ۵ ساله']);
    // measure, cumulative and previous (unknown: blank), the five targets, the horizon
    expect(values.rows).toEqual([['درصد', '', '', '۸۰', '۹۵', '۹۵', '۹۵', '۹۵', '۹۵']]);
  });

  test('what the plan leaves open stays blank or offers its choices to tick', () => {
    const f = fields(form);
    for (const label of ['راهبرد', 'سیاست اجرایی', fa.description, fa.unitCode, fa.budgetCode, fa.standard, fa.evidence, fa.method, fa.projects]) expect(f.get(label)).toBe('');
    expect(f.get(fa.type)).toBe(Object.values(TYPE_WORDS.fa).map((w) => `☐ ${w}`).join('   '));
    const partners = section(form, 'partners')!.grid!;
    expect(partners.rows.every((r) => r.every((c) => c === ''))).toBe(true);
    const signatures = section(form, 'signatures')!.grid!;
    expect(signatures.rows.map((r) => r.slice(1))).toEqual([['', ''], ['', ''], ['', '']]);
  });
});

test("a composite indicator lists its items with their targets; its own row only when it has figures", () => {
  const form = indicatorForm(sample, entry('3-1-2-4'));
  expect(section(form, 'values')).toBeUndefined();
  const items = section(form, 'items')!.grid!;
  expect(items.rows).toEqual([
    ['ایجاد زیرساخت جمعآوری داده', 'تعداد سامانه', '', '', '۱', '۰', '۰', '۰', '۰', '۱'],
    ['راهاندازی سیستم برای دادهکاوی و تحلیل دادهها', 'تعداد سامانه', '', '', '۰', '۱', '۰', '۰', '۰', '۱'],
    ['راهاندازی Open Data', 'درصد', '', '', '۰', '۵۰', '۵۰', '۱۰۰', '۱۰۰', '۱۰۰'],
  ]);
  // Funding known for two of five years: the years shown, the total left to fill.
  const funding = section(form, 'funding')!;
  expect(funding.title).toBe('منابع مالی پروژه‌های مرتبط (پیش‌بینی) (میلیون ریال)');
  expect(funding.grid!.rows).toEqual([['اعتبار پیش‌بینی‌شده', '۱۶٬۲۰۳', '۲۰٬۲۵۳', '', '', '', '']]);
});

test("one unit's forms are its indicators, in plan order", () => {
  const forms = indicatorForms(sample, { unit: 'ict-org' });
  const ids = sample.plan.indicators.filter((i) => i.unit === 'ict-org').map((i) => i.id);
  expect(forms.map((f) => f.id)).toEqual(ids);
  expect(ids.length).toBe(10);
  expect(indicatorForms(sample).length).toBe(sample.plan.indicators.length);
});

describe('an English plan', () => {
  const ind: Indicator = {
    code: '3-6-3-4',
    parent: '3-6-3',
    title: 'Staff training effectiveness',
    description: 'Share of trained staff whose work improves',
    unit: 'u1',
    workingGroup: 'wg1',
    budgetCode: '201-17',
    measure: '%',
    polarity: 'negative',
    type: 'hr',
    baseline: { cumulative: 1200, previous: 40.5 },
    targets: { 1402: 50, 1403: 60, 1404: 75 },
    horizon: 75,
    funding: { 1402: { planned: 1000 }, 1403: { planned: 2500.5 }, 1404: { planned: 0 } },
    partners: [{ unit: 'u2', role: 'runs the courses' }],
    evidence: 'course records',
    method: 'yearly survey',
    comment: 'courses in two rounds',
    notes: { 1403: 'feasibility study' },
  };
  const index = indexOf(makePlan([ind], { units: [{ id: 'u1', title: 'unit one', code: 'U-01' }, { id: 'u2', title: 'unit two' }] }));
  const form = indicatorForm(index, entry('3-6-3-4', index));
  const en = FORM_WORDS.en;

  test('English labels, Latin digits, the tree by level', () => {
    const f = fields(form);
    expect(form.heading).toBe(en.form);
    expect(f.get(en.code)).toBe(ltr('3-6-3-4'));
    expect(f.get('Vision')).toBe(`${ltr('3')} v3`);
    expect(f.get('Strategy')).toBe(`${ltr('3-6')} s`);
    expect(f.get('Executive policy')).toBe(`${ltr('3-6-3')} p`);
    expect(f.get(en.unitCode)).toBe(ltr('U-01'));
    expect(f.get(en.budgetCode)).toBe(ltr('201-17'));
    expect(f.get(en.polarity)).toBe('negative');
    expect(f.get(en.type)).toBe('human-capital development');
    expect(f.get(en.evidence)).toBe('course records');
    expect(f.get(en.method)).toBe('yearly survey');
    expect(f.get(en.projects)).toBe('courses in two rounds\n1403: feasibility study');
  });

  test('baseline, targets, funding with its total, partners with roles', () => {
    const values = section(form, 'values')!.grid!;
    expect(values.header).toEqual([en.measure, 'Cumulative to end of 1400', 'Actual 1401', '1402', '1403', '1404', '3-year horizon']);
    expect(values.rows).toEqual([['%', '1200', '40.5', '50', '60', '75', '75']]);
    expect(section(form, 'funding')!.grid!.rows).toEqual([[en.planned, '1,000', '2,500.5', '0', '3,500.5']]);
    // the plan's partner, and a blank row to add one by hand
    expect(section(form, 'partners')!.grid!.rows).toEqual([['unit two', 'runs the courses'], ['', '']]);
  });

  test('a Persian form of the same plan on request', () => {
    const fa = indicatorForm(index, entry('3-6-3-4', index), { lang: 'fa' });
    expect(fa.heading).toBe(FORM_WORDS.fa.form);
    expect(section(fa, 'values')!.grid!.rows[0]).toEqual(['%', '۱۲۰۰', '۴۰٫۵', '۵۰', '۶۰', '۷۵', '۷۵']);
    expect(indicatorForm(index, entry('3-6-3-4', index), { lang: 'fa', digits: 'latn' }).code).toBe(ltr('3-6-3-4'));
  });
});

test('every target is shown as the number it is, in either digits (property)', () => {
  const value = fc.oneof(fc.constant(null), fc.integer({ min: -1e9, max: 1e9 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }));
  fc.assert(
    fc.property(fc.tuple(value, value, value), value, fc.constantFrom('fa' as const, 'latn' as const), (t, horizon, digits) => {
      const ind: Indicator = { code: '1-1', title: 't', targets: { 1402: t[0], 1403: t[1], 1404: t[2] }, horizon };
      const index = indexOf(makePlan([ind]));
      const row = section(indicatorForm(index, entry('1-1', index), { digits }), 'values')!.grid!.rows[0];
      [...t, horizon].forEach((v, i) => {
        const cell = row[3 + i];
        if (v === null) expect(cell).toBe('');
        else expect(parseNumber(cell)).toEqual({ ok: true, value: v === 0 ? 0 : v });
      });
    }),
    { numRuns: 200 },
  );
});
