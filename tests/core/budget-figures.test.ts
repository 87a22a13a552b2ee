/** @jest-environment jsdom */
// Issue 13, "figures that add up": every budget realization shown (core, `report` text and JSON
// in both languages, the pane's budget view and summary) equals the spent and planned shown
// with it, and district funding is counted once.
import '@testing-library/jest-dom';
import * as React from 'react';
import { render, screen } from '@testing-library/react';
import fc from 'fast-check';
import { budget, fundedEntries } from '../../src/core/achievement/budget';
import { groupsOf, type PlanIndex } from '../../src/core/plan/plan-index';
import type { Indicator } from '../../src/core/plan/plan.types';
import { loadPlan } from '../../src/core/plan/load';
import { budgetByUnit, budgetByWorkingGroup } from '../../src/core/report/budget-view';
import { buildReport, NOT_BY_DISTRICT, REPORT_BY } from '../../src/core/report/report';
import * as F from '../../src/core/functions/plan-functions';
import { run } from '../../src/cli/main';
import { BudgetView } from '../../src/taskpane/components/BudgetView';
import { Summary } from '../../src/taskpane/components/Summary';
import { STRINGS } from '../../src/taskpane/i18n';
import type { OpenedPlan } from '../../src/runtime/plan-store';
import { indexOf, makePlan, SAMPLE_PATH, sampleText } from '../helpers/plan';
import { expectAddsUp, readShown } from '../helpers/figures';

const sample = loadPlan(sampleText()).index!;

async function cli(...argv: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: () => undefined });
  return { code, out };
}

// Hand-computed: a has 1402 100/90 and 1403 50/(not reported); b has 1402 100/110.
// Known planned 250, spent 200; realization counts 1402 only: 200 / 200 = 100%.
const small: Indicator[] = [
  { id: 'a', code: '1', workingGroup: 'wg1', unit: 'u1', aggregation: 'last', targets: { '1402': 10 }, funding: { '1402': { planned: 100, spent: 90 }, '1403': { planned: 50, spent: null } } },
  { id: 'b', code: '2', workingGroup: 'wg1', unit: 'u1', aggregation: 'last', targets: { '1402': 10 }, funding: { '1402': { planned: 100, spent: 110 } } },
];

describe('realization carries what it divides', () => {
  test('a small plan by hand: planned of all years beside the realization of the years with spending', () => {
    const ix = indexOf(makePlan(small));
    expect(budget(ix, ix.indicatorList)).toEqual({ planned: 250, spent: 200, realization: 1, basis: { planned: 200, spent: 200, years: [1402] } });
    expect(budget(ix, ix.indicatorList, 1403)).toEqual({ planned: 50, spent: null, realization: null, basis: { planned: 0, spent: 0, years: [] } });
  });

  test('the sample: realization is basis.spent / basis.planned in every report, dimension, mode and year', () => {
    let checked = 0;
    for (const by of REPORT_BY) {
      for (const year of [undefined, ...sample.years]) {
        for (const row of buildReport(sample, by, 'cumulative', year).rows) {
          const b = row.budget;
          if (b.realization !== null) {
            expect(b.realization).toBe(b.basis.spent / b.basis.planned);
            expect(b.basis.years.every((y) => (year === undefined ? sample.years.includes(y) : y === year))).toBe(true);
            checked++;
          } else expect(b.basis.planned > 0).toBe(false);
          expect(b.basis.planned).toBeLessThanOrEqual(b.planned ?? 0);
          expect(b.basis.spent).toBeLessThanOrEqual(b.spent ?? 0);
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  test("the issue's figure: the whole sample's realization is not 106,005 / 281,175's 84.8% but its own parts", () => {
    const whole = budget(sample, sample.indicatorList);
    expect(whole.realization).toBe(whole.basis.spent / whole.basis.planned);
    // spending is reported for 1402 only: the ratio covers that year
    expect(whole.basis.years).toEqual([1402]);
    expect(whole.planned!).toBeGreaterThan(whole.basis.planned);
  });
});

describe('district funding is counted once', () => {
  // x: items in d1 and d2 (no district share); y: both items in d1; z: no items.
  const plan = makePlan([
    { id: 'x', code: '1', workingGroup: 'wg1', unit: 'u1', aggregation: 'last', funding: { '1402': { planned: 1000, spent: 500 } }, items: [
      { id: '1', title: 'd1', district: 'd1', targets: { '1402': 10 }, actuals: { '1402': 10 } },
      { id: '2', title: 'd2', district: 'd2', targets: { '1402': 10 }, actuals: { '1402': 5 } },
    ] },
    { id: 'y', code: '2', workingGroup: 'wg1', unit: 'u1', aggregation: 'last', funding: { '1402': { planned: 40, spent: 30 } }, items: [
      { id: '1', title: 'a', district: 'd1', targets: { '1402': 10 } },
      { id: '2', title: 'b', district: 'd1', targets: { '1402': 10 } },
    ] },
    { id: 'z', code: '3', workingGroup: 'wg2', unit: 'u2', aggregation: 'last', targets: { '1402': 5 }, funding: { '1402': { planned: 7, spent: null } } },
  ]);
  const ix = indexOf(plan);

  test('only wholly-district indicators fund a district; the rest is one "not by district" row', () => {
    const rows = buildReport(ix, 'district', 'annual', 1402).rows;
    expect(rows.map((r) => [r.key, r.budget.planned, r.budget.spent])).toEqual([
      ['d1', 40, 30],
      ['d2', null, null],
      [NOT_BY_DISTRICT, 1007, 500],
    ]);
    // achievement still reaches districts through items: d2 has x's second item (5/10)
    expect(rows[1].achievement).toBe(0.5);
    expect(rows.reduce((n, r) => n + (r.budget.planned ?? 0), 0)).toBe(budget(ix, ix.indicatorList).planned);
  });

  test('PLAN.BUDGET of a district follows the same rule', () => {
    expect(F.budget(ix, 'district:d1', 1402, 'planned')).toBe(40);
    expect(F.budget(ix, 'district:d2', 1402, 'planned')).toBe('');
    expect(F.budget(ix, 'district:d1', 1402)).toBe(0.75);
  });

  test('the sample: district rows add up to the plan, planned and spent', () => {
    const rows = buildReport(sample, 'district', 'cumulative').rows;
    const total = budget(sample, sample.indicatorList);
    const sum = (k: 'planned' | 'spent') => rows.reduce((n, r) => n + (r.budget[k] ?? 0), 0);
    expect(sum('planned')).toBeCloseTo(total.planned!, 6);
    expect(sum('spent')).toBeCloseTo(total.spent!, 6);
  });

  test('any plan: district rows never count funding twice and always add up to the whole (property)', () => {
    const funding = fc.option(fc.record({ planned: fc.option(fc.integer({ min: 0, max: 1e6 })), spent: fc.option(fc.integer({ min: 0, max: 1e6 })) }), { nil: undefined });
    const indicator = fc.record({ districts: fc.array(fc.constantFrom('d1', 'd2', null), { maxLength: 3 }), f2: funding, f3: funding });
    fc.assert(
      fc.property(fc.array(indicator, { minLength: 1, maxLength: 6 }), (specs) => {
        const inds: Indicator[] = specs.map((s, i) => ({
          id: `i${i}`, code: String(i + 1), workingGroup: 'wg1', unit: 'u1', aggregation: 'last',
          funding: { ...(s.f2 ? { '1402': s.f2 } : {}), ...(s.f3 ? { '1403': s.f3 } : {}) },
          ...(s.districts.length ? { items: s.districts.map((d, j) => ({ id: String(j + 1), title: `t${j}`, district: d, targets: { '1402': 1 } })) } : { targets: { '1402': 1 } }),
        }));
        const p = indexOf(makePlan(inds));
        const total = budget(p, p.indicatorList);
        const rows = buildReport(p, 'district', 'cumulative').rows;
        const entries = rows.flatMap((r) => (r.key === NOT_BY_DISTRICT ? [] : fundedEntries(groupsOf(p).district.get(r.key)!)));
        expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
        expect(rows.reduce((n, r) => n + (r.budget.planned ?? 0), 0)).toBe(total.planned ?? 0);
        expect(rows.reduce((n, r) => n + r.budget.basis.planned, 0)).toBe(total.basis.planned);
        for (const r of rows) if (r.budget.realization !== null) expect(r.budget.realization).toBe(r.budget.basis.spent / r.budget.basis.planned);
      }),
      { numRuns: 150 },
    );
  });
});

describe('every ratio shown equals its shown parts', () => {
  test('report --json: each row carries its parts and years, and the ratio is theirs', async () => {
    for (const by of ['workingGroup', 'district', 'unit']) {
      const r = await cli('report', SAMPLE_PATH, '--json', '--by', by);
      const rows = JSON.parse(r.out.join('\n')).rows as Array<{ budget: { realization: number | null; basis: { planned: number; spent: number; years: number[] } } }>;
      expect(rows.some((x) => x.budget.realization !== null)).toBe(true);
      for (const x of rows) {
        if (x.budget.realization === null) continue;
        expect(x.budget.realization).toBe(x.budget.basis.spent / x.budget.basis.planned);
        expect(x.budget.basis.years).toEqual([1402]);
      }
    }
  });

  test.each([
    ['en', []],
    ['fa', []],
    ['fa', ['--digits', 'latn']],
  ])('report text (--lang %s %j): every realization cell reads back as spent / planned', async (lang, extra) => {
    for (const year of [[], ['--year', '1402'], ['--year', '1403']]) {
      const r = await cli('--lang', lang, ...extra, 'report', SAMPLE_PATH, ...year);
      expect(r.code).toBe(0);
      const cells = r.out.filter((l) => /[%٪] \(/.test(l));
      if (year[1] === '1403') expect(cells).toEqual([]); // nothing spent is reported for 1403
      else expect(cells.length).toBe(buildReport(sample, 'workingGroup', 'cumulative').rows.filter((x) => x.budget.realization !== null).length);
      for (const line of cells) expectAddsUp(line, sample.years);
    }
  });

  function renderPane(lang: 'en' | 'fa') {
    const opened = { text: sampleText(), source: 'test', result: loadPlan(sampleText()) } as OpenedPlan;
    return render(
      React.createElement('div', null, React.createElement(Summary, { opened, lang, t: STRINGS[lang] }), React.createElement(BudgetView, { index: sample as PlanIndex, lang, t: STRINGS[lang] })),
    );
  }

  test.each(['en', 'fa'] as const)("the pane's summary and budget view (%s): each realization shown with its parts, adding up", (lang) => {
    renderPane(lang);
    const shown = screen.getAllByTestId('realization').map((e) => e.textContent ?? '');
    const expected = [budget(sample, sample.indicatorList), ...buildReport(sample, 'workingGroup', 'cumulative').rows.map((r) => r.budget), ...budgetByWorkingGroup(sample)];
    expect(shown.length).toBe(expected.length);
    shown.forEach((text, i) => {
      if (expected[i].realization === null) expect(readShown(text)).toBeNull();
      else expectAddsUp(text, sample.years);
      if (lang === 'fa') expect(text).not.toMatch(/[0-9]/);
    });
    expect(shown.filter((s) => readShown(s) !== null).length).toBeGreaterThan(3);
  });

  test("the budget view's units add up to their working group", () => {
    for (const wg of budgetByWorkingGroup(sample, 1402)) {
      const units = budgetByUnit(sample, wg.key, 1402);
      expect(units.reduce((n, u) => n + u.basis.planned, 0)).toBeCloseTo(wg.basis.planned, 6);
      expect(units.reduce((n, u) => n + (u.planned ?? 0), 0)).toBeCloseTo(wg.planned ?? 0, 6);
    }
  });
});
