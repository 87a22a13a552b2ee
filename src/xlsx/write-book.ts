// Writes indicator sheets to an .xlsx with exceljs: the layout of core/grid, native formulas,
// right-to-left views for fa, locked definition cells on protected sheets, status colours, and
// the plan itself, in a very hidden sheet and as the workbook's custom XML part (the base of a
// later merge).
//
// The book is streamed (exceljs' WorkbookWriter): each row is written out as soon as it is made
// and each sheet zipped before the next begins, so a 20,000-indicator plan's book never sits in
// memory whole (held whole, it took gigabytes). Shared strings are kept, as exceljs' ordinary
// writer has them: without them exceljs writes texts as `t="str"` cells, which its own reader
// decodes twice (a text "R&amp;D" comes back "R&D").
import type { Writable } from 'stream';
import ExcelJS from 'exceljs';
import { FIRST_DATA_ROW, HEADER_ROW, ID_ROW, cellOpen, columnLetter, isFormula, type Column, type SheetModel } from '../core/grid/layout';
import { CHOICE_ALERT, choiceLists } from '../core/grid/definitions';
import { FROZEN_COLUMNS, INPUT_FILL, openingView } from '../core/grid/input-cells';
import { STATUS_WORDS } from '../core/grid/labels';
import { planToXml } from '../excel/plan-xml';
import { BASE_SHEET, baseSheetRows } from '../core/grid/base-sheet';
import { customXmlAddition } from './custom-xml';
import { headerHeight, jalaliDate, planTitle, printSetup, wrappedHeight, wrapsText, type PrintContext, type PrintSetup } from '../core/grid/print';
import type { SheetLang } from '../core/grid/labels';
import { printOptions, printTitlesName, withDefinedNames } from './print-xlsx';
import { finish, Package, protectionAfterData, ROWS_BETWEEN_CHECKS, streamSharedStrings, type Zip } from './stream-package';

const STATUS_FILL = { green: 'FFC6EFCE', amber: 'FFFFEB9C', red: 'FFFFC7CE' } as const;
const HEADER_FILL = 'FFDDEBF7';


/** How a cell of a column keeps its text inside it: wrapped, or (the code, never broken at its hyphens) shrunk. */
const textAlignment = (c: Pick<Column, 'kind' | 'id' | 'format'>): Partial<ExcelJS.Alignment> | undefined =>
  wrapsText(c as Column) ? { wrapText: true, vertical: 'top' } : c.id === 'code' ? { shrinkToFit: true, vertical: 'top' } : undefined;

const columnStyle = (c: Column): Partial<ExcelJS.Style> => {
  const alignment = textAlignment(c);
  return { ...(c.format ? { numFmt: c.format } : {}), ...(alignment ? { alignment } : {}) };
};

/** Writes one indicator sheet (or the Definitions sheet). */
async function writeSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, pkg: Package, model: SheetModel, print: PrintSetup): Promise<void> {
  // Opens at its first column after the frozen key, code and title (not scrolled off them, as a
  // right-to-left sheet opened without a top-left cell was), its first input selected.
  const view = openingView(model.columns, model.rows, FIRST_DATA_ROW);
  const ws = book.addWorksheet(model.name, {
    views: [{ state: 'frozen', xSplit: FROZEN_COLUMNS, ySplit: HEADER_ROW, rightToLeft: model.rtl, ...view }],
    ...printOptions(print),
  });
  // Columns first: their widths and formats are written with the first row, and cells take their format.
  const lists = choiceLists(model);
  ws.columns = [
    ...model.columns.map((c) => ({ key: c.id, width: c.width, hidden: !!c.hidden, style: columnStyle(c) })),
    ...(lists.length ? [{ width: 2 }, ...lists.map(() => ({ width: 20, hidden: true, style: { numFmt: '@' } }))] : []),
  ];
  const last = FIRST_DATA_ROW + model.rows.length - 1;
  // Drop-down lists (the Definitions sheet's units, polarities…) from their hidden columns.
  const alert = CHOICE_ALERT[model.lang];
  // A range's rule at once (the streaming writer's `dataValidations`, outside exceljs' typings).
  const validations = (ws as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  for (const l of lists) {
    if (last < FIRST_DATA_ROW) break;
    const ref = `${columnLetter(l.column)}${FIRST_DATA_ROW}:${columnLetter(l.column)}${last}`;
    validations.add(ref, { type: 'list', allowBlank: true, formulae: [l.source.slice(1)], showErrorMessage: true, errorStyle: 'warning', errorTitle: alert.title, error: alert.message });
  }
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: model.columns.length } };
  const words = STATUS_WORDS[model.lang];
  model.columns.forEach((col, c) => {
    if (col.kind !== 'status' || last < FIRST_DATA_ROW) return;
    const ref = `${columnLetter(c)}${FIRST_DATA_ROW}:${columnLetter(c)}${last}`;
    ws.addConditionalFormatting({
      ref,
      rules: (['green', 'amber', 'red'] as const).map((s, priority) => ({
        type: 'cellIs',
        operator: 'equal',
        priority: priority + 1,
        formulae: [`"${words[s]}"`],
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: STATUS_FILL[s] } } },
      })),
    });
  });
  // No password by default: the protection keeps definitions and formulas from being typed over.
  protectionAfterData(ws);
  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, autoFilter: true, sort: true });

  const ids = ws.getRow(ID_ROW);
  ids.values = model.columns.map((c) => c.id);
  ids.hidden = true;
  ids.commit();
  const head = ws.getRow(HEADER_ROW);
  head.values = model.columns.map((c) => c.header);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  // Tall enough for every header wrapped in its column: none runs over the first row.
  head.height = headerHeight(model.columns);
  head.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } }));
  head.commit();
  const listRows = Math.max(0, ...lists.map((l) => l.values.length));
  for (let i = 0; i < Math.max(model.rows.length, listRows); i++) {
    const row = model.rows[i];
    const r = ws.getRow(FIRST_DATA_ROW + i);
    row?.cells.forEach((cell, c) => {
      const target = r.getCell(c + 1);
      target.value = isFormula(cell) ? { formula: cell.formula.slice(1) } : cell;
      // A header row's actuals are its items' (a value typed there would be refused): locked and
      // plain. Its comment is the indicator's own and stays open. Only open cells look like inputs.
      if (cellOpen(row, model.columns[c])) {
        target.protection = { locked: false };
        target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${INPUT_FILL}` } };
      }
    });
    for (const l of lists) if (i < l.values.length) r.getCell(l.listColumn + 1).value = l.values[i];
    if (row?.kind === 'header') r.font = { bold: true };
    // Tall enough for its wrapped titles and notes (programs do not all fit rows as they open).
    const height = row && wrappedHeight(row.cells, model.columns);
    if (height) r.height = height;
    r.commit();
    if (i % ROWS_BETWEEN_CHECKS === ROWS_BETWEEN_CHECKS - 1) await pkg.caughtUp(ws);
  }
  await finish(pkg, ws);
}

export interface FactsTable {
  name: string;
  rtl: boolean;
  headers: string[];
  formats: Array<string | undefined>;
  rows: Array<Array<string | number | null>>;
}

/**
 * The Facts sheet: one row per measured line and year, with a filter on its headers. It is
 * computed and never read back, so it is protected whole (no password, as the indicator sheets):
 * filtering and selecting stay open. Excel sorts no range holding locked cells on a protected
 * sheet, whatever the option says (support.microsoft.com, "Protect a worksheet"); the filter is
 * what people use here.
 */
async function writeFacts(book: ExcelJS.stream.xlsx.WorkbookWriter, pkg: Package, facts: FactsTable, print: PrintSetup): Promise<void> {
  const ws = book.addWorksheet(facts.name, { views: [{ state: 'frozen', ySplit: 1, rightToLeft: facts.rtl }], ...printOptions(print) });
  const columns = factColumns(facts);
  ws.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width, style: columnStyle(c) }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  head.height = headerHeight(columns);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: facts.headers.length } };
  protectionAfterData(ws);
  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, autoFilter: true, sort: true });
  for (let i = 0; i < facts.rows.length; i++) {
    const r = ws.addRow(facts.rows[i].map((v) => (v === null ? undefined : v)));
    const height = wrappedHeight(facts.rows[i], columns);
    if (height) r.height = height;
    r.commit();
    if (i % ROWS_BETWEEN_CHECKS === ROWS_BETWEEN_CHECKS - 1) await pkg.caughtUp(ws);
  }
  await finish(pkg, ws);
}

/**
 * The Facts table's columns as the grid's: text columns as wide as their longest text (up to a
 * title column's width), wrapped beyond it; number columns as wide as their header.
 */
function factColumns(facts: FactsTable): Column[] {
  return facts.headers.map((header, i): Column => {
    const text = facts.formats[i] === undefined || facts.formats[i] === '@';
    let longest = 0;
    if (text) for (const row of facts.rows) if (typeof row[i] === 'string') longest = Math.max(longest, (row[i] as string).length);
    const width = Math.max(10, Math.min(header.length + 2, 24), Math.min(longest + 2, 40));
    return { kind: 'comment', id: String(i), header, editable: false, width, ...(facts.formats[i] ? { format: facts.formats[i] } : {}) };
  });
}

/** What a book's pages say in their header and footer, besides the sheet and page: the plan's title, the day. */
export interface BookPrint {
  /** The plan's title; by default its meta.title (meta.titleEn on English sheets) from planJson. */
  title?: string;
  /** The day the book is made (today by default), printed in the Jalali calendar. */
  date?: Date;
}

/**
 * Streams the .xlsx of a plan's indicator sheets (and Facts table), with the plan stored in it,
 * into `out`, and ends it. Formulas are written without cached results: the book asks the
 * opening program to compute them all (fullCalcOnLoad). Every sheet prints A4 landscape, one
 * page wide, with its header rows (and code and title columns) on every page (core/grid/print.ts).
 */
export async function writeBook(out: Writable, models: readonly SheetModel[], planJson: string, facts?: FactsTable, print: BookPrint = {}): Promise<void> {
  // Compressed as exceljs' ordinary writer does (archiver's default is its fastest, a third larger).
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true, zip: { zlib: { level: 6 } } });
  book.creator = 'PlanSheets';
  const pkg = new Package((book as unknown as { zip: Zip }).zip);
  streamSharedStrings(book, pkg);
  const day = print.date ?? new Date();
  const context = (lang: SheetLang): PrintContext => ({ title: print.title ?? planTitle(planJson, lang), lang, date: jalaliDate(day, lang) });
  // Print titles go in as workbook names, each sheet's by its place in the book.
  const titles: string[] = [];
  // exceljs' streaming writer leaves calcProperties out of workbook.xml; it is added on the way
  // in, with the print titles (exceljs' own leave a sheet name's apostrophes undoubled).
  pkg.edit('xl/workbook.xml', (xml) => withDefinedNames(fullCalcOnLoad(xml), titles));
  addPlanPart(pkg, planJson);

  for (const m of models) {
    const setup = printSetup(context(m.lang), [ID_ROW, HEADER_ROW], m.columns);
    titles.push(printTitlesName(m.name, titles.length, setup));
    await writeSheet(book, pkg, m, setup);
  }
  if (facts) {
    const setup = printSetup(context(facts.rtl ? 'fa' : 'en'), [1, 1]);
    titles.push(printTitlesName(facts.name, titles.length, setup));
    await writeFacts(book, pkg, facts, setup);
  }
  const base = book.addWorksheet(BASE_SHEET, { state: 'veryHidden' });
  for (const row of baseSheetRows(planJson)) base.addRow(row).commit();
  await finish(pkg, base);
  await pkg.until(book.commit());
  pkg.checkEdited();
}

/**
 * The plan as the workbook's custom XML part. Apart, so that nothing keeps its text (the plan
 * again, escaped) once the zip has taken it in.
 */
function addPlanPart(pkg: Package, planJson: string): void {
  const { parts, workbookRels, contentTypes } = customXmlAddition(planToXml(planJson));
  for (const part of parts) pkg.add(part.name, part.text);
  pkg.edit('xl/_rels/workbook.xml.rels', workbookRels);
  pkg.edit('[Content_Types].xml', contentTypes);
}

/** workbook.xml asking the opening program to compute every formula. */
function fullCalcOnLoad(xml: string): string {
  const done = xml.replace(/<calcPr\b((?:(?!fullCalcOnLoad)[^>])*?)\s*\/>/, '<calcPr$1 fullCalcOnLoad="1"/>');
  if (done === xml) throw new Error('exceljs wrote xl/workbook.xml without the calcPr PlanSheets sets');
  return done;
}
