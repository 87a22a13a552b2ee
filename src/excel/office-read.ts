/* global Excel */
// Reading sheets back with Office.js: which sheets are PlanSheets', which generation is live, and
// their cells in responses that stay under Excel on the web's 5 MB (a whole workbook's sheets in
// one response would not). Only ExcelApi 1.1 calls: this works in every Excel with add-ins.
import { columnLetter } from '../core/grid/layout';
import { generations, roleOf, type Generations } from '../core/grid/generations';
import { baseFromRows } from '../core/grid/base-sheet';
import type { RawCell } from '../core/grid/read';

/** Office.js gives error cells as text ("#VALUE!"); the grid reads them as errors. */
const ERROR_TEXT = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/;
export const toRaw = (values: unknown[][]): RawCell[][] =>
  values.map((row) => row.map((v) => (typeof v === 'string' && ERROR_TEXT.test(v) ? { error: v } : v === '' ? null : (v as RawCell))));

/** Cells asked for in one response at first; halved while Excel says the response is too large. */
const CELLS_PER_RESPONSE = 40000;
/** The error codes of a request or a response over Excel on the web's payload limit. */
const PAYLOAD_TOO_LARGE = new Set(['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded']);

export interface Head {
  ws: Excel.Worksheet;
  name: string;
  visibility: Excel.SheetVisibility | `${Excel.SheetVisibility}`;
  /** A1:B1. */
  row1: unknown[];
}

/** 2 syncs: every sheet's name and visibility, then its A1:B1 (what kind of sheet it is). */
export async function readHeads(context: Excel.RequestContext): Promise<Head[]> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/visibility');
  await context.sync();
  const firsts = sheets.items.map((ws) => ws.getRange('A1:B1').load('values'));
  await context.sync();
  return sheets.items.map((ws, i) => ({ ws, name: ws.name, visibility: ws.visibility, row1: firsts[i].values[0] }));
}

/**
 * The used ranges of sheets, as `values` (or `text`): one sync for their extent, then blocks of
 * rows in as few responses as fit. A block whose response Excel refuses as too large is asked for
 * again in halves.
 */
export async function readUsed(context: Excel.RequestContext, sheets: Excel.Worksheet[], property: 'values' | 'text' = 'values'): Promise<unknown[][][]> {
  if (sheets.length === 0) return [];
  const used = sheets.map((ws) => ws.getUsedRange().load('rowIndex,columnIndex,rowCount,columnCount'));
  await context.sync();
  const out: unknown[][][] = used.map((u) => new Array(u.rowIndex + u.rowCount));
  // Rows above the used range read as empty: callers index rows from row 1.
  used.forEach((u, s) => {
    for (let r = 0; r < u.rowIndex; r++) out[s][r] = [];
  });
  const pending = used.map((u, s) => ({ s, row: 0, left: u.rowCount, cols: u.columnCount, u }));
  let budget = CELLS_PER_RESPONSE;
  while (pending.some((p) => p.left > 0)) {
    const batch: Array<{ s: number; row: number; rows: number; range: Excel.Range }> = [];
    let cells = 0;
    for (const p of pending) {
      while (p.left > 0 && (cells === 0 || cells + p.cols <= budget)) {
        const rows = Math.max(1, Math.min(p.left, Math.floor((budget - cells) / p.cols)));
        const { rowIndex, columnIndex } = p.u;
        const address = `${columnLetter(columnIndex)}${rowIndex + p.row + 1}:${columnLetter(columnIndex + p.cols - 1)}${rowIndex + p.row + rows}`;
        batch.push({ s: p.s, row: p.row, rows, range: sheets[p.s].getRange(address).load(property) });
        cells += rows * p.cols;
        p.row += rows;
        p.left -= rows;
      }
      if (cells >= budget) break;
    }
    try {
      await context.sync();
    } catch (e) {
      if (!PAYLOAD_TOO_LARGE.has((e as { code?: string }).code ?? '')) throw e;
      const single = batch.length === 1 && batch[0].rows === 1;
      if (single) throw new Error(`row ${batch[0].row + used[batch[0].s].rowIndex + 1} of a sheet holds more than Excel on the web can send at once (5 MB)`);
      // Give the rows back and ask again for less.
      for (const b of batch) {
        const p = pending[b.s];
        p.row = Math.min(p.row, b.row);
        p.left = p.u.rowCount - p.row;
      }
      budget = Math.max(1, Math.floor(cells / 2));
      continue;
    }
    for (const b of batch) {
      const rows = b.range[property] as unknown[][];
      rows.forEach((r, i) => {
        out[b.s][used[b.s].rowIndex + b.row + i] = [...new Array(used[b.s].columnIndex).fill(''), ...r];
      });
    }
  }
  return out;
}

export interface PlanSheets {
  heads: Head[];
  gens: Generations;
  /** The plan the live sheets were built from (the live base sheet's JSON), or null. */
  base: string | null;
  /** The used cells (from A1) of every PlanSheets sheet, live or left over, and of the `also` sheets, by name. */
  cells: Map<string, RawCell[][]>;
}

/**
 * The workbook's PlanSheets sheets: indicator sheets and bases of every generation (a build cut
 * short leaves two), read whole, and which generation is live; with them, in the same responses,
 * the sheets `also` picks (the pane's sync reads template sheets). 3 syncs and one a ~4 MB of cells.
 */
export async function readPlanSheets(context: Excel.RequestContext, also: (head: Head) => boolean = () => false): Promise<PlanSheets> {
  const heads = await readHeads(context);
  const read = heads.filter((h) => roleOf(h) !== 'other' || also(h));
  const values = await readUsed(context, read.map((h) => h.ws));
  const cells = new Map(read.map((h, i) => [h.name, toRaw(values[i])]));
  // An indicator sheet's generation stands at the end of its id row: generations() needs row 1 whole.
  const gens = generations(heads.map((h) => ({ name: h.name, row1: cells.get(h.name)?.[0] ?? h.row1 })));
  const base = gens.base ? baseFromRows((cells.get(gens.base) ?? []).map((r) => r[0])) : null;
  return { heads, gens, base, cells };
}
