import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { loadPlan, loadPlanValue } from '../../src/core/plan/load';
import type { Problem } from '../../src/core/plan/problems';
import { clone, makePlan, ROOT, sampleText, SHARED_SAMPLE_PATH } from '../helpers/plan';

const sample = () => JSON.parse(sampleText());
const find = (problems: Problem[], code: string) => problems.filter((p) => p.code === code);
const errorsOf = (data: unknown) => loadPlanValue(data).problems.filter((p) => p.severity === 'error');

describe('the embedded Qazvin sample', () => {
  const r = loadPlan(sampleText());

  test('validates with warnings only', () => {
    expect(r.ok).toBe(true);
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems.every((p) => p.severity === 'warning')).toBe(true);
  });

  test("its warnings show the real data's problems: horizons that disagree and repeated codes", () => {
    const horizon = find(r.problems, 'horizon-disagrees');
    // 3-6-3-8 prints targets 1,1,1,1,1 with a horizon of 6.
    const plan = sample();
    const i = plan.indicators.findIndex((x: { horizon?: number; targets?: Record<string, number> }) => x.horizon === 6 && Object.values(x.targets ?? {}).every((t) => t === 1));
    expect(horizon.map((p) => p.path)).toContain(`/indicators/${i}/horizon`);
    const shared = find(r.problems, 'shared-code');
    expect(shared.map((p) => p.message.en).join('\n')).toMatch(/code "1-2-3" is shared by 3 indicators \(1-2-3, 1-2-3@bus-org, 1-2-3@investment-org\)/);
  });

  test('reversed codes printed beside their siblings are flagged with the likely code', () => {
    const reversed = find(r.problems, 'reversed-code').map((p) => p.message.en);
    expect(reversed).toContainEqual(expect.stringContaining('"11-3-6-3" matches its siblings only when read backwards: is it "3-6-3-11"?'));
  });

  test('every problem has a JSON path that exists in the file, and a message in English and Persian', () => {
    const plan = sample();
    for (const p of r.problems) {
      expect(p.path).toMatch(/^\/[a-zA-Z]+\/\d+/);
      const segments = p.path.split('/').slice(1, -1);
      let node: unknown = plan;
      for (const s of segments) node = (node as Record<string, unknown>)[s];
      expect(node).toBeDefined();
      expect(p.message.en.length).toBeGreaterThan(10);
      expect(p.message.fa).toMatch(/[\u0600-\u06ff]/);
    }
  });

  // shared/ sits beside the checkout in CI and on the team's machines; a lone clone has only the copy.
  test('is the shared Qazvin sample, unchanged', () => {
    if (!fs.existsSync(SHARED_SAMPLE_PATH) && !process.env.CI) return;
    expect(JSON.parse(sampleText())).toEqual(JSON.parse(fs.readFileSync(SHARED_SAMPLE_PATH, 'utf8')));
  });
});

describe('files that are not plans get a clear error and no crash', () => {
  test('malformed JSON names the line and column', () => {
    const text = '{\n  "format": "plansheets.plan",\n  "version": 1,\n  "meta": { "id": "x" \n}';
    const r = loadPlan(text);
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].code).toBe('not-json');
    expect(r.problems[0].message.en).toMatch(/^not valid JSON at line 5, column 2: Expected .,. or .}. after property value$/);
    expect(r.problems[0].message.fa).toMatch(/^\u2066JSON\u2069 معتبر نیست \(سطر ۵، ستون ۲\)/);
  });

  test('truncated JSON points at its end', () => {
    const r = loadPlan('{"format": "plansheets.plan", "version": 1, "meta": {');
    expect(r.problems[0].message.en).toMatch(/line 1, column 54/);
  });

  test.each([
    ['[]', 'not-object'],
    ['"plan"', 'not-object'],
    ['null', 'not-object'],
    ['{"format": "something.else", "version": 1}', 'wrong-format'],
    ['{"version": 1}', 'wrong-format'],
  ])('%s is refused as %s', (text, code) => {
    const r = loadPlan(text);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.code)).toEqual([code]);
  });

  test('a version 2 file is refused: it is newer than this PlanSheets', () => {
    const plan = sample();
    plan.version = 2;
    const r = loadPlanValue(plan);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      expect.objectContaining({ code: 'newer-version', path: '/version', message: expect.objectContaining({ en: expect.stringMatching(/version 2, newer than this PlanSheets reads \(version 1\): update PlanSheets/) }) }),
    ]);
  });

  test.each([0, '1', null])('version %j is unknown', (v) => {
    const plan = sample();
    plan.version = v;
    expect(loadPlanValue(plan).problems[0].code).toBe('unknown-version');
  });

  test('an 80 MB file is refused by size with a clear message, quickly', () => {
    const text = '{"format":"plansheets.plan","version":1,"pad":"' + 'x'.repeat(80 * 1024 * 1024) + '"}';
    const r = loadPlan(text);
    expect(r.ok).toBe(false);
    expect(r.problems[0].code).toBe('too-large');
    expect(r.problems[0].message.en).toMatch(/the file is 80\.0 MB; a plan file may be at most 64 MB/);
  });

  test('a 54 MB file (every title as long as a cell holds) is read within the limit', () => {
    const plan = makePlan(
      Array.from({ length: 1700 }, (_, i) => ({ code: `1-${i + 1}`, title: 'x'.repeat(32000), targets: { '1402': 1 }, horizon: 1, aggregation: 'last' as const })),
    );
    const text = JSON.stringify(plan);
    expect(text.length).toBeGreaterThan(50 * 1024 * 1024);
    const r = loadPlan(text);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
  });
});

describe('the errors of plan-format.md', () => {
  const base = () => makePlan([
    { id: 'a', code: '3-6-3-1', parent: '3-6-3', workingGroup: 'wg1', unit: 'u1', aggregation: 'sum', targets: { '1402': 1, '1403': 2 }, horizon: 3, actuals: { '1402': 1 } },
    { id: 'b', code: '3-6-3-2', parent: '3-6-3', workingGroup: 'wg1', unit: 'u1', aggregation: 'last', items: [{ id: '1', title: 'x', targets: { '1402': 5 }, horizon: 5, district: 'd1' }] },
  ]);

  test('the base plan has no errors', () => {
    expect(errorsOf(base())).toEqual([]);
  });

  test('missing code', () => {
    const p = base() as unknown as { indicators: Array<Record<string, unknown>> };
    delete p.indicators[1].code;
    expect(errorsOf(p)).toEqual([expect.objectContaining({ code: 'missing-code', path: '/indicators/1/code' })]);
  });

  test('duplicate id (an indicator id, and a code that defaults to an existing id)', () => {
    const p = base();
    p.indicators[1].id = 'a';
    p.indicators.push({ code: 'a' });
    const errors = errorsOf(p);
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['duplicate-id', '/indicators/1/id'],
      ['duplicate-id', '/indicators/2/id'],
    ]);
    expect(errors[0].message.en).toMatch(/duplicate indicator id "a" \(first at \/indicators\/0\)/);
  });

  test('duplicate item, unit and district ids', () => {
    const p = base();
    p.indicators[1].items!.push({ id: '1' });
    p.units!.push({ id: 'u1', title: 'again' });
    p.districts!.push({ id: 'd2', title: 'again' });
    expect(errorsOf(p).map((e) => e.path).sort()).toEqual(['/districts/2/id', '/indicators/1/items/1/id', '/units/2/id']);
  });

  test('a year key outside meta.years (the baseline year is allowed)', () => {
    const p = base();
    p.indicators[0].targets = { '1401': 0, '1402': 1, '1410': 2 };
    p.indicators[0].actuals = { '1399-H1': 4 };
    p.indicators[1].items![0].actuals = { '1405': 1 };
    p.indicators[0].funding = { '1407': { planned: 1, spent: 1 } };
    const errors = errorsOf(p);
    expect(errors.map((e) => e.path).sort()).toEqual([
      '/indicators/0/actuals/1399-H1',
      '/indicators/0/funding/1407',
      '/indicators/0/targets/1410',
      '/indicators/1/items/0/actuals/1405',
    ]);
    expect(errors.find((e) => e.path.endsWith('1410'))!.message.en).toBe('"1410" is outside the plan\'s years (1402, 1403, 1404; baseline 1401)');
  });

  test('malformed year and period keys', () => {
    const p = base();
    p.indicators[0].actuals = { '1403-H3': 1, '1403-M7': 2 };
    p.indicators[0].targets = { '1403-H1': 1 };
    expect(errorsOf(p).map((e) => [e.code, e.path])).toEqual([
      ['bad-key', '/indicators/0/targets/1403-H1'],
      ['bad-key', '/indicators/0/actuals/1403-H3'],
      ['bad-key', '/indicators/0/actuals/1403-M7'],
    ]);
  });

  test('a non-number where a number belongs says what was found, and what the number would be', () => {
    const p = base() as unknown as { indicators: Array<Record<string, unknown>> };
    (p.indicators[0].targets as Record<string, unknown>)['1403'] = '۸۰';
    p.indicators[0].horizon = 'many';
    p.indicators[0].weight = '2';
    const errors = errorsOf(p);
    expect(errors.map((e) => e.path)).toEqual(['/indicators/0/weight', '/indicators/0/targets/1403', '/indicators/0/horizon']);
    const target = errors.find((e) => e.path === '/indicators/0/targets/1403')!;
    expect(target.message.en).toBe('expected a number or null, found "۸۰" (numbers in the plan file are JSON numbers: write 80, without quotes)');
    expect(errors.find((e) => e.path === '/indicators/0/horizon')!.message.en).toBe('expected a number or null, found "many"');
  });

  test('references to an unknown working group, unit, district or node', () => {
    const p = base();
    p.indicators[0].workingGroup = 'nope-wg';
    p.indicators[0].unit = 'nope-unit';
    p.indicators[0].parent = '9-9';
    p.indicators[1].items![0].district = 'd9';
    p.units![0].workingGroups = ['wg1', 'wg9'];
    p.nodes!.push({ id: '4-1', level: 'strategy', parent: '4', title: 'orphan' });
    const errors = errorsOf(p);
    expect(errors.map((e) => [e.path, e.message.en])).toEqual([
      ['/nodes/3/parent', 'unknown node "4": it is not defined in the plan'],
      ['/units/0/workingGroups/1', 'unknown working group "wg9": it is not defined in the plan'],
      ['/indicators/0/workingGroup', 'unknown working group "nope-wg": it is not defined in the plan'],
      ['/indicators/0/unit', 'unknown unit "nope-unit": it is not defined in the plan'],
      ['/indicators/0/parent', 'unknown node "9-9": it is not defined in the plan'],
      ['/indicators/1/items/0/district', 'unknown district "d9": it is not defined in the plan'],
    ]);
    expect(errors[3].message.fa).toBe('واحد "\u2068nope-unit\u2069" ناشناخته است: در برنامه تعریف نشده');
  });

  test('a tree with a cycle', () => {
    const p = base();
    p.nodes![0].parent = '3-6-3';
    expect(errorsOf(p).map((e) => e.code)).toContain('node-cycle');
  });

  test('wrong enum values and empty ids', () => {
    const p = base() as unknown as { indicators: Array<Record<string, unknown>>; workingGroups: Array<Record<string, unknown>> };
    p.indicators[0].polarity = 'up';
    p.workingGroups[0].id = '';
    const errors = errorsOf(p);
    expect(errors.map((e) => [e.path, e.message.en])).toEqual([
      ['/workingGroups/0/id', 'must not be empty, found ""'],
      ['/indicators/0/polarity', 'expected one of "positive", "negative", found "up"'],
    ]);
  });

  test('errors leave the input object untouched', () => {
    const p = base();
    p.indicators[0].unit = 'nope';
    const before = clone(p);
    loadPlanValue(p);
    expect(p).toEqual(before);
  });
});

describe('the warnings of plan-format.md', () => {
  const warnings = (p: unknown) => loadPlanValue(p).problems.filter((x) => x.severity === 'warning');

  test('a code shared by several indicators', () => {
    const p = makePlan([
      { code: '1-2-3', unit: 'u1', aggregation: 'last', targets: { '1402': 1 } },
      { id: '1-2-3@u2', code: '1-2-3', unit: 'u2', aggregation: 'last', targets: { '1402': 1 } },
    ]);
    expect(warnings(p).map((w) => [w.code, w.path])).toEqual([['shared-code', '/indicators/0/code']]);
  });

  test('a horizon that disagrees with the aggregation of the targets (1,1,1 → 6)', () => {
    const p = makePlan([{ code: '1', aggregation: 'sum', targets: { '1402': 1, '1403': 1, '1404': 1 }, horizon: 6 }]);
    expect(warnings(p).map((w) => w.message.en)).toEqual(['horizon 6 disagrees with the sum of the targets (3)']);
  });

  test('aggregation missing: inferred sum when the horizon is the sum, else last', () => {
    const p = makePlan([
      { code: '1', targets: { '1402': 2, '1403': 2, '1404': 0 }, horizon: 4 },
      { code: '2', targets: { '1402': 80, '1403': 95, '1404': 95 }, horizon: 95 },
      { code: '3', targets: { '1402': 1, '1403': 1, '1404': 1 }, horizon: 6 },
    ]);
    const w = warnings(p);
    expect(w.map((x) => [x.code, x.path])).toEqual([
      ['aggregation-missing', '/indicators/0/aggregation'],
      ['aggregation-missing', '/indicators/1/aggregation'],
      ['horizon-disagrees', '/indicators/2/horizon'],
      ['aggregation-missing', '/indicators/2/aggregation'],
    ]);
    expect(w[0].message.en).toMatch(/read as "sum"/);
    expect(w[1].message.en).toMatch(/read as "last"/);
    expect(w[2].message.en).toBe('horizon 6 disagrees with the last of the targets (1) (aggregation inferred)');
  });

  test('a code that matches a sibling only when read backwards', () => {
    const p = makePlan([
      { code: '3-6-3-4', unit: 'u1', aggregation: 'last', targets: { '1402': 1 } },
      { code: '3-6-3-5', unit: 'u1', aggregation: 'last', targets: { '1402': 1 } },
      { code: '11-3-6-3', unit: 'u1', aggregation: 'last', targets: { '1402': 1 } },
      { code: '11-3-6-3', id: 'other', unit: 'u2', aggregation: 'last', targets: { '1402': 1 } },
    ]);
    const reversed = warnings(p).filter((w) => w.code === 'reversed-code');
    expect(reversed.map((w) => [w.path, w.message.en])).toEqual([
      ['/indicators/2/code', 'code "11-3-6-3" matches its siblings only when read backwards: is it "3-6-3-11"?'],
    ]);
  });

  test('a measured line with no target at all', () => {
    const p = makePlan([
      { code: '1', aggregation: 'last', targets: { '1402': null } },
      { code: '2', aggregation: 'last', items: [{ id: '1', targets: { '1402': 3 } }, { id: '2' }] },
    ]);
    expect(warnings(p).map((w) => [w.code, w.path])).toEqual([
      ['no-target', '/indicators/0/targets'],
      ['no-target', '/indicators/1/items/1/targets'],
    ]);
  });

  test('an item whose title looks like a district but has no district', () => {
    const p = makePlan([
      { code: '1', aggregation: 'last', items: [
        { id: '1', title: 'منطقه ۳', targets: { '1402': 1 } },
        { id: '2', title: 'منطقه ۱', district: 'd1', targets: { '1402': 1 } },
        { id: '3', title: 'منطقه نمونه گردشگری', targets: { '1402': 1 } },
      ] },
    ]);
    expect(warnings(p).map((w) => [w.code, w.path])).toEqual([['district-like-title', '/indicators/0/items/0/title']]);
  });

  test('an unknown field is a warning: kept, not used', () => {
    const p = makePlan([{ code: '1', aggregation: 'last', targets: { '1402': 1 }, targts: { '1402': 2 } } as never]);
    expect(loadPlanValue(p).ok).toBe(true);
    expect(warnings(p).map((w) => [w.code, w.path, w.message.en])).toEqual([
      ['unknown-field', '/indicators/0/targts', 'unknown field "targts": kept in the file, not used (a typo?)'],
    ]);
  });

  test('progress scoring without a baseline, and mixed period kinds in a year', () => {
    const p = makePlan([{ code: '1', aggregation: 'sum', scoring: 'progress', targets: { '1402': 1 }, actuals: { '1402-H1': 1, '1402-Q3': 1 } }]);
    expect(warnings(p).map((w) => w.code)).toEqual(['progress-without-baseline', 'mixed-periods']);
  });
});

test('the TypeScript types and the compiled validator are generated from the schema and up to date', () => {
  execFileSync(process.execPath, ['scripts/gen-schema-code.js', '--check'], { cwd: ROOT });
});
