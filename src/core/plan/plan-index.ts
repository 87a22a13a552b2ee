import type { Aggregation, Indicator, Item, Plan, Polarity, Scoring, YearValues, PeriodValues } from './plan.types';
import { normalizeCode } from '../numbers/codes';
import { aggregate } from '../achievement/periods';

export type Dimension = 'workingGroup' | 'unit' | 'district' | 'node';
export const DIMENSIONS: readonly Dimension[] = ['workingGroup', 'unit', 'district', 'node'];

/** One measured line: an indicator without items, or one item of an indicator. */
export interface Line {
  /** `ID` or `ID.ITEM`. */
  ref: string;
  entry: IndicatorEntry;
  item?: Item;
  /** JSON pointer of the indicator or item object. */
  path: string;
  title: string;
  measure: string;
  polarity: Polarity;
  aggregation: Aggregation;
  /** True when the plan did not say and the rule of plan-format.md chose. */
  aggregationInferred: boolean;
  /** `progress` only when a baseline to progress from exists. */
  scoring: Scoring;
  baseline: number | null;
  targets: YearValues;
  actuals: PeriodValues;
  horizon: number | null;
  weight: number;
  district: string | null;
  /** Target per plan year, in `index.years` order. */
  targetByYear: Array<number | null>;
  /** Annual actual per plan year (aggregated from periods when needed), in `index.years` order. */
  actualByYear: Array<number | null>;
  /** Actual keys of years that are not plan years (for the checks; read in the same pass). */
  strayActualKeys: string[] | undefined;
  /** Actual keys of parts of plan years (`1403-H1`), when there are any. */
  periodKeys: string[] | undefined;
}

export interface IndicatorEntry {
  id: string;
  /** Normalized code. */
  code: string;
  indicator: Indicator;
  path: string;
  weight: number;
  /** The indicator's own values (what TARGET/ACTUAL of the indicator read). */
  self: Line;
  /** Its measured lines: its items, or itself when it has none. */
  lines: Line[];
  hasItems: boolean;
}

/** A group member: an indicator and the lines of it that belong to the group. */
export interface Member {
  entry: IndicatorEntry;
  lines: Line[];
}

export interface Group {
  dimension: Dimension;
  key: string;
  title: string;
  titleEn?: string;
  members: Member[];
}

export interface Settings {
  cap: number;
  green: number;
  amber: number;
}

export interface PlanIndex {
  plan: Plan;
  years: readonly number[];
  /** Plan year -> position in `years`. */
  yearPos: ReadonlyMap<number, number>;
  lastYear: number;
  settings: Settings;
  locale: string;
  indicators: ReadonlyMap<string, IndicatorEntry>;
  indicatorList: readonly IndicatorEntry[];
  /** `ID.ITEM` -> line. */
  items: ReadonlyMap<string, Line>;
  /** Normalized code -> indicators carrying it (more than one when the plan repeats a code). */
  codes: ReadonlyMap<string, IndicatorEntry[]>;
  /** Filled on first use by `groupsOf` (validating a file does not need the groups). */
  groups: Readonly<Record<Dimension, ReadonlyMap<string, Group>>> | undefined;
  /** Per-index caches of the PLAN functions (an index never changes once built). */
  cache: Map<string, unknown>;
  /** Resolved refs of the PLAN functions, by the text as typed. */
  refCache: Map<string, unknown>;
}

export const DEFAULT_SETTINGS: Settings = { cap: 1.2, green: 0.9, amber: 0.7 };

/** The aggregation rule of plan-format.md when none is given: sum if horizon = Σtargets, else last. */
export function inferAggregation(targets: YearValues | undefined, horizon: number | null | undefined): Aggregation {
  if (typeof horizon !== 'number' || !targets) return 'last';
  let sum = 0;
  let any = false;
  for (const k in targets) {
    const v = targets[k];
    if (typeof v === 'number') {
      sum += v;
      any = true;
    }
  }
  return any && nearlyEqual(sum, horizon) ? 'sum' : 'last';
}

export function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The year of a schema-valid year or period key (`1403`, `1403-M07`), without parsing. */
export function keyYear(key: string): number {
  return (key.charCodeAt(0) - 48) * 1000 + (key.charCodeAt(1) - 48) * 100 + (key.charCodeAt(2) - 48) * 10 + (key.charCodeAt(3) - 48);
}

const EMPTY_VALUES: YearValues = Object.freeze({}) as YearValues;

const PART_MONTHS: Record<string, number> = { H: 6, Q: 3, M: 1 };

/** The last month of a schema-valid period key (`1403-H1` → 6, `1403-M07` → 7). */
function keyEndMonth(key: string): number {
  return key.length === 4 ? 12 : PART_MONTHS[key[5]] * Number(key.slice(6));
}

/**
 * Reads a line's actuals in one pass over the keys: the annual actual per plan year (an annual
 * key wins, otherwise the aggregation of the year's periods in period order, the rule of
 * `periodValue` for whole years), and the keys the checks look at.
 */
function readActuals(line: Line, years: readonly number[], yearPos: ReadonlyMap<number, number>): void {
  const actuals = line.actuals;
  const annual: Array<number | null> = new Array(years.length).fill(null);
  let parts: Array<Array<{ end: number; value: number }> | undefined> | undefined;
  // Object.keys is markedly faster than for…in over year-like (integer) keys.
  const keys = Object.keys(actuals);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    const pos = yearPos.get(keyYear(key));
    if (pos === undefined) {
      (line.strayActualKeys ??= []).push(key);
      continue;
    }
    const short = key.length === 4;
    if (!short) (line.periodKeys ??= []).push(key);
    const value = actuals[key];
    if (typeof value !== 'number') continue;
    if (short) {
      annual[pos] = value;
      continue;
    }
    parts ??= [];
    (parts[pos] ??= []).push({ end: keyEndMonth(key), value });
  }
  if (parts) {
    parts.forEach((list, pos) => {
      if (!list || annual[pos] !== null) return;
      list.sort((a, b) => a.end - b.end);
      annual[pos] = aggregate(list.map((x) => x.value), line.aggregation);
    });
  }
  line.actualByYear = annual;
}

function makeLine(
  entry: IndicatorEntry,
  source: Indicator | Item,
  item: Item | undefined,
  path: string,
  index: { years: readonly number[]; yearKeys: readonly string[]; yearPos: ReadonlyMap<number, number>; noValues: Array<number | null> },
): Line {
  const ind = entry.indicator;
  const own = source.aggregation;
  const aggregation = own ?? (item ? ind.aggregation : undefined) ?? inferAggregation(source.targets, source.horizon);
  const baseline = source.baseline?.previous ?? null;
  // Items inherit polarity, aggregation and measure; scoring and baseline are their own.
  const scoring: Scoring = source.scoring === 'progress' && baseline !== null ? 'progress' : 'ratio';
  const targets = source.targets ?? EMPTY_VALUES;
  const actuals = source.actuals ?? EMPTY_VALUES;
  let targetByYear = index.noValues;
  if (source.targets) {
    targetByYear = new Array(index.years.length);
    for (let i = 0; i < targetByYear.length; i++) {
      // A numeric key: year keys are integer-like, which V8 stores as elements.
      const t = targets[index.years[i]];
      targetByYear[i] = typeof t === 'number' ? t : null;
    }
  }
  const line: Line = {
    ref: item ? `${entry.id}.${item.id}` : entry.id,
    entry,
    item,
    path,
    title: source.title ?? '',
    measure: source.measure ?? ind.measure ?? '',
    polarity: source.polarity ?? ind.polarity ?? 'positive',
    aggregation,
    aggregationInferred: own === undefined && !(item && ind.aggregation),
    scoring,
    baseline,
    targets,
    actuals,
    horizon: source.horizon ?? null,
    weight: source.weight ?? 1,
    district: item?.district ?? null,
    targetByYear,
    actualByYear: index.noValues,
    strayActualKeys: undefined,
    periodKeys: undefined,
  };
  if (source.actuals) readActuals(line, index.years, index.yearPos);
  return line;
}

/**
 * Builds the lookup structures of a plan once, so that every later lookup is a Map get.
 * Assumes the plan passed the schema; the first of duplicate ids wins (duplicates are errors).
 */
export function buildIndex(plan: Plan): PlanIndex {
  const years = plan.meta.years;
  const yearPos = new Map(years.map((y, i) => [y, i]));
  // Lines without targets or actuals share one all-null row (indexes are never mutated).
  const shape = { years, yearKeys: years.map(String), yearPos, noValues: Object.freeze(years.map(() => null)) as Array<number | null> };
  const settings: Settings = { ...DEFAULT_SETTINGS, ...plan.meta.achievement };
  const indicators = new Map<string, IndicatorEntry>();
  const indicatorList: IndicatorEntry[] = [];
  const items = new Map<string, Line>();
  const codes = new Map<string, IndicatorEntry[]>();

  plan.indicators.forEach((ind, i) => {
    const code = normalizeCode(ind.code);
    const id = ind.id ?? code;
    const path = `/indicators/${i}`;
    const entry: IndicatorEntry = { id, code, indicator: ind, path, weight: ind.weight ?? 1, hasItems: !!ind.items?.length, self: undefined as unknown as Line, lines: [] };
    entry.self = makeLine(entry, ind, undefined, path, shape);
    entry.lines = entry.hasItems
      ? ind.items!.map((it, j) => makeLine(entry, it, it, `${path}/items/${j}`, shape))
      : [entry.self];
    if (indicators.has(id)) return;
    indicators.set(id, entry);
    indicatorList.push(entry);
    if (entry.hasItems) for (const line of entry.lines) if (!items.has(line.ref)) items.set(line.ref, line);
    const same = codes.get(code);
    if (same) same.push(entry);
    else codes.set(code, [entry]);
  });

  return {
    plan,
    years,
    yearPos,
    lastYear: years[years.length - 1],
    settings,
    locale: plan.meta.locale ?? 'fa-IR',
    indicators,
    indicatorList,
    items,
    codes,
    groups: undefined,
    cache: new Map(),
    refCache: new Map(),
  };
}

/**
 * The groups of an index: working groups, units, districts (through items), tree nodes (with
 * their descendants). Built on first use, once. (A plain field rather than a getter: an
 * accessor on the index slows every PLAN function's property reads.)
 */
export function groupsOf(index: PlanIndex): Readonly<Record<Dimension, ReadonlyMap<string, Group>>> {
  return (index.groups ??= buildGroups(index.plan, index.indicatorList));
}

function buildGroups(plan: Plan, list: readonly IndicatorEntry[]): Record<Dimension, Map<string, Group>> {
  const make = (dimension: Dimension, defs: ReadonlyArray<{ id: string; title: string; titleEn?: string }> | undefined) =>
    new Map((defs ?? []).map((d) => [d.id, { dimension, key: d.id, title: d.title, titleEn: d.titleEn, members: [] as Member[] }]));
  const groups = {
    workingGroup: make('workingGroup', plan.workingGroups),
    unit: make('unit', plan.units),
    district: make('district', plan.districts),
    node: make('node', plan.nodes),
  };
  const parentOf = new Map((plan.nodes ?? []).map((n) => [n.id, n.parent]));

  for (const entry of list) {
    const ind = entry.indicator;
    const whole: Member = { entry, lines: entry.lines };
    if (ind.workingGroup) groups.workingGroup.get(ind.workingGroup)?.members.push(whole);
    if (ind.unit) groups.unit.get(ind.unit)?.members.push(whole);
    // A node holds the indicators under it and under all its descendants (a cycle, an error of
    // its own, is cut off after as many steps as there are nodes).
    let steps = parentOf.size + 1;
    for (let node = ind.parent; node !== undefined && steps-- > 0; node = parentOf.get(node)) {
      groups.node.get(node)?.members.push(whole);
    }
    // Districts are reached through items: an indicator counts with its lines in the district.
    if (!entry.hasItems) continue;
    let byDistrict: Map<string, Line[]> | undefined;
    for (const line of entry.lines) {
      if (!line.district) continue;
      byDistrict ??= new Map();
      const ls = byDistrict.get(line.district);
      if (ls) ls.push(line);
      else byDistrict.set(line.district, [line]);
    }
    if (byDistrict) for (const [d, lines] of byDistrict) groups.district.get(d)?.members.push({ entry, lines });
  }
  return groups;
}
