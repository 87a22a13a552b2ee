// The Qazvin fixtures (tests/fixtures/qazvin) are copies of the shared real data: a clone alone passes its tests.
import * as fs from 'fs';
import * as path from 'path';
import type { Indicator, Plan } from '../../src/core/plan/plan.types';
import { loadPlanValue } from '../../src/core/plan/load';
import type { PlanIndex } from '../../src/core/plan/plan-index';

export const ROOT = path.join(__dirname, '..', '..');
export const SAMPLE_PATH = path.join(ROOT, 'samples', 'qazvin.plan.json');
export const SHARED_SAMPLE_PATH = path.join(ROOT, 'tests', 'fixtures', 'qazvin', 'sample.plan.json');

export function sampleText(): string {
  return fs.readFileSync(SAMPLE_PATH, 'utf8');
}

/** A small plan for hand-computed cases: three years, two working groups, two units, two districts. */
export function makePlan(indicators: Indicator[], extra: Partial<Plan> = {}): Plan {
  return {
    format: 'plansheets.plan',
    version: 1,
    meta: { id: 't', title: 'test plan', locale: 'en', years: [1402, 1403, 1404], baselineYear: 1401, achievement: { cap: 1.2, green: 0.9, amber: 0.7 } },
    nodes: [
      { id: '3', level: 'vision', title: 'v3' },
      { id: '3-6', level: 'strategy', parent: '3', title: 's' },
      { id: '3-6-3', level: 'policy', parent: '3-6', title: 'p' },
    ],
    workingGroups: [
      { id: 'wg1', title: 'one' },
      { id: 'wg2', title: 'two' },
    ],
    units: [
      { id: 'u1', title: 'unit one', workingGroups: ['wg1'] },
      { id: 'u2', title: 'unit two', workingGroups: ['wg2'] },
    ],
    districts: [
      { id: 'd1', title: 'منطقه ۱' },
      { id: 'd2', title: 'منطقه ۲' },
    ],
    indicators,
    ...extra,
  };
}

/** Loads a plan that must be usable (no errors); fails the test with its problems otherwise. */
export function indexOf(plan: Plan): PlanIndex {
  const r = loadPlanValue(plan);
  if (!r.ok || !r.index) throw new Error('plan has errors: ' + JSON.stringify(r.problems.filter((p) => p.severity === 'error'), null, 1));
  return r.index;
}

export function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}
