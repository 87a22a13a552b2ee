// A worksheet's frozen panes (ExcelApi 1.7) and its protection (ExcelApi 1.2).
import { CODES, fault } from './errors';
import { ClientObject } from './proxy-base';
import { RangeProxy } from './proxy-range';
import { spanOf } from './range-ops';
import { RULES } from './rules';
import type { SheetState } from './workbook-state';

export class FreezePanesProxy extends ClientObject<SheetState> {
  protected readonly _type = 'WorksheetFreezePanes';
  /** @internal */ _scalars(): string[] {
    return [];
  }
  /** @internal */ _read(_t: SheetState, prop: string, location: string): unknown {
    return fault(CODES.invalidArgument, `WorksheetFreezePanes has no property ${prop}.`, location);
  }
  /** Freezes the rows and columns down to the range's bottom-right cell; null unfreezes. */
  freezeAt(frozenRange: RangeProxy | string | null): void {
    if (frozenRange instanceof RangeProxy) this._same(frozenRange, 'freezeAt');
    this._call('freezeAt', [frozenRange], (t, loc) => {
      if (frozenRange === null) return void (t.frozen = null);
      const target = frozenRange instanceof RangeProxy ? frozenRange._target(loc) : { sheet: t, span: spanOf(t, frozenRange, loc) };
      if (target.sheet !== t) fault(CODES.invalidArgument, 'freezeAt needs a range of the same sheet.', loc);
      t.frozen = { rows: target.span.wholeRows || !target.span.wholeColumns ? target.span.r1 + 1 : 0, cols: target.span.wholeColumns || !target.span.wholeRows ? target.span.c1 + 1 : 0 };
    });
  }
  freezeRows(count = 1): void {
    this._call('freezeRows', [count], (t) => void (t.frozen = count > 0 ? { rows: count, cols: 0 } : null));
  }
  freezeColumns(count = 1): void {
    this._call('freezeColumns', [count], (t) => void (t.frozen = count > 0 ? { rows: 0, cols: count } : null));
  }
  unfreeze(): void {
    this._call('unfreeze', [], (t) => void (t.frozen = null));
  }
}

const PROTECTION_OPTIONS = ['allowAutoFilter', 'allowDeleteColumns', 'allowDeleteRows', 'allowEditObjects', 'allowEditScenarios', 'allowFormatCells', 'allowFormatColumns', 'allowFormatRows', 'allowInsertColumns', 'allowInsertHyperlinks', 'allowInsertRows', 'allowPivotTables', 'allowSort', 'selectionMode'];

export class WorksheetProtectionProxy extends ClientObject<SheetState> {
  protected readonly _type = 'WorksheetProtection';
  /** @internal */ _scalars(): string[] {
    return ['protected', 'options'];
  }
  /** @internal */ _read(t: SheetState, prop: string, location: string): unknown {
    if (prop === 'protected') return t.protection.protected;
    if (prop === 'options') return { ...t.protection.options };
    return fault(CODES.invalidArgument, `WorksheetProtection has no property ${prop}.`, location);
  }
  get protected(): boolean {
    return this._get('protected');
  }
  get options(): Record<string, unknown> {
    return this._get('options');
  }
  /** Protects the sheet; fails when it is already protected. */
  protect(options?: Record<string, unknown>, password?: string): void {
    const api = ['WorksheetProtection.protect', ...(password !== undefined ? ['WorksheetProtection.protect.password'] : [])];
    this._call('protect', [options, password], (t, loc) => {
      if (t.protection.protected) fault(CODES.invalidOperation, `"${t.name}" is already protected. ${RULES.protectTwice.source}`, loc);
      const unknown = Object.keys(options ?? {}).filter((k) => !PROTECTION_OPTIONS.includes(k));
      if (unknown.length) fault(CODES.invalidArgument, `Not protection options: ${unknown.join(', ')}.`, loc);
      t.protection = { protected: true, options: { ...options }, password };
      this._wb.touch();
    }, api);
  }
  unprotect(password?: string): void {
    const api = ['WorksheetProtection.unprotect', ...(password !== undefined ? ['WorksheetProtection.unprotect.password'] : [])];
    this._call('unprotect', [password], (t, loc) => {
      // BadPassword: "The password you supplied is incorrect" (application-specific error table).
      if (t.protection.protected && t.protection.password !== undefined && t.protection.password !== password) fault(CODES.badPassword, 'The password does not unprotect this sheet.', loc);
      t.protection = { protected: false, options: {} };
      this._wb.touch();
    }, api);
  }
}
