// A1 addresses: cells (A1), ranges (A1:C3), whole columns (A:A, A:C), whole rows (1:1, 2:3),
// optionally after a sheet name (Sheet1!A1, 'My sheet'!A1:B2). Rows and columns are 0-based here.

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** A rectangle of cells, inclusive, 0-based. */
export interface Area {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** An area and whether it is unbounded: whole columns (every row) or whole rows (every column). */
export interface Span extends Area {
  wholeColumns: boolean;
  wholeRows: boolean;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

function part(text: string): { kind: 'cell'; r: number; c: number } | { kind: 'col'; c: number } | { kind: 'row'; r: number } | null {
  let m = CELL.exec(text);
  if (m) return { kind: 'cell', r: Number(m[2]) - 1, c: columnIndex(m[1]) };
  m = COL.exec(text);
  if (m) return { kind: 'col', c: columnIndex(m[1]) };
  m = ROW.exec(text);
  if (m) return { kind: 'row', r: Number(m[1]) - 1 };
  return null;
}

const inGrid = (s: Span) => s.r0 >= 0 && s.c0 >= 0 && s.r1 < MAX_ROWS && s.c1 < MAX_COLS && s.r0 <= s.r1 && s.c0 <= s.c1;

/** Splits "Sheet!A1" into the sheet name (unquoted) and the address. */
export function splitSheet(text: string): { sheet?: string; address: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(text);
  if (!m) return { address: text };
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], address: m[3] };
}

/** The span an address (without sheet) names, or null when it is not an A1 address. */
export function parseSpan(address: string): Span | null {
  const [a, b, extra] = address.trim().split(':');
  if (extra !== undefined || !a) return null;
  const p = part(a);
  const q = b === undefined ? p : part(b);
  if (!p || !q || p.kind !== q.kind) return null;
  let s: Span;
  if (p.kind === 'cell' && q.kind === 'cell') {
    s = { r0: Math.min(p.r, q.r), c0: Math.min(p.c, q.c), r1: Math.max(p.r, q.r), c1: Math.max(p.c, q.c), wholeColumns: false, wholeRows: false };
  } else if (p.kind === 'col' && q.kind === 'col' && b !== undefined) {
    s = { r0: 0, c0: Math.min(p.c, q.c), r1: MAX_ROWS - 1, c1: Math.max(p.c, q.c), wholeColumns: true, wholeRows: false };
  } else if (p.kind === 'row' && q.kind === 'row' && b !== undefined) {
    s = { r0: Math.min(p.r, q.r), c0: 0, r1: Math.max(p.r, q.r), c1: MAX_COLS - 1, wholeColumns: false, wholeRows: true };
  } else {
    return null;
  }
  return inGrid(s) ? s : null;
}

export function wholeSheet(): Span {
  return { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1, wholeColumns: true, wholeRows: true };
}

export function bounded(area: Area): Span {
  return { ...area, wholeColumns: false, wholeRows: false };
}

export const isUnbounded = (s: Span) => s.wholeColumns || s.wholeRows;

/** "A1", "A1:C3", "A:C" or "2:3" for a span. */
export function formatSpan(s: Span): string {
  if (s.wholeColumns && s.wholeRows) return `1:${MAX_ROWS}`;
  if (s.wholeColumns) return `${columnLetters(s.c0)}:${columnLetters(s.c1)}`;
  if (s.wholeRows) return `${s.r0 + 1}:${s.r1 + 1}`;
  const a = `${columnLetters(s.c0)}${s.r0 + 1}`;
  return s.r0 === s.r1 && s.c0 === s.c1 ? a : `${a}:${columnLetters(s.c1)}${s.r1 + 1}`;
}

/** A sheet name as it appears before "!" (quoted when it is not a plain word). */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !CELL.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export const rowsOf = (a: Area) => a.r1 - a.r0 + 1;
export const colsOf = (a: Area) => a.c1 - a.c0 + 1;

export function overlaps(a: Area, b: Area): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}
