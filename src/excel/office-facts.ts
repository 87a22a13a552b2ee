/* global Excel */
// The Facts table and its PivotTables, replacing earlier ones without a moment where the
// workbook could be left with none: the new sheets are written under temporary names first,
// then the old ones go and the new take their names.
import type { FactsRequest } from './gateway';
import { columnLetter } from '../core/grid/layout';
import { chunkRows } from './requests';
import { missing } from './capabilities';
import { readHeads } from './office-read';
import { retire } from './office-build';
import { OverExcelLimits, textOverExcelLimits } from '../core/grid/excel-limits';
import { isTempFactsName, tempName } from '../core/grid/generations';
import { jalaliDate, printSetup } from '../core/grid/print';
import { queuePrint } from './page-layout';
import { isPlanSheet, viewIn } from './office-view';

export async function writeFacts(request: FactsRequest): Promise<{ pivots: boolean }> {
  const over = textOverExcelLimits(request.sheet, [request.headers, ...request.rows]);
  if (over) throw new OverExcelLimits(over);
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    const view = await viewIn(context);
    const heads = await readHeads(context);
    const lower = (s: string) => s.toLowerCase();
    const replaced = new Set([request.sheet, request.pivotSheet].map(lower));
    // The earlier Facts and Pivots, and any a write cut short left under a temporary name.
    const old = heads.filter((h) => replaced.has(lower(h.name)) || isTempFactsName(h.name));
    const taken = new Set(heads.map((h) => lower(h.name)));
    let stamp = 1;
    while (taken.has(lower(tempName.facts(stamp))) || taken.has(lower(tempName.pivots(stamp)))) stamp++;
    const lacking = missing(['pivots', 'freeze', 'sheetFormat', 'print']);
    const pivots = !lacking.includes('pivots');

    const ws = sheets.add(tempName.facts(stamp));
    const matrix = [request.headers, ...request.rows.map((r) => r.map((v) => (v === null ? '' : v)))];
    const cols = request.headers.length;
    const last = columnLetter(cols - 1);
    // Formats before values: text written through `values` into a General cell is parsed as if
    // typed, and a code such as 1-2-3 would become a date.
    request.formats.forEach((f, i) => {
      if (f && matrix.length > 1) ws.getRange(`${columnLetter(i)}2:${columnLetter(i)}${matrix.length}`).numberFormat = [[f]];
    });
    ws.getRange(`A1:${last}1`).numberFormat = [['@']];
    for (const [n, chunk] of chunkRows(matrix).entries()) {
      if (n > 0) await context.sync();
      ws.getRange(`A${chunk.start + 1}:${last}${chunk.start + chunk.rows.length}`).values = chunk.rows;
    }
    const table = ws.tables.add(`A1:${last}${matrix.length}`, true);
    table.name = `PlanSheetsFacts${stamp}`;
    if (!lacking.includes('freeze')) ws.freezePanes.freezeRows(1);
    // Printed as the command line's Facts sheet: A4 landscape, one page wide, the header row on every page.
    if (!lacking.includes('print')) {
      const lang = request.rtl ? 'fa' : 'en';
      queuePrint(ws, printSetup({ title: request.title ?? '', lang, date: jalaliDate(new Date(), lang) }, [1, 1]));
    }
    let p: Excel.Worksheet | undefined;
    const pivotNames: Array<[Excel.PivotTable, string]> = [];
    // PivotTables need ExcelApi 1.8; without them the Facts table is still there to pivot by hand.
    if (pivots) {
      p = sheets.add(tempName.pivots(stamp));
      const groups = new Set(request.rows.map((r) => r[request.headers.indexOf(request.fields.workingGroup)])).size;
      const second = groups + 8;
      p.getRange('A1').values = [[request.titles.achievement]];
      p.getRange(`A${second - 2}`).values = [[request.titles.budget]];
      const a = context.workbook.pivotTables.add(`PlanSheetsAchievement${stamp}`, table, p.getRange('A3'));
      a.rowHierarchies.add(a.hierarchies.getItem(request.fields.workingGroup));
      a.columnHierarchies.add(a.hierarchies.getItem(request.fields.year));
      const avg = a.dataHierarchies.add(a.hierarchies.getItem(request.fields.achievement));
      avg.summarizeBy = Excel.AggregationFunction.average;
      avg.numberFormat = '0.0%';
      const b = context.workbook.pivotTables.add(`PlanSheetsBudget${stamp}`, table, p.getRange(`A${second}`));
      b.rowHierarchies.add(b.hierarchies.getItem(request.fields.workingGroup));
      b.columnHierarchies.add(b.hierarchies.getItem(request.fields.year));
      b.dataHierarchies.add(b.hierarchies.getItem(request.fields.planned)).summarizeBy = Excel.AggregationFunction.sum;
      b.dataHierarchies.add(b.hierarchies.getItem(request.fields.spent)).summarizeBy = Excel.AggregationFunction.sum;
      pivotNames.push([a, 'PlanSheetsAchievement'], [b, 'PlanSheetsBudget']);
    }
    await context.sync();
    // The new sheets are whole: the old ones go (unhidden first where very hidden), the new take their names.
    for (const h of old) retire(h);
    ws.name = request.sheet;
    table.name = 'PlanSheetsFacts';
    if (p) p.name = request.pivotSheet;
    for (const [pt, name] of pivotNames) pt.name = name;
    // The Facts table is computed and never read back: protected whole, no password, as the
    // indicator sheets, with filtering and column widths open (learn.microsoft.com,
    // Excel.WorksheetProtectionOptions). Excel sorts no range holding locked cells on a protected
    // sheet whatever allowSort says (support.microsoft.com, "Protect a worksheet"). It comes last:
    // the table and its PivotTables are made and named while the sheet is still open to the API
    // (a protected sheet takes no new table), and the PivotTables, on a sheet of their own left
    // unprotected so they can be refreshed and rearranged, only read it.
    if (!lacking.includes('sheetFormat')) ws.protection.protect({ allowAutoFilter: true, allowSort: true, allowFormatColumns: true });
    // A person on one of the plan's sheets stays where they were (on the new Facts or Pivots
    // when they were on the old); one on a sheet of their own is shown the PivotTables.
    const written = [request.sheet, ...(p ? [request.pivotSheet] : [])].map(lower);
    const gone = old.some((h) => lower(h.name) === lower(view.sheet)) && !written.includes(lower(view.sheet));
    if (isPlanSheet(view.sheet, heads) && !gone) {
      const back = sheets.getItem(view.sheet);
      back.activate();
      if (view.address) back.getRange(view.address).select();
    } else {
      (p ?? ws).activate();
    }
    await context.sync();
    return { pivots };
  });
}
