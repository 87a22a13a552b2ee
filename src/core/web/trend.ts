// One indicator on the observatory's drill-down: its trend over the plan years and its definition.
import type { IndicatorEntry, PlanIndex } from '../plan/plan-index';
import type { Aggregation, Polarity } from '../plan/plan.types';
import { indicatorAchievement, status, type Status } from '../achievement/achievement';
import { resolveRef } from '../functions/refs';
import { PlanError } from '../functions/errors';

export interface TrendYear {
  year: number;
  /** The indicator's own target and annual actual (an indicator with items usually has neither: see `lines`). */
  target: number | null;
  actual: number | null;
  /** Achievement of the year alone, as `plansheets report --by indicator --mode annual --year Y` gives it. */
  annual: number | null;
  status: Status;
  /** Achievement up to the year (the report's default mode). */
  cumulative: number | null;
}

export interface TrendLine {
  ref: string;
  title: string;
  /** Per plan year, in `years` order. */
  targets: Array<number | null>;
  actuals: Array<number | null>;
}

export interface IndicatorTrend {
  id: string;
  years: TrendYear[];
  /** The measured lines (the items, or the indicator itself), for a chart per line. */
  lines: TrendLine[];
}

/** An indicator by id, or by a code only it carries (Persian digits accepted); not an item, not a group. */
function entryOf(index: PlanIndex, ref: string): IndicatorEntry | undefined {
  const direct = index.indicators.get(ref);
  if (direct) return direct;
  const t = resolveRef(index, ref);
  return t instanceof PlanError || t.kind !== 'indicator' ? undefined : t.entry;
}

/** Target, actual, annual and cumulative achievement and status per plan year; undefined for an unknown ref. */
export function indicatorTrend(index: PlanIndex, ref: string): IndicatorTrend | undefined {
  const entry = entryOf(index, ref);
  if (!entry) return undefined;
  const years = index.years.map((year, pos): TrendYear => {
    const annual = indicatorAchievement(index, entry, pos, 'annual');
    return {
      year,
      target: entry.self.targetByYear[pos],
      actual: entry.self.actualByYear[pos],
      annual,
      status: status(index, annual),
      cumulative: indicatorAchievement(index, entry, pos, 'cumulative'),
    };
  });
  const lines = entry.lines.map((l) => ({ ref: l.ref, title: l.title, targets: [...l.targetByYear], actuals: [...l.actualByYear] }));
  return { id: entry.id, years, lines };
}

export interface IndicatorCard {
  id: string;
  code: string;
  title: string;
  titleEn?: string;
  description: string;
  measure: string;
  polarity: Polarity;
  aggregation: Aggregation;
  /** True when the plan did not say and the rule of plan-format.md chose. */
  aggregationInferred: boolean;
  horizon: number | null;
  unit: { id: string; title: string } | null;
  workingGroup: { id: string; title: string } | null;
  /** The districts of its items (none for an indicator without items). */
  districts: Array<{ id: string; title: string }>;
  /** The tree above it, top first (vision → strategy → policy), with each level's title. */
  path: Array<{ id: string; level: string; levelTitle: string; title: string }>;
  budgetCode: string;
  /** Per plan year; null where the plan does not know the amount. */
  funding: Array<{ year: number; planned: number | null; spent: number | null }>;
  /** Notes by period (the indicator's, then each item's under its ref), periods in order. */
  notes: Array<{ ref: string; period: string; text: string }>;
  /** Acceptable evidence and how the value is measured. */
  evidence: string;
  method: string;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The definition fields a drill-down shows; undefined for an unknown ref. */
export function indicatorCard(index: PlanIndex, ref: string): IndicatorCard | undefined {
  const entry = entryOf(index, ref);
  if (!entry) return undefined;
  const plan = index.plan;
  const ind = entry.indicator;
  const named = (list: ReadonlyArray<{ id: string; title: string }> | undefined, id: string | undefined) => {
    if (id === undefined) return null;
    return { id, title: list?.find((x) => x.id === id)?.title ?? id };
  };
  const districtIds = [...new Set(entry.hasItems ? entry.lines.flatMap((l) => (l.district ? [l.district] : [])) : [])];
  const nodes = new Map((plan.nodes ?? []).map((n) => [n.id, n]));
  const levels = new Map((plan.meta.levels ?? []).map((l) => [l.id, l.title]));
  const path: IndicatorCard['path'] = [];
  // A cycle in the tree (an error of its own) is cut off after as many steps as there are nodes.
  let steps = nodes.size;
  for (let id = ind.parent; id !== undefined && steps-- > 0; id = nodes.get(id)?.parent) {
    const n = nodes.get(id);
    if (!n) break;
    path.unshift({ id: n.id, level: n.level, levelTitle: levels.get(n.level) ?? n.level, title: n.title });
  }
  const notesOf = (ref: string, notes: Record<string, string> | undefined) =>
    Object.keys(notes ?? {})
      .sort(byKey)
      .map((period) => ({ ref, period, text: notes![period] }));
  return {
    id: entry.id,
    code: entry.code,
    title: ind.title ?? '',
    ...(ind.titleEn ? { titleEn: ind.titleEn } : {}),
    description: ind.description ?? '',
    measure: entry.self.measure,
    polarity: entry.self.polarity,
    aggregation: entry.self.aggregation,
    aggregationInferred: entry.self.aggregationInferred,
    horizon: entry.self.horizon,
    unit: named(plan.units, ind.unit),
    workingGroup: named(plan.workingGroups, ind.workingGroup),
    districts: districtIds.map((d) => named(plan.districts, d)!),
    path,
    budgetCode: ind.budgetCode ?? '',
    funding: index.years.map((year) => {
      const f = ind.funding?.[String(year)];
      return { year, planned: typeof f?.planned === 'number' ? f.planned : null, spent: typeof f?.spent === 'number' ? f.spent : null };
    }),
    notes: [...notesOf(entry.id, ind.notes), ...(entry.hasItems ? entry.lines.flatMap((l) => notesOf(l.ref, l.item?.notes)) : [])],
    evidence: ind.evidence ?? '',
    method: ind.method ?? '',
  };
}
