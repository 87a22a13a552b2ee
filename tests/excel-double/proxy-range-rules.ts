// Conditional formats (ExcelApi 1.6) and data validation (ExcelApi 1.8) of a range.
import { overlaps } from './addresses';
import { CODES, fault } from './errors';
import { ClientObject, CollectionObject, fixed, type ClientResult, type Ref } from './proxy-base';
import { checkFormatAllowed, type RangeTarget } from './range-ops';
import { checkValidationRule, RULES } from './rules';
import type { ConditionalFormatState, SheetState, ValidationState } from './workbook-state';

const CF_TYPES = ['Custom', 'DataBar', 'ColorScale', 'IconSet', 'TopBottom', 'PresetCriteria', 'ContainsText', 'CellValue'];
const OPERATORS = ['Between', 'NotBetween', 'EqualTo', 'NotEqualTo', 'GreaterThan', 'LessThan', 'GreaterThanOrEqual', 'LessThanOrEqual'];

interface CfTarget {
  sheet: SheetState;
  cf: ConditionalFormatState;
}

export class ConditionalFormatCollectionProxy extends CollectionObject<RangeTarget, CfTarget, ConditionalFormatProxy> {
  protected readonly _type = 'ConditionalFormatCollection';

  /** @internal */ _entities(t: RangeTarget): CfTarget[] {
    return t.sheet.conditionalFormats.filter((cf) => overlaps(cf.area, t.span)).map((cf) => ({ sheet: t.sheet, cf }));
  }
  /** @internal */ _proxy(e: CfTarget): ConditionalFormatProxy {
    return new ConditionalFormatProxy(this._ctx, fixed(e));
  }

  /** Adds a conditional format at the top priority; Excel.ConditionalFormatType names the kind. */
  add(type: string): ConditionalFormatProxy {
    return this._make('add', [type], ConditionalFormatProxy, (t, loc) => {
      if (!CF_TYPES.includes(type)) fault(CODES.invalidArgument, `Not a conditional format type: ${String(type)}.`, loc);
      checkFormatAllowed(t.sheet, 'allowFormatCells', loc);
      const cf: ConditionalFormatState = { id: this._wb.newId('cf'), area: { r0: t.span.r0, c0: t.span.c0, r1: t.span.r1, c1: t.span.c1 }, type };
      t.sheet.conditionalFormats.unshift(cf);
      this._wb.touch();
      return { sheet: t.sheet, cf };
    });
  }

  getCount(): ClientResult<number> {
    return this._result('getCount', [], (t) => this._entities(t).length);
  }
}

export class ConditionalFormatProxy extends ClientObject<CfTarget> {
  protected readonly _type = 'ConditionalFormat';
  private cell?: CellValueConditionalFormatProxy;

  /** The cell-value properties; using them on another type of format fails when the command runs. */
  get cellValue(): CellValueConditionalFormatProxy {
    const ref: Ref<CfTarget> = {
      get: () => {
        const t = this._ref.get();
        // Not documented: cellValue of another type of format; the double fails with InvalidOperation.
        if (t && t.cf.type !== 'CellValue') fault(CODES.invalidOperation, `This conditional format is ${t.cf.type}, not CellValue.`, 'ConditionalFormat.cellValue');
        return t;
      },
    };
    return (this.cell ??= new CellValueConditionalFormatProxy(this._ctx, ref));
  }

  /** @internal */ _scalars(): string[] {
    return ['id', 'type'];
  }
  /** @internal */ _read(t: CfTarget, prop: string, location: string): unknown {
    if (prop === 'type') return t.cf.type;
    if (prop === 'id') return t.cf.id;
    return fault(CODES.invalidArgument, `ConditionalFormat has no property ${prop} in the double.`, location);
  }
  get type(): string {
    return this._get('type');
  }
  get id(): string {
    return this._get('id');
  }
}

export class CellValueConditionalFormatProxy extends ClientObject<CfTarget> {
  protected readonly _type = 'CellValueConditionalFormat';
  private fmt?: ConditionalRangeFormatProxy;

  get format(): ConditionalRangeFormatProxy {
    return (this.fmt ??= new ConditionalRangeFormatProxy(this._ctx, this._ref));
  }
  /** @internal */ _scalars(): string[] {
    return ['rule'];
  }
  /** @internal */ _read(t: CfTarget, prop: string, location: string): unknown {
    if (prop === 'rule') return t.cf.rule ?? null;
    return fault(CODES.invalidArgument, `CellValueConditionalFormat has no property ${prop} in the double.`, location);
  }
  get rule(): unknown {
    return this._get('rule');
  }
  set rule(v: unknown) {
    this._set('rule', v, (t, loc) => {
      const r = v as { formula1?: unknown; formula2?: unknown; operator?: unknown } | null;
      if (!r || typeof r.formula1 !== 'string' || !OPERATORS.includes(String(r.operator))) {
        fault(CODES.invalidArgument, 'A cell value rule needs formula1 and an operator of Excel.ConditionalCellValueOperator.', loc);
      }
      if ((r.operator === 'Between' || r.operator === 'NotBetween') && typeof r.formula2 !== 'string') fault(CODES.invalidArgument, `${r.operator} needs formula2.`, loc);
      t.cf.rule = { ...r };
    });
  }
}

export class ConditionalRangeFormatProxy extends ClientObject<CfTarget> {
  protected readonly _type = 'ConditionalRangeFormat';
  private kids: { fill?: ConditionalRangeFillProxy; font?: ConditionalRangeFontProxy } = {};
  get fill(): ConditionalRangeFillProxy {
    return (this.kids.fill ??= new ConditionalRangeFillProxy(this._ctx, this._ref));
  }
  get font(): ConditionalRangeFontProxy {
    return (this.kids.font ??= new ConditionalRangeFontProxy(this._ctx, this._ref));
  }
  /** @internal */ _scalars(): string[] {
    return [];
  }
  /** @internal */ _read(_t: CfTarget, prop: string, location: string): unknown {
    return fault(CODES.invalidArgument, `ConditionalRangeFormat has no property ${prop} in the double.`, location);
  }
}

export class ConditionalRangeFillProxy extends ClientObject<CfTarget> {
  protected readonly _type = 'ConditionalRangeFill';
  /** @internal */ _scalars(): string[] {
    return ['color'];
  }
  /** @internal */ _read(t: CfTarget): unknown {
    return t.cf.fill ?? null;
  }
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._set('color', v, (t, loc) => {
      if (typeof v !== 'string' || !/^(#?[0-9A-Fa-f]{6}|[A-Za-z]+)$/.test(v)) fault(CODES.invalidArgument, `Not a color: ${String(v)}.`, loc);
      t.cf.fill = v.startsWith('#') ? v.toUpperCase() : v;
    });
  }
}

export class ConditionalRangeFontProxy extends ClientObject<CfTarget> {
  protected readonly _type = 'ConditionalRangeFont';
  /** @internal */ _scalars(): string[] {
    return ['bold', 'color'];
  }
  /** @internal */ _read(t: CfTarget, prop: string): unknown {
    return prop === 'bold' ? t.cf.bold ?? null : t.cf.fontColor ?? null;
  }
  get bold(): boolean {
    return this._get('bold');
  }
  set bold(v: boolean) {
    this._set('bold', v, (t) => (t.cf.bold = v));
  }
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._set('color', v, (t) => (t.cf.fontColor = v));
  }
}

const ALERT_STYLES = ['Stop', 'Warning', 'Information'];

/** The validation on exactly this range, made when missing; validations inside it are replaced. */
function validationOf(t: RangeTarget, location: string, create: boolean): ValidationState | undefined {
  const { sheet, span } = t;
  const same = (v: ValidationState) => v.area.r0 === span.r0 && v.area.c0 === span.c0 && v.area.r1 === span.r1 && v.area.c1 === span.c1;
  let v = sheet.validations.find(same);
  if (!v && create) {
    // Not documented for the API: data validation on a protected sheet (the Excel UI disables it); AccessDenied as RULES.protectedCells.
    if (sheet.protection.protected) fault(CODES.accessDenied, `"${sheet.name}" is protected: data validation cannot change. ${RULES.protectedCells.source}`, location);
    const inside = (x: ValidationState) => x.area.r0 >= span.r0 && x.area.c0 >= span.c0 && x.area.r1 <= span.r1 && x.area.c1 <= span.c1;
    sheet.validations.splice(0, sheet.validations.length, ...sheet.validations.filter((x) => !inside(x)));
    v = { area: { r0: span.r0, c0: span.c0, r1: span.r1, c1: span.c1 } };
    sheet.validations.push(v);
  }
  return v;
}

export class DataValidationProxy extends ClientObject<RangeTarget> {
  protected readonly _type = 'DataValidation';
  /** @internal */ _scalars(): string[] {
    return ['rule', 'errorAlert', 'prompt', 'type'];
  }
  /** @internal */ _read(t: RangeTarget, prop: string, location: string): unknown {
    const v = t.sheet.validations.find((x) => overlaps(x.area, t.span));
    if (prop === 'rule') return v?.rule ?? {};
    if (prop === 'errorAlert') return v?.errorAlert ?? { showAlert: true, style: 'Stop', title: '', message: '' };
    if (prop === 'prompt') return v?.prompt ?? { showPrompt: false, title: '', message: '' };
    if (prop === 'type') return v?.rule ? Object.keys(v.rule)[0][0].toUpperCase() + Object.keys(v.rule)[0].slice(1) : 'None';
    return fault(CODES.invalidArgument, `DataValidation has no property ${prop} in the double.`, location);
  }
  get rule(): Record<string, unknown> {
    return this._get('rule');
  }
  set rule(v: Record<string, unknown>) {
    this._set('rule', v, (t, loc) => {
      const rule = checkValidationRule(v, loc);
      validationOf(t, loc, true)!.rule = rule;
      this._wb.touch();
    });
  }
  get errorAlert(): Record<string, unknown> {
    return this._get('errorAlert');
  }
  set errorAlert(v: Record<string, unknown>) {
    this._set('errorAlert', v, (t, loc) => {
      if (!v || typeof v !== 'object' || (v.style !== undefined && !ALERT_STYLES.includes(String(v.style)))) fault(CODES.invalidArgument, 'Not a data validation error alert.', loc);
      validationOf(t, loc, true)!.errorAlert = { showAlert: true, style: 'Stop', ...v };
    });
  }
  get prompt(): Record<string, unknown> {
    return this._get('prompt');
  }
  set prompt(v: Record<string, unknown>) {
    this._set('prompt', v, (t, loc) => {
      validationOf(t, loc, true)!.prompt = { ...v };
    });
  }
  clear(): void {
    this._call('clear', [], (t) => {
      t.sheet.validations.splice(0, t.sheet.validations.length, ...t.sheet.validations.filter((x) => !overlaps(x.area, t.span)));
      this._wb.touch();
    });
  }
}
