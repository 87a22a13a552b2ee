// Syncing the workbook with a plan server: the typed values previewed as for a file (the same
// read, the same three-way merge against the plan as last fetched) are sent with that revision as
// their base; the server merges them again against its current plan, with the sender's rights.
// Then the plan comes back from the server and the sheets are rebuilt from it, keeping every typed
// value the server did not take: nothing typed is lost.
import type { CellRef, FieldValue } from '../core/grid/read';
import type { Choice, Conflict } from '../core/grid/merge';
import { isSubmission, type ChangeIn, type ChangesAnswer, type SubmissionAnswer } from '../core/api/changes-answer';
import type { Fetcher } from '../client/server-api';
import { ServerError } from '../client/server-api';
import type { WorkbookGateway } from '../excel/gateway';
import type { PlanStore } from './plan-store';
import { fetchServerPlan, sendServerChanges, type ServerLink } from './server-link';
import { buildSheets, type BuildOptions, type BuildResult, type SyncPreview } from './sheets-session';
import { isolate } from '../core/numbers/bidi';

export const changeKey = (c: { ref: string; field: string }) => `${c.ref}\u0000${c.field}`;

export interface ServerSync {
  answer: ChangesAnswer | SubmissionAnswer;
  /** Where each change sent was typed, by changeKey. */
  cells: Map<string, CellRef>;
  /** The rebuild from the server's new revision (none while a submission waits for review). */
  build?: BuildResult;
}

/** The changes a preview sends: its clean changes and the conflicts settled for the sheet. */
export function changesToSend(preview: SyncPreview, choose: (c: Conflict) => Choice): Array<ChangeIn & { at: CellRef }> {
  const chosen = preview.merge.conflicts.filter((c) => choose(c) === 'sheet').map((c) => ({ ref: c.ref, field: c.field, value: c.sheet, at: c.at }));
  return [...preview.merge.changes.map((c) => ({ ref: c.ref, field: c.field, value: c.value, at: c.at })), ...chosen];
}

type Rebuild = Omit<BuildOptions, 'discard' | 'definitions'>;

/**
 * Opens the server's current plan in the store (the sheets' new base) and, when the workbook has
 * indicator sheets, rebuilds them from it keeping typed values, except those in `discard`.
 */
export async function refreshFromServer(gateway: WorkbookGateway, store: PlanStore, link: ServerLink, options: Rebuild & { discard?: ReadonlySet<string>; rebuild?: boolean } = {}, fetcher?: Fetcher): Promise<{ revision: number; build?: BuildResult }> {
  const { text } = await fetchServerPlan(link, fetcher);
  const source = store.current?.source ?? link.planId;
  const r = await store.open(text, source, link);
  if (!r.ok) {
    const first = r.problems.find((p) => p.severity === 'error');
    throw new ServerError({ en: `${link.address} sent a plan that does not load (${first?.path ?? ''} ${first?.message.en ?? ''}): the workbook keeps the plan it had`, fa: `${isolate(link.address)} برنامه‌ای فرستاد که بارگذاری نمی‌شود: کارپوشه برنامه پیشین را نگه می‌دارد` });
  }
  const revision = store.current!.result.plan.meta.revision ?? 0;
  const rebuild = options.rebuild ?? (await gateway.readIndicatorSheets()).base !== null;
  if (!rebuild) return { revision };
  // The person stays where they were, as after a sync from a file.
  const view = await gateway.readView?.();
  const build = await buildSheets(gateway, store.current!, { by: options.by, rtlTemplate: options.rtlTemplate, definitions: 'keep', discard: options.discard });
  if (view) await gateway.restoreView?.(view);
  return { revision, build };
}

/**
 * Sends a previewed sync to the plan's server and, when the server merged it, refreshes the plan
 * and the sheets from the revision it made. Conflicts settled for the plan drop the typed value;
 * whatever the server refused or found in conflict stays typed in the sheets, to be seen and sent again.
 */
export async function sendSync(gateway: WorkbookGateway, store: PlanStore, link: ServerLink, preview: SyncPreview, choose: (c: Conflict) => Choice, options: Rebuild = {}, fetcher?: Fetcher): Promise<ServerSync> {
  const opened = store.current;
  if (!opened) throw new Error('no plan is open');
  const sending = changesToSend(preview, choose);
  const cells = new Map(sending.map((c) => [changeKey(c), c.at]));
  const discard = new Set(preview.merge.conflicts.filter((c) => choose(c) === 'file').map(changeKey));
  if (sending.length === 0) {
    // Every conflict settled for the plan: nothing to send; the sheets take the plan's values.
    const { revision, build } = await refreshFromServer(gateway, store, link, { ...options, discard, rebuild: true }, fetcher);
    return { answer: { applied: [], conflicts: [], refused: [], revision }, cells, build };
  }
  const base = opened.result.plan.meta.revision ?? 0;
  const answer = await sendServerChanges(link, base, sending.map(({ ref, field, value }) => ({ ref, field, value: value as FieldValue })), fetcher);
  if (isSubmission(answer)) return { answer, cells };
  const { build } = await refreshFromServer(gateway, store, link, { ...options, discard, rebuild: true }, fetcher);
  return { answer, cells, build };
}
