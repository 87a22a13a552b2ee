// Which PlanSheets sheets of a workbook are live. A rebuild in Excel cannot replace sheets in one
// step: it writes a new generation of sheets beside the old one, then commits it by writing its
// base sheet's A1:B1 (one command, so a build cut short at any point leaves exactly one live
// generation), then retires the old sheets. Everything that reads sheets back (the pane's sync,
// the next build, the command line's merge) picks the live generation here, so a half-finished
// build is never read twice and nothing typed into the live sheets is lost.
import { KEY_ID } from './layout';
import { BASE_ID, BASE_PENDING_ID } from './base-sheet';

/** The id-row cell, after the last column, that names an indicator sheet's generation. */
export const GEN_PREFIX = 'plansheets:gen:';

export const genCell = (gen: number): string => `${GEN_PREFIX}${gen}`;

/**
 * The temporary names sheets are written under before they take their own: the indicator sheets
 * and base of generation `gen`, and the Facts and Pivots sheets. A clash with another sheet adds
 * ` N` (see TEMP_NAME).
 */
export const tempName = {
  sheet: (gen: number, i: number) => `PlanSheets~${gen}~${i}`,
  base: (gen: number) => `PlanSheets~${gen}`,
  facts: (stamp: number) => `PlanSheets~facts~${stamp}`,
  pivots: (stamp: number) => `PlanSheets~pivots~${stamp}`,
};

/** Any name tempName gives. */
export const TEMP_NAME = /^PlanSheets~(?:\d+(?:~\d+)?|facts~\d+|pivots~\d+)(?: \d+)?$/;

/** A Facts or Pivots sheet left under its temporary name by a write cut short. */
export const isTempFactsName = (name: string) => /^PlanSheets~(?:facts|pivots)~/.test(name);

/** A sheet as the reader first sees it: its name, row 1 (as far as read) and visibility. */
export interface SheetHead {
  name: string;
  /** Row 1's cells: A1 says what the sheet is; B1 of a base (or the id row's end) its generation. */
  row1: readonly unknown[];
}

export type SheetRole = 'base' | 'pending-base' | 'indicators' | 'other';

export function roleOf(head: SheetHead): SheetRole {
  const a1 = head.row1[0];
  if (a1 === BASE_ID) return 'base';
  if (a1 === BASE_PENDING_ID) return 'pending-base';
  if (a1 === KEY_ID) return 'indicators';
  return 'other';
}

/** A generation number from a cell (0 for sheets written before generations: the CLI's, older ones). */
function genNumber(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,15}$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/** The generation of a sheet: B1 of a base, the `plansheets:gen:N` cell of an indicator sheet's id row. */
export function generationOf(head: SheetHead): number {
  const role = roleOf(head);
  if (role === 'base' || role === 'pending-base') return genNumber(head.row1[1]);
  if (role !== 'indicators') return 0;
  for (const c of head.row1) if (typeof c === 'string' && c.startsWith(GEN_PREFIX)) return genNumber(c.slice(GEN_PREFIX.length));
  return 0;
}

export interface Generations {
  /** The live base sheet's name, or null when the workbook has no committed base. */
  base: string | null;
  /** The live generation (0 for books without generations). */
  live: number;
  /** Indicator sheets of the live generation. */
  sheets: string[];
  /** PlanSheets sheets of other generations, unfinished bases, empty sheets under a temporary name: left by a build cut short. */
  leftovers: string[];
  /** The generation the next build writes: above every generation in the workbook. */
  next: number;
}

/**
 * Picks the live generation: the committed base with the highest generation (the last one to
 * commit), and the indicator sheets of that generation. Without a base, sheets without a
 * generation are live (a book whose base a program dropped is still read, as before).
 */
export function generations(heads: readonly SheetHead[]): Generations {
  const seen = heads.map((h) => ({ name: h.name, role: roleOf(h), gen: generationOf(h) }));
  let base: (typeof seen)[number] | undefined;
  for (const h of seen) if (h.role === 'base' && (!base || h.gen > base.gen)) base = h;
  const live = base?.gen ?? 0;
  const sheets: string[] = [];
  const leftovers: string[] = [];
  for (const h of seen) {
    if (h.role === 'indicators') (h.gen === live ? sheets : leftovers).push(h.name);
    else if (h.role === 'pending-base' || (h.role === 'base' && h !== base)) leftovers.push(h.name);
    // A sheet added by a build cut short before its first cell was written.
    else if (h.role === 'other' && TEMP_NAME.test(h.name)) leftovers.push(h.name);
  }
  return { base: base?.name ?? null, live, sheets, leftovers, next: Math.max(0, ...seen.map((h) => h.gen)) + 1 };
}
