// Reading and writing a range's cells and formats, with the rules that apply to cells: unbounded
// ranges, array shapes, typed-input parsing, length limits and sheet protection.
import { colsOf, columnLetters, isUnbounded, parseSpan, rowsOf, splitSheet, wholeSheet, type Span } from './addresses';
import { CODES, fault } from './errors';
import { formatValue } from './number-format';
import { parseTyped, type Stored } from './parse-typed';
import { checkCellLength, LIMITS, RULES } from './rules';
import type { Cell, SheetState, StyleKey, WorkbookState } from './workbook-state';

export interface RangeTarget {
  sheet: SheetState;
  span: Span;
}

export type ApiValue = string | number | boolean;
export type CellProp = 'values' | 'formulas' | 'numberFormat' | 'text';

/** Default column width and row height, in points (Excel's 8.43 characters and 15 points). */
export const DEFAULT_WIDTH = 48;
export const DEFAULT_HEIGHT = 15;

const apiOf = (v: Stored | undefined): ApiValue => (v === undefined ? '' : typeof v === 'object' ? v.error : v);

/** A cell's value as Range.values gives it (a formula's result, an error as its text, '' when empty). */
export function resultOf(wb: WorkbookState, sheet: SheetState, r: number, c: number): Stored | undefined {
  const cell = sheet.cell(r, c);
  if (cell?.formula !== undefined) return wb.calc.result(sheet, r, c);
  return cell?.value;
}

function cellRead(wb: WorkbookState, sheet: SheetState, r: number, c: number, prop: CellProp): ApiValue {
  const cell = sheet.cell(r, c);
  switch (prop) {
    case 'values':
      return apiOf(resultOf(wb, sheet, r, c));
    case 'formulas':
      return cell?.formula ?? apiOf(cell?.value);
    case 'numberFormat':
      return sheet.numberFormat(r, c);
    case 'text':
      return formatValue(resultOf(wb, sheet, r, c), sheet.numberFormat(r, c));
  }
}

/** A cell-level property of a range; null for an unbounded range (RULES.unboundedRead). */
export function readCells(wb: WorkbookState, t: RangeTarget, prop: CellProp, location: string): ApiValue[][] | null {
  if (isUnbounded(t.span)) return null; // RULES.unboundedRead
  if (rowsOf(t.span) * colsOf(t.span) > LIMITS.readCells) {
    fault(CODES.rangeExceedsLimit, `A read is limited to ${LIMITS.readCells} cells. ${RULES.readCells.source}`, location);
  }
  const out: ApiValue[][] = [];
  for (let r = t.span.r0; r <= t.span.r1; r++) {
    const row: ApiValue[] = [];
    for (let c = t.span.c0; c <= t.span.c1; c++) row.push(cellRead(wb, t.sheet, r, c, prop));
    out.push(row);
  }
  return out;
}

/** The input as a matrix of the range's shape: the same shape, or one value (or [[value]]) for every cell. */
function shaped(input: unknown, t: RangeTarget, location: string): unknown[][] {
  const rows = rowsOf(t.span);
  const cols = colsOf(t.span);
  const single = !Array.isArray(input) ? input : input.length === 1 && Array.isArray(input[0]) && input[0].length === 1 ? input[0][0] : undefined;
  if (!Array.isArray(input) || single !== undefined) return Array.from({ length: rows }, () => Array.from({ length: cols }, () => single));
  if (input.length !== rows || input.some((row) => !Array.isArray(row) || row.length !== cols)) {
    const got = `${input.length}x${Array.isArray(input[0]) ? input[0].length : '?'}`;
    fault(CODES.invalidArgument, `The array (${got}) does not match the range (${rows}x${cols}). ${RULES.arrayShape.source}`, location);
  }
  return input as unknown[][];
}

function protectedFault(sheet: SheetState, what: string, location: string): never {
  fault(CODES.accessDenied, `"${sheet.name}" is protected: ${what}. ${RULES.protectedCells.source}`, location);
}

/** Formatting on a protected sheet needs its option (allowFormatCells, allowFormatColumns, allowFormatRows). */
export function checkFormatAllowed(sheet: SheetState, option: string, location: string): void {
  if (sheet.protection.protected && sheet.protection.options[option] !== true) protectedFault(sheet, `${option} is not allowed`, location);
}

function unboundedFault(prop: string, location: string): never {
  fault(CODES.invalidArgument, `${prop} cannot be set on an unbounded range (whole columns or rows). ${RULES.unboundedWrite.source}`, location);
}

/** Writes values or formulas: each text read as typed input; null leaves a cell as it is. */
export function writeContent(wb: WorkbookState, t: RangeTarget, prop: 'values' | 'formulas', input: unknown, location: string): void {
  if (isUnbounded(t.span)) unboundedFault(prop, location); // RULES.unboundedWrite
  const matrix = shaped(input, t, location);
  const { sheet, span } = t;
  const planned: Array<{ r: number; c: number; next: Partial<Cell>; clear: boolean }> = [];
  matrix.forEach((row, i) =>
    row.forEach((v, j) => {
      const r = span.r0 + i;
      const c = span.c0 + j;
      if (v === null || v === undefined) return;
      // RULES.protectedCells: a locked cell of a protected sheet takes no value.
      if (sheet.protection.protected && sheet.locked(r, c)) protectedFault(sheet, `cell ${columnLetters(c)}${r + 1} is locked`, location);
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) fault(CODES.invalidArgument, `Not a cell value: ${v}.`, location);
        planned.push({ r, c, next: { value: v }, clear: false });
      } else if (typeof v === 'boolean') {
        planned.push({ r, c, next: { value: v }, clear: false });
      } else if (typeof v === 'string') {
        // RULES.typedInput (parse-typed.ts), then RULES.cellLength / RULES.formulaLength.
        const typed = parseTyped(v, { textFormat: sheet.numberFormat(r, c) === '@', year: wb.year });
        if (typed.kind === 'empty') planned.push({ r, c, next: {}, clear: true });
        else if (typed.kind === 'formula') {
          checkCellLength(typed.formula, true, location);
          planned.push({ r, c, next: { formula: typed.formula }, clear: false });
        } else {
          if (typeof typed.value === 'string') checkCellLength(typed.value, false, location);
          const format = typed.format && sheet.numberFormat(r, c) === 'General' ? { numberFormat: typed.format } : {};
          planned.push({ r, c, next: { value: typed.value, ...format }, clear: false });
        }
      } else {
        fault(CODES.invalidArgument, `Not a cell value: ${JSON.stringify(v)}.`, location);
      }
    }),
  );
  for (const p of planned) {
    const cell = sheet.ensure(p.r, p.c);
    delete cell.value;
    delete cell.formula;
    Object.assign(cell, p.next);
    sheet.tidy(p.r, p.c);
  }
  if (planned.length) wb.events.note(sheet, span, true);
  wb.touch();
}

/** Writes number formats. On an unbounded range only in 'observed' mode, and only one format. */
export function writeNumberFormat(wb: WorkbookState, t: RangeTarget, input: unknown, location: string): void {
  const { sheet, span } = t;
  checkFormatAllowed(sheet, 'allowFormatCells', location);
  if (isUnbounded(span)) {
    const single = Array.isArray(input) ? (input.length === 1 && Array.isArray(input[0]) && input[0].length === 1 ? input[0][0] : undefined) : input;
    if (wb.unboundedNumberFormat !== 'observed' || typeof single !== 'string') unboundedFault('numberFormat', location);
    if (span.wholeColumns) sheet.styleLines('col', span.c0, span.c1, 'numberFormat', single);
    else sheet.styleLines('row', span.r0, span.r1, 'numberFormat', single);
    wb.touch();
    return;
  }
  const matrix = shaped(input, t, location);
  for (const f of matrix.flat()) {
    if (f !== null && f !== undefined && typeof f !== 'string') fault(CODES.invalidArgument, `Not a number format: ${JSON.stringify(f)}.`, location);
  }
  matrix.forEach((row, i) =>
    row.forEach((f, j) => {
      if (typeof f === 'string') sheet.ensure(span.r0 + i, span.c0 + j).numberFormat = f;
    }),
  );
  wb.touch();
}

/** A cell format (fill, bold, wrap, locked) on every cell, or on the whole columns/rows. */
export function setStyle(wb: WorkbookState, t: RangeTarget, key: StyleKey, value: unknown, location: string): void {
  const { sheet, span } = t;
  checkFormatAllowed(sheet, 'allowFormatCells', location);
  if (span.wholeColumns) sheet.styleLines('col', span.c0, span.c1, key, value);
  else if (span.wholeRows) sheet.styleLines('row', span.r0, span.r1, key, value);
  else {
    for (let r = span.r0; r <= span.r1; r++) for (let c = span.c0; c <= span.c1; c++) Object.assign(sheet.ensure(r, c), { [key]: value });
  }
  wb.touch();
}

/** A format of the range: the same for every cell, else null. */
export function readStyle(t: RangeTarget, key: StyleKey, fallback: unknown): unknown {
  const { sheet, span } = t;
  const r1 = Math.min(span.r1, span.r0 + 2000);
  const c1 = Math.min(span.c1, span.c0 + 200);
  let first: unknown;
  for (let r = span.r0; r <= r1; r++) {
    for (let c = span.c0; c <= c1; c++) {
      const v = sheet.style(r, c, key) ?? fallback;
      if (r === span.r0 && c === span.c0) first = v;
      else if (v !== first) return null;
    }
  }
  return first;
}

type Line = 'columnWidth' | 'rowHeight' | 'columnHidden' | 'rowHidden';

/** Widths, heights and hiding: allowed on unbounded ranges; on a protected sheet they need allowFormatColumns/Rows. */
export function setLine(wb: WorkbookState, t: RangeTarget, what: Line, value: unknown, location: string): void {
  const { sheet, span } = t;
  const columns = what === 'columnWidth' || what === 'columnHidden';
  checkFormatAllowed(sheet, columns ? 'allowFormatColumns' : 'allowFormatRows', location);
  const isWidth = what === 'columnWidth' || what === 'rowHeight';
  if (isWidth ? typeof value !== 'number' || !(value >= 0) : typeof value !== 'boolean') fault(CODES.invalidArgument, `Not a value for ${what}: ${String(value)}.`, location);
  const [from, to] = columns ? [span.c0, span.c1] : [span.r0, span.r1];
  for (let i = from; i <= to; i++) {
    if (what === 'columnWidth') sheet.colWidths.set(i, value as number);
    else if (what === 'rowHeight') sheet.rowHeights.set(i, value as number);
    else (what === 'columnHidden' ? sheet.hiddenCols : sheet.hiddenRows)[value ? 'add' : 'delete'](i);
  }
  wb.touch();
}

export function readLine(t: RangeTarget, what: Line): unknown {
  const { sheet, span } = t;
  const columns = what === 'columnWidth' || what === 'columnHidden';
  const [from, to] = columns ? [span.c0, span.c1] : [span.r0, span.r1];
  const at = (i: number) =>
    what === 'columnWidth' ? sheet.colWidths.get(i) ?? DEFAULT_WIDTH : what === 'rowHeight' ? sheet.rowHeights.get(i) ?? DEFAULT_HEIGHT : (what === 'columnHidden' ? sheet.hiddenCols : sheet.hiddenRows).has(i);
  const first = at(from);
  for (let i = from + 1; i <= Math.min(to, from + 20000); i++) if (at(i) !== first) return null;
  return first;
}

/** A getRange address on `sheet`: A1 forms, whole columns or rows, or the whole sheet when none. */
export function spanOf(sheet: SheetState, address: unknown, location: string): Span {
  if (address === undefined || address === null) return wholeSheet();
  if (typeof address !== 'string') return fault(CODES.invalidArgument, `Not an address: ${String(address)}.`, location);
  if (address.length > LIMITS.addressChars) fault(CODES.invalidArgument, `An address has at most ${LIMITS.addressChars} characters. ${RULES.addressLength.source}`, location);
  const { sheet: named, address: rest } = splitSheet(address);
  if (named !== undefined && named.toLowerCase() !== sheet.name.toLowerCase()) fault(CODES.invalidArgument, `"${address}" is not on "${sheet.name}".`, location);
  return parseSpan(rest) ?? fault(CODES.invalidArgument, `Not an A1 address the double knows: "${address}".`, location);
}
