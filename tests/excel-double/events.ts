// Worksheet changed events (ExcelApi 1.7 for a worksheet's onChanged, 1.9 for the collection's):
// https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-onchanged-member
// https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-onchanged-member
// The handler gets WorksheetChangedEventArgs (address, changeType, source, worksheetId, type:
// https://learn.microsoft.com/javascript/api/excel/excel.worksheetchangedeventargs) and runs
// after the change, outside the batch that made it ("Work with Events using the Excel JavaScript
// API", https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events): the double
// calls handlers once the sync that changed the cells has ended, in a later turn. Changes made by
// add-ins fire the event too (source Local), as a person's typing does; from ExcelApi 1.14 the
// args' triggerSource tells them apart: ThisLocalAddin for the add-in's own writes, Unknown else
// (https://learn.microsoft.com/javascript/api/excel/excel.eventtriggersource).
import { bounded, formatSpan, type Area } from './addresses';
import type { SheetState } from './workbook-state';

export interface WorksheetChangedEventArgs {
  address: string;
  changeType: 'RangeEdited';
  source: 'Local';
  worksheetId: string;
  type: 'WorksheetChanged';
  /** ExcelApi 1.14; absent below. */
  triggerSource?: 'ThisLocalAddin' | 'Unknown';
}

type Handler = (args: WorksheetChangedEventArgs) => unknown;

interface Registration {
  id: number;
  /** The sheet's id for Worksheet.onChanged; undefined for the collection's (every sheet). */
  sheetId?: string;
  handler: Handler;
}

/** Rounds of handlers calling handlers after which settled() calls the events a loop. */
const MAX_ROUNDS = 50;

export class Events {
  private registrations: Registration[] = [];
  private changes: Array<{ sheet: SheetState; area: Area; byAddin: boolean }> = [];
  /** Whether the host gives the args' triggerSource (ExcelApi 1.14). */
  triggerSource = false;
  private pending = new Set<Promise<unknown>>();
  private counter = 0;
  private closed = false;
  /** Every event delivered, in order (for tests). */
  readonly delivered: WorksheetChangedEventArgs[] = [];
  /** What handlers threw or rejected with. */
  readonly errors: unknown[] = [];

  add(handler: Handler, sheetId?: string): number {
    this.registrations.push({ id: ++this.counter, sheetId, handler });
    return this.counter;
  }

  remove(id: number): void {
    this.registrations = this.registrations.filter((r) => r.id !== id);
  }

  get count(): number {
    return this.registrations.length;
  }

  /** A change of cells' content (values, formulas: the add-in's; typing: a person's), delivered by the next dispatch. */
  note(sheet: SheetState, area: Area, byAddin: boolean): void {
    this.changes.push({ sheet, area, byAddin });
  }

  /** Calls the handlers for the changes noted so far, each in a later turn. */
  dispatch(): void {
    const changes = this.changes;
    this.changes = [];
    for (const { sheet, area, byAddin } of changes) {
      const args: WorksheetChangedEventArgs = { address: formatSpan(bounded(area)), changeType: 'RangeEdited', source: 'Local', worksheetId: sheet.id, type: 'WorksheetChanged' };
      if (this.triggerSource) args.triggerSource = byAddin ? 'ThisLocalAddin' : 'Unknown';
      for (const r of this.registrations.filter((x) => x.sheetId === undefined || x.sheetId === sheet.id)) {
        const call = new Promise<void>((resolve) => setImmediate(resolve))
          .then(() => {
            // A double no longer installed calls nothing: its handlers would reach the next one's Excel.
            if (this.closed) return;
            this.delivered.push(args);
            return r.handler(args);
          })
          .catch((e: unknown) => void this.errors.push(e));
        this.pending.add(call);
        void call.finally(() => this.pending.delete(call));
      }
    }
  }

  /** Drops the calls not begun yet (the double was uninstalled). */
  close(): void {
    this.closed = true;
  }

  /** Resolves once every handler called has finished, and those their changes called too. */
  async settled(): Promise<void> {
    for (let round = 0; this.pending.size > 0; round++) {
      if (round === MAX_ROUNDS) throw new Error(`changed events still fire after ${MAX_ROUNDS} rounds: handlers keep changing cells`);
      await Promise.all([...this.pending]);
    }
  }
}
