// `POST /api/plans/:id/books`: a filled template or an edited workbook, merged as `plansheets
// merge` merges it: its typed values read against the plan it was built from, then through the
// same checks and merge as the changes route (rights, locks, three ways). The server keeps every
// revision, so the plan a book carries is checked against the server's own copy of that revision:
// a value whose hidden base was altered is refused, never applied.
import { readBook } from '../xlsx/read-book';
import { BookRefused, bookEdits } from '../core/grid/merge-books';
import { fieldValue, type Edit } from '../core/grid/merge';
import { isolate } from '../core/numbers/bidi';
import type { User } from '../core/rights/rights';
import type { Query } from './db';
import { applyChanges, screenChanges, type ChangesAnswer } from './changes';
import { badRequest } from './errors';
import { currentPlan, indexOfStored, revisionOf } from './store';
import { submit, waitsForReview } from './review';

type WithCell<T> = T & { cell?: string };
/** The answer of the changes route, each entry with the book's cell it came from. */
export interface BookAnswer {
  book: string;
  applied: Array<WithCell<ChangesAnswer['applied'][number]>>;
  conflicts: Array<WithCell<ChangesAnswer['conflicts'][number]>>;
  refused: Array<WithCell<ChangesAnswer['refused'][number]>>;
  revision: number;
}

/** A reporter's book kept for review, with what could not be read from it. */
export interface BookSubmitted {
  submission: string;
  status: 'pending';
  book: string;
  refused: BookAnswer['refused'];
}

/** Reads a workbook's bytes into its edits; a file that is not a PlanSheets book is a 400. */
export async function readBookEdits(bytes: Buffer, name: string) {
  try {
    return await readBook(bytes, name);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw badRequest('book', `${name} cannot be read as a workbook: ${why}`, `${isolate(name)} به‌عنوان کارپوشه خوانده نمی‌شود: ${isolate(why)}`);
  }
}

/** Runs inside the caller's transaction (the changes route locks the plan's row first). */
export async function applyBook(q: Query, id: string, user: User, bytes: Buffer, name: string, at: string): Promise<BookAnswer | BookSubmitted> {
  const book = await readBookEdits(bytes, name);
  const cur = await currentPlan(q, id, true);
  const current = indexOfStored(cur.doc);
  if (!current.ok || !current.index) throw badRequest('stored-plan', `the stored plan "${id}" does not load`, `برنامه ذخیره‌شده ${isolate(id)} بارگذاری نمی‌شود`);
  let parts;
  try {
    parts = bookEdits(book, current.index);
  } catch (e) {
    if (e instanceof BookRefused) throw badRequest('book', e.message, `${isolate(name)} پذیرفته نشد: ${isolate(e.message)}`);
    throw e;
  }
  if (parts.baseRevision > cur.revision) throw badRequest('base', `${name} was built from revision ${parts.baseRevision}, newer than plan "${id}" (revision ${cur.revision})`, `${isolate(name)} از ویرایش ${parts.baseRevision} ساخته شده که از برنامه ${isolate(id)} (ویرایش ${cur.revision}) جدیدتر است`);
  const trusted = parts.baseRevision === cur.revision ? current.index : indexOfStored((await revisionOf(q, id, parts.baseRevision)).doc).index;
  const cell = (e: { at: { sheet: string; address: string } }) => `${e.at.sheet}!${e.at.address}`;
  const refusedHere: BookAnswer['refused'] = parts.refused.map((r) => ({ ref: r.ref, field: r.field, value: r.value, reason: 'value' as const, message: r.reason, cell: cell(r) }));
  // The book's hidden copy must say what the server's copy of that revision says.
  const edits: Edit[] = [];
  for (const e of parts.edits) {
    const was = fieldValue(parts.base, e.ref, e.field);
    const truth = trusted ? fieldValue(trusted, e.ref, e.field) : was;
    if (was !== truth) {
      refusedHere.push({ ref: e.ref, field: e.field, value: e.value, reason: 'value', message: { en: `the plan stored in the book says ${JSON.stringify(was)} here, but revision ${parts.baseRevision} on the server says ${JSON.stringify(truth)}: the book's hidden copy was altered`, fa: `برنامه ذخیره‌شده در کارپوشه اینجا ${isolate(JSON.stringify(was))} می‌گوید اما ویرایش ${parts.baseRevision} روی سرور ${isolate(JSON.stringify(truth))}: نسخه پنهان کارپوشه تغییر داده شده است` }, cell: cell(e) });
    } else {
      edits.push(e);
    }
  }
  const cells = new Map(edits.map((e) => [`${e.ref}\u0000${e.field}`, cell(e)]));
  const withCell = <T extends { ref: string; field: string }>(x: T) => ({ ...x, cell: cells.get(`${x.ref}\u0000${x.field}`) });
  // Where the plan asks for review, a reporter's book waits as a submission of the values that could
  // be accepted; the others are refused now, each with its cell.
  if (edits.length > 0 && (await waitsForReview(q, id, user))) {
    const screened = screenChanges(current.index, user, edits.map((e) => ({ ref: e.ref, field: e.field, value: e.value })));
    const refused = [...refusedHere, ...screened.refused.map(withCell)];
    if (screened.edits.length === 0) return { book: name, applied: [], conflicts: [], refused, revision: cur.revision };
    const { submission, status } = await submit(q, id, user, { base: parts.baseRevision, changes: screened.edits.map((e) => ({ ref: e.ref, field: e.field, value: e.value })) });
    return { submission, status, book: name, refused };
  }
  const answer: ChangesAnswer =
    edits.length > 0
      ? await applyChanges(q, id, user, { base: parts.baseRevision, changes: edits.map((e) => ({ ref: e.ref, field: e.field, value: e.value })) }, at)
      : { applied: [], conflicts: [], refused: [], revision: cur.revision };
  return {
    book: name,
    applied: answer.applied.map(withCell),
    conflicts: answer.conflicts.map(withCell),
    refused: [...refusedHere, ...answer.refused.map(withCell)],
    revision: answer.revision,
  };
}
