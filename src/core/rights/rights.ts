// Who may read and change which lines of a plan: one rule for the server, the command line and
// the pages. The secretariat does everything; a viewer reads everything; a reporter reads and
// changes only the lines of their own units, and of those only what a unit reports (actuals,
// notes, evidence), never a definition or a target.
import type { Plan } from '../plan/plan.types';
import type { Line, PlanIndex } from '../plan/plan-index';
import type { Bilingual } from '../plan/problems';
import { parsePeriod } from '../numbers/periods';
import { isDefinitionField } from '../grid/definition-fields';
import { unitSlice } from '../templates/slice';

export const ROLES = ['secretariat', 'reporter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  name: string;
  role: Role;
  /** A reporter's units (plan unit ids); ignored for the other roles. */
  units: readonly string[];
}

export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);

/** May send changes (a reporter's are limited further, line by line, by checkChange). */
export const canWrite = (user: User): boolean => user.role !== 'viewer';

/** May create and replace whole plans, and see everything. */
export const isSecretariat = (user: User): boolean => user.role === 'secretariat';

/** The fields a unit reports, per period. */
const REPORTED = ['actuals', 'notes', 'evidenceSubmitted'];

/** The measured line a ref names: one item of an indicator, or an indicator without items. */
export function lineOf(index: PlanIndex, ref: string): Line | undefined {
  return index.items.get(ref) ?? index.indicators.get(ref)?.self;
}

/** The unit a line belongs to (an item's is its indicator's); undefined for a line the plan has not, or without a unit. */
export function unitOf(index: PlanIndex, ref: string): string | undefined {
  return lineOf(index, ref)?.entry.indicator.unit;
}

/** True when the user may read the line. */
export function canRead(index: PlanIndex, user: User, ref: string): boolean {
  if (user.role !== 'reporter') return true;
  const unit = unitOf(index, ref);
  return unit !== undefined && user.units.includes(unit);
}

/** A field a writer may name: a reported field of a period given as the plan stores it (`actuals.1403-H1`), the comment, a definition. */
function fieldShape(field: string): 'reported' | 'other' | undefined {
  const dot = field.indexOf('.');
  if (dot > 0 && REPORTED.includes(field.slice(0, dot))) {
    const key = field.slice(dot + 1);
    return parsePeriod(key)?.key === key ? 'reported' : undefined;
  }
  return field === 'comment' || isDefinitionField(field) ? 'other' : undefined;
}

export type ChangeRefusal = { code: 'unit' | 'field'; message: Bilingual };

/**
 * Why the user may not make this change, or undefined when they may (the merge then checks the
 * rest: locks, values, lines the plan has not). A field that is not one a sheet edits is refused
 * for everyone, so nothing else in a plan can be written through a change.
 */
export function checkChange(index: PlanIndex, user: User, change: { ref: string; field: string }): ChangeRefusal | undefined {
  const shape = fieldShape(change.field);
  if (shape === undefined) {
    return { code: 'field', message: { en: `"${change.field}" is not a field that can be changed: actuals.YEAR, notes.YEAR, evidenceSubmitted.YEAR (or a period such as 1403-H1), comment, or a definition`, fa: `«${change.field}» فیلدی تغییرپذیر نیست: actuals.YEAR، notes.YEAR، evidenceSubmitted.YEAR (یا دوره‌ای مانند 1403-H1)، comment یا یکی از مشخصات شاخص` } };
  }
  if (!canWrite(user)) return { code: 'field', message: { en: `${user.name} may read the plan but not change it`, fa: `${user.name} فقط می‌تواند برنامه را ببیند، نه تغییر دهد` } };
  if (user.role !== 'reporter') return undefined;
  const unit = unitOf(index, change.ref);
  if (lineOf(index, change.ref) && (unit === undefined || !user.units.includes(unit))) {
    return { code: 'unit', message: { en: `${change.ref} belongs to unit "${unit ?? '(none)'}", not to ${user.name}'s units (${user.units.join(', ') || 'none'})`, fa: `${change.ref} متعلق به واحد «${unit ?? '(هیچ)'}» است، نه واحدهای ${user.name} (${user.units.join('، ') || 'هیچ'})` } };
  }
  if (shape !== 'reported') {
    return { code: 'field', message: { en: `a unit reports actuals, notes and evidence; "${change.field}" is the secretariat's to change`, fa: `واحد عملکرد، یادداشت و مستندات را گزارش می‌کند؛ تغییر «${change.field}» با دبیرخانه است` } };
  }
  return undefined;
}

/**
 * The plan as the user may read it: the whole plan, or for a reporter their units' slices (as
 * their templates carry them: their lines and the definitions those refer to, no funding, no
 * other unit's data, no change log) joined in plan order. Units the plan has not are skipped.
 */
export function scopePlan(index: PlanIndex, user: User): Plan {
  if (user.role !== 'reporter') return index.plan;
  const units = [...new Set(user.units)].filter((u) => index.plan.units?.some((d) => d.id === u) || index.indicatorList.some((e) => e.indicator.unit === u));
  const slices = new Map(units.map((u) => [u, unitSlice(index, u)]));
  const { importNotes: _notes, ...meta } = index.plan.meta;
  if (slices.size === 0) return { format: index.plan.format, version: index.plan.version, meta: JSON.parse(JSON.stringify(meta)) as Plan['meta'], indicators: [] };
  const [first] = slices.values();
  if (slices.size === 1) return first;
  // Each slice keeps plan order: take the indicators in the plan's order, and each list's entries as the plan orders them.
  const taken = new Map([...slices].map(([u, s]) => [u, s.indicators.values()]));
  const indicators = index.indicatorList.flatMap((e) => (e.indicator.unit !== undefined && taken.has(e.indicator.unit) ? [taken.get(e.indicator.unit)!.next().value!] : []));
  const joined = <T extends { id: string }>(all: readonly T[] | undefined, pick: (p: Plan) => readonly T[] | undefined): T[] | undefined => {
    const byId = new Map<string, T>();
    for (const s of slices.values()) for (const x of pick(s) ?? []) if (!byId.has(x.id)) byId.set(x.id, x);
    const out = (all ?? []).filter((x) => byId.has(x.id)).map((x) => byId.get(x.id)!);
    return out.length ? [...new Set(out)] : undefined;
  };
  const plan: Plan = { ...first, indicators };
  const put = <K extends 'nodes' | 'workingGroups' | 'units' | 'districts'>(key: K, list: Plan[K] | undefined) => {
    if (list) plan[key] = list;
    else delete plan[key];
  };
  put('nodes', joined(index.plan.nodes, (p) => p.nodes));
  put('workingGroups', joined(index.plan.workingGroups, (p) => p.workingGroups));
  put('units', joined(index.plan.units, (p) => p.units));
  put('districts', joined(index.plan.districts, (p) => p.districts));
  return plan;
}
