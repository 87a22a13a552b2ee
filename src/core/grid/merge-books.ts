// Merging filled workbooks (indicator sheets and unit templates) into a plan, book after book:
// each against the plan it was built from, three ways. The CLI and the pane's import share it.
import type { Plan } from '../plan/plan.types';
import { buildIndex, type PlanIndex } from '../plan/plan-index';
import { loadPlan } from '../plan/load';
import { templateEdits, type TemplateReading } from '../templates/template';
import type { SheetReading, FieldValue } from './read';
import { applyMerge, mergeEdits, sheetEdits, type Choice, type Conflict, type Edit, type Refusal } from './merge';

export interface BookInput {
  name: string;
  readings: SheetReading[];
  templates: TemplateReading[];
  /** The plan JSON the book was built from, when it carries one. */
  storedPlan: string | null;
}

/** A book that cannot be merged at all (another plan, or no base): nothing of it is applied. */
export class BookRefused extends Error {}

export interface BooksMerge {
  /** The merged plan: revision + 1 when anything applied, the same plan otherwise. */
  plan: Plan;
  applied: Array<Edit & { from: FieldValue }>;
  conflicts: Conflict[];
  refused: Refusal[];
}

export function mergeBooks(start: Plan, books: readonly BookInput[], choose: (c: Conflict) => Choice, by: string, at: string, givenBase?: PlanIndex): BooksMerge {
  let current = start;
  const out: BooksMerge = { plan: start, applied: [], conflicts: [], refused: [] };
  for (const book of books) {
    const now = buildIndex(current);
    const stored = book.storedPlan ? loadPlan(book.storedPlan) : undefined;
    const base = stored?.ok && stored.index ? stored.index : givenBase;
    // Without the plan the book was built from, a stale cell would look like a typed one and
    // could overwrite a newer value in the plan: refuse rather than guess.
    if (!base) throw new BookRefused(`${book.name} does not carry the plan it was built from (a program may have dropped it): give that plan with --base PLAN`);
    if (base.plan.meta.id !== current.meta.id) throw new BookRefused(`${book.name} was built from plan "${base.plan.meta.id}", not "${current.meta.id}"`);
    // Indicator sheets, and templates (each limited to its own unit's lines).
    const fromSheets = sheetEdits(base, book.readings);
    const fromTemplates = book.templates.map((t) => templateEdits(base, now, t));
    const m = mergeEdits(base, now, [...fromSheets.edits, ...fromTemplates.flatMap((t) => t.edits)]);
    out.refused.push(...fromSheets.refused, ...fromTemplates.flatMap((t) => t.refused), ...m.refused);
    out.conflicts.push(...m.conflicts);
    out.applied.push(...m.changes, ...m.conflicts.filter((c) => choose(c) === 'sheet').map((c) => ({ ref: c.ref, field: c.field, value: c.sheet, at: c.at, from: c.file })));
    // The next book merges against what this one made of the plan.
    current = applyMerge(current, m, choose, by, at).plan;
  }
  if (out.applied.length > 0) current.meta.revision = (start.meta.revision ?? 0) + 1;
  out.plan = current;
  return out;
}
