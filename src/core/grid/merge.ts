// From what the sheets hold to a new plan: the changes people made against the plan the sheets
// were built from (the base), merged three ways with the current plan file. Every typed value is
// applied, or reported with its cell (a conflict, a locked period, an unreadable cell, a row the
// plan does not have); nothing is dropped silently.
import type { Change, Indicator, Item, Plan } from '../plan/plan.types';
import type { Line, PlanIndex } from '../plan/plan-index';
import type { Bilingual } from '../plan/problems';
import type { CellRef, FieldValue, ReadCell, SheetReading } from './read';
import { normalizeCode } from '../numbers/codes';
import { isolate } from '../numbers/bidi';
import { parsePeriod, type Period } from '../numbers/periods';
import { faultRefusal, layoutFaults } from './layout-check';
import { definitionProblem, definitionValue, isDefinitionField, resolveDefinitionCell, writeDefinition } from './definition-fields';

export interface Edit {
  ref: string;
  field: string;
  value: FieldValue;
  at: CellRef;
}

export interface Conflict {
  ref: string;
  field: string;
  base: FieldValue;
  sheet: FieldValue;
  file: FieldValue;
  at: CellRef;
}

export interface Refusal {
  ref: string;
  field: string;
  value: FieldValue | string;
  at: CellRef;
  code: 'locked' | 'unknown-ref' | 'measured-by-items' | 'from-periods' | 'unreadable' | 'edited-twice' | 'other-unit' | 'tampered' | 'not-read-back' | 'outside-plan' | 'invalid';
  reason: Bilingual;
}

export interface MergeResult {
  /** Changes that apply cleanly (the file still had the base value). */
  changes: Array<Edit & { from: FieldValue }>;
  /** The same value changed differently in the sheet and in the file: someone must choose. */
  conflicts: Conflict[];
  /** Typed values that cannot be applied, each with its reason. */
  refused: Refusal[];
}

type Target = { line: Line; itemsMeasure: boolean } | undefined;

function lineOf(index: PlanIndex, ref: string): Target {
  const item = index.items.get(ref);
  if (item) return { line: item, itemsMeasure: false };
  const entry = index.indicators.get(ref);
  return entry ? { line: entry.self, itemsMeasure: entry.hasItems } : undefined;
}

/**
 * The fields sheets and templates edit: `comment`, `actuals.K`, `notes.K`, `evidenceSubmitted.K`,
 * and the Definitions sheet's (definition-fields.ts).
 */
const TEXT_MAPS = new Set(['notes', 'evidenceSubmitted']);

function splitField(field: string): { map: string; key: string } {
  const dot = field.indexOf('.');
  return dot < 0 ? { map: field, key: '' } : { map: field.slice(0, dot), key: field.slice(dot + 1) };
}

/**
 * What a plan holds in a field the sheets edit: a year's actual as the sheet shows it (built from
 * its periods when it has no annual value), a period's own actual, a note, evidence, the comment.
 */
export function fieldValue(index: PlanIndex, ref: string, field: string): FieldValue {
  const t = lineOf(index, ref);
  if (!t) return null;
  if (isDefinitionField(field)) return definitionValue(index, t.line, field);
  const owner = t.line.item ?? t.line.entry.indicator;
  const { map, key } = splitField(field);
  if (map === 'comment') return owner.comment ?? null;
  if (TEXT_MAPS.has(map)) return (owner[map as 'notes' | 'evidenceSubmitted'] ?? {})[key] ?? null;
  if (key.length > 4) return typeof t.line.actuals[key] === 'number' ? (t.line.actuals[key] as number) : null;
  const pos = index.yearPos.get(Number(key));
  return pos === undefined ? null : t.line.actualByYear[pos];
}

const same = (a: FieldValue, b: FieldValue) => a === b;

const refusal = (c: Pick<Refusal, 'ref' | 'field' | 'value' | 'at'>, code: Refusal['code'], reason: Bilingual): Refusal => ({ ...c, code, reason });

/** A reading's Definitions cells in the base's terms: titles and words as ids, confirmations, refusals. */
export function resolveReading(base: PlanIndex, r: SheetReading): SheetReading {
  if (!r.cells.some((c) => isDefinitionField(c.field))) return r;
  return { ...r, cells: r.cells.map((c) => resolveDefinitionCell(base, lineOf(base, c.ref)?.line, c)) };
}

/**
 * The cells whose content differs from the base, as edits; unreadable cells (whatever the base
 * held) as refusals. Without a base (a book built elsewhere), every cell is compared with the
 * current plan instead, so only differences count.
 */
export function sheetEdits(base: PlanIndex, readings: readonly SheetReading[]): { edits: Edit[]; refused: Refusal[] } {
  const byField = new Map<string, ReadCell[]>();
  const refused: Refusal[] = [];
  for (const given of readings) {
    const r = resolveReading(base, given);
    const { faults, skip } = layoutFaults(base, r, (ref, field) => fieldValue(base, ref, field));
    for (const f of faults) refused.push(faultRefusal(f));
    for (const cell of r.cells) {
      if (skip.has(cell)) continue;
      if (cell.unreadable) {
        refused.push(refusal({ ref: cell.ref, field: cell.field, value: cell.raw ?? '', at: cell.at }, 'unreadable', cell.unreadable));
        continue;
      }
      const baseValue = fieldValue(base, cell.ref, cell.field);
      if (lineOf(base, cell.ref) && same(baseValue, cell.value ?? null)) continue;
      if (!lineOf(base, cell.ref) && cell.value == null) continue;
      const key = `${cell.ref}\u0000${cell.field}`;
      (byField.get(key) ?? byField.set(key, []).get(key)!).push(cell);
    }
  }
  const edits: Edit[] = [];
  for (const cells of byField.values()) {
    const values = new Set(cells.map((c) => c.value ?? null));
    const first = cells[0];
    if (values.size > 1) {
      const where = cells.map((c) => `${c.at.sheet}!${c.at.address}`).join(', ');
      for (const c of cells) {
        refused.push(
          refusal({ ref: c.ref, field: c.field, value: c.value ?? null, at: c.at }, 'edited-twice', {
            en: `typed differently in ${where}: make them agree`,
            fa: `در ${where} به صورت متفاوت وارد شده است: آنها را یکسان کنید`,
          }),
        );
      }
      continue;
    }
    edits.push({ ref: first.ref, field: first.field, value: first.value ?? null, at: first.at });
  }
  return { edits, refused };
}

/** The months (1–12) of a year a period covers. */
function monthsOf(p: Period): [number, number] {
  const span = p.part === 'H' ? 6 : p.part === 'Q' ? 3 : p.part === 'M' ? 1 : 12;
  return [p.endMonth - span + 1, p.endMonth];
}

/**
 * A closed period's actuals do not change, nor those of any period inside it or containing it
 * (plan-format.md: 1403-H1 locks 1403-Q1 and 1403-M04; a year with a closed part is not open).
 * Periods of a year nest, so two of them overlap exactly when one contains the other. A year's
 * target is locked with the year or any part of it.
 */
export function isLocked(current: Plan, field: string): boolean {
  if (!field.startsWith('actuals.') && !field.startsWith('targets.')) return false;
  const key = parsePeriod(field.slice(field.indexOf('.') + 1));
  if (!key) return false;
  const [from, to] = monthsOf(key);
  return (current.meta.locked ?? []).some((text) => {
    const p = parsePeriod(text);
    if (!p || p.year !== key.year) return false;
    const [a, b] = monthsOf(p);
    return a <= to && from <= b;
  });
}

/** The period a field is for, when it is not one of the plan's years (nor its baseline year). */
function outsidePlan(current: PlanIndex, field: string): string | undefined {
  const { map, key } = splitField(field);
  if (map === 'comment' || key === '') return undefined;
  const p = parsePeriod(key);
  if (!p) return key;
  return current.yearPos.has(p.year) || p.year === current.plan.meta.baselineYear ? undefined : key;
}

/** Three-way: what the sheets changed against the base, applied to the current plan. */
export function mergeEdits(base: PlanIndex, current: PlanIndex, edits: readonly Edit[]): MergeResult {
  const result: MergeResult = { changes: [], conflicts: [], refused: [] };
  for (const e of edits) {
    const t = lineOf(current, e.ref);
    if (!t) {
      result.refused.push(refusal(e, 'unknown-ref', { en: `the plan has no "${e.ref}": the row may be from another plan or a deleted indicator`, fa: `برنامه "${e.ref}" را ندارد: شاید سطر از برنامه دیگری یا شاخصی حذف‌شده باشد` }));
      continue;
    }
    const outside = outsidePlan(current, e.field);
    if (outside !== undefined) {
      result.refused.push(refusal(e, 'outside-plan', { en: `${outside} is not a period of this plan (years ${current.years.join(', ')}): the sheet was built from a plan with other years; build it again`, fa: `${outside} دوره‌ای از این برنامه نیست (سال‌های ${current.years.join('، ')}): برگه از برنامه‌ای با سال‌های دیگر ساخته شده است؛ آن را دوباره بسازید` }));
      continue;
    }
    if (isLocked(current.plan, e.field)) {
      const { map, key: period } = splitField(e.field);
      result.refused.push(refusal(e, 'locked', map === 'targets'
        ? { en: `${period} is closed (meta.locked): its targets cannot change`, fa: `دوره ${isolate(period)} بسته شده است (${isolate('meta.locked')}): هدف آن تغییر نمی‌کند` }
        : { en: `${period} is closed (meta.locked): its actuals cannot change`, fa: `دوره ${isolate(period)} بسته شده است (${isolate('meta.locked')}): عملکرد آن تغییر نمی‌کند` }));
      continue;
    }
    if (t.itemsMeasure && (e.field.startsWith('actuals.') || e.field.startsWith('targets.') || e.field === 'horizon')) {
      const what = e.field.startsWith('actuals.') ? { en: 'actuals', fa: 'عملکرد' } : { en: 'targets', fa: 'هدف' };
      result.refused.push(refusal(e, 'measured-by-items', { en: `${e.ref} is measured by its items: type the ${what.en} in their rows`, fa: `${e.ref} با زیرشاخص‌هایش سنجیده می‌شود: ${what.fa} را در سطرهای آنها وارد کنید` }));
      continue;
    }
    const invalid = isDefinitionField(e.field) ? definitionProblem(current, t.line, e.field, e.value) : undefined;
    if (invalid) {
      result.refused.push(refusal(e, 'invalid', invalid));
      continue;
    }
    const file = fieldValue(current, e.ref, e.field);
    const was = lineOf(base, e.ref) ? fieldValue(base, e.ref, e.field) : file;
    if (same(file, e.value)) continue;
    if (!same(file, was)) {
      result.conflicts.push({ ref: e.ref, field: e.field, base: was, sheet: e.value, file, at: e.at });
      continue;
    }
    if (e.value === null && /^actuals\.\d{4}$/.test(e.field) && hasParts(t.line, e.field)) {
      result.refused.push(refusal(e, 'from-periods', { en: `this year's value comes from its periods (${partKeys(t.line, e.field).join(', ')}): change them in the plan file`, fa: `مقدار این سال از دوره‌هایش به دست می‌آید (${partKeys(t.line, e.field).join('، ')}): آنها را در فایل برنامه تغییر دهید` }));
      continue;
    }
    result.changes.push({ ...e, from: file });
  }
  return result;
}

function partKeys(line: Line, field: string): string[] {
  const year = field.slice('actuals.'.length);
  return Object.keys(line.actuals).filter((k) => k.startsWith(year + '-') && typeof line.actuals[k] === 'number');
}
const hasParts = (line: Line, field: string) => partKeys(line, field).length > 0;

export type Choice = 'sheet' | 'file';

/**
 * The new plan: the clean changes and the conflicts resolved as 'sheet', written into a copy of
 * the current plan, with the revision raised by one and an audit entry per change. Returns the
 * plan unchanged (same revision) when nothing applies.
 */
export function applyMerge(current: Plan, merge: MergeResult, choose: (c: Conflict) => Choice, by: string, at: string): { plan: Plan; applied: Change[] } {
  const chosen = merge.conflicts.filter((c) => choose(c) === 'sheet').map((c) => ({ ref: c.ref, field: c.field, from: c.file, value: c.sheet }));
  const all = [...merge.changes.map((c) => ({ ref: c.ref, field: c.field, from: c.from, value: c.value })), ...chosen];
  if (all.length === 0) return { plan: current, applied: [] };
  const plan = JSON.parse(JSON.stringify(current)) as Plan;
  const targets = fieldOwners(plan);
  const applied: Change[] = [];
  for (const c of all) {
    const target = targets.get(c.ref);
    if (!target) throw new Error(`no ${c.ref} in the plan`);
    if (isDefinitionField(c.field)) writeDefinition(plan, target, c.ref, c.field, c.value);
    else writeField(target, c.field, c.value);
    applied.push({ at, ...(by ? { by } : {}), ref: c.ref, field: c.field, from: c.from, to: c.value });
  }
  plan.meta.revision = (plan.meta.revision ?? 0) + 1;
  plan.changes = [...(plan.changes ?? []), ...applied];
  return { plan, applied };
}

type FieldOwner = Indicator | Item;

/** Indicators and items by the ref the sheets use (`ID`, `ID.ITEM`); ids default to the code. */
function fieldOwners(plan: Plan): Map<string, FieldOwner> {
  const owners = new Map<string, FieldOwner>();
  for (const ind of plan.indicators) {
    const id = ind.id ?? normalizeCode(ind.code);
    if (!owners.has(id)) owners.set(id, ind);
    for (const it of ind.items ?? []) if (!owners.has(`${id}.${it.id}`)) owners.set(`${id}.${it.id}`, it);
  }
  return owners;
}

function writeField(target: FieldOwner, field: string, value: FieldValue): void {
  const { map, key } = splitField(field);
  if (map === 'comment') {
    if (value === null) delete target.comment;
    else target.comment = String(value);
    return;
  }
  const values = (target[map as 'actuals' | 'notes' | 'evidenceSubmitted'] ??= {}) as Record<string, unknown>;
  if (value === null) delete values[key];
  else values[key] = map === 'actuals' ? value : String(value);
}
