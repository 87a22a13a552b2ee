// The workbook: its collections, custom XML parts, the application (calculation), PivotTables
// and sheets inserted from a Base64 workbook.
import { CODES, fault } from './errors';
import { bounded } from './addresses';
import { addPart, insertSheets, readWorkbookFile, setPartXml } from './objects';
import { ClientObject, CollectionObject, fixed, type ClientResult } from './proxy-base';
import { PivotTableCollectionProxy } from './proxy-pivots';
import { TableCollectionProxy, WorksheetCollectionProxy, WorksheetProxy } from './proxy-sheets';
import { RangeProxy } from './proxy-range';
import type { RequestContext } from './context';
import type { PartState, SheetState, WorkbookState } from './workbook-state';

export class WorkbookProxy extends ClientObject<WorkbookState> {
  protected readonly _type = 'Workbook';
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly customXmlParts: CustomXmlPartCollectionProxy;
  readonly application: ApplicationProxy;
  readonly pivotTables: PivotTableCollectionProxy;

  constructor(ctx: RequestContext) {
    const wb = fixed(ctx._engine.workbook);
    super(ctx, wb);
    this.worksheets = new WorksheetCollectionProxy(ctx, wb);
    this.tables = new TableCollectionProxy(ctx, { get: () => ({ wb: ctx._engine.workbook }) });
    this.customXmlParts = new CustomXmlPartCollectionProxy(ctx, wb);
    this.application = new ApplicationProxy(ctx, wb);
    this.pivotTables = new PivotTableCollectionProxy(ctx, wb);
  }

  /** @internal */ _scalars(): string[] {
    return ['name'];
  }
  /** @internal */ _read(_wb: WorkbookState, prop: string, location: string): unknown {
    if (prop === 'name') return 'Book1.xlsx';
    return fault(CODES.invalidArgument, `Workbook has no property ${prop} in the double.`, location);
  }

  /**
   * The selected cells of the active sheet (ExcelApi 1.1; excel.workbook#excel-excel-workbook-getselectedrange-member).
   * Excel fails it when several ranges are selected; the double selects one range at most.
   */
  getSelectedRange(): RangeProxy {
    return this._make('getSelectedRange', [], RangeProxy, (wb) => {
      const sheet = wb.active();
      return { sheet, span: bounded(sheet.selection) };
    });
  }

  /**
   * Inserts the sheets of a workbook file (ExcelApi 1.13) and gives their ids. Names that are
   * taken get a number, as Excel names copies; the right-to-left flag and visibility come along.
   * The double copies no cells from the file.
   */
  insertWorksheetsFromBase64(base64File: string, options?: { sheetNamesToInsert?: string[]; positionType?: string; relativeTo?: WorksheetProxy | string }): ClientResult<string[]> {
    const relativeTo = options?.relativeTo;
    if (relativeTo instanceof WorksheetProxy) this._same(relativeTo, 'insertWorksheetsFromBase64');
    const sent = { ...options, relativeTo: relativeTo instanceof WorksheetProxy ? { ref: 'Worksheet' } : relativeTo };
    return this._result('insertWorksheetsFromBase64', [base64File, sent], async (wb, loc) => {
      const sheets = await readWorkbookFile(base64File, loc);
      let rel: SheetState | undefined;
      if (relativeTo instanceof WorksheetProxy) rel = relativeTo._target(loc);
      else if (typeof relativeTo === 'string') rel = wb.sheetByKey(relativeTo) ?? fault(CODES.itemNotFound, `No sheet "${relativeTo}".`, loc);
      return insertSheets(wb, sheets, { sheetNamesToInsert: options?.sheetNamesToInsert, positionType: options?.positionType, relativeTo: rel }, loc);
    });
  }
}

export class ApplicationProxy extends ClientObject<WorkbookState> {
  protected readonly _type = 'Application';
  /** @internal */ _scalars(): string[] {
    return ['calculationMode'];
  }
  /** @internal */ _read(_wb: WorkbookState, prop: string, location: string): unknown {
    if (prop === 'calculationMode') return 'Automatic';
    return fault(CODES.invalidArgument, `Application has no property ${prop} in the double.`, location);
  }
  get calculationMode(): string {
    return this._get('calculationMode');
  }
  /** Recalculates (Excel.CalculationType: Recalculate, Full, FullRebuild); the double records the type. */
  calculate(calculationType: string): void {
    this._call('calculate', [calculationType], (wb, loc) => {
      if (!['Recalculate', 'Full', 'FullRebuild'].includes(calculationType)) fault(CODES.invalidArgument, `Not a calculation type: ${String(calculationType)}.`, loc);
      wb.calculations.push(calculationType);
      wb.touch();
    });
  }
}

interface ScopedTarget {
  wb: WorkbookState;
  namespace: string;
}

export class CustomXmlPartCollectionProxy extends CollectionObject<WorkbookState, PartState, CustomXmlPartProxy> {
  protected readonly _type = 'CustomXmlPartCollection';
  /** @internal */ _entities(wb: WorkbookState): PartState[] {
    return wb.parts;
  }
  /** @internal */ _proxy(part: PartState): CustomXmlPartProxy {
    return new CustomXmlPartProxy(this._ctx, fixed(part));
  }
  /** Adds a part; the XML must be well formed. */
  add(xml: string): CustomXmlPartProxy {
    return this._make('add', [xml], CustomXmlPartProxy, (wb, loc) => addPart(wb, xml, loc));
  }
  /** The parts whose root element is in `namespaceUri`, as they are when a later command runs. */
  getByNamespace(namespaceUri: string): CustomXmlPartScopedCollectionProxy {
    return new CustomXmlPartScopedCollectionProxy(this._ctx, { get: () => ({ wb: this._wb, namespace: namespaceUri }) });
  }
  getItem(id: string): CustomXmlPartProxy {
    return this._make('getItem', [id], CustomXmlPartProxy, (wb) => wb.parts.find((p) => p.id === id) ?? null);
  }
  getItemOrNullObject(id: string): CustomXmlPartProxy {
    return this._make('getItemOrNullObject', [id], CustomXmlPartProxy, (wb) => wb.parts.find((p) => p.id === id) ?? null, { orNull: true });
  }
  getCount(): ClientResult<number> {
    return this._result('getCount', [], (wb) => wb.parts.length);
  }
}

export class CustomXmlPartScopedCollectionProxy extends CollectionObject<ScopedTarget, PartState, CustomXmlPartProxy> {
  protected readonly _type = 'CustomXmlPartScopedCollection';
  /** @internal */ _entities(t: ScopedTarget): PartState[] {
    return t.wb.parts.filter((p) => p.namespace === t.namespace);
  }
  /** @internal */ _proxy(part: PartState): CustomXmlPartProxy {
    return new CustomXmlPartProxy(this._ctx, fixed(part));
  }
  getCount(): ClientResult<number> {
    return this._result('getCount', [], (t) => this._entities(t).length);
  }
  getItem(id: string): CustomXmlPartProxy {
    return this._make('getItem', [id], CustomXmlPartProxy, (t) => this._entities(t).find((p) => p.id === id) ?? null);
  }
}

export class CustomXmlPartProxy extends ClientObject<PartState> {
  protected readonly _type = 'CustomXmlPart';
  /** @internal */ _scalars(): string[] {
    return ['id', 'namespaceUri'];
  }
  /** @internal */ _read(p: PartState, prop: string, location: string): unknown {
    if (prop === 'id') return p.id;
    if (prop === 'namespaceUri') return p.namespace;
    return fault(CODES.invalidArgument, `CustomXmlPart has no property ${prop}.`, location);
  }
  /** @internal */ override _holders(): readonly PartState[] {
    return this._wb.parts;
  }
  get id(): string {
    return this._get('id');
  }
  get namespaceUri(): string {
    return this._get('namespaceUri');
  }
  getXml(): ClientResult<string> {
    return this._result('getXml', [], (p) => p.xml);
  }
  setXml(xml: string): void {
    this._call('setXml', [xml], (p, loc) => setPartXml(p, xml, loc));
  }
  delete(): void {
    this._call('delete', [], (p) => {
      this._wb.parts = this._wb.parts.filter((x) => x !== p);
    });
  }
}
