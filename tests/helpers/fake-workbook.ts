import type { WorkbookGateway } from '../../src/excel/gateway';

/** A workbook gateway in memory: what the pane and the functions see, without Office. */
export class FakeWorkbook implements WorkbookGateway {
  stored: string | null = null;
  reads = 0;
  stores = 0;
  recalcs = 0;
  failStore?: Error;

  async readStoredPlan(): Promise<string | null> {
    this.reads++;
    return this.stored;
  }
  async storePlan(json: string): Promise<void> {
    if (this.failStore) throw this.failStore;
    this.stores++;
    this.stored = json;
  }
  async recalculate(): Promise<void> {
    this.recalcs++;
  }
}
