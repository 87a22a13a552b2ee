/* global Excel, Office */
// The Office.js side of the add-in. Every Excel.run of PlanSheets lives in this folder, and each
// operation takes a fixed number of context.sync() calls, whatever the size of the plan.
import type { BuildOutcome, BuildRequest, FactsRequest, HostInfo, SheetValues, WorkbookGateway } from './gateway';
import { officeStorage } from './office-storage';
import { columnLetter, KEY_ID, type SheetModel } from '../core/grid/layout';
import { TEMPLATE_ID, type TemplateModel } from '../core/templates/template';
import { BASE_ID, BASE_SHEET, baseFromRows, baseSheetRows } from '../core/grid/base-sheet';
import type { RawCell } from '../core/grid/read';
import { chunkRows, queueSheet, queueTemplate } from './sheets-writer';

/** Office.js gives error cells as text ("#VALUE!"); the grid reads them as errors. */
const ERROR_TEXT = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/;
const toRaw = (values: unknown[][]): RawCell[][] =>
  values.map((row) => row.map((v) => (typeof v === 'string' && ERROR_TEXT.test(v) ? { error: v } : v === '' ? null : (v as RawCell))));

/** Inserting template sheets (for right-to-left) needs ExcelApi 1.13. */
function canInsertSheets(): boolean {
  return typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('ExcelApi', '1.13');
}

export const officeGateway: WorkbookGateway = {
  ...officeStorage,

  // 3 syncs, whatever the number of sheets: the names; every sheet's A1; the used ranges of the
  // indicator sheets and of the hidden base sheet.
  async readIndicatorSheets() {
    return Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items');
      await context.sync();
      const firsts = sheets.items.map((ws) => ws.getRange('A1').load('values'));
      await context.sync();
      const marked = (id: string) => sheets.items.filter((_, i) => firsts[i].values[0][0] === id);
      const used = (id: string) => marked(id).map((ws) => ({ ws, used: ws.getUsedRange(true).load('values') }));
      const ours = used(KEY_ID);
      const templates = used(TEMPLATE_ID);
      const base = marked(BASE_ID).map((ws) => ws.getUsedRange(true).load('values'));
      await context.sync();
      const values = (list: typeof ours) => list.map(({ ws, used: u }): SheetValues => ({ name: ws.name, values: toRaw(u.values) }));
      return {
        base: base.length ? baseFromRows(base[0].values.map((r) => r[0])) : null,
        sheets: values(ours),
        templates: values(templates),
      };
    });
  },

  // 1 sync to read what will be replaced, then 1 a sheet; the base sheet goes with the last one.
  async buildIndicatorSheets(request: BuildRequest): Promise<BuildOutcome> {
    return Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items');
      const existing = request.names.map((name) => {
        const ws = sheets.getItemOrNullObject(name);
        return { name, ws, used: ws.getUsedRangeOrNullObject(true).load('values') };
      });
      const oldBase = sheets.getItemOrNullObject(BASE_SHEET);
      const oldBaseUsed = oldBase.getUsedRangeOrNullObject(true).load('values');
      await context.sync();
      const ours = existing.filter((e) => !e.ws.isNullObject && !e.used.isNullObject && e.used.values[0]?.[0] === KEY_ID);
      const taken = sheets.items.map((ws) => ws.name).filter((n) => n !== BASE_SHEET && !ours.some((o) => o.name === n));
      const base = oldBaseUsed.isNullObject ? null : baseFromRows(oldBaseUsed.values.map((r) => r[0]));
      const models = request.layout(ours.map((e) => ({ name: e.name, values: toRaw(e.used.values) })), base, taken);
      const wantRtl = models.some((m) => m.rtl);
      const rtl: BuildOutcome['rtl'] = !wantRtl ? 'not-needed' : request.rtlTemplate && canInsertSheets() ? 'applied' : 'unsupported';
      // The old sheets go first: their typed values are in the new models.
      for (const o of ours) o.ws.delete();
      if (!oldBase.isNullObject) oldBase.delete();
      // Right-to-left sheets come from the template: the next one is inserted in the same batch
      // as the current one's cells, so the whole build stays at 2 + (number of sheets) syncs.
      const insert = (m: SheetModel | undefined) =>
        m?.rtl && rtl === 'applied' ? context.workbook.insertWorksheetsFromBase64(request.rtlTemplate!, { positionType: Excel.WorksheetPositionType.end }) : undefined;
      let inserted = insert(models[0]);
      if (inserted) await context.sync();
      for (let i = 0; i < models.length; i++) {
        const m = models[i];
        const ws = inserted ? sheets.getItem(inserted.value[0]) : sheets.add(m.name);
        if (inserted) ws.name = m.name;
        // A large sheet's further chunks each take a request of their own (under 5 MB).
        for (const writeChunk of queueSheet(ws, m)) {
          await context.sync();
          writeChunk();
        }
        inserted = insert(models[i + 1]);
        if (i === models.length - 1) {
          const b = sheets.add(BASE_SHEET);
          const rows = baseSheetRows(request.baseJson);
          b.getRangeByIndexes(0, 0, rows.length, 1).numberFormat = rows.map(() => ['@']);
          b.getRangeByIndexes(0, 0, rows.length, 1).values = rows;
          b.visibility = Excel.SheetVisibility.veryHidden;
        }
        await context.sync();
      }
      return { sheets: models.map((m) => m.name), rtl };
    });
  },

  // 2 syncs (3 with a right-to-left template).
  async writeTemplateSheet(model: TemplateModel, rtlTemplate?: string) {
    return Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items');
      await context.sync();
      const taken = new Set(sheets.items.map((ws) => ws.name.toLowerCase()));
      let name = model.name;
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${model.name.slice(0, 26)} (${n})`;
      const rtl: BuildOutcome['rtl'] = !model.rtl ? 'not-needed' : rtlTemplate && canInsertSheets() ? 'applied' : 'unsupported';
      let ws: Excel.Worksheet;
      if (rtl === 'applied') {
        const ids = context.workbook.insertWorksheetsFromBase64(rtlTemplate!, { positionType: Excel.WorksheetPositionType.end });
        await context.sync();
        ws = sheets.getItem(ids.value[0]);
        ws.name = name;
      } else {
        ws = sheets.add(name);
      }
      queueTemplate(ws, model);
      ws.activate();
      await context.sync();
      return { sheet: name, rtl };
    });
  },

  // 2 syncs (and one more for each further 4 MB of rows).
  async writeFacts(request: FactsRequest) {
    return Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const old = [sheets.getItemOrNullObject(request.pivotSheet), sheets.getItemOrNullObject(request.sheet)];
      await context.sync();
      for (const ws of old) if (!ws.isNullObject) ws.delete();
      const ws = sheets.add(request.sheet);
      const matrix = [request.headers, ...request.rows.map((r) => r.map((v) => (v === null ? '' : v)))];
      const cols = request.headers.length;
      const [first, ...rest] = chunkRows(matrix);
      ws.getRangeByIndexes(first.start, 0, first.rows.length, cols).values = first.rows;
      for (const chunk of rest) {
        await context.sync();
        ws.getRangeByIndexes(chunk.start, 0, chunk.rows.length, cols).values = chunk.rows;
      }
      const last = columnLetter(cols - 1);
      const table = ws.tables.add(`A1:${last}${matrix.length}`, true);
      table.name = 'PlanSheetsFacts';
      request.formats.forEach((f, i) => {
        if (f && matrix.length > 1) ws.getRange(`${columnLetter(i)}2:${columnLetter(i)}${matrix.length}`).numberFormat = [[f]];
      });
      ws.freezePanes.freezeRows(1);
      // PivotTables need ExcelApi 1.8; without it the Facts table is still there to pivot by hand.
      const pivots = typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('ExcelApi', '1.8');
      if (pivots) {
        const p = sheets.add(request.pivotSheet);
        const groups = new Set(request.rows.map((r) => r[request.headers.indexOf(request.fields.workingGroup)])).size;
        const second = groups + 8;
        p.getRange('A1').values = [[request.titles.achievement]];
        p.getRange(`A${second - 2}`).values = [[request.titles.budget]];
        const a = context.workbook.pivotTables.add('PlanSheetsAchievement', table, p.getRange('A3'));
        a.rowHierarchies.add(a.hierarchies.getItem(request.fields.workingGroup));
        a.columnHierarchies.add(a.hierarchies.getItem(request.fields.year));
        const avg = a.dataHierarchies.add(a.hierarchies.getItem(request.fields.achievement));
        avg.summarizeBy = Excel.AggregationFunction.average;
        avg.numberFormat = '0.0%';
        const b = context.workbook.pivotTables.add('PlanSheetsBudget', table, p.getRange(`A${second}`));
        b.rowHierarchies.add(b.hierarchies.getItem(request.fields.workingGroup));
        b.columnHierarchies.add(b.hierarchies.getItem(request.fields.year));
        b.dataHierarchies.add(b.hierarchies.getItem(request.fields.planned)).summarizeBy = Excel.AggregationFunction.sum;
        b.dataHierarchies.add(b.hierarchies.getItem(request.fields.spent)).summarizeBy = Excel.AggregationFunction.sum;
        p.activate();
      }
      await context.sync();
      return { pivots };
    });
  },

  // 1 sync: the sheet's name and its used range as displayed text.
  async readActiveSheet() {
    return Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getActiveWorksheet().load('name');
      const used = ws.getUsedRangeOrNullObject(true).load('text');
      await context.sync();
      return { name: ws.name, rows: used.isNullObject ? [] : used.text.map((r) => r.map(String)) };
    });
  },

};

/** Reads the host's language and theme from Office.context. */
export function officeHost(): HostInfo {
  const ctx = Office.context;
  const background = ctx.officeTheme?.bodyBackgroundColor ?? '#ffffff';
  return {
    displayLanguage: ctx.displayLanguage ?? 'en-US',
    dark: isDark(background),
  };
}

/** True for a dark colour (`#1f1f1f`), by its relative luminance. */
export function isDark(hex: string): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(hex);
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}
