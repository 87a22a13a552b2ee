// A unit's slice of a plan: what its data-entry template carries as the base a merge compares
// against. A template is e-mailed to one unit, so it holds that unit's lines (their definitions,
// targets, actuals, notes and evidence) and the definitions they refer to, and nothing else: no
// other unit's data, no funding, no change log (people's names), no import notes.
import type { District, Indicator, Plan, PlanNode, Unit, WorkingGroup } from '../plan/plan.types';
import type { IndicatorEntry, PlanIndex } from '../plan/plan-index';

/** What slices are cut from, built in one pass over the plan and shared by all its units. */
interface Sources {
  byUnit: Map<string, IndicatorEntry[]>;
  units: Map<string, Unit>;
  nodes: Map<string, { node: PlanNode; at: number }>;
  workingGroups: Map<string, { wg: WorkingGroup; at: number }>;
  districts: Map<string, { district: District; at: number }>;
}

// An index never changes once built: its grouping is made once, on the first slice.
const sourcesOf = new WeakMap<PlanIndex, Sources>();

function sources(index: PlanIndex): Sources {
  let s = sourcesOf.get(index);
  if (s) return s;
  const plan = index.plan;
  const byUnit = new Map<string, IndicatorEntry[]>();
  for (const e of index.indicatorList) {
    const unit = e.indicator.unit;
    if (unit === undefined) continue;
    const list = byUnit.get(unit);
    if (list) list.push(e);
    else byUnit.set(unit, [e]);
  }
  // The first of duplicate ids wins, as in the index (duplicates make a plan unusable anyway).
  const first = <T extends { id: string }, V>(list: readonly T[] | undefined, make: (x: T, at: number) => V) => {
    const m = new Map<string, V>();
    list?.forEach((x, at) => {
      if (!m.has(x.id)) m.set(x.id, make(x, at));
    });
    return m;
  };
  s = {
    byUnit,
    units: first(plan.units, (u) => u),
    nodes: first(plan.nodes, (node, at) => ({ node, at })),
    workingGroups: first(plan.workingGroups, (wg, at) => ({ wg, at })),
    districts: first(plan.districts, (district, at) => ({ district, at })),
  };
  sourcesOf.set(index, s);
  return s;
}

/** A deep copy of plan data (JSON by contract; structuredClone is missing in some hosts). */
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Kept definitions in plan order (a copy each: the slice shares nothing with the plan). */
function inPlanOrder<T>(kept: Map<string, { at: number; def: T }>): T[] {
  return [...kept.values()].sort((a, b) => a.at - b.at).map((k) => copy(k.def));
}

/** An indicator as the unit sees it: without funding, and without partners (other units' ids). */
function ownIndicator(ind: Indicator): Indicator {
  const { funding: _funding, partners: _partners, ...own } = ind;
  return copy(own);
}

/**
 * The plan as one unit's template carries it: the same meta (without import notes), that unit
 * alone in `units` (its working groups limited to those kept), its indicators without funding
 * or partners, and only the nodes (with their ancestors), working groups and districts they
 * refer to; no change log. It passes loadPlanValue whenever the plan does, and every line of the
 * unit reads the same in it as in the plan, so a template built from it merges three ways as
 * one built from the whole plan. After the first call on an index, linear in the unit's size.
 */
export function unitSlice(index: PlanIndex, unit: string): Plan {
  const src = sources(index);
  const entries = src.byUnit.get(unit) ?? [];
  const unitDef = src.units.get(unit);
  if (!unitDef && entries.length === 0) throw new RangeError(`the plan has no unit "${unit}"`);
  const plan = index.plan;

  const nodes = new Map<string, { at: number; def: PlanNode }>();
  const workingGroups = new Map<string, { at: number; def: WorkingGroup }>();
  const districts = new Map<string, { at: number; def: District }>();
  // Bounded walk up the tree: a cycle (an error of its own) cannot loop.
  const addNode = (id: string | undefined) => {
    for (let steps = src.nodes.size; id !== undefined && steps >= 0 && !nodes.has(id); steps--) {
      const n = src.nodes.get(id);
      if (!n) return;
      nodes.set(id, { at: n.at, def: n.node });
      id = n.node.parent;
    }
  };
  const indicators = entries.map((e) => {
    const ind = e.indicator;
    addNode(ind.parent);
    const wg = ind.workingGroup === undefined ? undefined : src.workingGroups.get(ind.workingGroup);
    if (wg) workingGroups.set(wg.wg.id, { at: wg.at, def: wg.wg });
    for (const item of ind.items ?? []) {
      const d = item.district == null ? undefined : src.districts.get(item.district);
      if (d) districts.set(d.district.id, { at: d.at, def: d.district });
    }
    return ownIndicator(ind);
  });

  const { importNotes: _importNotes, ...meta } = plan.meta;
  const slice: Plan = { ...(plan.$schema ? { $schema: plan.$schema } : {}), format: plan.format, version: plan.version, meta: copy(meta), indicators };
  if (nodes.size) slice.nodes = inPlanOrder(nodes);
  if (workingGroups.size) slice.workingGroups = inPlanOrder(workingGroups);
  if (unitDef) {
    const def = copy(unitDef);
    // The unit's own working groups stay only when the slice defines them (a reference must resolve).
    const wgs = def.workingGroups?.filter((id) => workingGroups.has(id));
    if (wgs?.length) def.workingGroups = wgs;
    else delete def.workingGroups;
    slice.units = [def];
  }
  if (districts.size) slice.districts = inPlanOrder(districts);
  return slice;
}
