// One worksheet part as it streams: its rows and cells counted against the limits (as exceljs
// would hold them, merged and validated ranges spread cell by cell), its structure checked
// (rows and cells in order, addresses in range, shared strings the file has), and its A1 looked
// at to decide whether exceljs reads it, it is read here into plain values, or it is skipped.
import type { RawCell } from '../core/grid/read';
import { KEEP_TEXT, misread, plainValue, type CellState, type FileValue, type ValueContext } from './cell-values';
import type { StringsScan } from './workbook-parts';
import { attributes, decodeXml, type XmlEvents } from './xml-scan';
import { count, MAX_CELLS, MAX_MERGES, MAX_ROWS, refuse } from './xlsx-limits';
import { ENOUGH } from './zip-parts';

const MAX_SHEET_ROWS = 1048576;
const MAX_SHEET_COLUMNS = 16384;
const ADDRESS = /^([A-Z]{1,3})([1-9][0-9]{0,6})$/;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function letters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Cells in a range such as `B2:D9` (a single cell is 1; what cannot be read counts as 1: exceljs refuses it). */
function rangeArea(range: string): number {
  const [a, b = a] = range.split(':');
  const p = ADDRESS.exec(a.replace(/\$/g, ''));
  const q = ADDRESS.exec(b.replace(/\$/g, ''));
  if (!p || !q) return 1;
  return (Math.abs(Number(q[2]) - Number(p[2])) + 1) * (Math.abs(columnNumber(q[1]) - columnNumber(p[1])) + 1);
}

/** What the sheets read so far hold, against the limits. */
export interface Totals {
  rows: number;
  cells: number;
  merges: number;
}

/** How a worksheet is read: by exceljs (checked here), here into plain values, or not at all. */
type Reading = 'exceljs' | 'values' | 'skip';

/** What a worksheet scan needs from the rest of the package. */
export interface SheetContext extends ValueContext {
  file: string;
  strings: StringsScan;
  /** Texts that mark the sheets exceljs reads, in A1 (none: every sheet). */
  marks?: ReadonlySet<string>;
  /** Whether the other sheets are read here into values. */
  others: boolean;
  /** Whether their values are collected now (a second pass), or they are only checked. */
  collect: boolean;
}

/**
 * One worksheet's rows and cells as they stream: counted, checked, and either its misread cells
 * kept (for exceljs' reading) or all its values read (a sheet exceljs does not read).
 */
export class SheetScan implements XmlEvents {
  readonly fileValues = new Map<string, FileValue>();
  matrix: RawCell[][] | undefined;
  /** How the sheet is read: undefined until its A1 has been seen. */
  reading: Reading | undefined;
  private row = 0;
  private col = 0;
  private rowCells = 0;
  private cells = 0;
  private merges = 0;
  private cell: CellState | undefined;
  private into: 'v' | 't' | 'f' | undefined;
  private inInline = false;

  constructor(
    private readonly sheet: string,
    private readonly ctx: SheetContext,
    private readonly totals: Totals,
    private readonly otherTotals: Totals,
  ) {
    if (ctx.collect) this.matrix = [];
    if (!ctx.marks) this.decide(true);
  }

  private fail(why: string): never {
    return refuse(this.ctx.file, `not a valid .xlsx workbook (sheet '${this.sheet}': ${why})`);
  }

  /** Decides, once, from whether A1 holds a text asked for; a sheet not read is not unpacked further. */
  private decide(marked: boolean) {
    if (this.reading !== undefined) return;
    this.reading = marked ? 'exceljs' : this.ctx.others ? 'values' : 'skip';
    if (this.reading === 'exceljs') this.matrix = undefined;
    if (this.reading === 'skip') throw ENOUGH;
  }

  private get counted(): Totals {
    return this.reading === 'values' ? this.otherTotals : this.totals;
  }

  private count() {
    const { file, sheet } = { file: this.ctx.file, sheet: this.sheet };
    const totals = this.counted;
    if (totals.rows + this.row > MAX_ROWS) refuse(file, `more than ${count(MAX_ROWS)} rows in the sheets read (sheet '${sheet}' goes on to row ${count(this.row)}); PlanSheets reads at most ${count(MAX_ROWS)} (MAX_ROWS)`);
    if (totals.cells + this.cells > MAX_CELLS) {
      refuse(file, `more than ${count(MAX_CELLS)} cells in the sheets read, counting merged and validated ranges (sheet '${sheet}', row ${count(this.row)}); PlanSheets reads at most ${count(MAX_CELLS)} (MAX_CELLS)`);
    }
    if (totals.merges + this.merges > MAX_MERGES) refuse(file, `more than ${count(MAX_MERGES)} merged ranges (sheet '${sheet}'); PlanSheets reads at most ${count(MAX_MERGES)} (MAX_MERGES)`);
  }

  /** The sheet read to its end: a sheet with nothing in A1 is one of the others; the counts of one read are added up. */
  finish(): void {
    if (this.reading === undefined) this.reading = this.ctx.others ? 'values' : 'skip';
    if (this.reading === 'skip') return;
    const totals = this.counted;
    totals.rows += this.row;
    totals.cells += this.cells;
    totals.merges += this.merges;
  }

  open(name: string, attrs: string, empty: boolean): void {
    const c = this.cell;
    if (c) {
      if (name === 'v' || name === 'f' || (name === 't' && this.inInline)) {
        this.into = name;
        if (name === 'v') c.v = '';
        else if (name === 'f') c.f = '';
        else c.inline ??= '';
      } else if (name === 'is') this.inInline = true;
      return;
    }
    if (name === 'row') this.openRow(attributes(attrs));
    else if (name === 'c') this.openCell(attributes(attrs), empty);
    else if (this.reading === 'values') return; // merges and validations are exceljs' cost only
    else if (name === 'mergeCell') {
      this.merges++;
      this.cells += rangeArea(attributes(attrs).get('ref') ?? '');
      this.count();
    } else if (name === 'dataValidation') {
      for (const range of (attributes(attrs).get('sqref') ?? '').split(/\s+/).filter(Boolean)) this.cells += rangeArea(range);
      this.count();
    }
  }

  private openRow(attrs: Map<string, string>) {
    const r = attrs.get('r');
    const n = r === undefined ? this.row + 1 : /^[0-9]{1,7}$/.test(r.trim()) ? Number(r) : NaN;
    if (!(n >= 1 && n <= MAX_SHEET_ROWS)) this.fail(`row number "${String(r).slice(0, 20)}" is not a row of a sheet`);
    if (n <= this.row) this.fail(`row ${n} comes after row ${this.row}`);
    if (n > 1) this.decide(false);
    this.row = n;
    this.col = 0;
    this.rowCells = 0;
    this.count();
  }

  private openCell(attrs: Map<string, string>, empty: boolean) {
    if (this.row === 0) this.fail('a cell outside any row');
    const r = attrs.get('r');
    let col = this.col + 1;
    if (r !== undefined) {
      const m = ADDRESS.exec(r);
      if (!m || Number(m[2]) !== this.row) this.fail(`cell address "${r.slice(0, 20)}" in row ${this.row}`);
      col = columnNumber(m[1]);
    }
    const address = `${letters(col)}${this.row}`;
    if (col > MAX_SHEET_COLUMNS) this.fail(`cell ${address} is beyond the last column`);
    if (col <= this.col) this.fail(`cell ${address} comes after column ${letters(this.col)} of row ${this.row}`);
    if (col > 1) this.decide(false);
    this.col = col;
    if (col > this.rowCells) {
      this.cells += col - this.rowCells;
      this.rowCells = col;
      this.count();
    }
    const s = attrs.get('s');
    this.cell = { address, col, type: attrs.get('t'), style: s === undefined ? undefined : Number(s) };
    if (empty) this.closeCell();
  }

  text(raw: string): void {
    const c = this.cell;
    if (!c || !this.into) return;
    // Texts are needed whole only where they are the values; elsewhere only for messages.
    const keep = (kept: string) => (this.matrix ? kept + raw : kept.length >= KEEP_TEXT ? kept : (kept + raw).slice(0, KEEP_TEXT));
    if (this.into === 'v') c.v = keep(c.v!);
    else if (this.into === 'f') c.f = keep(c.f!);
    else c.inline = keep(c.inline!);
  }

  cdata(): void {
    if (this.cell) this.fail(`cell ${this.cell.address} holds a CDATA section, which is not read`);
  }

  close(name: string): void {
    if (!this.cell) return;
    if (name === this.into) this.into = undefined;
    else if (name === 'is') this.inInline = false;
    else if (name === 'c') this.closeCell();
  }

  private closeCell() {
    const c = this.cell!;
    this.cell = undefined;
    this.into = undefined;
    this.inInline = false;
    const v = c.v === undefined ? undefined : decodeXml(c.v).trim();
    let index: number | undefined;
    if (c.type === 's' && v !== undefined && v !== '') {
      index = /^[0-9]{1,10}$/.test(v) ? Number(v) : NaN;
      if (!(index < this.ctx.strings.count)) {
        this.fail(`cell ${c.address} refers to shared string "${v.slice(0, 20)}", which the file does not have (it has ${count(this.ctx.strings.count)})`);
      }
    }
    if (c.address === 'A1' && this.reading === undefined) {
      const text = c.type === 'str' || c.type === 'inlineStr' ? decodeXml(c.v ?? c.inline ?? '') : undefined;
      this.decide(index !== undefined ? this.ctx.strings.marked.has(index) : text !== undefined && !!this.ctx.marks?.has(text));
    }
    if (this.matrix) {
      (this.matrix[this.row - 1] ??= [])[c.col - 1] = plainValue(c, v, index, this.ctx);
      return;
    }
    const found = misread(c, v);
    if (found) this.fileValues.set(c.address, found);
  }
}
