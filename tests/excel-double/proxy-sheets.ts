// Worksheets, their collection, tables, frozen panes and sheet protection.
import { bounded, MAX_COLS, MAX_ROWS, splitSheet, type Span } from './addresses';
import { CODES, fault } from './errors';
import { addTable, renameTable } from './objects';
import { ClientObject, CollectionObject, fixed, type ClientResult } from './proxy-base';
import { RangeProxy } from './proxy-range';
import { spanOf, type RangeTarget } from './range-ops';
import { FreezePanesProxy, WorksheetProtectionProxy } from './proxy-sheet-parts';
import { checkTableStyle } from './rules';
import { PageLayoutProxy } from './proxy-page-layout';
import { ChangedEventHandlers } from './proxy-events';
import type { SheetState, TableState, WorkbookState } from './workbook-state';

export class WorksheetCollectionProxy extends CollectionObject<WorkbookState, SheetState, WorksheetProxy> {
  protected readonly _type = 'WorksheetCollection';

  /** @internal */ _entities(wb: WorkbookState): SheetState[] {
    return wb.live();
  }
  /** @internal */ _proxy(sheet: SheetState): WorksheetProxy {
    return new WorksheetProxy(this._ctx, fixed(sheet));
  }

  /** By name (any case) or id; a missing sheet fails the sync with ItemNotFound. */
  getItem(key: string): WorksheetProxy {
    return this._make('getItem', [key], WorksheetProxy, (wb) => wb.sheetByKey(key) ?? null);
  }
  getItemOrNullObject(key: string): WorksheetProxy {
    return this._make('getItemOrNullObject', [key], WorksheetProxy, (wb) => wb.sheetByKey(key) ?? null, { orNull: true });
  }
  add(name?: string): WorksheetProxy {
    return this._make('add', [name], WorksheetProxy, (wb, loc) => wb.addSheet(name, loc));
  }
  getActiveWorksheet(): WorksheetProxy {
    return this._make('getActiveWorksheet', [], WorksheetProxy, (wb) => wb.active());
  }
  /** Changes of cells on any sheet (ExcelApi 1.9). */
  get onChanged(): ChangedEventHandlers {
    return new ChangedEventHandlers(this._ctx, 'WorksheetCollection.onChanged', () => undefined);
  }
  getCount(visibleOnly?: boolean): ClientResult<number> {
    return this._result('getCount', [visibleOnly], (wb) => (visibleOnly ? wb.visible() : wb.live()).length);
  }
}

export class WorksheetProxy extends ClientObject<SheetState> {
  protected readonly _type = 'Worksheet';
  private kids: { tables?: TableCollectionProxy; freezePanes?: FreezePanesProxy; protection?: WorksheetProtectionProxy; pageLayout?: PageLayoutProxy } = {};

  get pageLayout(): PageLayoutProxy {
    return (this.kids.pageLayout ??= new PageLayoutProxy(this._ctx, this._ref));
  }

  get tables(): TableCollectionProxy {
    return (this.kids.tables ??= new TableCollectionProxy(this._ctx, { get: () => ({ wb: this._wb, sheet: this._target('Worksheet.tables') }) }));
  }
  get freezePanes(): FreezePanesProxy {
    return (this.kids.freezePanes ??= new FreezePanesProxy(this._ctx, this._ref));
  }
  get protection(): WorksheetProtectionProxy {
    return (this.kids.protection ??= new WorksheetProtectionProxy(this._ctx, this._ref));
  }
  /** @internal */ override _child(name: string): ClientObject<unknown> | undefined {
    return name === 'protection' ? this.protection : undefined;
  }

  /** @internal */ _scalars(): string[] {
    return ['id', 'name', 'position', 'visibility'];
  }
  /** @internal */ _read(t: SheetState, prop: string, location: string): unknown {
    if (prop === 'id') return t.id;
    if (prop === 'name') return t.name;
    if (prop === 'position') return this._wb.live().indexOf(t);
    if (prop === 'visibility') return t.visibility;
    return fault(CODES.invalidArgument, `Worksheet has no property ${prop} in the double.`, location);
  }

  get id(): string {
    return this._get('id');
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v, (t, loc) => this._wb.rename(t, v, loc));
  }
  get position(): number {
    return this._get('position');
  }
  set position(v: number) {
    this._set('position', v, (t, loc) => this._wb.move(t, v, loc));
  }
  get visibility(): string {
    return this._get('visibility');
  }
  set visibility(v: string) {
    this._set('visibility', v, (t, loc) => this._wb.setVisibility(t, v, loc));
  }

  delete(): void {
    this._call('delete', [], (t, loc) => this._wb.deleteSheet(t, loc));
  }
  activate(): void {
    this._call('activate', [], (t, loc) => this._wb.activate(t, loc));
  }
  /** Changes of cells on this sheet (ExcelApi 1.7). */
  get onChanged(): ChangedEventHandlers {
    return new ChangedEventHandlers(this._ctx, 'Worksheet.onChanged', (loc) => this._target(loc).id);
  }

  private range(method: string, args: unknown[], span: (t: SheetState, location: string) => Span | null, options: { orNull?: boolean; api?: string[] } = {}): RangeProxy {
    return this._make(method, args, RangeProxy, (t, loc) => {
      const s = span(t, loc);
      return s ? { sheet: t, span: s } : null;
    }, options);
  }

  getRange(address?: string): RangeProxy {
    return this.range('getRange', [address], (t, loc) => spanOf(t, address, loc));
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    return this.range('getRangeByIndexes', [startRow, startColumn, rowCount, columnCount], (_t, loc) => {
      const ok = [startRow, startColumn, rowCount, columnCount].every(Number.isInteger) && startRow >= 0 && startColumn >= 0 && rowCount >= 1 && columnCount >= 1;
      if (!ok || startRow + rowCount > MAX_ROWS || startColumn + columnCount > MAX_COLS) fault(CODES.invalidArgument, `No range at (${startRow}, ${startColumn}) of ${rowCount}x${columnCount}.`, loc);
      return bounded({ r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 });
    });
  }
  getCell(row: number, column: number): RangeProxy {
    return this.range('getCell', [row, column], (_t, loc) => {
      if (!Number.isInteger(row) || !Number.isInteger(column) || row < 0 || column < 0 || row >= MAX_ROWS || column >= MAX_COLS) fault(CODES.invalidArgument, `No cell at (${row}, ${column}).`, loc);
      return bounded({ r0: row, c0: column, r1: row, c1: column });
    });
  }
  /** The used range; A1 on a blank sheet ("it will not throw an error"). */
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    const api = ['Worksheet.getUsedRange', ...(valuesOnly !== undefined ? ['Worksheet.getUsedRange.valuesOnly'] : [])];
    return this.range('getUsedRange', [valuesOnly], (t) => bounded(t.usedArea(!!valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 }), { api });
  }
  /** The used range; a null object on a blank sheet. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return this.range('getUsedRangeOrNullObject', [valuesOnly], (t) => {
      const area = t.usedArea(!!valuesOnly);
      return area ? bounded(area) : null;
    }, { orNull: true });
  }
}

interface TablesTarget {
  wb: WorkbookState;
  sheet?: SheetState;
}

export class TableCollectionProxy extends CollectionObject<TablesTarget, TableState, TableProxy> {
  protected readonly _type = 'TableCollection';

  /** @internal */ _entities(t: TablesTarget): TableState[] {
    return t.wb.tables.filter((x) => !t.sheet || x.sheet === t.sheet);
  }
  /** @internal */ _proxy(table: TableState): TableProxy {
    return new TableProxy(this._ctx, fixed(table));
  }

  /** A table over an address (on this sheet, or the active one from the workbook) or over a Range (ExcelApi 1.3). */
  add(address: string | RangeProxy, hasHeaders: boolean): TableProxy {
    const isRange = address instanceof RangeProxy;
    if (isRange) this._same(address, 'add');
    return this._make('add', [address, hasHeaders], TableProxy, (t, loc) => {
      let target: RangeTarget;
      if (isRange) target = address._target(loc);
      else {
        if (typeof address !== 'string') return fault(CODES.invalidArgument, 'tables.add needs an address or a Range.', loc);
        const { sheet: named } = splitSheet(address);
        const sheet = named !== undefined ? t.wb.sheetByKey(named) ?? fault(CODES.itemNotFound, `No sheet "${named}".`, loc) : t.sheet ?? t.wb.active();
        target = { sheet, span: spanOf(sheet, address, loc) };
      }
      return addTable(t.wb, target.sheet, target.span, !!hasHeaders, loc);
    }, { api: ['TableCollection.add', ...(isRange ? ['TableCollection.add.range'] : [])] });
  }
  getItem(key: string): TableProxy {
    return this._make('getItem', [key], TableProxy, (t) => this._entities(t).find((x) => x.id === key || x.name.toLowerCase() === String(key).toLowerCase()) ?? null);
  }
  getItemOrNullObject(key: string): TableProxy {
    return this._make('getItemOrNullObject', [key], TableProxy, (t) => this._entities(t).find((x) => x.id === key || x.name.toLowerCase() === String(key).toLowerCase()) ?? null, { orNull: true });
  }
  getCount(): ClientResult<number> {
    return this._result('getCount', [], (t) => this._entities(t).length);
  }
}

export class TableProxy extends ClientObject<TableState> {
  protected readonly _type = 'Table';

  /** @internal */ _scalars(): string[] {
    return ['id', 'name', 'style', 'showHeaders', 'showTotals'];
  }
  /** @internal */ _read(t: TableState, prop: string, location: string): unknown {
    if (prop === 'id') return t.id;
    if (prop === 'name') return t.name;
    if (prop === 'style') return t.style;
    if (prop === 'showHeaders') return true;
    if (prop === 'showTotals') return false;
    return fault(CODES.invalidArgument, `Table has no property ${prop} in the double.`, location);
  }
  /** @internal */ override _holders(): readonly TableState[] {
    return this._wb.tables;
  }
  get id(): string {
    return this._get('id');
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v, (t, loc) => renameTable(this._wb, t, v, loc));
  }
  get style(): string {
    return this._get('style');
  }
  set style(v: string) {
    this._set('style', v, (t, loc) => (t.style = checkTableStyle(v, loc)));
  }
  delete(): void {
    this._call('delete', [], (t) => {
      this._wb.tables = this._wb.tables.filter((x) => x !== t);
      this._wb.touch();
    });
  }
  private part(method: string, area: (t: TableState) => { r0: number; r1: number }): RangeProxy {
    return this._make(method, [], RangeProxy, (t) => ({ sheet: t.sheet, span: bounded({ ...t.area, ...area(t) }) }));
  }
  getRange(): RangeProxy {
    return this.part('getRange', (t) => t.area);
  }
  getHeaderRowRange(): RangeProxy {
    return this.part('getHeaderRowRange', (t) => ({ r0: t.area.r0, r1: t.area.r0 }));
  }
  getDataBodyRange(): RangeProxy {
    return this.part('getDataBodyRange', (t) => ({ r0: t.area.r0 + 1, r1: Math.max(t.area.r0 + 1, t.area.r1) }));
  }
}
