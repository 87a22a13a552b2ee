/* global Excel */
// Rebuilding indicator sheets in Excel so that no typed value can be lost. Office.js runs a
// batch's commands in order until one fails and keeps those before it, so the sheets are never
// replaced in place: the new generation is written beside the old one under temporary names, then
// committed by one command (its base's A1), then the old one is retired and the new sheets take
// their names. A failure at any point leaves one live generation holding every typed value; the
// next read or build picks it (core/grid/generations.ts) and clears what was left over.
import type { BuildOutcome, BuildRequest } from './gateway';
import { BASE_ID, BASE_PENDING_ID, BASE_SHEET, baseSheetRows } from '../core/grid/base-sheet';
import { tempName } from '../core/grid/generations';
import { OverExcelLimits, overExcelLimits } from '../core/grid/excel-limits';
import type { SheetModel } from '../core/grid/layout';
import { missing, supports, type Feature } from './capabilities';
import { readPlanSheets, type Head } from './office-read';
import { chunkRows } from './requests';
import { queueSheet } from './sheets-writer';
import { queuePrint } from './page-layout';
import { FIRST_DATA_ROW } from '../core/grid/layout';
import { jalaliDate, planTitle, printSetup } from '../core/grid/print';
import { openingView } from '../core/grid/input-cells';

const VISIBLE = 'Visible';

/**
 * Queues a sheet's removal: Excel refuses to delete a very hidden sheet (learn.microsoft.com,
 * Excel.Worksheet delete()), so it is made only hidden first.
 */
export function retire(head: Pick<Head, 'ws' | 'visibility'>): void {
  if (head.visibility === 'VeryHidden') {
    // Setting visibility needs ExcelApi 1.2: below it a very hidden sheet stays, read as a leftover.
    if (!supports('sheetFormat')) return;
    head.ws.visibility = Excel.SheetVisibility.hidden;
  }
  head.ws.delete();
}

/** A name no sheet has (Excel compares names without regard to case). */
function freeName(wanted: string, names: Set<string>): string {
  let name = wanted;
  for (let n = 2; names.has(name.toLowerCase()); n++) name = `${wanted} ${n}`;
  names.add(name.toLowerCase());
  return name;
}

export async function buildIndicatorSheets(request: BuildRequest): Promise<BuildOutcome> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    const active = sheets.getActiveWorksheet().load('name');
    const { heads, gens, base, cells } = await readPlanSheets(context);
    const live = new Set(gens.sheets);
    const retired = new Set([...gens.sheets, ...gens.leftovers, ...(gens.base ? [gens.base] : [])]);
    const taken = heads.map((h) => h.name).filter((n) => !retired.has(n));
    const existing = gens.sheets.map((name) => ({ name, values: cells.get(name) ?? [] }));
    const models = request.layout(existing, base, taken);
    const over = overExcelLimits(models);
    if (over) throw new OverExcelLimits(over);

    const wanted: Feature[] = ['sheetFormat', 'statusColours', 'freeze', 'print'];
    const wantRtl = models.some((m) => m.rtl);
    if (wantRtl) wanted.push('rtlSheets');
    if (models.some((m) => m.columns.some((c) => c.choices?.length))) wanted.push('numberChecks');
    const lacking = missing(wanted);
    const rtl: BuildOutcome['rtl'] = !wantRtl ? 'not-needed' : request.rtlTemplate && supports('rtlSheets') ? 'applied' : 'unsupported';
    const gen = gens.next;
    const names = new Set(heads.map((h) => h.name.toLowerCase()));
    const temp = models.map((_, i) => freeName(tempName.sheet(gen, i + 1), names));

    // 1. The new generation, a sheet (or a ~4 MB chunk of one) a request. A right-to-left sheet
    // is inserted from the template in the request before its cells.
    const insert = (m: SheetModel | undefined) =>
      m?.rtl && rtl === 'applied' ? context.workbook.insertWorksheetsFromBase64(request.rtlTemplate!, { positionType: Excel.WorksheetPositionType.end }) : undefined;
    let inserted = insert(models[0]);
    if (inserted) await context.sync();
    const written: Excel.Worksheet[] = [];
    for (let i = 0; i < models.length; i++) {
      const ws = inserted ? sheets.getItem(inserted.value[0]) : sheets.add(temp[i]);
      if (inserted) ws.name = temp[i];
      written.push(ws);
      const m = models[i];
      if (!lacking.includes('print')) {
        const today = new Date();
        queuePrint(ws, printSetup({ title: planTitle(request.baseJson, m.lang), lang: m.lang, date: jalaliDate(today, m.lang) }, [1, FIRST_DATA_ROW - 1], m.columns));
      }
      const chunks = queueSheet(ws, m, gen, lacking);
      for (const writeChunk of chunks) {
        await context.sync();
        writeChunk();
      }
      inserted = insert(models[i + 1]);
      await context.sync();
    }

    // 2. Its base, still marked pending, in as many requests as its size needs.
    const baseName = freeName(tempName.base(gen), names);
    const b = sheets.add(baseName);
    // Setting a sheet's visibility needs ExcelApi 1.2; below it the base stays in view.
    const hide = !lacking.includes('sheetFormat');
    if (hide) b.visibility = Excel.SheetVisibility.hidden;
    const rows = baseSheetRows(request.baseJson);
    rows[0] = [BASE_PENDING_ID];
    b.getRange(`A1:A${rows.length}`).numberFormat = rows.map(() => ['@']);
    b.getRange('B1').values = [[gen]];
    for (const chunk of chunkRows(rows)) {
      b.getRange(`A${chunk.start + 1}:A${chunk.start + chunk.rows.length}`).values = chunk.rows;
      await context.sync();
    }

    // 3. One batch: the commit (a single command), then the old generation and anything a build
    // cut short left behind are retired, and the new sheets take their names.
    b.getRange('A1').values = [[BASE_ID]];
    const stillVisible = heads.filter((h) => !retired.has(h.name) && h.visibility === VISIBLE).length + models.length;
    if (stillVisible === 0) sheets.add(freeName('Sheet1', names));
    for (const h of heads) if (retired.has(h.name)) retire(h);
    written.forEach((ws, i) => (ws.name = models[i].name));
    if (!taken.some((n) => n.toLowerCase() === BASE_SHEET.toLowerCase())) b.name = BASE_SHEET;
    if (hide) b.visibility = Excel.SheetVisibility.veryHidden;
    // Where one of the old sheets was active, its successor is (Apply puts the selection back:
    // office-view.ts). On a first build, or when the active sheet went, the first new sheet is
    // shown with its first input selected: code and title in view, not a sheet scrolled off them.
    const successor = models.findIndex((m) => m.name === active.name && live.has(active.name));
    if (successor >= 0) written[successor].activate();
    else if (written.length && (gens.sheets.length === 0 || retired.has(active.name))) {
      written[0].activate();
      written[0].getRange(openingView(models[0].columns, models[0].rows, FIRST_DATA_ROW).activeCell).select();
    }
    await context.sync();
    return { sheets: models.map((m) => m.name), rtl, missing: lacking.filter((f) => f !== 'rtlSheets') };
  });
}
