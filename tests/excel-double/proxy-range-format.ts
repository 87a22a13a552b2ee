// A range's formats: RangeFormat (widths, heights, wrapping, alignment), RangeFont, RangeFill and
// FormatProtection, each one cell style, set on every cell of the range (range-ops.ts setStyle).
import { CODES, fault } from './errors';
import { ClientObject } from './proxy-base';
import { readLine, readStyle, setLine, setStyle, type RangeTarget } from './range-ops';
import { RULES } from './rules';
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

/** RULES.alignment: the values of Excel.HorizontalAlignment and Excel.VerticalAlignment. */
const H_ALIGN = ['General', 'Left', 'Center', 'Right', 'Fill', 'Justify', 'CenterAcrossSelection', 'Distributed'];
const V_ALIGN = ['Top', 'Center', 'Bottom', 'Justify', 'Distributed'];

const oneOf = (allowed: string[]) => (value: unknown, location: string): string => {
  if (typeof value !== 'string' || !allowed.includes(value)) fault(CODES.invalidArgument, `Not one of ${allowed.join(', ')}: ${String(value)}. ${RULES.alignment.source}`, location);
  return value;
};

/** Font sizes Excel takes: 1 to 409 points (the Font dialog's range; no API page gives it). */
function fontSize(value: unknown, location: string): number {
  if (typeof value !== 'number' || !(value >= 1 && value <= 409)) fault(CODES.invalidArgument, `Not a font size: ${String(value)}.`, location);
  return value;
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
  protected readonly _props = {
    wrapText: { key: 'wrap' as const, fallback: false, check: bool },
    horizontalAlignment: { key: 'hAlign' as const, fallback: 'General', check: oneOf(H_ALIGN) },
    verticalAlignment: { key: 'vAlign' as const, fallback: 'Bottom', check: oneOf(V_ALIGN) },
  };
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
    return ['columnWidth', 'horizontalAlignment', 'rowHeight', 'verticalAlignment', 'wrapText'];
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
  get horizontalAlignment(): string {
    return this._get('horizontalAlignment');
  }
  set horizontalAlignment(v: string) {
    this._style('horizontalAlignment', v);
  }
  get verticalAlignment(): string {
    return this._get('verticalAlignment');
  }
  set verticalAlignment(v: string) {
    this._style('verticalAlignment', v);
  }
}

export class RangeFontProxy extends StyleProxy {
  protected readonly _type = 'RangeFont';
  protected readonly _props = {
    bold: { key: 'bold' as const, fallback: false, check: bool },
    italic: { key: 'italic' as const, fallback: false, check: bool },
    size: { key: 'size' as const, fallback: 11, check: fontSize },
  };
  get bold(): boolean {
    return this._get('bold');
  }
  set bold(v: boolean) {
    this._style('bold', v);
  }
  get italic(): boolean {
    return this._get('italic');
  }
  set italic(v: boolean) {
    this._style('italic', v);
  }
  get size(): number {
    return this._get('size');
  }
  set size(v: number) {
    this._style('size', v);
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
