import type { Plan } from './plan.types';
import type { PlanIndex, Line } from './plan-index';
import { keyYear, nearlyEqual } from './plan-index';
import { aggregate } from '../achievement/periods';
import { codePrefix, normalizeCode, reverseCode } from '../numbers/codes';
import { isPlanYear, parsePeriod } from '../numbers/periods';
import { msg } from './messages';
import { pointer, type Problem } from './problems';

const DISTRICT_TITLE = /^\s*(منطقه|ناحیه|district)\s*[0-9\u06f0-\u06f9\u0660-\u0669]+\s*$/i;

/** The checks of plan-format.md that a schema cannot express, over a schema-valid plan. */
export function semanticProblems(plan: Plan, index: PlanIndex): Problem[] {
  const out: Problem[] = [];
  const error = (code: string, path: string, message: Problem['message']) => out.push({ severity: 'error', code, path, message });
  const warn = (code: string, path: string, message: Problem['message']) => out.push({ severity: 'warning', code, path, message });
  const { years, baselineYear } = plan.meta;

  // Ids are unique within each list.
  const uniqueIds = (what: string, list: ReadonlyArray<{ id?: string }> | undefined, base: string, idOf = (x: { id?: string }, _i: number) => x.id) => {
    const first = new Map<string, number>();
    list?.forEach((x, i) => {
      const id = idOf(x, i);
      if (id === undefined) return;
      const seen = first.get(id);
      if (seen !== undefined) error('duplicate-id', `${base}/${i}/id`, msg.duplicateId(what, id, `${base}/${seen}`));
      else first.set(id, i);
    });
  };
  uniqueIds('node', plan.nodes, '/nodes');
  uniqueIds('working group', plan.workingGroups, '/workingGroups');
  uniqueIds('unit', plan.units, '/units');
  uniqueIds('district', plan.districts, '/districts');
  uniqueIds('indicator', plan.indicators, '/indicators', (_x, i) => {
    const ind = plan.indicators[i];
    return ind.id ?? normalizeCode(ind.code);
  });
  plan.indicators.forEach((ind, i) => uniqueIds('item', ind.items, pointer('indicators', i, 'items')));
  refCollisions(index, error);

  const settings = index.settings;
  if (settings.green < settings.amber) warn('thresholds', '/meta/achievement', msg.thresholds(settings.green, settings.amber));
  plan.meta.locked?.forEach((key, i) => {
    const p = parsePeriod(key);
    if (p && !isPlanYear(p.year, years)) error('year-outside-plan', pointer('meta', 'locked', i), msg.yearOutsidePlan(key, years));
  });

  // References resolve.
  const ids = (xs: ReadonlyArray<{ id: string }> | undefined) => new Set((xs ?? []).map((x) => x.id));
  const wgs = ids(plan.workingGroups);
  const units = ids(plan.units);
  const districts = ids(plan.districts);
  const nodes = ids(plan.nodes);
  const levels = plan.meta.levels ? ids(plan.meta.levels) : undefined;
  const ref = (set: Set<string>, kind: string, id: string | null | undefined, path: string) => {
    if (id !== undefined && id !== null && !set.has(id)) error('unknown-ref', path, msg.unknownRef(kind, id));
  };
  plan.nodes?.forEach((n, i) => {
    if (levels) ref(levels, 'level', n.level, pointer('nodes', i, 'level'));
    ref(nodes, 'node', n.parent, pointer('nodes', i, 'parent'));
  });
  treeChecks(plan, error);
  plan.units?.forEach((u, i) => u.workingGroups?.forEach((wg, j) => ref(wgs, 'working group', wg, pointer('units', i, 'workingGroups', j))));

  // Year keys belong to the plan (or its baseline year). The schema has checked their form.
  const allowed = new Set<number>(baselineYear === undefined ? years : [...years, baselineYear]);
  // Paths are built only for what is reported: most plans have nothing to report here.
  const yearKeys = (obj: object | undefined, base: string, field: string) => {
    if (!obj) return;
    // Object.keys is markedly faster than for…in over year-like (integer) keys.
    const keys = Object.keys(obj);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      if (!allowed.has(keyYear(key))) error('year-outside-plan', `${base}/${field}/${key}`, msg.yearOutsidePlan(key, years, baselineYear));
    }
  };

  plan.indicators.forEach((ind, i) => {
    const at = `/indicators/${i}`;
    ref(wgs, 'working group', ind.workingGroup, `${at}/workingGroup`);
    ref(units, 'unit', ind.unit, `${at}/unit`);
    ref(nodes, 'node', ind.parent, `${at}/parent`);
    ind.partners?.forEach((p, j) => ref(units, 'unit', p.unit, `${at}/partners/${j}/unit`));
    const normalized = normalizeCode(ind.code);
    if (normalized !== ind.code) warn('code-not-normalized', `${at}/code`, msg.codeNotNormalized(ind.code, normalized));
    for (const field of ['targets', 'funding', 'notes'] as const) yearKeys(ind[field], at, field);
    ind.items?.forEach((it, j) => {
      if (it.district != null && !districts.has(it.district)) ref(districts, 'district', it.district, `${at}/items/${j}/district`);
      for (const field of ['targets', 'notes'] as const) yearKeys(it[field], `${at}/items/${j}`, field);
      if (!it.district && it.title && DISTRICT_TITLE.test(it.title)) warn('district-like-title', `${at}/items/${j}/title`, msg.districtLikeTitle(it.title));
    });
  });

  // What an importer had to interpret stays visible until someone removes the note.
  plan.meta.importNotes?.forEach((n, i) => warn('import-note', pointer('meta', 'importNotes', i), msg.importNote(n.source ?? '', n.line, n.found, n.reading)));

  // Per measured line: targets, horizon, aggregation, scoring, periods.
  for (const entry of index.indicatorList) {
    // Actual keys were read once, by the index: the indicator's own and its items'.
    const lines = entry.hasItems ? [entry.self, ...entry.lines] : entry.lines;
    for (const line of lines) {
      for (const key of line.strayActualKeys ?? []) {
        if (keyYear(key) !== baselineYear) error('year-outside-plan', `${line.path}/actuals/${key}`, msg.yearOutsidePlan(key, years, baselineYear));
      }
    }
    for (const line of entry.lines) lineChecks(line, warn);
  }

  // Codes: shared by several indicators, or reversed against their siblings.
  for (const [code, entries] of index.codes) {
    if (entries.length > 1) warn('shared-code', `${entries[0].path}/code`, msg.sharedCode(code, entries.map((e) => e.id)));
  }
  const prefixesByUnit = new Map<string, Map<string, number>>();
  for (const e of index.indicatorList) {
    const key = e.indicator.unit ?? e.indicator.workingGroup ?? '';
    const m = prefixesByUnit.get(key) ?? new Map<string, number>();
    prefixesByUnit.set(key, m);
    const prefix = codePrefix(e.code);
    m.set(prefix, (m.get(prefix) ?? 0) + 1);
  }
  for (const e of index.indicatorList) {
    const reversed = reverseCode(e.code);
    if (reversed === e.code || !e.code.includes('-')) continue;
    const siblings = prefixesByUnit.get(e.indicator.unit ?? e.indicator.workingGroup ?? '')!;
    const own = codePrefix(e.code);
    if ((siblings.get(own) ?? 0) <= 1 && siblings.has(codePrefix(reversed))) {
      warn('reversed-code', `${e.path}/code`, msg.reversedCode(e.code, reversed));
    }
  }
  return out;
}

type Warn = (code: string, path: string, message: Problem['message']) => void;

/** Levels of the plan tree (vision, strategy, policy… is 3 or 4): every indicator counts in each node above it. */
export const MAX_TREE_DEPTH = 64;

/**
 * Cycles, and nodes deeper than MAX_TREE_DEPTH, in one pass: each chain of parents is walked once
 * (a chain of 20,000 nodes walked from each node took minutes), and the groups of the tree stay
 * bounded (each indicator is a member of every node above it).
 */
function treeChecks(plan: Plan, error: Warn): void {
  const list = plan.nodes ?? [];
  const parentOf = new Map(list.map((n) => [n.id, n.parent]));
  /** Levels from the root (a root is 1); CYCLE: on or under a cycle. */
  const depth = new Map<string, number>();
  const CYCLE = -1;
  const onCycle = new Set<string>();
  const tooDeep = new Set<string>();
  for (const n of list) {
    const chain: string[] = [];
    const inChain = new Set<string>();
    let p: string | undefined = n.id;
    while (p !== undefined && parentOf.has(p) && !depth.has(p) && !inChain.has(p)) {
      chain.push(p);
      inChain.add(p);
      p = parentOf.get(p);
    }
    let d: number;
    if (p !== undefined && inChain.has(p)) {
      for (let k = chain.indexOf(p); k < chain.length; k++) onCycle.add(chain[k]);
      d = CYCLE;
    } else {
      // A root, or a parent that is not a node (an error of its own): the chain starts at 1.
      d = p !== undefined && depth.has(p) ? depth.get(p)! : 0;
    }
    for (let k = chain.length - 1; k >= 0; k--) {
      if (d !== CYCLE) d++;
      depth.set(chain[k], d);
      if (d === MAX_TREE_DEPTH + 1) tooDeep.add(chain[k]);
    }
  }
  list.forEach((n, i) => {
    if (onCycle.has(n.id)) error('node-cycle', pointer('nodes', i, 'parent'), msg.nodeCycle(n.id));
    if (tooDeep.has(n.id)) error('tree-too-deep', pointer('nodes', i, 'parent'), msg.treeTooDeep(n.id, MAX_TREE_DEPTH));
  });
}

/**
 * Indicator ids, indicator codes and item refs (`ID.ITEM`) are one namespace: a sheet row, a
 * typed value and a PLAN formula find their line by that name, so two lines with one name would
 * swap values. (Equal ids, and equal items of one indicator, are duplicate-id errors already;
 * a code shared by indicators is a warning of its own.) The index's maps hold every name once.
 */
function refCollisions(index: PlanIndex, error: Warn): void {
  for (const entry of index.indicatorList) {
    if (!entry.hasItems) continue;
    for (const line of entry.lines) {
      const ref = line.ref;
      const indicator = index.indicators.get(ref);
      const coded = indicator ? undefined : index.codes.get(ref)?.[0];
      const item = indicator || coded ? undefined : index.items.get(ref);
      if (!indicator && !coded && (!item || item.entry === entry)) continue;
      const path = `${line.path}/id`;
      if (indicator) error('ref-collision', path, msg.refCollision(ref, path, `${indicator.path}/${indicator.indicator.id === undefined ? 'code' : 'id'}`, 'indicator id'));
      else if (coded) error('ref-collision', path, msg.refCollision(ref, path, `${coded.path}/code`, 'indicator code'));
      else error('ref-collision', path, msg.refCollision(ref, path, `${item!.path}/id`, 'item'));
    }
  }
}

function lineChecks(line: Line, warn: Warn): void {
  const source = line.item ?? line.entry.indicator;
  const targets: number[] = [];
  for (const t of line.targetByYear) if (t !== null) targets.push(t);
  if (targets.length === 0) {
    warn('no-target', `${line.path}/targets`, msg.noTarget());
  } else if (line.horizon !== null) {
    const expected = aggregate(targets, line.aggregation);
    if (expected === null || !nearlyEqual(expected, line.horizon)) {
      warn('horizon-disagrees', `${line.path}/horizon`, msg.horizonDisagrees(line.horizon, line.aggregation, expected, line.aggregationInferred));
    }
  }
  if (line.aggregationInferred) {
    warn('aggregation-missing', `${line.path}/aggregation`, msg.aggregationMissing(line.aggregation));
  }
  if (source.scoring === 'progress' && line.baseline === null) {
    warn('progress-without-baseline', `${line.path}/scoring`, msg.progressWithoutBaseline());
  }
  if (line.periodKeys && line.periodKeys.length > 1) mixedPeriodChecks(line.periodKeys, `${line.path}/actuals`, warn);
}

function mixedPeriodChecks(periodKeys: readonly string[], path: string, warn: Warn): void {
  const byYear = new Map<number, string[]>();
  for (const key of periodKeys) {
    const year = keyYear(key);
    (byYear.get(year) ?? byYear.set(year, []).get(year)!).push(key);
  }
  // A schema-valid period key is `YYYY-Xn`: its kind is the letter after the dash.
  for (const [year, keys] of byYear) if (new Set(keys.map((k) => k[5])).size > 1) warn('mixed-periods', path, msg.mixedPeriods(String(year), keys));
}
