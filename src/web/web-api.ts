// The pages' calls to the server they came from: the session cookie signs them in (no token is
// kept by the page), and every change carries the header a cross-site form cannot send.
import { call, planPath, ServerError, type Answer, type CallInit } from '../client/server-api';
import { loadPlan } from '../core/plan/load';
import type { PlanIndex } from '../core/plan/plan-index';
import type { ChangeIn, ChangesAnswer, SubmissionAnswer } from '../core/api/changes-answer';
import type { Role } from '../core/rights/rights';

/** Sent with every page request: the server refuses a cookie-signed change without it. */
const CSRF = { 'x-plansheets-request': '1' };

export interface Me {
  name: string;
  role: Role;
  units: string[];
  expires?: string;
}

const here = () => new URL((globalThis as { location?: { origin: string } }).location?.origin ?? 'http://localhost');

export function api(path: string, init: CallInit = {}): Promise<Answer> {
  return call(here(), path, undefined, { ...init, headers: { ...CSRF, ...init.headers } });
}

const json = (body: unknown): CallInit => ({ method: 'POST', type: 'application/json', body: JSON.stringify(body) });
export { planPath };

/** Signs in with a token; the server answers with a session cookie and who this is. */
export async function signIn(token: string): Promise<Me> {
  return (await api('/api/session', json({ token: token.trim() }))).body as Me;
}

/** Who the session speaks for, or undefined when there is none (or it expired). */
export async function whoAmI(): Promise<Me | undefined> {
  try {
    return (await api('/api/session')).body as Me;
  } catch (e) {
    if (e instanceof ServerError && e.status === 401) return undefined;
    throw e;
  }
}

export async function signOut(): Promise<void> {
  await api('/api/session', { method: 'DELETE' }).catch(() => undefined);
}

export interface PlanEntry {
  id: string;
  revision: number;
  title?: string;
}

export async function listPlans(publicOnly = false): Promise<PlanEntry[]> {
  const list = (await api(publicOnly ? '/api/public/plans' : '/api/plans')).body;
  return Array.isArray(list) ? (list as PlanEntry[]) : [];
}

export interface LoadedPlan {
  index: PlanIndex;
  revision: number;
}

/** The plan as this session may read it (a reporter's: their units' lines), checked as a file is. */
export async function fetchPlan(id: string, publicOnly = false): Promise<LoadedPlan> {
  const answer = await api(publicOnly ? `/api/public/plans/${encodeURIComponent(id)}` : planPath(id));
  const r = loadPlan(answer.text);
  if (!r.ok || !r.index) throw new ServerError({ en: `the server sent a plan that does not load (${r.problems[0]?.message.en ?? ''})`, fa: 'کارساز برنامه‌ای فرستاد که بارگذاری نمی‌شود' });
  return { index: r.index, revision: r.index.plan.meta.revision ?? 0 };
}

export async function sendChanges(id: string, base: number, changes: ChangeIn[]): Promise<ChangesAnswer | SubmissionAnswer> {
  return (await api(`${planPath(id)}/changes`, json({ base, changes }))).body as ChangesAnswer | SubmissionAnswer;
}

export const postJson = (path: string, body: unknown) => api(path, json(body));
