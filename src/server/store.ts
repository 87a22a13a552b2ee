// The plans' SQL: current documents, every revision, the change rows. Documents are stored as the
// text given (or as the merge wrote it), so the server gives back the very file.
import { createHash } from 'crypto';
import type { Query } from './db';
import type { Change } from '../core/plan/plan.types';
import type { FieldValue } from '../core/grid/read';
import { loadPlan, type LoadResult } from '../core/plan/load';
import { ApiError, notFound } from './errors';

export interface Stored {
  revision: number;
  doc: string;
}

const noPlan = (id: string) => notFound({ en: `plan "${id}"`, fa: `برنامه «${id}»` });

/** The current document; `lock` holds the plan's row until the transaction ends (writers take turns). */
export async function currentPlan(q: Query, id: string, lock = false): Promise<Stored> {
  const [row] = await q<Stored>(`SELECT revision, doc FROM plans WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!row) throw noPlan(id);
  return row;
}

export async function revisionOf(q: Query, id: string, revision: number): Promise<Stored> {
  const [row] = await q<Stored>('SELECT revision, doc FROM revisions WHERE plan_id = $1 AND revision = $2', [id, revision]);
  if (row) return row;
  await currentPlan(q, id);
  throw new ApiError(404, 'not-found', { en: `plan "${id}" has no revision ${revision} on this server`, fa: `برنامه «${id}» ویرایش ${revision} را روی این سرور ندارد` });
}

export async function listPlans(q: Query): Promise<Array<{ id: string; revision: number; updated: string }>> {
  const rows = await q<{ id: string; revision: number; updated: Date | string }>('SELECT id, revision, updated FROM plans ORDER BY id');
  return rows.map((r) => ({ id: r.id, revision: r.revision, updated: new Date(r.updated).toISOString() }));
}

/** A new plan at the revision its file says; false when the id is taken. */
export async function insertPlan(q: Query, id: string, revision: number, doc: string, by: string, at: string): Promise<boolean> {
  const made = await q('INSERT INTO plans (id, revision, doc, updated) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING id', [id, revision, doc, at]);
  if (made.length === 0) return false;
  await q('INSERT INTO revisions (plan_id, revision, doc, at, by) VALUES ($1, $2, $3, $4, $5)', [id, revision, doc, at, by]);
  return true;
}

/** The next revision of a plan whose row the transaction holds, with its change rows. */
export async function storeRevision(q: Query, id: string, revision: number, doc: string, by: string, at: string, changes: readonly Change[]): Promise<void> {
  await q('UPDATE plans SET revision = $2, doc = $3, updated = $4 WHERE id = $1', [id, revision, doc, at]);
  await q('INSERT INTO revisions (plan_id, revision, doc, at, by) VALUES ($1, $2, $3, $4, $5)', [id, revision, doc, at, by]);
  if (changes.length === 0) return;
  // One statement for all rows: arrays unnested side by side.
  const col = <T>(f: (c: Change) => T) => changes.map(f);
  await q(
    `INSERT INTO changes (plan_id, revision, at, by, ref, field, from_value, to_value)
     SELECT $1, $2, $3, $4, r, f, fv::jsonb, tv::jsonb FROM unnest($5::text[], $6::text[], $7::text[], $8::text[]) AS t(r, f, fv, tv)`,
    [id, revision, at, by, col((c) => c.ref), col((c) => c.field), col((c) => JSON.stringify(c.from ?? null)), col((c) => JSON.stringify(c.to ?? null))],
  );
}

export interface ChangeRow {
  at: string;
  by: string;
  ref: string;
  field: string;
  from: FieldValue;
  to: FieldValue;
  revision: number;
}

export async function changesSince(q: Query, id: string, since: number): Promise<ChangeRow[]> {
  const rows = await q<{ at: Date | string; by: string; ref: string; field: string; from_value: FieldValue; to_value: FieldValue; revision: number }>(
    'SELECT at, by, ref, field, from_value, to_value, revision FROM changes WHERE plan_id = $1 AND revision > $2 ORDER BY revision, id',
    [id, since],
  );
  return rows.map((r) => ({ at: new Date(r.at).toISOString(), by: r.by, ref: r.ref, field: r.field, from: r.from_value, to: r.to_value, revision: r.revision }));
}

// A checked index is kept by the document's hash: the same text is the same plan in every
// process and every database, so nothing stale can be served from it.
const loaded = new Map<string, LoadResult>();
const KEEP = 16;

/** A stored document, checked and indexed (the same checks as `validate`). Shared: never mutate it. */
export function indexOfStored(doc: string): LoadResult {
  const key = createHash('sha256').update(doc).digest('base64');
  let r = loaded.get(key);
  if (r) return r;
  r = loadPlan(doc);
  loaded.set(key, r);
  if (loaded.size > KEEP) loaded.delete(loaded.keys().next().value!);
  return r;
}
