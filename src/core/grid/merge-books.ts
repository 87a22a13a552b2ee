// Merging filled workbooks (indicator sheets and unit templates) into a plan, book after book:
// each against the plan it was built from, three ways. The CLI and the pane's import share it.
import type { Plan } from '../plan/plan.types';
import { buildIndex, type PlanIndex } from '../plan/plan-index';
import { loadPlan, loadPlanValue } from '../plan/load';
import type { Problem } from '../plan/problems';
import { unreadRefusals } from './unread-sheets';
import { templateEdits, type TemplateReading } from '../templates/template';
import type { SheetReading, FieldValue, RawCell } from './read';
import { applyMerge, fieldValue, mergeEdits, sheetEdits, type Choice, type Conflict, type Edit, type Refusal } from './merge';

export interface BookInput {
  name: string;
  readings: SheetReading[];
  templates: TemplateReading[];
  /** The plan JSON the book was built from, when it carries one. */
  storedPlan: string | null;
  /** Sheets that are neither live indicator sheets, templates nor a base: checked for values that would not be read. */
  unread?: Array<{ name: string; matrix: RawCell[][] }>;
}

/** A book that cannot be merged at all (another plan, or no base): nothing of it is applied. */
export class BookRefused extends Error {}

/** The merged plan would not pass validation: nothing is written. */
export class MergeInvalid extends Error {
  constructor(readonly problems: Problem[]) {
    super(`the merged plan would not be valid: ${problems.map((p) => `${p.path} ${p.message.en}`).join('; ')}`);
  }
}

export interface BooksMerge {
  /** The merged plan: revision + 1 when anything applied, the same plan otherwise. */
  plan: Plan;
  applied: Array<Edit & { from: FieldValue }>;
  conflicts: Conflict[];
  refused: Refusal[];
}

const show = (v: FieldValue) => (v === null ? '(empty)' : JSON.stringify(v));

/** What a book asks for: its typed values as edits against the plan it was built from, and what cannot be read. */
export interface BookEdits {
  /** The plan the book was built from (stored in it, or given). */
  base: PlanIndex;
  baseRevision: number;
  edits: Edit[];
  refused: Refusal[];
}

/**
 * The edits of one book against the plan it carries (or `givenBase`), for a plan `current` of
 * the same id: indicator sheets, templates (each limited to its own unit's lines), and values typed
 * where nothing is read back. A book of another plan, or without a base, is refused whole.
 */
export function bookEdits(book: BookInput, current: PlanIndex, givenBase?: PlanIndex): BookEdits {
  const stored = book.storedPlan ? loadPlan(book.storedPlan) : undefined;
  // A stored plan that does not load was damaged or altered: it is not a base to trust.
  if (stored && !stored.ok && !givenBase) {
    const first = stored.problems.find((p) => p.severity === 'error');
    throw new BookRefused(`${book.name}: the plan stored in it does not load (${first ? `${first.path || '(file)'} ${first.message.en}` : 'unknown'}): it was damaged or altered; give the plan it was built from with --base PLAN`);
  }
  const base = stored?.ok && stored.index ? stored.index : givenBase;
  // Without the plan the book was built from, a stale cell would look like a typed one and
  // could overwrite a newer value in the plan: refuse rather than guess.
  if (!base) throw new BookRefused(`${book.name} does not carry the plan it was built from (a program may have dropped it): give that plan with --base PLAN`);
  if (base.plan.meta.id !== current.plan.meta.id) throw new BookRefused(`${book.name} was built from plan "${base.plan.meta.id}", not "${current.plan.meta.id}"`);
  const fromSheets = sheetEdits(base, book.readings);
  const fromTemplates = book.templates.map((t) => templateEdits(base, current, t));
  const unread = unreadRefusals(base, book.unread ?? [], book.readings, book.name);
  const refused: Refusal[] = [];
  // Appended one list at a time: spreading 100,000 refusals into one call overflows the stack.
  for (const list of [fromSheets.refused, fromTemplates.flatMap((t) => t.refused), unread]) for (const r of list) refused.push(r);
  return { base, baseRevision: base.plan.meta.revision ?? 0, edits: [...fromSheets.edits, ...fromTemplates.flatMap((t) => t.edits)], refused };
}

export function mergeBooks(start: Plan, books: readonly BookInput[], choose: (c: Conflict) => Choice, by: string, at: string, givenBase?: PlanIndex): BooksMerge {
  let current = start;
  const startIndex = buildIndex(start);
  const startRevision = start.meta.revision ?? 0;
  const out: BooksMerge = { plan: start, applied: [], conflicts: [], refused: [] };
  for (const book of books) {
    const now = buildIndex(current);
    const { base, baseRevision, edits, refused } = bookEdits(book, now, givenBase);
    if (baseRevision > startRevision) throw new BookRefused(`${book.name} was built from revision ${baseRevision} of plan "${current.meta.id}", newer than this plan file (revision ${startRevision}): merge it into the newer plan`);
    // Every writer raises the revision, so a book of the plan file's own revision must carry the
    // very same values: where its hidden copy differs, the copy was altered.
    const altered = baseRevision === startRevision ? edits.filter((e) => fieldValue(base, e.ref, e.field) !== fieldValue(startIndex, e.ref, e.field)) : [];
    const skip = new Set(altered);
    const m = mergeEdits(base, now, edits.filter((e) => !skip.has(e)));
    // Appended one list at a time: spreading 100,000 refusals into one call overflows the stack.
    for (const list of [
      refused,
      altered.map((e) => ({
        ...e,
        code: 'tampered' as const,
        reason: {
          en: `the plan stored in the book says ${show(fieldValue(base, e.ref, e.field))} here, but the plan file of the same revision says ${show(fieldValue(startIndex, e.ref, e.field))}: the book's hidden copy of the plan was altered (or the plan file was edited without raising meta.revision), so this value is not applied`,
          fa: `برنامه ذخیره‌شده در کتاب اینجا ${show(fieldValue(base, e.ref, e.field))} می‌گوید اما فایل برنامه با همان ویرایش ${show(fieldValue(startIndex, e.ref, e.field))}: نسخه پنهان برنامه در کتاب تغییر داده شده است (یا فایل برنامه بدون افزایش meta.revision ویرایش شده است) و این مقدار اعمال نمی‌شود`,
        },
      })),
      m.refused,
    ]) {
      for (const r of list) out.refused.push(r);
    }
    for (const c of m.conflicts) out.conflicts.push(c);
    for (const c of m.changes) out.applied.push(c);
    for (const c of m.conflicts) if (choose(c) === 'sheet') out.applied.push({ ref: c.ref, field: c.field, value: c.sheet, at: c.at, from: c.file });
    // The next book merges against what this one made of the plan.
    current = applyMerge(current, m, choose, by, at).plan;
  }
  if (out.applied.length > 0) {
    current.meta.revision = startRevision + 1;
    // The last guard: whatever the books held, the plan written is one `validate` accepts.
    const checked = loadPlanValue(current);
    if (!checked.ok) throw new MergeInvalid(checked.problems.filter((p) => p.severity === 'error'));
  }
  out.plan = current;
  return out;
}
