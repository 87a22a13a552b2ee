// The pane's link to a plan on a plan server: where it is, who is asking, which plan. The
// address and token are remembered for the person (the webview's storage is theirs alone), so
// the next workbook opens from the same server without asking again.
import { isolate } from '../core/numbers/bidi';
import { call, parseServerAddress, planPath, revisionOfEtag, ServerError, type Fetcher } from '../client/server-api';
import type { ChangeIn, ChangesAnswer, SubmissionAnswer } from '../core/api/changes-answer';

export interface ServerLink {
  /** The server's address as given (http(s)://host:port). */
  address: string;
  token: string;
  planId: string;
}

export type Connection = Omit<ServerLink, 'planId'> & { planId?: string };

const KEY = 'plansheets.server';

/** The webview's local storage (none in Node, or when the browser refuses it). */
interface KeyStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
const local = (): KeyStore | undefined => {
  try {
    return (globalThis as { localStorage?: KeyStore }).localStorage;
  } catch {
    return undefined;
  }
};

/** The connection remembered for this person, if any (a damaged entry counts as none). */
export function rememberedConnection(storage: Pick<KeyStore, 'getItem'> | undefined = local()): Connection | undefined {
  try {
    const v = JSON.parse(storage?.getItem(KEY) ?? 'null') as Partial<Connection> | null;
    if (v && typeof v.address === 'string' && typeof v.token === 'string') return { address: v.address, token: v.token, ...(typeof v.planId === 'string' ? { planId: v.planId } : {}) };
  } catch {
    // unreadable: as if nothing were remembered
  }
  return undefined;
}

export function rememberConnection(c: Connection, storage: Pick<KeyStore, 'setItem'> | undefined = local()): void {
  try {
    storage?.setItem(KEY, JSON.stringify(c));
  } catch {
    // private mode or no storage: the link still works this time
  }
}

export function forgetConnection(storage: Pick<KeyStore, 'removeItem'> | undefined = local()): void {
  try {
    storage?.removeItem(KEY);
  } catch {
    // nothing to forget
  }
}

function urlOf(address: string): URL {
  const r = parseServerAddress(address);
  if ('problem' in r) throw new ServerError(r.problem);
  return r.url;
}

/** The plans this token may open, with their current revisions. */
export async function listServerPlans(c: Connection, fetcher?: Fetcher): Promise<Array<{ id: string; revision: number }>> {
  const answer = await call(urlOf(c.address), '/api/plans', c.token, {}, fetcher);
  const list = Array.isArray(answer.body) ? (answer.body as Array<{ id?: unknown; revision?: unknown }>) : [];
  return list.filter((p) => typeof p.id === 'string' && typeof p.revision === 'number').map((p) => ({ id: p.id as string, revision: p.revision as number }));
}

/** The plan as this token may read it (a reporter's: their units' lines), with its revision. */
export async function fetchServerPlan(link: ServerLink, fetcher?: Fetcher): Promise<{ text: string; revision: number | undefined }> {
  const answer = await call(urlOf(link.address), planPath(link.planId), link.token, {}, fetcher);
  return { text: answer.text, revision: revisionOfEtag(answer.headers.get('etag')) };
}

/** The plan's revision on the server now (one small request: the list of plans). */
export async function serverRevision(link: ServerLink, fetcher?: Fetcher): Promise<number | undefined> {
  return (await listServerPlans(link, fetcher)).find((p) => p.id === link.planId)?.revision;
}

/** Sends changes made from `base`; the server merges them three ways (or keeps them for review). */
export async function sendServerChanges(link: ServerLink, base: number, changes: ChangeIn[], fetcher?: Fetcher): Promise<ChangesAnswer | SubmissionAnswer> {
  const answer = await call(urlOf(link.address), `${planPath(link.planId)}/changes`, link.token, { method: 'POST', type: 'application/json', body: JSON.stringify({ base, changes }) }, fetcher);
  const body = answer.body as Partial<ChangesAnswer & SubmissionAnswer> | null;
  const isAnswer = body !== null && typeof body === 'object' && (typeof body.submission === 'string' || (Array.isArray(body.applied) && Array.isArray(body.conflicts) && Array.isArray(body.refused) && typeof body.revision === 'number'));
  if (!isAnswer) throw new ServerError({ en: `${link.address} did not answer as a plan server does (status ${answer.status}); send again once it does`, fa: `پاسخ ${isolate(link.address)} پاسخ کارساز برنامه نبود (وضعیت ${answer.status})؛ وقتی درست شد دوباره بفرستید` });
  return body as ChangesAnswer | SubmissionAnswer;
}

/** The server a plan in the pane belongs to: the one it was opened from, or the remembered one when the workbook holds that plan. */
export function linkOf(opened: { server?: ServerLink; result: { plan: { meta: { id: string } } } } | undefined, remembered: Connection | undefined = rememberedConnection()): ServerLink | undefined {
  if (!opened) return undefined;
  if (opened.server) return opened.server;
  return remembered?.planId === opened.result.plan.meta.id ? (remembered as ServerLink) : undefined;
}
