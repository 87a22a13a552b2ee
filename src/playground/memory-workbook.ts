// A workbook that lives in the page: the same gateway as src/excel/, with every cell in
// HyperFormula, so PLAN formulas and native formulas compute through the same function code as in
// Excel. The playground shows it beside the real task pane; browser tests drive both.
import { DetailedCellError, type HyperFormula } from 'hyperformula';
import type { BuildOutcome, BuildRequest, FactsRequest, SheetValues, WorkbookGateway } from '../excel/gateway';
import { createEngine, type PlanContext } from '../core/formulas/hyperformula-plan';
import { KEY_ID, toMatrix } from '../core/grid/layout';
import { mayHoldUnreadTyping } from '../core/grid/unread-sheets';
import { BASE_ID, BASE_SHEET, baseFromRows, baseSheetRows } from '../core/grid/base-sheet';
import { cellText, type RawCell } from '../core/grid/read';
import { TEMPLATE_ID, T_FIRST_ROW, T_HEADER_ROW, templateMatrix, type TemplateModel } from '../core/templates/template';
import { loadPlan } from '../core/plan/load';

export interface SheetView {
  name: string;
  rtl: boolean;
  hidden: boolean;
  /** 0-based rows and columns people do not see (machine ids, keys). */
  hiddenRows: Set<number>;
  hiddenColumns: Set<number>;
  /** The row of column headers (what input cells are labelled with). */
  headerRow: number;
  /** Which cells take typing; undefined: every cell (an ordinary sheet). */
  editable?: (row: number, col: number) => boolean;
  formats: Map<number, string>;
  /** A cell's own number format, before its column's. */
  formatOf?: (row: number, col: number) => string | undefined;
  /** The digits numbers are shown in (a Persian sheet: Persian digits); default Latin. */
  lang?: 'fa' | 'en';
}

/** A first sheet, with how it is shown. */
export interface FirstSheet extends Partial<Pick<SheetView, 'rtl' | 'lang' | 'formatOf'>> {
  name: string;
  cells: Cell[][];
}

type Cell = string | number | boolean | null;

/**
 * Text stays text: HyperFormula, like Excel, reads "1-2-3" as a date and "80" as a number unless
 * told; the leading apostrophe tells it (and is not part of the value).
 */
const asText = (v: Cell): Cell => (typeof v === 'string' && !v.startsWith('=') ? `'${v}` : v);
const textCells = (cells: Cell[][]) => cells.map((row) => row.map(asText));

export class MemoryWorkbook implements WorkbookGateway {
  readonly context: PlanContext = { index: undefined };
  readonly hf: HyperFormula;
  private stored: string | null = null;
  private readonly views = new Map<string, SheetView>();
  /**
   * What was entered in each sheet (HyperFormula's own serialization holds spilled values as if
   * typed, so a recalculation re-enters these instead).
   */
  private readonly entered = new Map<string, Cell[][]>();
  private readonly listeners = new Set<() => void>();
  active: string;

  constructor(firstSheet: FirstSheet = { name: 'Sheet1', cells: [[]] }) {
    this.entered.set(firstSheet.name, textCells(firstSheet.cells));
    this.hf = createEngine(this.context, { [firstSheet.name]: this.entered.get(firstSheet.name) as never[][] });
    const { rtl = false, lang, formatOf } = firstSheet;
    this.views.set(firstSheet.name, { ...plainView(firstSheet.name), rtl, lang, formatOf });
    this.active = firstSheet.name;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** Sheets people see, in order. */
  sheetNames(): string[] {
    return this.hf.getSheetNames().filter((n) => !this.views.get(n)?.hidden);
  }

  view(name: string): SheetView {
    return this.views.get(name) ?? plainView(name);
  }

  /** A sheet's computed values (errors as their code). */
  values(name: string): RawCell[][] {
    const id = this.hf.getSheetId(name);
    if (id === undefined) return [];
    return this.hf.getSheetValues(id).map((row) => row.map((v) => (v instanceof DetailedCellError ? { error: v.value } : (v as RawCell))));
  }

  /** What a person typed into a cell: a formula (=…), a plain number, or text kept as text. */
  type(name: string, row: number, col: number, typed: string): void {
    const view = this.view(name);
    if (view.editable && !view.editable(row, col)) throw new Error('this cell is locked');
    const t = typed.trim();
    const value: Cell = t === '' ? null : t.startsWith('=') ? t : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : asText(typed);
    const cells = this.entered.get(name) ?? [];
    while (cells.length <= row) cells.push([]);
    cells[row][col] = value;
    this.entered.set(name, cells);
    this.hf.setCellContents({ sheet: this.hf.getSheetId(name)!, row, col }, [[value]]);
    this.changed();
  }

  // --- the gateway ---

  async readStoredPlan(): Promise<string | null> {
    return this.stored;
  }

  async storePlan(json: string): Promise<void> {
    this.stored = json;
    this.context.index = loadPlan(json).index;
  }

  /** Every formula again, with the plan now stored (what Excel's full recalculation does). */
  async recalculate(): Promise<void> {
    this.hf.batch(() => {
      for (const [name, cells] of this.entered) this.hf.setSheetContent(this.hf.getSheetId(name)!, cells as never[][]);
    });
    this.changed();
  }

  private sheetsWhere(pick: (row1: readonly unknown[]) => boolean): SheetValues[] {
    return this.hf.getSheetNames().map((name) => ({ name, values: this.values(name) })).filter((s) => pick(s.values[0] ?? []));
  }

  private marked(id: string): SheetValues[] {
    return this.sheetsWhere((row1) => row1[0] === id);
  }

  async readIndicatorSheets(): Promise<{ base: string | null; sheets: SheetValues[]; templates: SheetValues[]; unread: SheetValues[] }> {
    const base = this.marked(BASE_ID)[0];
    return { base: base ? baseFromRows(base.values.map((r) => r[0])) : null, sheets: this.marked(KEY_ID), templates: this.marked(TEMPLATE_ID), unread: this.sheetsWhere(mayHoldUnreadTyping) };
  }

  private put(name: string, cells: Cell[][], view: SheetView): void {
    if (this.hf.doesSheetExist(name)) this.hf.removeSheet(this.hf.getSheetId(name)!);
    this.hf.addSheet(name);
    this.entered.set(name, textCells(cells));
    this.hf.setSheetContent(this.hf.getSheetId(name)!, this.entered.get(name) as never[][]);
    this.views.set(name, view);
  }

  async buildIndicatorSheets(request: BuildRequest): Promise<BuildOutcome> {
    const ours = this.hf.getSheetNames().filter((n) => this.values(n)[0]?.[0] === KEY_ID);
    const taken = this.hf.getSheetNames().filter((n) => n !== BASE_SHEET && !ours.includes(n));
    const base = this.marked(BASE_ID)[0];
    const models = request.layout(ours.map((name) => ({ name, values: this.values(name) })), base ? baseFromRows(base.values.map((r) => r[0])) : null, taken);
    for (const n of ours) {
      this.hf.removeSheet(this.hf.getSheetId(n)!);
      this.entered.delete(n);
    }
    for (const m of models) {
      const editable = new Set(m.columns.map((c, i) => (c.editable ? i : -1)).filter((i) => i >= 0));
      this.put(m.name, toMatrix(m), {
        name: m.name,
        rtl: m.rtl,
        hidden: false,
        hiddenRows: new Set([0]),
        headerRow: 1,
        hiddenColumns: new Set(m.columns.map((c, i) => (c.hidden ? i : -1)).filter((i) => i >= 0)),
        editable: (row, col) => row >= 2 && editable.has(col),
        formats: new Map(m.columns.map((c, i) => [i, c.format ?? ''])),
      });
    }
    this.put(BASE_SHEET, baseSheetRows(request.baseJson), { ...plainView(BASE_SHEET), hidden: true });
    if (models.length) this.active = models[0].name;
    this.changed();
    return { sheets: models.map((m) => m.name), rtl: models.some((m) => m.rtl) ? 'applied' : 'not-needed' };
  }

  async writeTemplateSheet(model: TemplateModel): Promise<{ sheet: string; rtl: BuildOutcome['rtl'] }> {
    let name = model.name;
    for (let n = 2; this.hf.doesSheetExist(name); n++) name = `${model.name} (${n})`;
    const editable = new Set(model.columns.map((c, i) => (c.editable ? i : -1)).filter((i) => i >= 0));
    const headers = new Set(model.rows.map((r, i) => (r.kind === 'header' ? T_FIRST_ROW - 1 + i : -1)));
    const actualCol = model.columns.findIndex((c) => c.id.startsWith('actual:'));
    this.put(name, templateMatrix(model), {
      name,
      rtl: model.rtl,
      hidden: false,
      hiddenRows: new Set([0, 1]),
      headerRow: T_HEADER_ROW - 1,
      hiddenColumns: new Set([0]),
      editable: (row, col) => row >= T_FIRST_ROW - 1 && editable.has(col) && !(headers.has(row) && col === actualCol),
      formats: new Map(model.columns.map((c, i) => [i, c.format ?? ''])),
    });
    this.active = name;
    this.changed();
    return { sheet: name, rtl: model.rtl ? 'applied' : 'not-needed' };
  }

  async writeFacts(request: FactsRequest): Promise<{ pivots: boolean }> {
    this.put(request.sheet, [request.headers, ...request.rows], { ...plainView(request.sheet), rtl: request.rtl, formats: new Map(request.formats.map((f, i) => [i, f ?? ''])) });
    this.active = request.sheet;
    this.changed();
    // HyperFormula has no PivotTables: the pane says so, as it does for an Excel without them.
    return { pivots: false };
  }

  async readActiveSheet(): Promise<{ name: string; rows: string[][] }> {
    return { name: this.active, rows: this.values(this.active).map((r) => r.map(cellText)) };
  }
}

function plainView(name: string): SheetView {
  return { name, rtl: false, hidden: false, hiddenRows: new Set(), hiddenColumns: new Set(), headerRow: 0, formats: new Map() };
}
