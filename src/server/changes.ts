// `POST /api/plans/:id/changes`: a client's changes, merged three ways on the server against the
// current revision, inside one transaction that holds the plan's row. Each change ends in exactly
// one of applied, conflicts (the plan changed since the client's base: nothing applied for it)
// or refused (with a reason code and a message in both languages).
import type { Plan } from '../core/plan/plan.types';
import type { PlanIndex } from '../core/plan/plan-index';
import type { Bilingual } from '../core/plan/problems';
import type { ChangeIn, ChangesAnswer, Reason } from '../core/api/changes-answer';
import type { FieldValue } from '../core/grid/read';
import { applyMerge, mergeEdits, type Edit, type Refusal } from '../core/grid/merge';
import { loadPlanValue } from '../core/plan/load';
import { stringifyPlan } from '../core/plan/canonical-json';
import { checkChange, type User } from '../core/rights/rights';
import { numberProblem, textProblem } from '../core/numbers/limits';
import { parseNumber } from '../core/numbers/parse-number';
import type { Query } from './db';
import { badRequest, ApiError } from './errors';
import { currentPlan, indexOfStored, revisionOf, storeRevision } from './store';

export type { ChangeIn, ChangesAnswer, Reason };

/** The most changes one request may carry: a whole large plan's year, far beyond one unit's. */
export const MAX_CHANGES = 100_000;

/** The merge's refusal codes in the API's terms. */
const REASONS: Record<Refusal['code'], Reason> = {
  locked: 'locked',
  'unknown-ref': 'unknown',
  'outside-plan': 'field',
  'measured-by-items': 'field',
  'other-unit': 'unit',
  'from-periods': 'value',
  invalid: 'value',
  unreadable: 'value',
  'edited-twice': 'value',
  tampered: 'value',
  'not-read-back': 'value',
};

/** The request body, checked for shape: anything else is a 400 and nothing is looked at. */
export function readChangesBody(body: unknown): { base: number; changes: unknown[] } {
  const b = body as { base?: unknown; changes?: unknown } | null;
  if (b === null || typeof b !== 'object' || Array.isArray(b)) throw badRequest('body', 'send {"base": REVISION, "changes": [{"ref", "field", "value"}, …]}', 'بفرستید: {"base": REVISION, "changes": [{"ref", "field", "value"}, …]}');
  if (typeof b.base !== 'number' || !Number.isInteger(b.base) || b.base < 0) throw badRequest('base', `"base" must be the revision the changes start from (a whole number), not ${JSON.stringify(b.base) ?? 'nothing'}`, `«base» باید ویرایشی باشد که تغییرات از آن آغاز شده‌اند (عدد صحیح)، نه ${JSON.stringify(b.base) ?? 'هیچ'}`);
  if (!Array.isArray(b.changes) || b.changes.length === 0) throw badRequest('changes', '"changes" must be a list of at least one {"ref", "field", "value"}', '«changes» باید فهرستی از دست‌کم یک {"ref", "field", "value"} باشد');
  if (b.changes.length > MAX_CHANGES) throw badRequest('changes', `at most ${MAX_CHANGES} changes in one request, not ${b.changes.length}`, `حداکثر ${MAX_CHANGES} تغییر در یک درخواست، نه ${b.changes.length}`);
  return { base: b.base, changes: b.changes };
}

// A refused value goes back as sent when it is a plain value, else quoted (short) in its place.
const refuse = (c: { ref: string; field: string; value: unknown }, reason: Reason, message: Bilingual) => ({ ref: c.ref, field: c.field, value: c.value === null || typeof c.value !== 'object' ? c.value : quoted(c.value), reason, message });

/** A sent value as a message quotes it: short, and never a failure of its own (a value nested thousands deep). */
function quoted(v: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(v);
  } catch {
    text = undefined;
  }
  if (text === undefined) return Array.isArray(v) ? '[…]' : typeof v === 'object' && v !== null ? '{…}' : String(v);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** A change's own shape and value, before rights and the merge: its value as the plan would hold it, or why not. */
function checkValue(c: ChangeIn): { value: FieldValue } | { message: Bilingual } {
  const v: unknown = c.value;
  if (v === null) return { value: null };
  if (c.field.startsWith('actuals.')) {
    // Persian digits and separators read as in a sheet; a number must be one the plan can hold.
    const n = typeof v === 'number' ? { ok: true as const, value: v } : typeof v === 'string' ? parseNumber(v) : undefined;
    if (!n || !n.ok) return { message: { en: `an actual is a number (or null for none), not ${quoted(v)}`, fa: `عملکرد عدد است (یا null برای «بدون مقدار»)، نه ${quoted(v)}` } };
    const problem = n.value === null ? undefined : numberProblem(n.value);
    return problem ? { message: problem } : { value: n.value };
  }
  if (typeof v === 'string') {
    const problem = textProblem(v);
    return problem ? { message: problem } : { value: v };
  }
  if (typeof v === 'number' && !c.field.startsWith('notes.') && !c.field.startsWith('evidenceSubmitted.') && c.field !== 'comment') {
    const problem = numberProblem(v);
    return problem ? { message: problem } : { value: v };
  }
  return { message: { en: `expected a text (or null), not ${quoted(v)}`, fa: `متن (یا null) انتظار می‌رفت، نه ${quoted(v)}` } };
}

const isChange = (c: unknown): c is ChangeIn => {
  const x = c as Partial<ChangeIn> | null;
  return x !== null && typeof x === 'object' && typeof x.ref === 'string' && x.ref.length > 0 && x.ref.length <= 200 && typeof x.field === 'string' && x.field.length <= 100 && 'value' in x;
};

const usable = (id: string, what: string, r: ReturnType<typeof indexOfStored>): PlanIndex => {
  if (r.ok && r.index) return r.index;
  throw new ApiError(500, 'stored-plan', { en: `the stored ${what} of plan "${id}" does not load`, fa: `${what} ذخیره‌شده برنامه «${id}» بارگذاری نمی‌شود` });
};

/**
 * Each change's shape, the sender's right to make it, and its value, before any merge: the
 * edits that may go on, and the refusals. The changes route and a submission's intake both run it.
 */
export function screenChanges(current: PlanIndex, user: User, changes: readonly unknown[]): { edits: Edit[]; refused: ChangesAnswer['refused'] } {
  const refused: ChangesAnswer['refused'] = [];
  const edits: Edit[] = [];
  const given = changes.map((c) => (isChange(c) ? `${c.ref}\u0000${c.field}` : ''));
  const counts = new Map<string, number>();
  for (const k of given) counts.set(k, (counts.get(k) ?? 0) + 1);
  changes.forEach((c, i) => {
    if (!isChange(c)) {
      const x = (c ?? {}) as { ref?: unknown; field?: unknown; value?: unknown };
      refused.push(refuse({ ref: String(x.ref ?? ''), field: String(x.field ?? ''), value: x.value ?? null }, 'value', { en: `change ${i} is not {"ref": text, "field": text, "value": number, text or null}`, fa: `تغییر ${i} به شکل {"ref": متن، "field": متن، "value": عدد، متن یا null} نیست` }));
      return;
    }
    const right = checkChange(current, user, c);
    if (right) return void refused.push(refuse(c, right.code, right.message));
    if (counts.get(given[i])! > 1) return void refused.push(refuse(c, 'value', { en: `${c.ref} ${c.field} is given ${counts.get(given[i])} times in this request: send it once`, fa: `${c.ref} ${c.field} در این درخواست ${counts.get(given[i])} بار آمده است: یک بار بفرستید` }));
    const v = checkValue(c);
    if ('message' in v) return void refused.push(refuse(c, 'value', v.message));
    // The change's place in the request travels with it through the merge.
    edits.push({ ref: c.ref, field: c.field, value: v.value, at: { sheet: 'changes', address: String(i) } });
  });
  return { edits, refused };
}

/** The revision changes start from, checked against the plan: newer than it, or one this server never had, is a 400. */
export async function baseIndexOf(q: Query, id: string, base: number, cur: { revision: number }, current: PlanIndex): Promise<PlanIndex> {
  if (base > cur.revision) throw badRequest('base', `base ${base} is newer than plan "${id}" (revision ${cur.revision})`, `ویرایش پایه ${base} از برنامه «${id}» (ویرایش ${cur.revision}) جدیدتر است`);
  if (base === cur.revision) return current;
  const baseDoc = await revisionOf(q, id, base).catch(() => {
    throw badRequest('base', `plan "${id}" has no revision ${base} on this server: get the plan again`, `برنامه «${id}» ویرایش ${base} را روی این سرور ندارد: برنامه را دوباره بگیرید`);
  });
  return usable(id, `revision ${base}`, indexOfStored(baseDoc.doc));
}

/** Runs inside the caller's transaction: the plan's row is locked first, so writers take turns. */
export async function applyChanges(q: Query, id: string, user: User, body: unknown, at: string): Promise<ChangesAnswer> {
  const { base, changes } = readChangesBody(body);
  const cur = await currentPlan(q, id, true);
  const current = usable(id, 'current revision', indexOfStored(cur.doc));
  const baseIndex = await baseIndexOf(q, id, base, cur, current);

  const answer: ChangesAnswer = { applied: [], conflicts: [], refused: [], revision: cur.revision };
  const { edits, refused } = screenChanges(current, user, changes);
  answer.refused.push(...refused);

  const m = mergeEdits(baseIndex, current, edits);
  for (const r of m.refused) answer.refused.push(refuse({ ref: r.ref, field: r.field, value: r.value }, REASONS[r.code], r.reason));
  for (const c of m.conflicts) {
    answer.conflicts.push({ ref: c.ref, field: c.field, value: c.sheet, base: c.base, current: c.file, message: { en: `changed on the server since revision ${base} (now ${JSON.stringify(c.file)}): nothing applied; look again and resend`, fa: `از ویرایش ${base} روی سرور تغییر کرده است (اکنون ${JSON.stringify(c.file)}): اعمال نشد؛ دوباره ببینید و بفرستید` } });
  }
  for (const c of m.changes) answer.applied.push({ ref: c.ref, field: c.field, from: c.from, to: c.value });
  // What the plan already holds is acknowledged as applied, without a new revision (a resend after a lost answer).
  const placed = new Set([...m.changes, ...m.conflicts, ...m.refused].map((x) => x.at.address));
  for (const e of edits) if (!placed.has(e.at.address)) answer.applied.push({ ref: e.ref, field: e.field, from: e.value, to: e.value, unchanged: true });

  if (m.changes.length > 0) {
    const { plan, applied } = applyMerge(current.plan as Plan, m, () => 'file', user.name, at);
    plan.meta.revision = cur.revision + 1;
    const checked = loadPlanValue(plan);
    // The last guard, as in `plansheets merge`: whatever was sent, the plan stored is one `validate` accepts.
    if (!checked.ok) throw badRequest('invalid', `the changes would make the plan invalid: ${checked.problems.filter((p) => p.severity === 'error').map((p) => `${p.path} ${p.message.en}`).join('; ')}`, `این تغییرات برنامه را نامعتبر می‌کنند: ${checked.problems.filter((p) => p.severity === 'error').map((p) => `${p.path} ${p.message.fa}`).join('؛ ')}`);
    answer.revision = cur.revision + 1;
    await storeRevision(q, id, answer.revision, stringifyPlan(plan), user.name, at, applied);
  }
  return answer;
}
