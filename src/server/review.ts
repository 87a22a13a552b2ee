// Review, where a plan asks for it (`meta.review: "required"`): a reporter's changes (sent as
// changes or in a workbook) wait as a pending submission; the secretariat accepts one (merged then,
// with the reporter's rights and the same answer as the changes route) or rejects it with a
// comment. Submissions are rows, so any server process can decide on them.
import type { User } from '../core/rights/rights';
import type { SubmissionAnswer } from '../core/api/changes-answer';
import type { Query } from './db';
import { applyChanges, baseIndexOf, readChangesBody, screenChanges, type ChangesAnswer } from './changes';
import { ApiError, badRequest } from './errors';
import { currentPlan, indexOfStored } from './store';

export type SubmissionStatus = 'pending' | 'accepted' | 'rejected';
export const SUBMISSION_STATUSES: readonly SubmissionStatus[] = ['pending', 'accepted', 'rejected'];

export interface Submission {
  id: string;
  plan: string;
  base: number;
  by: string;
  changes: unknown[];
  status: SubmissionStatus;
  comment: string | null;
  created: string;
  decided: string | null;
}

interface Row {
  id: string;
  plan_id: string;
  base: number;
  by: string;
  changes: string;
  status: SubmissionStatus;
  comment: string | null;
  created: Date | string;
  decided: Date | string | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const toSubmission = (r: Row): Submission => ({
  id: r.id,
  plan: r.plan_id,
  base: Number(r.base),
  by: r.by,
  changes: JSON.parse(r.changes) as unknown[],
  status: r.status,
  comment: r.comment,
  created: iso(r.created),
  decided: r.decided === null ? null : iso(r.decided),
});
const COLUMNS = 'id::text AS id, plan_id, base, by, changes::text AS changes, status, comment, created, decided';

/** Whether this person's changes to this plan wait for review. */
export async function waitsForReview(q: Query, planId: string, user: User): Promise<boolean> {
  if (user.role !== 'reporter') return false;
  const r = indexOfStored((await currentPlan(q, planId)).doc);
  return r.index?.plan.meta.review === 'required';
}

/**
 * Keeps a reporter's changes as a pending submission. What could never be accepted is refused now,
 * each change with its reason (another unit's line, a value the plan cannot hold), and only the
 * rest waits: nothing acceptable is lost, nothing unacceptable waits. A base this server never had,
 * or nothing acceptable at all, is a 400. Rights and the merge run again on acceptance.
 */
export async function submit(q: Query, planId: string, user: User, body: unknown): Promise<SubmissionAnswer & { refused?: ChangesAnswer['refused'] }> {
  const { base, changes } = readChangesBody(body);
  const cur = await currentPlan(q, planId);
  const current = indexOfStored(cur.doc).index;
  if (!current) throw new ApiError(500, 'stored-plan', { en: `the stored plan "${planId}" does not load`, fa: `برنامه ذخیره‌شده «${planId}» بارگذاری نمی‌شود` });
  await baseIndexOf(q, planId, base, cur, current);
  const { edits, refused } = screenChanges(current, user, changes);
  if (edits.length === 0) {
    const first = refused[0];
    throw badRequest('changes', `none of the changes can be submitted (${first.ref} ${first.field}: ${first.message.en}); nothing was kept`, `هیچ‌یک از تغییرات را نمی‌توان فرستاد (${first.ref} ${first.field}: ${first.message.fa})؛ چیزی نگه داشته نشد`, { refused });
  }
  const kept = edits.map((e) => ({ ref: e.ref, field: e.field, value: e.value }));
  const [row] = await q<{ id: string }>('INSERT INTO submissions (plan_id, base, by, changes) VALUES ($1, $2, $3, $4::jsonb) RETURNING id::text AS id', [planId, base, user.name, JSON.stringify(kept)]);
  return { submission: row.id, status: 'pending', ...(refused.length ? { refused } : {}) };
}

/** A plan's submissions, oldest first; a reporter sees only their own. */
export async function listSubmissions(q: Query, planId: string, user: User, status?: string): Promise<Submission[]> {
  if (status !== undefined && !SUBMISSION_STATUSES.includes(status as SubmissionStatus)) {
    throw badRequest('query', `status must be ${SUBMISSION_STATUSES.join(', ')}, not ${JSON.stringify(status)}`, `status باید یکی از ${SUBMISSION_STATUSES.join('، ')} باشد، نه ${JSON.stringify(status)}`);
  }
  await currentPlan(q, planId);
  const mine = user.role === 'reporter';
  const rows = await q<Row>(
    `SELECT ${COLUMNS} FROM submissions WHERE plan_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR by = $3) ORDER BY id`,
    [planId, status ?? null, mine ? user.name : null],
  );
  return rows.map(toSubmission);
}

/** The submission, locked for the decision; only a pending one can be decided. */
async function pending(q: Query, id: string): Promise<Submission> {
  if (!/^\d{1,18}$/.test(id)) throw badRequest('submission', `a submission id is a whole number, not ${JSON.stringify(id)}`, `شناسه ارسال عدد صحیح است، نه ${JSON.stringify(id)}`);
  const [row] = await q<Row>(`SELECT ${COLUMNS} FROM submissions WHERE id = $1::bigint FOR UPDATE`, [id]);
  if (!row) throw new ApiError(404, 'not-found', { en: `submission ${id} does not exist`, fa: `ارسال ${id} وجود ندارد` });
  const s = toSubmission(row);
  if (s.status !== 'pending') throw new ApiError(409, 'decided', { en: `submission ${id} was already ${s.status}`, fa: `درباره ارسال ${id} پیش‌تر تصمیم گرفته شده است (${s.status})` });
  return s;
}

/** Accepts: merged now with the submitter's rights (a person since revoked is refused), as the changes route would. */
export async function accept(q: Query, id: string, decidedBy: User, comment: string | undefined, at: string): Promise<ChangesAnswer & { submission: string; status: 'accepted' }> {
  const s = await pending(q, id);
  const [who] = await q<{ name: string; role: User['role']; units: string[] }>('SELECT name, role, units FROM users WHERE name = $1 AND revoked IS NULL', [s.by]);
  if (!who) throw new ApiError(409, 'submitter', { en: `${s.by}, who sent submission ${id}, is no longer allowed to report`, fa: `${s.by} که ارسال ${id} را فرستاده، دیگر اجازه گزارش ندارد` });
  const answer = await applyChanges(q, s.plan, { name: who.name, role: who.role, units: who.units }, { base: s.base, changes: s.changes }, at);
  await q("UPDATE submissions SET status = 'accepted', decided = now(), comment = $2 WHERE id = $1::bigint", [id, comment ?? `accepted by ${decidedBy.name}`]);
  return { ...answer, submission: id, status: 'accepted' };
}

/** Rejects with a comment for the reporter; nothing of it is applied. */
export async function reject(q: Query, id: string, comment: unknown): Promise<{ submission: string; status: 'rejected'; comment: string }> {
  if (typeof comment !== 'string' || comment.trim() === '' || comment.length > 2000) {
    throw badRequest('comment', 'a rejection says why: send {"comment": "…"} (at most 2,000 characters)', 'رد کردن دلیل می‌خواهد: {"comment": "…"} بفرستید (حداکثر ۲٬۰۰۰ نویسه)');
  }
  await pending(q, id);
  await q("UPDATE submissions SET status = 'rejected', decided = now(), comment = $2 WHERE id = $1::bigint", [id, comment]);
  return { submission: id, status: 'rejected', comment };
}
