/* global Excel */
// Where the person is in the workbook: the active sheet and its selected cells, read before the
// pane rewrites sheets (Apply rebuilds them, and writes the Facts table) and put back after, so a
// person on sheet 3, F12 is there again, not on whatever sheet Excel showed when theirs was
// replaced. All ExcelApi 1.1: Workbook.getSelectedRange, Worksheet.activate, Range.select.
import type { SheetView } from './gateway';
import { roleOf, type SheetHead } from '../core/grid/generations';
import { isReservedSheetName } from '../core/grid/reserved-names';
import { TEMPLATE_ID } from '../core/templates/template';

/** Excel.ErrorCodes.invalidSelection: "the current selection is invalid for this operation". */
const INVALID_SELECTION = 'InvalidSelection';

/**
 * The active sheet and its selection, in 1 sync. getSelectedRange fails when more than one range
 * is selected (excel.workbook, getSelectedRange): then the selection is left out (1 sync more).
 * Any other failure is Excel's or the connection's, and fails the operation as any of its syncs would.
 */
export async function readView(): Promise<SheetView> {
  return Excel.run((context) => viewIn(context));
}

/** readView within a batch of the caller's. */
export async function viewIn(context: Excel.RequestContext): Promise<SheetView> {
  const active = context.workbook.worksheets.getActiveWorksheet().load('name');
  const selected = context.workbook.getSelectedRange().load('address');
  try {
    await context.sync();
  } catch (e) {
    if ((e as { code?: string }).code !== INVALID_SELECTION) throw e;
    const only = context.workbook.worksheets.getActiveWorksheet().load('name');
    await context.sync();
    return { sheet: only.name };
  }
  return { sheet: active.name, address: selected.address.slice(selected.address.lastIndexOf('!') + 1) };
}

/**
 * Whether the sheet is one of PlanSheets': an indicator sheet (or Definitions), a base, a unit
 * template, Facts or Pivots (by A1, or by their reserved names). A person on such a sheet stays
 * there when the pane writes others; one on a sheet of their own is shown what was written.
 */
export function isPlanSheet(name: string, heads: readonly SheetHead[]): boolean {
  const head = heads.find((h) => h.name.toLowerCase() === name.toLowerCase());
  return !!head && (roleOf(head) !== 'other' || head.row1[0] === TEMPLATE_ID || isReservedSheetName(head.name));
}

/** Goes back to a sheet and its selection; nothing when the sheet is gone or hidden. 1 sync, 2 with the selection. */
export async function restoreView(view: SheetView): Promise<void> {
  return Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(view.sheet).load('visibility');
    await context.sync();
    if (ws.isNullObject || ws.visibility !== Excel.SheetVisibility.visible) return;
    ws.activate();
    if (view.address) ws.getRange(view.address).select();
    await context.sync();
  });
}
