// Achievement beside budget realization, per working group and, inside one, per unit: the view
// that answers "the budget is spent, is the plan done?" (Qom's question).
import { groupsOf, type Group, type PlanIndex } from '../plan/plan-index';
import { groupAchievement, status, type Status } from '../achievement/achievement';
import { budget, fundedEntries, type RealizationBasis } from '../achievement/budget';

export interface BudgetViewRow {
  key: string;
  title: string;
  titleEn?: string;
  achievement: number | null;
  status: Status;
  realization: number | null;
  planned: number | null;
  spent: number | null;
  /** What `realization` divides (planned and spent of the indicator-years with both known, and their years). */
  basis: RealizationBasis;
}

/**
 * For a plan year: that year's (annual) achievement and budget; without a year: cumulative
 * achievement to the last plan year and the budget of all years.
 */
function row(index: PlanIndex, g: Group, year: number | undefined): BudgetViewRow {
  const pos = year === undefined ? index.years.length - 1 : index.yearPos.get(year)!;
  const a = groupAchievement(index, g, pos, year === undefined ? 'cumulative' : 'annual');
  const b = budget(index, fundedEntries(g), year);
  return { key: g.key, title: g.title, ...(g.titleEn ? { titleEn: g.titleEn } : {}), achievement: a, status: status(index, a), realization: b.realization, planned: b.planned, spent: b.spent, basis: b.basis };
}

export function budgetByWorkingGroup(index: PlanIndex, year?: number): BudgetViewRow[] {
  return [...groupsOf(index).workingGroup.values()].filter((g) => g.members.length > 0).map((g) => row(index, g, year));
}

/** The units of one working group, each with its indicators in that working group. */
export function budgetByUnit(index: PlanIndex, workingGroup: string, year?: number): BudgetViewRow[] {
  const wg = groupsOf(index).workingGroup.get(workingGroup);
  if (!wg) return [];
  const units = groupsOf(index).unit;
  const byUnit = new Map<string, Group>();
  for (const m of wg.members) {
    const key = m.entry.indicator.unit ?? '';
    const def = units.get(key);
    if (!byUnit.has(key)) byUnit.set(key, { dimension: 'unit', key, title: def?.title ?? key, titleEn: def?.titleEn, members: [] });
    byUnit.get(key)!.members.push(m);
  }
  return [...byUnit.values()].map((g) => row(index, g, year));
}
