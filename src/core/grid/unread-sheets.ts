// Sheets that nothing reads back but where people may still have typed: the Facts table, and an
// indicator sheet that lost its hidden id row. Both hosts (the command line's merge and the pane's
// sync) hand such sheets here, so a value typed there is reported, never dropped in silence.
import type { PlanIndex } from '../plan/plan-index';
import { factsTyped, isFactsSheet } from '../facts/facts-check';
import { factHeaders } from '../facts/facts';
import { cellText, type RawCell, type SheetReading } from './read';
import { header } from './labels';
import { faultRefusal, lostIdRowFaults } from './layout-check';
import { fieldValue, type Refusal } from './merge';

/**
 * Whether a sheet, by its A1:B1, may be one whose typing is not read: a Facts table, or an
 * indicator sheet that lost its id row (its header row, Key and Code, is then row 1).
 */
export function mayHoldUnreadTyping(row1: readonly RawCell[] | readonly unknown[]): boolean {
  if (isFactsSheet(row1 as RawCell[])) return true;
  const [a, b] = Array.from(row1.slice(0, 2), (v) => cellText(v as RawCell).trim());
  return (['en', 'fa'] as const).some((lang) => {
    const facts = factHeaders(lang);
    return (a === facts[0] && b === facts[1]) || (a === header(lang, 'key') && b === header(lang, 'code'));
  });
}

/** Every value typed into such sheets, as refusals with their cells. */
export function unreadRefusals(base: PlanIndex, sheets: ReadonlyArray<{ name: string; matrix: RawCell[][] }>, readings: readonly SheetReading[], book?: string): Refusal[] {
  const out: Refusal[] = [];
  for (const s of sheets) {
    if (isFactsSheet(s.matrix[0])) {
      for (const r of factsTyped(base, s.name, s.matrix, book, readings)) out.push(r);
      continue;
    }
    for (const f of lostIdRowFaults(base, s.name, s.matrix, (ref, field) => fieldValue(base, ref, field), book)) out.push(faultRefusal(f));
  }
  return out;
}
