// The PLAN.* functions of design.md as plain functions over a plan index. Excel, HyperFormula
// (`plansheets eval`) and the tests all call these; none has a second implementation.
import { groupsOf, type Dimension, type Group, type IndicatorEntry, type Line, type PlanIndex } from '../plan/plan-index';
import { groupAchievement, lineAchievement, memberAchievement, status as statusOf, type Mode } from '../achievement/achievement';
import { budget as budgetOf, fundedEntries } from '../achievement/budget';
import { periodValue } from '../achievement/periods';
import { normalizeCode } from '../numbers/codes';
import { bad, na, NO_PLAN, PlanError } from './errors';
import { resolveRef, type Target } from './refs';
import { isMissing, keyword, modeArg, periodArg, yearArg } from './args';

export type Scalar = number | string | boolean;
export type CellResult = Scalar | PlanError | Scalar[][];

/** Nothing to show (no target, no actual, nothing to compare): empty text, never 0. */
const EMPTY = '';
const orEmpty = (v: number | null | undefined): number | string => (typeof v === 'number' ? v : EMPTY);

/** The line a value function reads: an item, or an indicator's own values. */
function valueLine(t: Target, fn: string): Line | PlanError {
  if (t.kind === 'item') return t.line;
  if (t.kind === 'group') {
    return bad(`${fn} needs an indicator or item, not a group: use PLAN.ACHIEVEMENT for groups`, `${fn} شاخص یا زیرشاخص می‌خواهد، نه گروه: برای گروه‌ها از PLAN.ACHIEVEMENT استفاده کنید`);
  }
  return t.entry.self;
}

/** The ref of TARGET/ACTUAL resolved to the line it reads. */
function lineArg(index: PlanIndex | undefined, ref: unknown, fn: string): { t: Target; line: Line } | PlanError {
  if (!index) return NO_PLAN;
  const t = resolveRef(index, ref);
  if (t instanceof PlanError) return t;
  const line = valueLine(t, fn);
  return line instanceof PlanError ? line : { t, line };
}

/** An indicator measured by its items has no values of its own unless the plan gives some. */
function measuredByItems(entry: IndicatorEntry): PlanError {
  const items = entry.lines.map((l) => l.ref).join(', ');
  return na(`${entry.id} is measured by its items (${items}): ask for one of them`, `${entry.id} با زیرشاخص‌هایش سنجیده می‌شود (${items}): یکی از آنها را بخواهید`);
}

/** PLAN.TARGET(ref, [period]): the target; no period: the five-year horizon. */
export function target(index: PlanIndex | undefined, ref: unknown, period?: unknown): CellResult {
  const arg = lineArg(index, ref, 'PLAN.TARGET');
  if (arg instanceof PlanError) return arg;
  const { t, line } = arg;
  let value: number | null | undefined;
  if (isMissing(period)) {
    value = line.horizon;
  } else {
    const pos = typeof period === 'number' ? index!.yearPos.get(period) : undefined;
    if (pos !== undefined) {
      value = line.targetByYear[pos];
    } else {
      const p = periodArg(index!, period);
      if (p instanceof PlanError) return p;
      // Targets are set per year: a period reads its year's target.
      value = line.targets[String(p.year)];
    }
  }
  if (value == null && t.kind === 'indicator' && t.entry.hasItems) return measuredByItems(t.entry);
  return orEmpty(value);
}

/** PLAN.ACTUAL(ref, [period]): the actual (a year aggregated from its periods); no period: the latest. */
export function actual(index: PlanIndex | undefined, ref: unknown, period?: unknown): CellResult {
  const arg = lineArg(index, ref, 'PLAN.ACTUAL');
  if (arg instanceof PlanError) return arg;
  const { t, line } = arg;
  let value: number | null;
  if (isMissing(period)) {
    value = null;
    for (let i = line.actualByYear.length - 1; i >= 0 && value === null; i--) value = line.actualByYear[i];
  } else {
    const pos = typeof period === 'number' ? index!.yearPos.get(period) : undefined;
    if (pos !== undefined) {
      value = line.actualByYear[pos];
    } else {
      const p = periodArg(index!, period);
      if (p instanceof PlanError) return p;
      value = periodValue(line.actuals, p, line.aggregation);
    }
  }
  if (value === null && t.kind === 'indicator' && t.entry.hasItems) return measuredByItems(t.entry);
  return orEmpty(value);
}

/** Achievement of what a ref names (memoized per index for groups, which many cells repeat). */
export function achievementOf(index: PlanIndex, t: Target, yearPos: number, mode: Mode): number | null {
  if (t.kind === 'item') return lineAchievement(index, t.line, yearPos, mode);
  if (t.kind === 'indicator') return memberAchievement(index, { entry: t.entry, lines: t.entry.lines }, yearPos, mode);
  const key = `a\u0000${t.group.dimension}\u0000${t.group.key}\u0000${yearPos}\u0000${mode}`;
  if (index.cache.has(key)) return index.cache.get(key) as number | null;
  const value = groupAchievement(index, t.group, yearPos, mode);
  index.cache.set(key, value);
  return value;
}

function achievementArgs(index: PlanIndex | undefined, ref: unknown, year: unknown, mode: unknown): number | null | PlanError {
  if (!index) return NO_PLAN;
  const t = resolveRef(index, ref);
  if (t instanceof PlanError) return t;
  const y = yearArg(index, year);
  if (y instanceof PlanError) return y;
  const m = modeArg(mode);
  if (m instanceof PlanError) return m;
  return achievementOf(index, t, y, m);
}

/** PLAN.ACHIEVEMENT(ref, [year], [mode]): a ratio (1 = 100%), or empty when nothing compares. */
export function achievement(index: PlanIndex | undefined, ref: unknown, year?: unknown, mode?: unknown): CellResult {
  const a = achievementArgs(index, ref, year, mode);
  return a instanceof PlanError ? a : orEmpty(a);
}

/** PLAN.STATUS(ref, [year], [mode]): green, amber, red, or empty. */
export function status(index: PlanIndex | undefined, ref: unknown, year?: unknown, mode?: unknown): CellResult {
  const a = achievementArgs(index, ref, year, mode);
  return a instanceof PlanError ? a : statusOf(index as PlanIndex, a);
}

/** The indicators whose funding a ref covers (a district: only funding wholly in it). */
export function entriesOf(t: Target): IndicatorEntry[] {
  if (t.kind === 'indicator') return [t.entry];
  if (t.kind === 'item') return [t.line.entry];
  return fundedEntries(t.group);
}

/** PLAN.BUDGET(ref, [year], [kind]): realization (default), planned or spent; no year: all years. */
export function budget(index: PlanIndex | undefined, ref: unknown, year?: unknown, kind?: unknown): CellResult {
  if (!index) return NO_PLAN;
  const t = resolveRef(index, ref);
  if (t instanceof PlanError) return t;
  if (t.kind === 'item') {
    return bad(`funding is kept per indicator: use ${t.line.entry.id}, not ${t.line.ref}`, `بودجه برای هر شاخص ثبت می‌شود: ${t.line.entry.id} را به کار ببرید`);
  }
  let y: number | undefined;
  if (!isMissing(year)) {
    const pos = yearArg(index, year);
    if (pos instanceof PlanError) return pos;
    y = index.years[pos];
  }
  const k = isMissing(kind) ? 'realization' : keyword(kind);
  if (k !== 'realization' && k !== 'planned' && k !== 'spent') {
    return bad(`"${String(kind)}" is not a budget kind: use realization, planned or spent`, `"${String(kind)}" نوع بودجه نیست: realization، planned یا spent`);
  }
  return orEmpty(budgetOf(index, entriesOf(t), y)[k]);
}

export const INFO_FIELDS = [
  'title', 'measure', 'unit', 'workingGroup', 'polarity', 'aggregation', 'type', 'budgetCode', 'parent', 'horizon', 'weight',
  'id', 'code', 'scoring', 'district',
] as const;
type InfoField = (typeof INFO_FIELDS)[number];
const INFO_BY_KEY = new Map<string, InfoField>(INFO_FIELDS.map((f) => [f.toLowerCase(), f]));

/** PLAN.INFO(ref, field): a definition field of an indicator or item (title also of a group). */
export function info(index: PlanIndex | undefined, ref: unknown, field: unknown): CellResult {
  if (!index) return NO_PLAN;
  const t = resolveRef(index, ref);
  if (t instanceof PlanError) return t;
  if (isMissing(field)) return bad(`PLAN.INFO needs a field: ${INFO_FIELDS.join(', ')}`, `PLAN.INFO فیلد می‌خواهد: ${INFO_FIELDS.join('، ')}`);
  const f = INFO_BY_KEY.get(keyword(field));
  if (!f) return bad(`"${String(field)}" is not an INFO field: use ${INFO_FIELDS.join(', ')}`, `"${String(field)}" فیلد INFO نیست: ${INFO_FIELDS.join('، ')}`);
  if (t.kind === 'group') {
    if (f === 'title') return t.group.title;
    if (f === 'id') return t.group.key;
    return bad(`a group has only a title and an id, not "${f}"`, `گروه فقط عنوان و شناسه دارد، نه "${f}"`);
  }
  const line = t.kind === 'item' ? t.line : t.entry.self;
  const ind = line.entry.indicator;
  switch (f) {
    case 'title': return line.title;
    case 'measure': return line.measure;
    case 'polarity': return line.polarity;
    case 'aggregation': return line.aggregation;
    case 'scoring': return line.scoring;
    case 'horizon': return orEmpty(line.horizon);
    case 'weight': return t.kind === 'item' ? line.weight : line.entry.weight;
    case 'id': return line.ref;
    case 'code': return ind.code;
    case 'district': return line.district ?? EMPTY;
    case 'unit': return ind.unit ?? EMPTY;
    case 'workingGroup': return ind.workingGroup ?? EMPTY;
    case 'type': return ind.type ?? EMPTY;
    case 'budgetCode': return ind.budgetCode ?? EMPTY;
    case 'parent': return ind.parent ?? EMPTY;
  }
}

const DIMENSION_WORDS: Record<string, Dimension> = { wg: 'workingGroup', workinggroup: 'workingGroup', unit: 'unit', district: 'district', node: 'node' };

/** PLAN.CODES([dimension], [key]): a vertical list of indicator ids, all or of one group. */
export function codes(index: PlanIndex | undefined, dimension?: unknown, key?: unknown): CellResult {
  if (!index) return NO_PLAN;
  let ids: string[];
  if (isMissing(dimension)) {
    ids = index.indicatorList.map((e) => e.id);
  } else {
    const d = DIMENSION_WORDS[keyword(dimension)];
    if (!d) return bad(`"${String(dimension)}" is not a dimension: use workingGroup, unit, district or node`, `"${String(dimension)}" بُعد معتبر نیست: workingGroup، unit، district یا node`);
    if (isMissing(key)) return bad(`PLAN.CODES("${d}") needs a key: which ${d}?`, `PLAN.CODES("${d}") کلید می‌خواهد`);
    const groups = groupsOf(index)[d];
    const k = String(key);
    const group: Group | undefined = groups.get(k) ?? groups.get(normalizeCode(k));
    if (!group) return na(`unknown ${d} "${k}"`, `${d} "${k}" ناشناخته است`);
    ids = group.members.map((m) => m.entry.id);
  }
  if (ids.length === 0) return na('no indicators there', 'شاخصی وجود ندارد');
  return ids.map((id) => [id]);
}

/** PLAN.YEARS(): the plan years as one row. */
export function years(index: PlanIndex | undefined): CellResult {
  if (!index) return NO_PLAN;
  return [index.years.slice()];
}
