/* global Excel */
// Typing in PlanSheets' sheets with the pane loaded: a changed-event handler turns Persian and
// Arabic-Indic digits typed in actual cells into numbers at once (core/grid/typed-numbers.ts says
// which cells and to what), so achievement updates as it does for Latin digits. Its own writes
// fire the event again: from ExcelApi 1.14 the event says they are the add-in's and is dropped
// unread; below, the cells hold numbers then, so that second pass writes nothing: no loop.
// Text that is not a number is left as typed (the merge reports it); no cell outside the actual
// cells of an indicator sheet or a template is read or written.
import { columnLetter, KEY_ID } from '../core/grid/layout';
import { TEMPLATE_ID } from '../core/templates/template';
import { actualCellsOf, actualParts, numbersToWrite, type CellArea } from '../core/grid/typed-numbers';
import { CHANGED_EVENTS_API, supportsApi } from './capabilities';
import { readHeads } from './office-read';

/** What a changed event tells (Excel.WorksheetChangedEventArgs, ExcelApi 1.7). */
export interface ChangedEvent {
  address: string;
  worksheetId: string;
  changeType?: string;
  /** ExcelApi 1.14: `ThisLocalAddin` for the pane's own writes (a build, this handler's numbers). */
  triggerSource?: string;
}

const areaAddress = (a: CellArea) => `${columnLetter(a.column)}${a.row + 1}:${columnLetter(a.column + a.columns - 1)}${a.row + a.rows}`;

/**
 * One event's work: the changed area's actual cells read, and those holding a number in Persian
 * or Arabic-Indic digits written back as that number, in one sync. Returns how many were.
 * 3 syncs to read (the areas, the id row, the actual cells), 1 to write when there is anything.
 */
export async function convertTypedNumbers(event: ChangedEvent): Promise<number> {
  // Rows or columns inserted or deleted change no value typed; the pane's own writes are no typing
  // (without triggerSource, below ExcelApi 1.14, they are read and left: numbers or its own text).
  if (event.changeType !== undefined && event.changeType !== 'RangeEdited') return 0;
  if (event.triggerSource === 'ThisLocalAddin') return 0;
  return Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(event.worksheetId);
    await context.sync();
    // The sheet may be gone already (a rebuild retires sheets as it writes new ones).
    if (ws.isNullObject) return 0;
    const changed = ws.getRange(event.address.slice(event.address.lastIndexOf('!') + 1)).load('rowIndex,columnIndex,rowCount,columnCount');
    const used = ws.getUsedRange(true).load('rowIndex,rowCount,columnIndex,columnCount');
    await context.sync();
    const lastColumn = Math.min(changed.columnIndex + changed.columnCount, used.columnIndex + used.columnCount) - 1;
    if (lastColumn < 0) return 0;
    const ids = ws.getRange(`A1:${columnLetter(lastColumn)}1`).load('values');
    await context.sync();
    const actual = actualCellsOf(ids.values[0]);
    if (!actual) return 0;
    const area = { row: changed.rowIndex, column: changed.columnIndex, rows: changed.rowCount, columns: changed.columnCount };
    const parts = actualParts(area, actual, used.rowIndex + used.rowCount - 1);
    if (parts.length === 0) return 0;
    const read = parts.map((p) => ws.getRange(areaAddress(p)).load('values'));
    await context.sync();
    const writes = parts.flatMap((p, i) => numbersToWrite(p, read[i].values));
    for (const w of writes) ws.getRange(`${columnLetter(w.column)}${w.row + 1}`).values = [[w.value]];
    if (writes.length) await context.sync();
    return writes.length;
  });
}

/** A handler for Excel: its failures are not the person's typing's (they would go unseen). */
const handler = (event: ChangedEvent) => convertTypedNumbers(event).catch(() => 0);

/**
 * The registrations of one workbook's pane: every sheet's changes where Excel can (ExcelApi 1.9),
 * else each indicator and template sheet's (1.7), those built later as they are (call watch()
 * again after writing sheets). Returns whether typing is watched at all.
 */
export function typingWatch(): { watch(): Promise<boolean> } {
  let everySheet = false;
  const watched = new Set<string>();
  return {
    async watch() {
      if (supportsApi(CHANGED_EVENTS_API.everySheet)) {
        if (!everySheet) {
          await Excel.run(async (context) => {
            context.workbook.worksheets.onChanged.add(handler);
            await context.sync();
          });
          everySheet = true;
        }
        return true;
      }
      if (!supportsApi(CHANGED_EVENTS_API.worksheet)) return false;
      await Excel.run(async (context) => {
        const heads = await readHeads(context);
        const sheets = heads.filter((h) => h.row1[0] === KEY_ID || h.row1[0] === TEMPLATE_ID).map((h) => h.ws.load('id'));
        await context.sync();
        for (const ws of sheets.filter((s) => !watched.has(s.id))) {
          ws.onChanged.add(handler);
          watched.add(ws.id);
        }
        await context.sync();
      });
      return true;
    },
  };
}
