// PivotTables (PivotTableCollection.add and the hierarchies, ExcelApi 1.8). The double keeps a
// PivotTable's layout (row, column and data fields); it does not draw the PivotTable's cells.
import { parseSpan, splitSheet } from './addresses';
import { CODES, fault } from './errors';
import { addPivot, pivotFields } from './objects';
import { ClientObject, CollectionObject, fixed, type ClientResult } from './proxy-base';
import { RangeProxy } from './proxy-range';
import { TableProxy } from './proxy-sheets';
import { resultOf, type RangeTarget } from './range-ops';
import type { PivotDataState, PivotState, WorkbookState } from './workbook-state';

/** A range from a proxy (of this context) or an address with or without a sheet name (else the active sheet). */
function rangeArg(wb: WorkbookState, arg: unknown, location: string): RangeTarget {
  if (arg instanceof RangeProxy) return arg._target(location);
  if (typeof arg !== 'string') return fault(CODES.invalidArgument, 'Expected a Range or an address.', location);
  const { sheet: named, address } = splitSheet(arg);
  const sheet = named !== undefined ? wb.sheetByKey(named) ?? fault(CODES.itemNotFound, `No sheet "${named}".`, location) : wb.active();
  return { sheet, span: parseSpan(address) ?? fault(CODES.invalidArgument, `Not an address: "${arg}".`, location) };
}

export class PivotTableCollectionProxy extends CollectionObject<WorkbookState, PivotState, PivotTableProxy> {
  protected readonly _type = 'PivotTableCollection';
  /** @internal */ _entities(wb: WorkbookState): PivotState[] {
    return wb.pivots;
  }
  /** @internal */ _proxy(p: PivotState): PivotTableProxy {
    return new PivotTableProxy(this._ctx, fixed(p));
  }
  /** A PivotTable over a table, a range or an address, placed at the destination's top-left cell. */
  add(name: string, source: TableProxy | RangeProxy | string, destination: RangeProxy | string): PivotTableProxy {
    if (source instanceof ClientObject) this._same(source, 'add');
    if (destination instanceof ClientObject) this._same(destination, 'add');
    return this._make('add', [name, source, destination], PivotTableProxy, (wb, loc) => {
      let src: PivotState['source'];
      const table = source instanceof TableProxy ? source._target(loc) : typeof source === 'string' ? wb.tables.find((t) => t.name.toLowerCase() === source.toLowerCase()) : undefined;
      if (table) src = { sheet: table.sheet, area: table.area, table };
      else {
        const r = rangeArg(wb, source, loc);
        src = { sheet: r.sheet, area: r.span };
      }
      const dest = rangeArg(wb, destination, loc);
      return addPivot(wb, name, src, { sheet: dest.sheet, r: dest.span.r0, c: dest.span.c0 }, loc);
    });
  }
  getItem(name: string): PivotTableProxy {
    return this._make('getItem', [name], PivotTableProxy, (wb) => wb.pivots.find((p) => p.name.toLowerCase() === String(name).toLowerCase()) ?? null);
  }
  getCount(): ClientResult<number> {
    return this._result('getCount', [], (wb) => wb.pivots.length);
  }
}

export class PivotTableProxy extends ClientObject<PivotState> {
  protected readonly _type = 'PivotTable';
  private kids: { h?: PivotHierarchyCollectionProxy; rows?: RowColumnPivotHierarchyCollectionProxy; cols?: RowColumnPivotHierarchyCollectionProxy; data?: DataPivotHierarchyCollectionProxy } = {};

  /** @internal */ _scalars(): string[] {
    return ['id', 'name'];
  }
  /** @internal */ _read(p: PivotState, prop: string, location: string): unknown {
    if (prop === 'id') return p.id;
    if (prop === 'name') return p.name;
    return fault(CODES.invalidArgument, `PivotTable has no property ${prop} in the double.`, location);
  }
  /** @internal */ override _holders(): readonly PivotState[] {
    return this._wb.pivots;
  }
  get id(): string {
    return this._get('id');
  }
  get name(): string {
    return this._get('name');
  }
  /** Renames the PivotTable; names are unique on its sheet (as in addPivot). */
  set name(v: string) {
    this._set('name', v, (p, loc) => {
      if (typeof v !== 'string' || v.trim() === '') fault(CODES.invalidArgument, 'A PivotTable needs a name.', loc);
      if (this._wb.pivots.some((x) => x !== p && x.sheet === p.sheet && x.name.toLowerCase() === v.toLowerCase())) fault(CODES.itemAlreadyExists, `A PivotTable named "${v}" is already on "${p.sheet.name}".`, loc);
      p.name = v;
    });
  }
  get hierarchies(): PivotHierarchyCollectionProxy {
    return (this.kids.h ??= new PivotHierarchyCollectionProxy(this._ctx, { get: () => this._target('PivotTable.hierarchies') }));
  }
  get rowHierarchies(): RowColumnPivotHierarchyCollectionProxy {
    return (this.kids.rows ??= new RowColumnPivotHierarchyCollectionProxy(this._ctx, { get: () => ({ pivot: this._target('PivotTable.rowHierarchies'), axis: 'rows' as const }) }));
  }
  get columnHierarchies(): RowColumnPivotHierarchyCollectionProxy {
    return (this.kids.cols ??= new RowColumnPivotHierarchyCollectionProxy(this._ctx, { get: () => ({ pivot: this._target('PivotTable.columnHierarchies'), axis: 'columns' as const }) }));
  }
  get dataHierarchies(): DataPivotHierarchyCollectionProxy {
    return (this.kids.data ??= new DataPivotHierarchyCollectionProxy(this._ctx, { get: () => this._target('PivotTable.dataHierarchies') }));
  }
  delete(): void {
    this._call('delete', [], (p) => {
      this._wb.pivots = this._wb.pivots.filter((x) => x !== p);
    });
  }
}

interface FieldTarget {
  pivot: PivotState;
  field: string;
}

export class PivotHierarchyCollectionProxy extends CollectionObject<PivotState, FieldTarget, PivotHierarchyProxy> {
  protected readonly _type = 'PivotHierarchyCollection';
  /** @internal */ _entities(p: PivotState): FieldTarget[] {
    return pivotFields(this._wb, p).map((field) => ({ pivot: p, field }));
  }
  /** @internal */ _proxy(e: FieldTarget): PivotHierarchyProxy {
    return new PivotHierarchyProxy(this._ctx, fixed(e));
  }
  /** A field of the source by its header; any other name fails with ItemNotFound. */
  getItem(name: string): PivotHierarchyProxy {
    return this._make('getItem', [name], PivotHierarchyProxy, (p) => this._entities(p).find((e) => e.field.toLowerCase() === String(name).toLowerCase()) ?? null);
  }
  getItemOrNullObject(name: string): PivotHierarchyProxy {
    return this._make('getItemOrNullObject', [name], PivotHierarchyProxy, (p) => this._entities(p).find((e) => e.field.toLowerCase() === String(name).toLowerCase()) ?? null, { orNull: true });
  }
}

export class PivotHierarchyProxy extends ClientObject<FieldTarget> {
  protected readonly _type = 'PivotHierarchy';
  /** @internal */ _scalars(): string[] {
    return ['id', 'name'];
  }
  /** @internal */ _read(e: FieldTarget): unknown {
    return e.field;
  }
  get name(): string {
    return this._get('name');
  }
}

export class RowColumnPivotHierarchyCollectionProxy extends ClientObject<{ pivot: PivotState; axis: 'rows' | 'columns' }> {
  protected readonly _type = 'RowColumnPivotHierarchyCollection';
  /** @internal */ _scalars(): string[] {
    return [];
  }
  /** @internal */ _read(_t: unknown, prop: string, location: string): unknown {
    return fault(CODES.invalidArgument, `RowColumnPivotHierarchyCollection has no property ${prop} in the double.`, location);
  }
  /** Puts the field on this axis, taking it off the other one. */
  add(pivotHierarchy: PivotHierarchyProxy): PivotHierarchyProxy {
    this._same(pivotHierarchy, 'add');
    return this._make('add', [pivotHierarchy], PivotHierarchyProxy, ({ pivot, axis }, loc) => {
      const h = pivotHierarchy._target(loc);
      if (h.pivot !== pivot) fault(CODES.invalidArgument, 'The hierarchy belongs to another PivotTable.', loc);
      pivot.rows = pivot.rows.filter((f) => f !== h.field);
      pivot.columns = pivot.columns.filter((f) => f !== h.field);
      pivot[axis].push(h.field);
      return h;
    });
  }
}

const AGGREGATIONS: Record<string, string> = {
  Sum: 'Sum', Count: 'Count', Average: 'Average', Max: 'Max', Min: 'Min', Product: 'Product', CountNumbers: 'Count',
  StandardDeviation: 'StdDev', StandardDeviationP: 'StdDevp', Variance: 'Var', VarianceP: 'Varp', Automatic: 'Sum',
};

interface DataTarget {
  pivot: PivotState;
  data: PivotDataState;
}

export class DataPivotHierarchyCollectionProxy extends ClientObject<PivotState> {
  protected readonly _type = 'DataPivotHierarchyCollection';
  /** @internal */ _scalars(): string[] {
    return [];
  }
  /** @internal */ _read(_t: unknown, prop: string, location: string): unknown {
    return fault(CODES.invalidArgument, `DataPivotHierarchyCollection has no property ${prop} in the double.`, location);
  }
  /** Adds a data field: Sum for a column of numbers, else Count, named "Sum of <field>". */
  add(pivotHierarchy: PivotHierarchyProxy): DataPivotHierarchyProxy {
    this._same(pivotHierarchy, 'add');
    return this._make('add', [pivotHierarchy], DataPivotHierarchyProxy, (pivot, loc) => {
      const h = pivotHierarchy._target(loc);
      if (h.pivot !== pivot) fault(CODES.invalidArgument, 'The hierarchy belongs to another PivotTable.', loc);
      const { sheet, area } = pivot.source.table ?? pivot.source;
      const col = area.c0 + pivotFields(this._wb, pivot).indexOf(h.field);
      let numeric = true;
      for (let r = area.r0 + 1; r <= area.r1 && numeric; r++) {
        const v = resultOf(this._wb, sheet, r, col);
        numeric = v === undefined || v === '' || typeof v === 'number';
      }
      const by = numeric ? 'Sum' : 'Count';
      let name = `${by} of ${h.field}`;
      for (let n = 2; pivot.data.some((d) => d.name === name); n++) name = `${by} of ${h.field}${n}`;
      const data: PivotDataState = { field: h.field, name, summarizeBy: by };
      pivot.data.push(data);
      return { pivot, data };
    });
  }
}

export class DataPivotHierarchyProxy extends ClientObject<DataTarget> {
  protected readonly _type = 'DataPivotHierarchy';
  /** @internal */ _scalars(): string[] {
    return ['name', 'summarizeBy', 'numberFormat'];
  }
  /** @internal */ _read(t: DataTarget, prop: string, location: string): unknown {
    if (prop === 'name') return t.data.name;
    if (prop === 'summarizeBy') return t.data.summarizeBy;
    if (prop === 'numberFormat') return t.data.numberFormat ?? 'General';
    return fault(CODES.invalidArgument, `DataPivotHierarchy has no property ${prop} in the double.`, location);
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v, (t, loc) => {
      if (typeof v !== 'string' || v === '' || t.pivot.data.some((d) => d !== t.data && d.name === v)) fault(CODES.invalidArgument, `Not a free data field name: ${String(v)}.`, loc);
      t.data.name = v;
    });
  }
  /** Excel.AggregationFunction; a default name ("Sum of X") follows the new function. */
  get summarizeBy(): string {
    return this._get('summarizeBy');
  }
  set summarizeBy(v: string) {
    this._set('summarizeBy', v, (t, loc) => {
      if (!(v in AGGREGATIONS)) fault(CODES.invalidArgument, `Not an aggregation function: ${String(v)}.`, loc);
      const old = `${AGGREGATIONS[t.data.summarizeBy]} of ${t.data.field}`;
      if (t.data.name === old) t.data.name = `${AGGREGATIONS[v]} of ${t.data.field}`;
      t.data.summarizeBy = v;
    });
  }
  get numberFormat(): string {
    return this._get('numberFormat');
  }
  set numberFormat(v: string) {
    this._set('numberFormat', v, (t, loc) => {
      if (typeof v !== 'string') fault(CODES.invalidArgument, `Not a number format: ${String(v)}.`, loc);
      t.data.numberFormat = v;
    });
  }
}
