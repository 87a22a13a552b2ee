import { loadPlan } from '../../src/core/plan/load';
import * as F from '../../src/core/functions/plan-functions';
import { PlanError } from '../../src/core/functions/errors';
import { PLAN_FUNCTIONS } from '../../src/core/functions/catalog';
import { normalizeArgs } from '../../src/core/functions/args';
import { evaluateFormulas } from '../../src/core/formulas/hyperformula-plan';
import { sampleText } from '../helpers/plan';

const ix = loadPlan(sampleText()).index!;
const plan = ix.plan;
const errorOf = (v: unknown) => {
  expect(v).toBeInstanceOf(PlanError);
  return v as PlanError;
};

describe('refs', () => {
  test('an id, a unique code, ID.ITEM, with Persian or Arabic-Indic digits', () => {
    const ind = plan.indicators.find((i) => i.code === '1-7-5-2')!;
    expect(F.target(ix, '1-7-5-2', 1403)).toBe(ind.targets!['1403']);
    expect(F.target(ix, '۱-۷-۵-۲', '۱۴۰۳')).toBe(ind.targets!['1403']);
    expect(F.target(ix, '١-٧-٥-٢', 1403)).toBe(ind.targets!['1403']);
    const withItems = plan.indicators.find((i) => i.code === '1-7-3-5')!;
    expect(F.target(ix, '1-7-3-5.2', 1402)).toBe(withItems.items![1].targets!['1402']);
    expect(F.target(ix, '۱-۷-۳-۵.۲', 1402)).toBe(withItems.items![1].targets!['1402']);
  });

  test('a repeated code resolves the indicator whose id it is; other holders need their id', () => {
    const first = plan.indicators.find((i) => i.id === '1-2-3')!;
    const bus = plan.indicators.find((i) => i.id === '1-2-3@bus-org')!;
    expect(F.info(ix, '1-2-3', 'unit')).toBe(first.unit);
    expect(F.info(ix, '1-2-3@bus-org', 'unit')).toBe(bus.unit);
  });

  test('an ambiguous code (no id equal to it) is #N/A listing the candidate ids', () => {
    const p = JSON.parse(sampleText());
    for (const i of p.indicators) if (i.code === '2-2-4') i.id = `2-2-4@${i.unit}`;
    const ix2 = loadPlan(JSON.stringify(p)).index!;
    const e = errorOf(F.target(ix2, '2-2-4'));
    expect(e.code).toBe('#N/A');
    const ids = p.indicators.filter((i: { code: string }) => i.code === '2-2-4').map((i: { id: string }) => i.id);
    expect(ids).toHaveLength(2);
    expect(e.message).toBe(`code "2-2-4" is ambiguous: it is shared by ${ids.join(', ')}; use one of these ids`);
  });

  test('an unknown ref is #N/A naming it (and the likely code when it was typed backwards)', () => {
    expect(errorOf(F.target(ix, 'no-such', 1403))).toMatchObject({ code: '#N/A', message: 'unknown ref "no-such"' });
    expect(errorOf(F.achievement(ix, '2-5-7-1'))).toMatchObject({ code: '#N/A', message: 'unknown ref "2-5-7-1" (did you mean 1-7-5-2?)' });
    expect(errorOf(F.achievement(ix, 'wg:nope')).message).toMatch(/^unknown workingGroup "nope" \(known: governance, transport, civil, finance\)/);
    expect(errorOf(F.target(ix, '1-7-3-5.9')).message).toBe('1-7-3-5 has no item "9" (items: 1-7-3-5.1, 1-7-3-5.2, 1-7-3-5.3)');
  });

  test('group prefixes: wg:, workingGroup:, unit:, district:, node:', () => {
    const a = F.achievement(ix, 'wg:transport');
    expect(typeof a).toBe('number');
    expect(F.achievement(ix, 'workingGroup:transport')).toBe(a);
    expect(F.achievement(ix, 'WG: transport')).toBe(a);
    for (const ref of ['unit:bus-org', 'district:d1', 'node:1']) expect(typeof F.achievement(ix, ref)).toBe('number');
  });

  test('no plan loaded', () => {
    for (const f of PLAN_FUNCTIONS) expect(f.call(undefined, ['1-7-5-2'])).toMatchObject({ code: '#N/A', message: 'no plan loaded' });
  });
});

describe('values and errors', () => {
  test('TARGET without a period is the horizon; a period reads its year; the baseline year is allowed', () => {
    expect(F.target(ix, '1-7-5-2')).toBe(plan.indicators.find((i) => i.id === '1-7-5-2')!.horizon);
    expect(F.target(ix, '1-7-5-2', '1403-H1')).toBe(F.target(ix, '1-7-5-2', 1403));
    expect(F.target(ix, '1-7-5-2', 1401)).toBe('');
  });

  test('a bad period or mode is #VALUE!', () => {
    expect(errorOf(F.target(ix, '1-7-5-2', '1403-H3')).code).toBe('#VALUE!');
    expect(errorOf(F.target(ix, '1-7-5-2', 1410)).message).toBe('1410 is not a year of this plan (1402–1406)');
    expect(errorOf(F.achievement(ix, '1-7-5-2', 1403, 'yearly'))).toMatchObject({ code: '#VALUE!', message: '"yearly" is not a mode: use cumulative, annual or horizon' });
    expect(errorOf(F.achievement(ix, '1-7-5-2', '1403-Q1')).code).toBe('#VALUE!');
    expect(errorOf(F.budget(ix, 'wg:civil', 1403, 'cost')).code).toBe('#VALUE!');
    expect(errorOf(F.info(ix, '1-7-5-2', 'colour')).code).toBe('#VALUE!');
  });

  test('modes and years in Persian', () => {
    expect(F.achievement(ix, '1-7-5-2', '۱۴۰۳', 'سالانه')).toBe(F.achievement(ix, '1-7-5-2', 1403, 'annual'));
  });

  test('an indicator measured by items has no TARGET of its own: #N/A naming its items', () => {
    expect(errorOf(F.actual(ix, '1-7-3-5')).message).toBe('1-7-3-5 is measured by its items (1-7-3-5.1, 1-7-3-5.2, 1-7-3-5.3): ask for one of them');
  });

  test('ACTUAL without a period is the latest year reported', () => {
    const ind = plan.indicators.find((i) => i.id === '1-7-5-2')!;
    expect(F.actual(ix, '1-7-5-2')).toBe(ind.actuals!['1403']);
  });

  test('INFO fields of indicators, items and groups', () => {
    expect(F.info(ix, '1-7-5-2', 'workingGroup')).toBe('governance');
    expect(F.info(ix, '1-7-5-2', 'measure')).toBe('درصد');
    expect(F.info(ix, '1-7-3-5.1', 'aggregation')).toBe('last');
    expect(F.info(ix, '1-7-3-5.1', 'unit')).toBe('budget-office'); // from its indicator
    expect(F.info(ix, 'wg:transport', 'title')).toBe(plan.workingGroups!.find((w) => w.id === 'transport')!.title);
    expect(errorOf(F.info(ix, 'wg:transport', 'measure')).code).toBe('#VALUE!');
  });

  test('CODES spills a column of ids; YEARS a row of years', () => {
    const busOrg = plan.indicators.filter((i) => i.unit === 'bus-org').map((i) => [i.id]);
    expect(F.codes(ix, 'unit', 'bus-org')).toEqual(busOrg);
    expect(F.codes(ix)).toHaveLength(plan.indicators.length);
    expect(F.codes(ix, 'wg', 'finance')).toEqual(plan.indicators.filter((i) => i.workingGroup === 'finance').map((i) => [i.id]));
    expect(errorOf(F.codes(ix, 'unit')).code).toBe('#VALUE!');
    expect(errorOf(F.codes(ix, 'unit', 'nobody')).code).toBe('#N/A');
    expect(F.years(ix)).toEqual([[1402, 1403, 1404, 1405, 1406]]);
  });
});

describe('eval: formulas in HyperFormula call the same functions', () => {
  test('the formulas of the issue', () => {
    const [a, b, c] = evaluateFormulas(ix, ['=PLAN.ACHIEVEMENT("wg:transport")', '=ROUND(PLAN.TARGET("1-7-3-5.1",1403)*2,0)', '=COUNTA(PLAN.CODES("unit","bus-org"))']);
    expect(a.value).toBe(F.achievement(ix, 'wg:transport'));
    expect(b.value).toBe(Math.round((F.target(ix, '1-7-3-5.1', 1403) as number) * 2));
    expect(c.value).toBe(plan.indicators.filter((i) => i.unit === 'bus-org').length);
  });

  test('every function, through HyperFormula and directly, gives the same value', () => {
    const cases: Array<[string, unknown[]]> = [
      ['TARGET', ['3-6-3-4.1', 1403]], ['TARGET', ['۱-۷-۵-۲']], ['ACTUAL', ['1-7-5-2', '1402']], ['ACTUAL', ['1-7-5-2']],
      ['ACHIEVEMENT', ['wg:civil', 1403, 'annual']], ['ACHIEVEMENT', ['unit:bus-org']], ['STATUS', ['wg:finance']],
      ['BUDGET', ['wg:governance', 1402]], ['BUDGET', ['wg:governance', 1402, 'planned']], ['INFO', ['1-7-5-2', 'title']],
      ['ACHIEVEMENT', ['1-7-4-5', 1403, 'annual']], ['TARGET', ['nope']], ['TARGET', ['1-7-5-2', 'x']],
    ];
    const formulas = cases.map(([n, args]) => `=PLAN.${n}(${args.map((a) => JSON.stringify(a)).join(',')})`);
    const results = evaluateFormulas(ix, formulas);
    cases.forEach(([n, args], i) => {
      const direct = PLAN_FUNCTIONS.find((f) => f.name === n)!.call(ix, args);
      if (direct instanceof PlanError) expect(results[i]).toEqual({ formula: formulas[i], value: direct.code, message: direct.message });
      else expect(results[i].value).toEqual(direct);
    });
  });

  test('spilled arrays come back whole; errors carry their message; a broken formula is #ERROR!', () => {
    const [years, codes, bad, broken] = evaluateFormulas(ix, ['=PLAN.YEARS()', '=PLAN.CODES("unit","bus-org")', '=PLAN.STATUS("wg:x")', '=SUM(1,']);
    expect(years.value).toEqual([[1402, 1403, 1404, 1405, 1406]]);
    expect(codes.value).toEqual(F.codes(ix, 'unit', 'bus-org'));
    expect(bad).toMatchObject({ value: '#N/A', message: expect.stringMatching(/^unknown workingGroup "x"/) });
    expect(broken.value).toBe('#ERROR!');
  });
});

describe('empty cells: Excel on Windows passes 0 where the web passes null (office-js issue 4702)', () => {
  test('normalizeArgs makes a 0 null only where the parameter cannot be 0, and copies only then', () => {
    const args = ['a', 1403, '0', false, ''];
    expect(normalizeArgs(args, [true, true, true, true, true])).toBe(args);
    const zeros = [0, 0, 0];
    expect(normalizeArgs(zeros, [true, false, true])).toEqual([null, 0, null]);
    expect(zeros).toEqual([0, 0, 0]);
    expect(normalizeArgs([1, 0], [])).toEqual([1, 0]);
  });

  test('no PLAN parameter takes a number that may be 0: each reads 0 as not given', () => {
    for (const f of PLAN_FUNCTIONS) for (const p of f.params) expect(`${f.name}(${p.name}): ${p.zero}`).toBe(`${f.name}(${p.name}): blank`);
  });

  test('every PLAN function answers a 0 argument as it answers null', () => {
    const calls: Array<[string, unknown[]]> = [
      ['TARGET', ['1-7-5-2', 1403]], ['ACTUAL', ['1-7-5-2', 1402]], ['ACHIEVEMENT', ['wg:transport', 1404, 'annual']],
      ['STATUS', ['1-7-5-2', 1403, 'horizon']], ['BUDGET', ['wg:civil', 1402, 'planned']], ['INFO', ['1-7-5-2', 'unit']],
      ['CODES', ['unit', 'bus-org']], ['YEARS', []],
    ];
    expect(calls.map(([n]) => n)).toEqual(PLAN_FUNCTIONS.map((f) => f.name));
    for (const [name, args] of calls) {
      const f = PLAN_FUNCTIONS.find((x) => x.name === name)!;
      for (let i = 0; i < args.length; i++) {
        const withZero = args.map((a, j) => (j === i ? 0 : a));
        const withNull = args.map((a, j) => (j === i ? null : a));
        expect({ call: `${name}#${i}`, r: f.call(ix, withZero) }).toEqual({ call: `${name}#${i}`, r: f.call(ix, withNull) });
      }
    }
  });

  test('INFO with no field says so (not "null is not a field")', () => {
    expect(errorOf(F.info(ix, '1-7-5-2', null)).message).toBe(`PLAN.INFO needs a field: ${F.INFO_FIELDS.join(', ')}`);
  });
});
