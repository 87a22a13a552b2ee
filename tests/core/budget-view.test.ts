import { loadPlan } from '../../src/core/plan/load';
import { budgetByUnit, budgetByWorkingGroup } from '../../src/core/report/budget-view';
import { buildReport } from '../../src/core/report/report';
import * as F from '../../src/core/functions/plan-functions';
import { sampleText } from '../helpers/plan';

const index = loadPlan(sampleText()).index!;

test('per working group for a year: that year\'s achievement beside that year\'s budget realization', () => {
  const report = buildReport(index, 'workingGroup', 'annual', 1402);
  expect(budgetByWorkingGroup(index, 1402).map((r) => [r.key, r.achievement, r.realization])).toEqual(report.rows.map((r) => [r.key, r.achievement, r.budget.realization]));
});

test('for the whole plan: cumulative achievement and the budget of all years', () => {
  const report = buildReport(index, 'workingGroup', 'cumulative');
  expect(budgetByWorkingGroup(index).map((r) => [r.key, r.achievement, r.realization, r.planned, r.basis])).toEqual(report.rows.map((r) => [r.key, r.achievement, r.budget.realization, r.budget.planned, r.budget.basis]));
});

test("a working group's units: each with its indicators in the group, planned funding adding up", () => {
  const units = budgetByUnit(index, 'governance', 1402);
  expect(units.map((u) => u.key)).toEqual([...new Set(index.indicatorList.filter((e) => e.indicator.workingGroup === 'governance').map((e) => e.indicator.unit))]);
  const total = units.reduce((n, u) => n + (u.planned ?? 0), 0);
  expect(total).toBe(F.budget(index, 'wg:governance', 1402, 'planned'));
  expect(units[0].achievement).toBe(F.achievement(index, `unit:${units[0].key}`, 1402, 'annual'));
});
