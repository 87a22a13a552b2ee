// The change log as the secretariat reads it: filtered by unit, line or person, newest first,
// dated in the Jalali calendar.
import type { PlanIndex } from '../plan/plan-index';
import type { Change } from '../plan/plan.types';
import { lineOf, unitOf } from '../rights/rights';
import { jalaliDate as jalali } from '../numbers/format';
import { resolveRef } from '../functions/refs';
import { PlanError } from '../functions/errors';

/** A plan's change entry (the schema's Change) or the server's, which adds the revision. */
export type ChangeEntry = Change & { revision?: number };

export interface ChangeFilter {
  /** A unit id: the changes of its lines (an item's unit is its indicator's). */
  unit?: string;
  /**
   * An indicator (its own changes and its items') or a line `ID.ITEM`, by id or unique code as
   * people type it (Persian digits too); a ref the plan no longer has matches as written.
   */
  ref?: string;
  /** The person who made the change, as recorded. */
  by?: string;
}

/** The indicator a change's ref belongs to (`ID` or `ID.ITEM`); undefined for a line the plan no longer has. */
function indicatorOf(index: PlanIndex, ref: string): string | undefined {
  return lineOf(index, ref)?.entry.id;
}

/** What a typed ref names: an indicator (with its items) or one line; the text itself when the plan has neither. */
function refFilter(index: PlanIndex, ref: string): { owner?: string; line: string } {
  if (index.indicators.has(ref)) return { owner: ref, line: ref };
  if (index.items.has(ref)) return { line: ref };
  const t = resolveRef(index, ref);
  if (t instanceof PlanError || t.kind === 'group') return { line: ref };
  return t.kind === 'indicator' ? { owner: t.entry.id, line: t.entry.id } : { line: t.line.ref };
}

/**
 * The entries that match every filter given, newest first: by time, then by revision, then the
 * later-recorded first (the log is append-only, so the order it came in breaks ties). Entries
 * whose time is not a date sort last. The input is not changed.
 */
export function filterChanges<C extends ChangeEntry>(changes: readonly C[], index: PlanIndex, filter: ChangeFilter = {}): C[] {
  const { unit, ref, by } = filter;
  const wanted = ref === undefined ? undefined : refFilter(index, ref);
  const kept: Array<{ c: C; i: number; t: number }> = [];
  changes.forEach((c, i) => {
    if (by !== undefined && c.by !== by) return;
    if (unit !== undefined && unitOf(index, c.ref) !== unit) return;
    if (wanted && c.ref !== wanted.line && (wanted.owner === undefined || indicatorOf(index, c.ref) !== wanted.owner)) return;
    const t = Date.parse(c.at);
    kept.push({ c, i, t: Number.isNaN(t) ? -Infinity : t });
  });
  kept.sort((a, b) => b.t - a.t || (b.c.revision ?? 0) - (a.c.revision ?? 0) || b.i - a.i);
  return kept.map((k) => k.c);
}

/**
 * A change's time as the log shows it: `۱۴۰۳/۰۷/۱۵ ۱۴:۰۵` in Persian, `1403/07/15 14:05` in
 * English, on the Tehran wall clock (the IANA zone Asia/Tehran through the platform's Intl,
 * as the pane's log does). A text that is not a date is shown as it is.
 */
export function jalaliDate(iso: string, lang: 'en' | 'fa'): string {
  return jalali(iso, lang === 'fa' ? 'fa' : 'latn', true) ?? iso;
}
