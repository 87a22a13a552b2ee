// The workbook the double holds: sheets with their cells and formats, tables, PivotTables and
// custom XML parts, and the sheet operations with their rules (names, visibility, deletion).
import type { Area } from './addresses';
import { Calc } from './calc';
import { Events } from './events';
import { CODES, fault } from './errors';
import type { Stored } from './parse-typed';
import { checkSheetName, RULES } from './rules';

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';
export const VISIBILITIES: Visibility[] = ['Visible', 'Hidden', 'VeryHidden'];

/** Formats a cell, a whole column or a whole row can carry. */
export interface Style {
  numberFormat?: string;
  locked?: boolean;
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  wrap?: boolean;
  hAlign?: string;
  vAlign?: string;
}
export type StyleKey = keyof Style;
const STYLE_KEYS: StyleKey[] = ['numberFormat', 'locked', 'fill', 'bold', 'italic', 'size', 'wrap', 'hAlign', 'vAlign'];

/** A cell: a constant or a formula (text starting with =), and its own formats. */
export interface Cell extends Style {
  value?: Stored;
  formula?: string;
}

export interface ConditionalFormatState {
  id: string;
  area: Area;
  type: string;
  fill?: string;
  bold?: boolean;
  fontColor?: string;
  rule?: unknown;
}

export interface ValidationState {
  area: Area;
  rule?: Record<string, unknown>;
  errorAlert?: Record<string, unknown>;
  prompt?: Record<string, unknown>;
}

export class SheetState {
  deleted = false;
  readonly cells = new Map<number, Map<number, Cell>>();
  readonly colStyles = new Map<number, Style>();
  readonly rowStyles = new Map<number, Style>();
  readonly colWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly hiddenCols = new Set<number>();
  readonly hiddenRows = new Set<number>();
  protection: { protected: boolean; options: Record<string, unknown>; password?: string } = { protected: false, options: {} };
  rtl = false;
  frozen: { rows: number; cols: number } | null = null;
  /** The cells selected on the sheet (A1 until something else is), 0-based. */
  selection: Area = { r0: 0, c0: 0, r1: 0, c1: 0 };
  readonly conditionalFormats: ConditionalFormatState[] = [];
  readonly validations: ValidationState[] = [];
  /** Merged areas (merge-ops.ts), none overlapping another. */
  merges: Area[] = [];

  constructor(
    readonly id: string,
    public name: string,
    public visibility: Visibility = 'Visible',
  ) {}

  cell(r: number, c: number): Cell | undefined {
    return this.cells.get(r)?.get(c);
  }

  ensure(r: number, c: number): Cell {
    let row = this.cells.get(r);
    if (!row) this.cells.set(r, (row = new Map()));
    let cell = row.get(c);
    if (!cell) row.set(c, (cell = {}));
    return cell;
  }

  /** Drops a cell that holds nothing (no content, no own format). */
  tidy(r: number, c: number): void {
    const cell = this.cell(r, c);
    if (cell && Object.values(cell).every((v) => v === undefined)) {
      this.cells.get(r)!.delete(c);
      if (this.cells.get(r)!.size === 0) this.cells.delete(r);
    }
  }

  /** A format as the cell shows it: its own, else its row's, else its column's. */
  style<K extends StyleKey>(r: number, c: number, key: K): Style[K] {
    return this.cell(r, c)?.[key] ?? this.rowStyles.get(r)?.[key] ?? this.colStyles.get(c)?.[key];
  }

  numberFormat(r: number, c: number): string {
    return this.style(r, c, 'numberFormat') ?? 'General';
  }

  locked(r: number, c: number): boolean {
    return this.style(r, c, 'locked') ?? true;
  }

  hasContent(cell: Cell | undefined): boolean {
    return !!cell && (cell.formula !== undefined || (cell.value !== undefined && cell.value !== ''));
  }

  /** The smallest area holding every cell with content (and, unless valuesOnly, every formatted cell). */
  usedArea(valuesOnly: boolean): Area | null {
    let a: Area | null = null;
    for (const [r, row] of this.cells) {
      for (const [c, cell] of row) {
        const counts = this.hasContent(cell) || (!valuesOnly && STYLE_KEYS.some((k) => cell[k] !== undefined));
        if (!counts) continue;
        a = a ? { r0: Math.min(a.r0, r), c0: Math.min(a.c0, c), r1: Math.max(a.r1, r), c1: Math.max(a.c1, c) } : { r0: r, c0: c, r1: r, c1: c };
      }
    }
    return a;
  }

  /** Sets a format on whole columns (or rows), replacing the cells' own format there. */
  styleLines(kind: 'col' | 'row', from: number, to: number, key: StyleKey, value: unknown): void {
    const map = kind === 'col' ? this.colStyles : this.rowStyles;
    for (let i = from; i <= to; i++) map.set(i, { ...map.get(i), [key]: value });
    for (const [r, row] of this.cells) {
      for (const [c, cell] of row) {
        const hit = kind === 'col' ? c >= from && c <= to : r >= from && r <= to;
        if (hit && cell[key] !== undefined) {
          delete cell[key];
          this.tidy(r, c);
        }
      }
    }
  }
}

export interface TableState {
  id: string;
  name: string;
  sheet: SheetState;
  area: Area;
  style: string;
}

export interface PivotDataState {
  field: string;
  name: string;
  summarizeBy: string;
  numberFormat?: string;
}

export interface PivotState {
  id: string;
  name: string;
  sheet: SheetState;
  anchor: { r: number; c: number };
  source: { sheet: SheetState; area: Area; table?: TableState };
  rows: string[];
  columns: string[];
  data: PivotDataState[];
}

export interface PartState {
  id: string;
  namespace: string;
  xml: string;
}

export class WorkbookState {
  readonly sheets: SheetState[] = [];
  tables: TableState[] = [];
  pivots: PivotState[] = [];
  parts: PartState[] = [];
  activeName?: string;
  readonly calculations: string[] = [];
  /** Bumped by every change, so the formula results can be cached between changes. */
  version = 0;
  readonly calc = new Calc(this);
  /** Changed-event handlers and the changes waiting for them (events.ts). */
  readonly events = new Events();
  private counter = 0;

  constructor(
    /** The year of dates typed without one (1/2 → 2 January of this year). */
    readonly year: number,
    /** 'documented': no cell-level writes on unbounded ranges; 'observed': a single numberFormat may be set (issue #5400). */
    readonly unboundedNumberFormat: 'documented' | 'observed',
  ) {}

  newId(kind: string): string {
    this.counter++;
    const hex = this.counter.toString(16).padStart(8, '0').toUpperCase();
    return kind === 'sheet' || kind === 'part' ? `{${hex}-${kind === 'sheet' ? '0001' : '0002'}-0000-0000-000000000000}` : `${kind}${this.counter}`;
  }

  touch(): void {
    this.version++;
  }

  live(): SheetState[] {
    return this.sheets.filter((s) => !s.deleted);
  }

  /** A sheet by name (any case) or id. */
  sheetByKey(key: string): SheetState | undefined {
    return this.live().find((s) => s.id === key || s.name.toLowerCase() === String(key).toLowerCase());
  }

  visible(): SheetState[] {
    return this.live().filter((s) => s.visibility === 'Visible');
  }

  active(): SheetState {
    const named = this.activeName ? this.sheetByKey(this.activeName) : undefined;
    const sheet = named && named.visibility === 'Visible' ? named : this.visible()[0] ?? this.live()[0];
    if (!sheet) fault(CODES.itemNotFound, 'The workbook has no sheet.');
    return sheet;
  }

  addSheet(name: string | undefined, location: string, index?: number): SheetState {
    const others = this.live().map((s) => s.name);
    let final = name;
    if (final === undefined) for (let n = others.length + 1; final === undefined || others.some((o) => o.toLowerCase() === final!.toLowerCase()); n++) final = `Sheet${n}`;
    checkSheetName(final, others, location); // RULES.sheetName, RULES.sheetNameUnique
    const sheet = new SheetState(this.newId('sheet'), final);
    const live = this.live();
    const at = index === undefined || index >= live.length ? this.sheets.length : this.sheets.indexOf(live[index]);
    this.sheets.splice(at, 0, sheet);
    this.touch();
    return sheet;
  }

  rename(sheet: SheetState, name: unknown, location: string): void {
    checkSheetName(name, this.live().filter((s) => s !== sheet).map((s) => s.name), location); // RULES.sheetName, RULES.sheetNameUnique
    if (this.activeName && this.sheetByKey(this.activeName) === sheet) this.activeName = name as string;
    sheet.name = name as string;
    this.touch();
  }

  setVisibility(sheet: SheetState, visibility: unknown, location: string): void {
    if (!VISIBILITIES.includes(visibility as Visibility)) fault(CODES.invalidArgument, `Not a sheet visibility: ${String(visibility)}.`, location);
    if (visibility !== 'Visible' && sheet.visibility === 'Visible' && this.visible().length === 1) {
      // RULES.oneVisibleSheet
      fault(CODES.invalidOperation, `"${sheet.name}" is the last visible sheet: a workbook keeps one visible. ${RULES.oneVisibleSheet.source}`, location);
    }
    sheet.visibility = visibility as Visibility;
    this.touch();
  }

  deleteSheet(sheet: SheetState, location: string): void {
    if (sheet.visibility === 'VeryHidden') {
      // RULES.veryHiddenDelete: documented code InvalidOperation.
      fault(CODES.invalidOperation, `"${sheet.name}" is very hidden and cannot be deleted; make it hidden or visible first. ${RULES.veryHiddenDelete.source}`, location);
    }
    if (sheet.visibility === 'Visible' && this.visible().length === 1) {
      fault(CODES.invalidOperation, `"${sheet.name}" is the last visible sheet: a workbook keeps one visible. ${RULES.oneVisibleSheet.source}`, location);
    }
    sheet.deleted = true;
    this.tables = this.tables.filter((t) => t.sheet !== sheet);
    this.pivots = this.pivots.filter((p) => p.sheet !== sheet && p.source.sheet !== sheet);
    this.touch();
  }

  move(sheet: SheetState, position: unknown, location: string): void {
    const live = this.live();
    if (typeof position !== 'number' || !Number.isInteger(position) || position < 0 || position >= live.length) {
      fault(CODES.invalidArgument, `Not a sheet position: ${String(position)}.`, location);
    }
    const rest = live.filter((s) => s !== sheet);
    rest.splice(position, 0, sheet);
    const deleted = this.sheets.filter((s) => s.deleted);
    this.sheets.splice(0, this.sheets.length, ...rest, ...deleted);
    this.touch();
  }

  activate(sheet: SheetState, location: string): void {
    // Not documented: activating a sheet that is not visible; the double refuses it (InvalidOperation).
    if (sheet.visibility !== 'Visible') fault(CODES.invalidOperation, `"${sheet.name}" is not visible and cannot be activated.`, location);
    this.activeName = sheet.id;
  }
}
