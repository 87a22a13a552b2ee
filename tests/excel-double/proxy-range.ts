// Range: values, formulas, number formats, text, hiding, selecting, merging. Its formats are in
// proxy-range-format.ts, its conditional formats and data validation in proxy-range-rules.ts.
import { bounded, colsOf, formatSpan, MAX_COLS, MAX_ROWS, quoteSheet, rowsOf } from './addresses';
import { CODES, fault } from './errors';
import { ClientObject } from './proxy-base';
import { ConditionalFormatCollectionProxy, DataValidationProxy } from './proxy-range-rules';
import { mergeCells, unmergeCells } from './merge-ops';
import { RangeFormatProxy } from './proxy-range-format';
import { readCells, readLine, setLine, writeContent, writeNumberFormat, type RangeTarget } from './range-ops';

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

  /**
   * Selects the range in the Excel UI (ExcelApi 1.1; excel.range#excel-excel-range-select-member).
   * Not documented: selecting on a sheet that is not active; the double activates it (as the UI
   * does when a person goes to a range), so a hidden sheet's range is refused as activate refuses it.
   */
  select(): void {
    this._call('select', [], (t, loc) => {
      this._wb.activate(t.sheet, loc);
      t.sheet.selection = { r0: t.span.r0, c0: t.span.c0, r1: t.span.r1, c1: t.span.c1 };
    });
  }

  /** Merges the range's cells into one area, or each row's with `across` (ExcelApi 1.2; RULES.mergeKeepsTopLeft). */
  merge(across?: boolean): void {
    this._call('merge', across === undefined ? [] : [across], (t, loc) => mergeCells(this._wb, t, across, loc));
  }

  /** Splits the merged areas the range touches into separate cells (ExcelApi 1.2). */
  unmerge(): void {
    this._call('unmerge', [], (t, loc) => unmergeCells(this._wb, t, loc));
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
