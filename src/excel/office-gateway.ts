/* global Excel, Office */
// The Office.js side of the add-in. Every Excel.run of PlanSheets lives in this folder; each
// operation takes a number of context.sync() calls that grows with the size of what it moves
// (one request per ~4 MB, Excel on the web's limit being 5 MB), never with the number of cells.
import type { BuildOutcome, HostInfo, SheetValues, WorkbookGateway } from './gateway';
import { officeStorage } from './office-storage';
import { TEMPLATE_ID, T_FIRST_ROW, templateMatrix, type TemplateModel } from '../core/templates/template';
import { OverExcelLimits, textOverExcelLimits } from '../core/grid/excel-limits';
import { sheetName } from '../core/grid/layout';
import { FEATURE_API, missing, supports, type Feature } from './capabilities';
import { readHeads, readPlanSheets, readUsed, type Head } from './office-read';
import { buildIndicatorSheets } from './office-build';
import { writeFacts } from './office-facts';
import { queueTemplate } from './sheets-writer';
import { queuePrint } from './page-layout';
import { templatePrint } from '../core/grid/print';
import { mayHoldUnreadTyping } from '../core/grid/unread-sheets';
import { openingView } from '../core/grid/input-cells';
import { readView, restoreView } from './office-view';
import { typingWatch } from './typing';

/**
 * The changed events' registrations, one set per Office.js instance (a pane has one; a test's
 * fresh stand-in of Excel registers afresh).
 */
const typing = new WeakMap<object, ReturnType<typeof typingWatch>>();
function watchTyping(): Promise<boolean> {
  let watch = typing.get(Excel);
  if (!watch) typing.set(Excel, (watch = typingWatch()));
  return watch.watch();
}

export const officeGateway: WorkbookGateway = {
  ...officeStorage,
  buildIndicatorSheets,
  writeFacts,
  readView,
  restoreView,
  watchTyping,

  // 4 syncs for a workbook of usual size: names, every sheet's A1:B1, the extent of PlanSheets'
  // sheets and the template sheets, then their cells together (one response a ~4 MB).
  async readIndicatorSheets() {
    return Excel.run(async (context) => {
      const isTemplate = (h: Head) => h.row1[0] === TEMPLATE_ID;
      const isUnread = (h: Head) => mayHoldUnreadTyping(h.row1);
      const { heads, gens, base, cells } = await readPlanSheets(context, (h) => isTemplate(h) || isUnread(h));
      const values = (names: string[]) => names.map((name): SheetValues => ({ name, values: cells.get(name) ?? [] }));
      const named = (pick: (h: Head) => boolean) => values(heads.filter(pick).map((h) => h.name));
      return { base, sheets: values(gens.sheets), templates: named(isTemplate), unread: named(isUnread) };
    });
  },

  // 3 syncs (4 with a right-to-left template).
  async writeTemplateSheet(model: TemplateModel, rtlTemplate?: string) {
    const over = textOverExcelLimits(model.name, templateMatrix(model));
    if (over) throw new OverExcelLimits(over);
    return Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const heads = await readHeads(context);
      const name = sheetName(model.name, new Set(heads.map((h) => h.name.toLowerCase())));
      const lacking = missing(['sheetFormat', 'freeze', 'numberChecks', 'print']);
      const rtl: BuildOutcome['rtl'] = !model.rtl ? 'not-needed' : rtlTemplate && supports('rtlSheets') ? 'applied' : 'unsupported';
      let ws: Excel.Worksheet;
      if (rtl === 'applied') {
        const ids = context.workbook.insertWorksheetsFromBase64(rtlTemplate!, { positionType: Excel.WorksheetPositionType.end });
        await context.sync();
        ws = sheets.getItem(ids.value[0]);
        ws.name = name;
      } else {
        ws = sheets.add(name);
      }
      queueTemplate(ws, model, lacking);
      if (!lacking.includes('print')) queuePrint(ws, templatePrint(model));
      // The new template shown, its first input selected.
      ws.activate();
      ws.getRange(openingView(model.columns, model.rows, T_FIRST_ROW).activeCell).select();
      await context.sync();
      return { sheet: name, rtl, missing: lacking };
    });
  },

  // 2 syncs, and one a ~4 MB of cells: the sheet's name and extent, then its text.
  async readActiveSheet() {
    return Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet().load('name');
      const [rows] = await readUsed(context, [ws], 'text');
      return { name: ws.name, rows: rows.map((r) => (r ?? []).map(String)) };
    });
  },
};

/** Reads the host's language and theme from Office.context, and what this Excel cannot do. */
export function officeHost(): HostInfo {
  const ctx = Office.context;
  const background = ctx.officeTheme?.bodyBackgroundColor ?? '#ffffff';
  return {
    displayLanguage: ctx.displayLanguage ?? 'en-US',
    dark: isDark(background),
    missing: missing(Object.keys(FEATURE_API) as Feature[]),
  };
}

/** True for a dark colour (`#1f1f1f`), by its relative luminance. */
export function isDark(hex: string): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(hex);
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}
