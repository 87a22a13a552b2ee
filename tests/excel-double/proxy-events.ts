// Event handler collections (OfficeExtension.EventHandlers): add() queues the registration, which
// takes effect with the sync; remove() on its result queues the removal
// (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events#register-an-event-handler,
// #remove-an-event-handler).
import type { RequestContext } from './context';
import type { WorksheetChangedEventArgs } from './events';

export class EventHandlerResult {
  /** @internal */ _id?: number;
  constructor(
    private readonly ctx: RequestContext,
    private readonly location: string,
  ) {}

  get context(): RequestContext {
    return this.ctx;
  }

  remove(): void {
    this.ctx._enqueue({ location: `${this.location}.remove`, api: [this.location], payload: { call: 'remove' }, run: () => {
        if (this._id !== undefined) this.ctx._engine.workbook.events.remove(this._id);
      },
    });
  }
}

export class ChangedEventHandlers {
  constructor(
    private readonly ctx: RequestContext,
    /** "Worksheet.onChanged" or "WorksheetCollection.onChanged": the member and its API version. */
    private readonly location: string,
    /** The sheet's id when the command runs (Worksheet.onChanged), or undefined for every sheet. */
    private readonly sheetId: (location: string) => string | undefined,
  ) {}

  add(handler: (args: WorksheetChangedEventArgs) => unknown): EventHandlerResult {
    const result = new EventHandlerResult(this.ctx, this.location);
    this.ctx._enqueue({
      location: `${this.location}.add`,
      api: [this.location],
      payload: { call: 'add' },
      run: () => {
        result._id = this.ctx._engine.workbook.events.add(handler, this.sheetId(this.location));
      },
    });
    return result;
  }
}
