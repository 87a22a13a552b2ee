// ExcelDouble: the in-memory workbook, Excel.run for it, fault injection, the request log, and
// helpers that let a test set up and inspect the workbook directly (no proxies, no syncs).
import { columnLetters, parseSpan, rowsOf } from './addresses';
import { CODES, OfficeExtensionError, type ExcelFault } from './errors';
import { hostPresets, isSetSupported, type HostKind, type HostOptions } from './hosts';
import { addPart, pivotFields, tableHeaders } from './objects';
import { areaText } from './merge-ops';
import { parseTyped, type Stored } from './parse-typed';
import { runBatch, type Engine, type FaultPlan, type RequestContext, type RequestLog } from './context';
import { WorkbookProxy } from './proxy-workbook';
import { readCells, resultOf, type ApiValue } from './range-ops';
import { checkCellLength, RULES } from './rules';
import { WorkbookState, type Visibility } from './workbook-state';

export interface ExcelDoubleOptions extends Partial<HostOptions> {
  /** Sheets the workbook starts with (default one visible "Sheet1"); add more with addSheet. */
  sheets?: string[];
  /** The active sheet's name (default: the first visible sheet). */
  activeSheet?: string;
  /** Office.context.displayLanguage (default 'en-US'). */
  displayLanguage?: string;
  /** Office.context.officeTheme (default a light theme). */
  officeTheme?: { bodyBackgroundColor: string; bodyForegroundColor?: string; controlBackgroundColor?: string; controlForegroundColor?: string };
  /** "Today", for dates typed without a year (default: the real date). */
  now?: Date;
  /**
   * When an API above the host's ExcelApi version fails: 'sync' (default) fails the sync with
   * ApiNotFound; 'call' throws ApiNotFound at the call, as the current Office.js library does for
   * members it checks (excel-web-16.00.debug.js, throwIfApiNotSupported).
   */
  apiNotFound?: 'sync' | 'call';
  /** 'documented' (default): no numberFormat on unbounded ranges; 'observed': one format may be set (RULES.unboundedWriteObserved). */
  unboundedNumberFormat?: 'documented' | 'observed';
}

/** A cell as double.cells() gives it: a constant, { formula } for a formula, { error } for an error value, null when empty. */
export type StoredCell = string | number | boolean | { formula: string } | { error: string } | null;

export class ExcelDouble implements Engine {
  readonly workbook: WorkbookState;
  readonly hostOptions: HostOptions;
  readonly apiNotFound: 'sync' | 'call';
  readonly displayLanguage: string;
  readonly officeTheme: NonNullable<ExcelDoubleOptions['officeTheme']>;
  /** Every request sent (one per sync), in order. */
  readonly requests: RequestLog[] = [];
  /** How many syncs ran (explicit ones, and Excel.run's last one when commands were left). */
  syncCount = 0;
  /** How many Excel.run batches ran. */
  runCount = 0;
  private faults = new Map<number, FaultPlan>();

  constructor(options: ExcelDoubleOptions = {}) {
    const preset: HostOptions = hostPresets.m365;
    this.hostOptions = { host: options.host ?? preset.host, excelApi: options.excelApi ?? preset.excelApi, sets: { ...(options.sets ?? preset.sets) } };
    this.apiNotFound = options.apiNotFound ?? 'sync';
    this.displayLanguage = options.displayLanguage ?? 'en-US';
    this.officeTheme = options.officeTheme ?? { bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#000000', controlBackgroundColor: '#FFFFFF', controlForegroundColor: '#000000' };
    this.workbook = new WorkbookState((options.now ?? new Date()).getFullYear(), options.unboundedNumberFormat ?? 'documented');
    for (const name of options.sheets ?? ['Sheet1']) this.workbook.addSheet(name, 'ExcelDouble');
    this.workbook.activeName = options.activeSheet;
    this.workbook.events.triggerSource = this.isSetSupported('ExcelApi', '1.14');
  }

  get host(): HostKind {
    return this.hostOptions.host;
  }

  isSetSupported(name: string, version?: string): boolean {
    return isSetSupported(this.hostOptions, name, version);
  }

  /** Excel.run(batch) or Excel.run(options, batch) against this workbook. */
  run<T>(a: unknown, b?: unknown): Promise<T> {
    this.runCount++;
    return runBatch<T>(this, (ctx: RequestContext) => new WorkbookProxy(ctx), a, b);
  }

  /** The n-th sync from now (1-based) fails: before any command, or after the first `afterCommands` ones. */
  failAt(n: number, options: FaultPlan = {}): this {
    this.faults.set(this.syncCount + n, options);
    return this;
  }

  /** @internal */ nextSync(): { index: number; plan?: FaultPlan } {
    const index = ++this.syncCount;
    const plan = this.faults.get(index);
    this.faults.delete(index);
    return { index, plan };
  }

  /** @internal */ record(entry: RequestLog): void {
    this.requests.push(entry);
  }

  // --- Setting up and inspecting the workbook directly ---

  private sheetOf(name: string) {
    const s = this.workbook.sheetByKey(name);
    if (!s) throw new Error(`The double has no sheet "${name}".`);
    return s;
  }

  /**
   * Adds a sheet with cells: numbers and booleans as they are, texts starting with = as
   * formulas, other texts as texts (not parsed), null or '' as empty.
   */
  addSheet(name: string, matrix: Array<Array<Stored | null>> = [], options: { visibility?: Visibility; numberFormats?: string[][] } = {}): this {
    const sheet = this.workbook.addSheet(name, 'ExcelDouble.addSheet');
    sheet.visibility = options.visibility ?? 'Visible';
    matrix.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === '') return;
        const cell = sheet.ensure(r, c);
        if (typeof v === 'string' && v.startsWith('=') && v.length > 1) cell.formula = v;
        else cell.value = v;
      }),
    );
    options.numberFormats?.forEach((row, r) =>
      row.forEach((f, c) => {
        if (f) sheet.ensure(r, c).numberFormat = f;
      }),
    );
    this.workbook.touch();
    return this;
  }

  /** Adds a custom XML part (for setting up a workbook that already stores something). */
  addCustomXml(xml: string): this {
    addPart(this.workbook, xml, 'ExcelDouble.addCustomXml');
    return this;
  }

  /** The sheets in order, with their visibility. */
  sheetNames(): Array<{ name: string; visibility: Visibility }> {
    return this.workbook.live().map((s) => ({ name: s.name, visibility: s.visibility }));
  }

  /** What a sheet is: id, name, visibility, protection, right-to-left, frozen panes, tables, formats and rules. */
  sheet(name: string) {
    const s = this.sheetOf(name);
    const wb = this.workbook;
    return {
      id: s.id,
      name: s.name,
      visibility: s.visibility,
      protected: s.protection.protected,
      protectionOptions: { ...s.protection.options },
      rtl: s.rtl,
      frozen: s.frozen ? { ...s.frozen } : null,
      active: wb.active() === s,
      tables: wb.tables.filter((t) => t.sheet === s).map((t) => ({ name: t.name, address: `${columnLetters(t.area.c0)}${t.area.r0 + 1}:${columnLetters(t.area.c1)}${t.area.r1 + 1}`, style: t.style, headers: tableHeaders(wb, t) })),
      pivots: wb.pivots.filter((p) => p.sheet === s).map((p) => ({ name: p.name, at: `${columnLetters(p.anchor.c)}${p.anchor.r + 1}`, source: p.source.table?.name ?? p.source.sheet.name, fields: pivotFields(wb, p), rows: [...p.rows], columns: [...p.columns], data: p.data.map((d) => ({ ...d })) })),
      columnWidths: Object.fromEntries([...s.colWidths].map(([c, w]) => [columnLetters(c), w])),
      hiddenColumns: [...s.hiddenCols].sort((a, b) => a - b).map(columnLetters),
      hiddenRows: [...s.hiddenRows].sort((a, b) => a - b).map((r) => r + 1),
      columnFormats: Object.fromEntries([...s.colStyles].map(([c, st]) => [columnLetters(c), { ...st }])),
      conditionalFormats: s.conditionalFormats.map((cf) => ({ type: cf.type, fill: cf.fill, rule: cf.rule })),
      validations: s.validations.map((v) => ({ rule: v.rule, errorAlert: v.errorAlert })),
      merges: s.merges.map(areaText).sort(),
      rowHeights: Object.fromEntries([...s.rowHeights].map(([r, h]) => [r + 1, h])),
    };
  }

  /** Stored cells from A1 to the end of the used range: constants, { formula }, { error }, null when empty. */
  cells(name: string): StoredCell[][] {
    const s = this.sheetOf(name);
    const used = s.usedArea(true);
    if (!used) return [];
    return Array.from({ length: used.r1 + 1 }, (_, r) =>
      Array.from({ length: used.c1 + 1 }, (_, c): StoredCell => {
        const cell = s.cell(r, c);
        if (cell?.formula !== undefined) return { formula: cell.formula };
        const v = cell?.value;
        return v === undefined || v === '' ? null : typeof v === 'object' ? { error: v.error } : v;
      }),
    );
  }

  /** What Range.values of A1 to the end of the used range gives: results of formulas, '' when empty. */
  valuesOf(name: string): ApiValue[][] {
    const s = this.sheetOf(name);
    const used = s.usedArea(true);
    if (!used) return [];
    return readCells(this.workbook, { sheet: s, span: { r0: 0, c0: 0, r1: used.r1, c1: used.c1, wholeColumns: false, wholeRows: false } }, 'values', 'ExcelDouble.valuesOf') ?? [];
  }

  /** One cell's number format ("General" when none). */
  numberFormat(name: string, cell: string): string {
    const span = parseSpan(cell);
    if (!span || rowsOf(span) !== 1 || span.c0 !== span.c1) throw new Error(`Not one cell: ${cell}`);
    return this.sheetOf(name).numberFormat(span.r0, span.c0);
  }

  /** The calculations asked for (Application.calculate), in order. */
  get calculations(): string[] {
    return [...this.workbook.calculations];
  }

  /** The custom XML parts, in order. */
  customXml(): Array<{ id: string; namespace: string; xml: string }> {
    return this.workbook.parts.map((p) => ({ ...p }));
  }

  /**
   * A person typing `text` into one cell: read as typed input (RULES.typedInput). Fails (throws
   * an OfficeExtensionError) on a locked cell of a protected sheet, and when the cell's custom
   * data validation rejects the entry with a Stop alert.
   */
  type(sheetName: string, cell: string, text: string): void {
    const sheet = this.sheetOf(sheetName);
    const span = parseSpan(cell);
    if (!span || rowsOf(span) !== 1 || span.c0 !== span.c1) throw new Error(`Not one cell: ${cell}`);
    const { r0: r, c0: c } = span;
    try {
      if (sheet.protection.protected && sheet.locked(r, c)) {
        throw new OfficeExtensionError(CODES.accessDenied, `${cell} of "${sheet.name}" is locked and the sheet is protected. ${RULES.protectedCells.source}`, 'type');
      }
      const typed = parseTyped(text, { textFormat: sheet.numberFormat(r, c) === '@', year: this.workbook.year });
      const target = sheet.ensure(r, c);
      const before = { ...target };
      delete target.value;
      delete target.formula;
      if (typed.kind === 'formula') {
        checkCellLength(typed.formula, true, 'type');
        target.formula = typed.formula;
      } else if (typed.kind === 'value') {
        if (typeof typed.value === 'string') checkCellLength(typed.value, false, 'type');
        target.value = typed.value;
        if (typed.format && sheet.numberFormat(r, c) === 'General') target.numberFormat = typed.format;
      }
      this.workbook.touch();
      const rule = sheet.validations.find((v) => v.rule?.custom && r >= v.area.r0 && r <= v.area.r1 && c >= v.area.c0 && c <= v.area.c1);
      const formula = (rule?.rule?.custom as { formula?: string } | undefined)?.formula;
      if (rule && formula && rule.errorAlert?.showAlert !== false && (rule.errorAlert?.style ?? 'Stop') === 'Stop' && typed.kind !== 'empty') {
        const ok = this.workbook.calc.evaluate(sheet, formula);
        if (ok !== true) {
          Object.keys(target).forEach((k) => delete target[k as keyof typeof target]);
          Object.assign(target, before);
          this.workbook.touch();
          throw new OfficeExtensionError(CODES.invalidArgument, `The data validation of ${cell} rejects "${text}": ${String(rule.errorAlert?.message ?? '')}`, 'type');
        }
      }
      sheet.tidy(r, c);
      // What was typed fires the changed events, as an add-in's writes do (events.ts).
      this.workbook.events.note(sheet, span, false);
      this.workbook.events.dispatch();
    } catch (e) {
      const f = e as ExcelFault;
      if (f.name === 'ExcelFault') throw new OfficeExtensionError(f.code, f.message, 'type');
      throw e;
    }
  }

  /** A person selecting cells: the sheet becomes active with the range selected. */
  select(sheetName: string, address: string): void {
    const sheet = this.sheetOf(sheetName);
    const span = parseSpan(address);
    if (!span || span.wholeColumns || span.wholeRows) throw new Error(`Not a range of cells: ${address}`);
    this.workbook.activate(sheet, 'ExcelDouble.select');
    sheet.selection = { r0: span.r0, c0: span.c0, r1: span.r1, c1: span.c1 };
  }

  /** Where the person is: the active sheet and its selected cells ("F12", "B3:C4"). */
  selection(): { sheet: string; address: string } {
    const sheet = this.workbook.active();
    const s = sheet.selection;
    const cell = (r: number, c: number) => `${columnLetters(c)}${r + 1}`;
    return { sheet: sheet.name, address: s.r0 === s.r1 && s.c0 === s.c1 ? cell(s.r0, s.c0) : `${cell(s.r0, s.c0)}:${cell(s.r1, s.c1)}` };
  }

  /** The changed events: handlers registered, events delivered, what handlers threw; settled() waits for them all. */
  get events() {
    return this.workbook.events;
  }

  /** A cell's own formats as Excel shows them (its row's or column's when it has none). */
  cellStyle(name: string, cell: string): { locked: boolean; fill?: string; bold?: boolean; italic?: boolean; size?: number; wrap?: boolean; hAlign?: string; vAlign?: string } {
    const span = parseSpan(cell);
    if (!span || rowsOf(span) !== 1 || span.c0 !== span.c1) throw new Error(`Not one cell: ${cell}`);
    const s = this.sheetOf(name);
    const at = <K extends 'fill' | 'bold' | 'italic' | 'size' | 'wrap' | 'hAlign' | 'vAlign'>(k: K) => s.style(span.r0, span.c0, k);
    return { locked: s.locked(span.r0, span.c0), fill: at('fill'), bold: at('bold'), italic: at('italic'), size: at('size'), wrap: at('wrap'), hAlign: at('hAlign'), vAlign: at('vAlign') };
  }

  /** A formula's result or a constant, as Range.values gives it, for one cell. */
  value(name: string, cell: string): ApiValue {
    const span = parseSpan(cell);
    if (!span) throw new Error(`Not a cell: ${cell}`);
    const v = resultOf(this.workbook, this.sheetOf(name), span.r0, span.c0);
    return v === undefined ? '' : typeof v === 'object' ? v.error : v;
  }
}
