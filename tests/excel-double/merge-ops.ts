// Merged cells: Range.merge(across) and Range.unmerge (ExcelApi 1.2), with the rules of rules.ts
// (RULES.mergeKeepsTopLeft, mergeOverlap, mergeTable, mergeProtected).
import { columnLetters, isUnbounded, overlaps, type Area } from './addresses';
import { CODES, fault } from './errors';
import type { RangeTarget } from './range-ops';
import { RULES } from './rules';
import type { WorkbookState } from './workbook-state';

const inside = (a: Area, b: Area) => a.r0 >= b.r0 && a.r1 <= b.r1 && a.c0 >= b.c0 && a.c1 <= b.c1;
export const areaText = (a: Area) => `${columnLetters(a.c0)}${a.r0 + 1}:${columnLetters(a.c1)}${a.r1 + 1}`;

function checkProtection(t: RangeTarget, what: string, location: string): void {
  if (t.sheet.protection.protected) fault(CODES.accessDenied, `"${t.sheet.name}" is protected: cells cannot be ${what}. ${RULES.mergeProtected.source}`, location);
}

/** Merges the range into one area, or each of its rows into one with `across`. */
export function mergeCells(wb: WorkbookState, t: RangeTarget, across: unknown, location: string): void {
  if (across !== undefined && typeof across !== 'boolean') fault(CODES.invalidArgument, `Not a boolean: ${String(across)}.`, location);
  checkProtection(t, 'merged', location);
  // Not documented: merging whole columns or rows; the double keeps to bounded ranges.
  if (isUnbounded(t.span)) fault(CODES.invalidArgument, 'The double merges bounded ranges only.', location);
  const { sheet, span } = t;
  const areas: Area[] = across ? Array.from({ length: span.r1 - span.r0 + 1 }, (_, i) => ({ r0: span.r0 + i, c0: span.c0, r1: span.r0 + i, c1: span.c1 })) : [{ r0: span.r0, c0: span.c0, r1: span.r1, c1: span.c1 }];
  const wanted = areas.filter((a) => a.r0 !== a.r1 || a.c0 !== a.c1); // one cell is no merge
  if (wb.tables.some((tb) => tb.sheet === sheet && wanted.some((a) => overlaps(tb.area, a)))) {
    fault(CODES.mergedRangeConflict, `${areaText(span)} overlaps a table, which cannot hold merged cells. ${RULES.mergeTable.source}`, location);
  }
  const cut = sheet.merges.find((m) => wanted.some((a) => overlaps(m, a) && !inside(m, a)));
  if (cut) fault(CODES.invalidArgument, `${areaText(span)} cuts through the merged area ${areaText(cut)}. ${RULES.mergeOverlap.source}`, location);
  sheet.merges = sheet.merges.filter((m) => !wanted.some((a) => inside(m, a)));
  let deleted = false;
  for (const a of wanted) {
    // RULES.mergeKeepsTopLeft: the other cells' contents go.
    for (let r = a.r0; r <= a.r1; r++) {
      for (let c = a.c0; c <= a.c1; c++) {
        const cell = sheet.cell(r, c);
        if ((r === a.r0 && c === a.c0) || !sheet.hasContent(cell)) continue;
        deleted = true;
        delete cell!.value;
        delete cell!.formula;
        sheet.tidy(r, c);
      }
    }
    sheet.merges.push(a);
  }
  // Contents deleted are a change of the cells (as a write of theirs would be).
  if (deleted) wb.events.note(sheet, span, true);
  wb.touch();
}

/** Splits every merged area the range touches (the whole area, as Unmerge Cells does). */
export function unmergeCells(wb: WorkbookState, t: RangeTarget, location: string): void {
  checkProtection(t, 'unmerged', location);
  t.sheet.merges = t.sheet.merges.filter((m) => !overlaps(m, t.span));
  wb.touch();
}

/** RULES.mergeTable, the other way: a table cannot be added over merged cells. */
export function checkNoMerges(t: RangeTarget, location: string): void {
  const m = t.sheet.merges.find((a) => overlaps(a, t.span));
  if (m) fault(CODES.mergedRangeConflict, `A table cannot overlap the merged cells ${areaText(m)}. ${RULES.mergeTable.source}`, location);
}
