import { mayHoldUnreadTyping } from '../../src/core/grid/unread-sheets';
import type { BuildOutcome, BuildRequest, FactsRequest, SheetValues, WorkbookGateway } from '../../src/excel/gateway';
import { TEMPLATE_ID, templateMatrix, type TemplateModel } from '../../src/core/templates/template';
import { KEY_ID, toMatrix } from '../../src/core/grid/layout';
import type { RawCell } from '../../src/core/grid/read';

/**
 * A workbook gateway in memory: the stored plan, sheets as cell matrices (formulas kept as their
 * text), the hidden base. What the pane and the functions see, without Office.
 */
export class FakeWorkbook implements WorkbookGateway {
  stored: string | null = null;
  base: string | null = null;
  sheets = new Map<string, RawCell[][]>();
  reads = 0;
  stores = 0;
  recalcs = 0;
  builds = 0;
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
  async readIndicatorSheets(): Promise<{ base: string | null; sheets: SheetValues[]; templates: SheetValues[]; unread: SheetValues[] }> {
    const where = (pick: (row1: readonly unknown[]) => boolean) => [...this.sheets].filter(([, m]) => pick(m[0] ?? [])).map(([name, values]) => ({ name, values: values.map((r) => [...r]) }));
    return { base: this.base, sheets: where((r) => r[0] === KEY_ID), templates: where((r) => r[0] === TEMPLATE_ID), unread: where(mayHoldUnreadTyping) };
  }
  facts?: FactsRequest;
  active = 'Sheet1';
  async readActiveSheet(): Promise<{ name: string; rows: string[][] }> {
    const m = this.sheets.get(this.active) ?? [];
    return { name: this.active, rows: m.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c)))) };
  }
  async writeTemplateSheet(model: TemplateModel): Promise<{ sheet: string; rtl: BuildOutcome['rtl'] }> {
    let name = model.name;
    for (let n = 2; this.sheets.has(name); n++) name = `${model.name} (${n})`;
    this.sheets.set(name, templateMatrix(model));
    return { sheet: name, rtl: model.rtl ? 'unsupported' : 'not-needed' };
  }
  async writeFacts(request: FactsRequest): Promise<{ pivots: boolean }> {
    this.facts = request;
    this.sheets.set(request.sheet, [request.headers, ...request.rows]);
    return { pivots: false };
  }
  async buildIndicatorSheets(request: BuildRequest): Promise<BuildOutcome> {
    this.builds++;
    const ours = [...this.sheets.keys()].filter((n) => this.sheets.get(n)?.[0]?.[0] === KEY_ID);
    const taken = [...this.sheets.keys()].filter((n) => !ours.includes(n));
    const models = request.layout(ours.map((name) => ({ name, values: this.sheets.get(name)!.map((r) => [...r]) })), this.base, taken);
    for (const n of ours) this.sheets.delete(n);
    for (const m of models) this.sheets.set(m.name, toMatrix(m));
    this.base = request.baseJson;
    return { sheets: models.map((m) => m.name), rtl: models.some((m) => m.rtl) ? 'unsupported' : 'not-needed' };
  }

  /** Types into the cell of a row (by its key) and a column (by its id), as a person would. */
  type(sheet: string, ref: string, columnId: string, value: RawCell): void {
    const m = this.sheets.get(sheet);
    if (!m) throw new Error(`no sheet ${sheet}`);
    const c = m[0].indexOf(columnId);
    const r = m.findIndex((row) => row[0] === ref);
    if (c < 0 || r < 0) throw new Error(`no ${ref} / ${columnId} in ${sheet}`);
    m[r][c] = value;
  }

  cell(sheet: string, ref: string, columnId: string): RawCell {
    const m = this.sheets.get(sheet)!;
    return m[m.findIndex((row) => row[0] === ref)][m[0].indexOf(columnId)];
  }
}
