// The sheets exceljs is not given, read into plain values. A merge needs exceljs only for the
// PlanSheets sheets; the others (a large plan's Facts table is as big as all its indicator
// sheets) are read here at a few bytes a cell instead of exceljs' hundreds.
import type JSZip from 'jszip';
import type { RawCell } from '../core/grid/read';
import { SheetScan, type SheetContext, type Totals } from './sheet-scan';
import { SHARED_STRINGS, StringsScan } from './workbook-parts';
import { XmlScanner } from './xml-scan';
import { notXlsx } from './xlsx-limits';
import { Budget, unpack } from './zip-parts';

/** A sheet left out of exceljs' read, its cells read here as the grid reads them (for `others`). */
export interface PlainSheet {
  name: string;
  matrix: RawCell[][];
}

/** A worksheet part already checked (by a SheetScan that decided on 'values'), to be read later. */
export interface PlainPart {
  part: string;
  entry: JSZip.JSZipObject;
  name: string;
}

/**
 * The sheets' values: a second pass over parts already checked, with the shared strings' texts
 * (the first pass only counts them), run once the caller has let exceljs' workbook go.
 */
export async function readPlainSheets(file: string, sheets: readonly PlainPart[], stringsEntry: JSZip.JSZipObject | undefined, ctx: SheetContext): Promise<PlainSheet[]> {
  if (sheets.length === 0) return [];
  const withTexts = new StringsScan(file, ctx.marks, true);
  const again = new Budget(file);
  if (stringsEntry) {
    const scanner = new XmlScanner(withTexts, (why) => notXlsx(file, why), SHARED_STRINGS, file);
    await unpack(file, stringsEntry, again.entry(SHARED_STRINGS), (text) => scanner.push(text));
  }
  const collect: SheetContext = { ...ctx, strings: withTexts, collect: true };
  const fresh = (): Totals => ({ rows: 0, cells: 0, merges: 0 });
  const read: PlainSheet[] = [];
  for (const p of sheets) {
    const scan = new SheetScan(p.name, collect, fresh(), fresh());
    const scanner = new XmlScanner(scan, (why) => notXlsx(file, why), p.part, file);
    await unpack(file, p.entry, again.entry(p.part), (text) => scanner.push(text));
    read.push({ name: p.name, matrix: scan.matrix ?? [] });
  }
  return read;
}
