// Range and its formats: values, formulas, number formats, text, widths, hiding, fill, font,
// cell protection. The conditional formats and data validation are in proxy-range-rules.ts.
import { bounded, colsOf, formatSpan, MAX_COLS, MAX_ROWS, quoteSheet, rowsOf } from './addresses';
import { CODES, fault } from './errors';
import { ClientObject } from './proxy-base';
import { ConditionalFormatCollectionProxy, DataValidationProxy } from './proxy-range-rules';
import { readCells, readLine, readStyle, setLine, setStyle, writeContent, writeNumberFormat, type RangeTarget } from './range-ops';
import type { StyleKey } from './workbook-state';

/** Colors as #RRGGBB (stored upper case) or an HTML color name. */
export function color(value: unknown, location: string): string {
  if (typeof value === 'string' && /^#?[0-9A-Fa-f]{6}$/.test(value)) return `#${value.replace('#', '').toUpperCase()}`;
  if (typeof value === 'string' && /^[A-Za-z]+$/.test(value)) return value;
  return fault(CODES.invalidArgument, `Not a color: ${String(value)}.`, location);
}

function bool(value: unknown, location: string): boolean {
  if (typeof value !== 'boolean') fault(CODES.invalidArgument, `Not a boolean: ${String(value)}.`, location);
  return value;
}

export class RangeProxy extends ClientObject<RangeTarget> {
  protected readonly _type = 'Range';
  private children: { format?: RangeFormatProxy; conditionalFormats?: ConditionalFormatCollectionProxy; dataValidation?: DataValidationProxy } = {};

  get format(): RangeFormatProxy {
    return (this.children.format ??= new RangeFormatProxy(this._ctx, this._ref));
  }
  get conditionalFormats(): ConditionalFormatCollectionProxy {
    return (this.children.conditionalFormats ??= new ConditionalFormatCollectionProxy(this._ctx, this._ref));
  }
  get dataValidation(): DataValidationProxy {
    return (this.children.dataValidation ??= new DataValidationProxy(this._ctx, this._ref));
  }

  /** @internal */ override _child(name: string): ClientObject<unknown> | undefined {
    if (name === 'format') return this.format as ClientObject<unknown>;
    if (name === 'dataValidation') return this.dataValidation as ClientObject<unknown>;
    return undefined;
  }

  /** @internal */ _scalars(): string[] {
    return ['address', 'cellCount', 'columnCount', 'columnHidden', 'columnIndex', 'formulas', 'numberFormat', 'rowCount', 'rowHidden', 'rowIndex', 'text', 'values'];
  }

  /** @internal */ _read(t: RangeTarget, prop: string, location: string): unknown {
    switch (prop) {
      case 'values':
      case 'formulas':
      case 'numberFormat':
      case 'text':
        return readCells(this._wb, t, prop, location);
      case 'address':
      case 'addressLocal':
        return `${quoteSheet(t.sheet.name)}!${formatSpan(t.span)}`;
      case 'rowCount':
        return rowsOf(t.span);
      case 'columnCount':
        return colsOf(t.span);
      case 'cellCount':
        return rowsOf(t.span) * colsOf(t.span);
      case 'rowIndex':
        return t.span.r0;
      case 'columnIndex':
        return t.span.c0;
      case 'columnHidden':
      case 'rowHidden':
        return readLine(t, prop);
      default:
        return fault(CODES.invalidArgument, `Range has no property ${prop} in the double.`, location);
    }
  }

  get values(): unknown[][] {
    return this._get('values');
  }
  set values(v: unknown[][]) {
    this._set('values', v, (t, loc) => writeContent(this._wb, t, 'values', v, loc));
  }
  get formulas(): unknown[][] {
    return this._get('formulas');
  }
  set formulas(v: unknown[][]) {
    this._set('formulas', v, (t, loc) => writeContent(this._wb, t, 'formulas', v, loc));
  }
  get numberFormat(): unknown[][] {
    return this._get('numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this._set('numberFormat', v, (t, loc) => writeNumberFormat(this._wb, t, v, loc));
  }
  get text(): string[][] {
    return this._get('text');
  }
  get address(): string {
    return this._get('address');
  }
  get rowCount(): number {
    return this._get('rowCount');
  }
  get columnCount(): number {
    return this._get('columnCount');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }
  get rowIndex(): number {
    return this._get('rowIndex');
  }
  get columnIndex(): number {
    return this._get('columnIndex');
  }
  get columnHidden(): boolean {
    return this._get('columnHidden');
  }
  set columnHidden(v: boolean) {
    this._set('columnHidden', v, (t, loc) => setLine(this._wb, t, 'columnHidden', v, loc));
  }
  get rowHidden(): boolean {
    return this._get('rowHidden');
  }
  set rowHidden(v: boolean) {
    this._set('rowHidden', v, (t, loc) => setLine(this._wb, t, 'rowHidden', v, loc));
  }

  /** The cell at (row, column) from this range's top-left; it may lie outside the range, not outside the sheet. */
  getCell(row: number, column: number): RangeProxy {
    return this._make('getCell', [row, column], RangeProxy, (t, loc) => {
      const r = t.span.r0 + row;
      const c = t.span.c0 + column;
      if (!Number.isInteger(row) || !Number.isInteger(column) || r < 0 || c < 0 || r >= MAX_ROWS || c >= MAX_COLS) fault(CODES.invalidArgument, `No cell at (${row}, ${column}).`, loc);
      return { sheet: t.sheet, span: bounded({ r0: r, c0: c, r1: r, c1: c }) };
    });
  }
}

/** A format of a range (RangeFormat, RangeFont, RangeFill, FormatProtection): one cell style, the same on every cell or null. */
abstract class StyleProxy extends ClientObject<RangeTarget> {
  protected abstract readonly _props: Record<string, { key: StyleKey; fallback: unknown; check: (v: unknown, location: string) => unknown }>;

  /** @internal */ _scalars(): string[] {
    return Object.keys(this._props);
  }

  /** @internal */ _read(t: RangeTarget, prop: string, location: string): unknown {
    const p = this._props[prop];
    if (!p) return fault(CODES.invalidArgument, `${this._type} has no property ${prop} in the double.`, location);
    return readStyle(t, p.key, p.fallback);
  }

  protected _style(prop: string, value: unknown): void {
    const p = this._props[prop];
    this._set(prop, value, (t, loc) => setStyle(this._wb, t, p.key, p.check(value, loc), loc));
  }
}

export class RangeFormatProxy extends StyleProxy {
  protected readonly _type = 'RangeFormat';
  protected readonly _props = { wrapText: { key: 'wrap' as const, fallback: false, check: bool } };
  private children: { font?: RangeFontProxy; fill?: RangeFillProxy; protection?: FormatProtectionProxy } = {};

  get font(): RangeFontProxy {
    return (this.children.font ??= new RangeFontProxy(this._ctx, this._ref));
  }
  get fill(): RangeFillProxy {
    return (this.children.fill ??= new RangeFillProxy(this._ctx, this._ref));
  }
  get protection(): FormatProtectionProxy {
    return (this.children.protection ??= new FormatProtectionProxy(this._ctx, this._ref));
  }

  /** @internal */ override _child(name: string): ClientObject<unknown> | undefined {
    return name === 'font' ? this.font : name === 'fill' ? this.fill : name === 'protection' ? this.protection : undefined;
  }

  /** @internal */ override _scalars(): string[] {
    return ['columnWidth', 'rowHeight', 'wrapText'];
  }

  /** @internal */ override _read(t: RangeTarget, prop: string, location: string): unknown {
    if (prop === 'columnWidth' || prop === 'rowHeight') return readLine(t, prop);
    return super._read(t, prop, location);
  }

  get columnWidth(): number {
    return this._get('columnWidth');
  }
  set columnWidth(v: number) {
    this._set('columnWidth', v, (t, loc) => setLine(this._wb, t, 'columnWidth', v, loc));
  }
  get rowHeight(): number {
    return this._get('rowHeight');
  }
  set rowHeight(v: number) {
    this._set('rowHeight', v, (t, loc) => setLine(this._wb, t, 'rowHeight', v, loc));
  }
  get wrapText(): boolean {
    return this._get('wrapText');
  }
  set wrapText(v: boolean) {
    this._style('wrapText', v);
  }
}

export class RangeFontProxy extends StyleProxy {
  protected readonly _type = 'RangeFont';
  protected readonly _props = { bold: { key: 'bold' as const, fallback: false, check: bool } };
  get bold(): boolean {
    return this._get('bold');
  }
  set bold(v: boolean) {
    this._style('bold', v);
  }
}

export class RangeFillProxy extends StyleProxy {
  protected readonly _type = 'RangeFill';
  protected readonly _props = { color: { key: 'fill' as const, fallback: '#FFFFFF', check: color } };
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._style('color', v);
  }
  clear(): void {
    this._call('clear', [], (t, loc) => setStyle(this._wb, t, 'fill', undefined, loc));
  }
}

export class FormatProtectionProxy extends StyleProxy {
  protected readonly _type = 'FormatProtection';
  protected readonly _props = { locked: { key: 'locked' as const, fallback: true, check: bool } };
  get locked(): boolean {
    return this._get('locked');
  }
  set locked(v: boolean) {
    // The navigation property itself (RangeFormat.protection) is ExcelApi 1.2.
    const p = this._props.locked;
    this._set('locked', v, (t, loc) => setStyle(this._wb, t, p.key, p.check(v, loc), loc), ['FormatProtection.locked', 'RangeFormat.protection']);
  }
}
