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
import { Readable, type Writable } from 'stream';
import ExcelJS from 'exceljs';
import { FIRST_DATA_ROW, HEADER_ROW, ID_ROW, cellOpen, columnLetter, isFormula, type Column, type SheetModel } from '../core/grid/layout';
import { CHOICE_ALERT, choiceLists } from '../core/grid/definitions';
import { STATUS_WORDS } from '../core/grid/labels';
import { planToXml } from '../excel/plan-xml';
import { BASE_SHEET, baseSheetRows } from '../core/grid/base-sheet';
import { customXmlAddition } from './custom-xml';
import { headerHeight, jalaliDate, planTitle, printSetup, wrappedHeight, wrapsText, type PrintContext, type PrintSetup } from '../core/grid/print';
import type { SheetLang } from '../core/grid/labels';
import { printOptions, printTitlesName, withDefinedNames } from './print-xlsx';

const STATUS_FILL = { green: 'FFC6EFCE', amber: 'FFFFEB9C', red: 'FFFFC7CE' } as const;
const HEADER_FILL = 'FFDDEBF7';

/**
 * The archiver exceljs' streaming writer zips into (its `zip`, outside its typings). Reached for
 * three things exceljs cannot do: add the custom XML part, declare it in two package files as
 * they go in, and tell when a sheet has been packed.
 */
interface Zip {
  append(source: unknown, data: { name: string }): unknown;
  on(event: 'entry', f: (data: { name: string }) => void): unknown;
  on(event: 'error', f: (e: Error) => void): unknown;
  off(event: 'entry', f: (data: { name: string }) => void): unknown;
}

/**
 * A worksheet's XML stream: exceljs hands it on to the zip (`pipes`, an archiver PassThrough of
 * readable-stream 2, which has no writableLength) without waiting for it to be taken.
 */
interface SheetStream {
  pipes?: Array<Pick<Writable, 'once'> & { writableLength?: number; _writableState?: { length: number } }>;
}

/** XML a sheet may have waiting for the zip before writing pauses for it. */
const BACKLOG = 4 * 1024 * 1024;
/** Rows written between two looks at the backlog. */
const ROWS_BETWEEN_CHECKS = 500;

/** The package being written: its zip, watched for failure, and edits of the parts exceljs makes. */
class Package {
  private readonly failed: Promise<never>;
  private readonly edits = new Map<string, (xml: string) => string>();
  private readonly edited = new Set<string>();

  constructor(private readonly zip: Zip) {
    this.failed = new Promise((_, reject) => zip.on('error', reject));
    this.failed.catch(() => undefined);
    const append = zip.append.bind(zip);
    zip.append = (source, data) => {
      const name = data.name.replace(/^\/+/, '');
      const edit = this.edits.get(name);
      if (edit && typeof source === 'string') {
        this.edited.add(name);
        return append(edit(source), data);
      }
      return append(source, data);
    };
  }

  add(name: string, content: string | Readable): void {
    this.zip.append(content, { name });
  }

  /** Rewrites a part exceljs writes, as it goes into the zip. */
  edit(name: string, f: (xml: string) => string): void {
    this.edits.set(name, f);
  }

  /** Throws when a part to edit went in some other way than expected (a change in exceljs): the book would lack what the edit adds. */
  checkEdited(): void {
    for (const name of this.edits.keys()) if (!this.edited.has(name)) throw new Error(`exceljs wrote ${name} in a way PlanSheets cannot add to`);
  }

  /** Resolves once the part is zipped and handed to the output; rejects when the zip fails. */
  packed(name: string): Promise<void> {
    return this.until(
      new Promise<void>((resolve) => {
        const on = (data: { name: string }) => {
          if (data.name.replace(/^\/+/, '') !== name) return;
          this.zip.off('entry', on);
          resolve();
        };
        this.zip.on('entry', on);
      }),
    );
  }

  /** Waits while the sheet's XML waiting for the zip is over BACKLOG (while the zip and the disk catch up). */
  async caughtUp(ws: ExcelJS.Worksheet): Promise<void> {
    const pipe = (ws as unknown as { stream?: SheetStream }).stream?.pipes?.[0];
    const backlog = pipe?.writableLength ?? pipe?._writableState?.length;
    if (pipe && backlog !== undefined && backlog > BACKLOG) {
      await this.until(new Promise<void>((resolve) => pipe.once('drain', () => resolve())));
    } else {
      // Little waiting, or no pipe to watch (another exceljs): a turn of the event loop lets the zip work.
      await this.until(new Promise<void>((resolve) => setImmediate(resolve)));
    }
  }

  until<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.failed]);
  }
}

/** exceljs' own XML of one shared string (<si>), as its ordinary writer writes it (outside its typings). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SharedStringXform = require('exceljs/lib/xlsx/xform/strings/shared-string-xform') as new () => { toXml(text: string): string };

/** The table of shared strings exceljs' streaming writer fills (outside its typings). */
interface SharedStrings {
  values: string[];
  totalRefs: number;
}

/**
 * Excel and exceljs read `_xHHHH_` in a shared string as the character HHHH (ECMA-376 ST_Xstring),
 * so a text holding it literally (a title "_x0041_") would come back changed ("A"), in Excel and
 * in the plan stored in the book. Its `_` is written escaped (`_x005F_`), as Excel does.
 */
export const keepXmlCodes = (text: string): string => text.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_');

/** Strings rendered between two pieces handed to the zip. */
const STRINGS_A_PIECE = 2000;

/**
 * xl/sharedStrings.xml, made as the zip reads it: exceljs' streaming writer builds it as one
 * string, hundreds of megabytes at the end of a large book (all its texts, the plan among them).
 */
function streamSharedStrings(book: ExcelJS.stream.xlsx.WorkbookWriter, pkg: Package): void {
  const strings = (book as unknown as { sharedStrings: SharedStrings }).sharedStrings;
  book.addSharedStrings = async () => {
    const { values, totalRefs } = strings;
    if (values.length === 0) return;
    const si = new SharedStringXform();
    function* pieces(): Generator<Buffer> {
      yield Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${totalRefs}" uniqueCount="${values.length}">`);
      for (let i = 0; i < values.length; i += STRINGS_A_PIECE) yield Buffer.from(values.slice(i, i + STRINGS_A_PIECE).map((v) => si.toXml(keepXmlCodes(v))).join(''));
      yield Buffer.from('</sst>');
    }
    pkg.add('xl/sharedStrings.xml', Readable.from(pieces(), { objectMode: false }));
  };
}

/** What exceljs' streaming writer calls to end a sheet's data and to write its protection (outside its typings). */
interface SheetTail {
  _writeCloseSheetData(): void;
  _writeSheetProtection(): void;
}

/**
 * exceljs' streaming writer puts a sheet's <sheetProtection> after its conditional formats;
 * the schema (ECMA-376 CT_Worksheet) has it right after <sheetData>, where exceljs' ordinary
 * writer puts it, and Excel "repairs" a sheet with elements out of order. Moved there.
 */
function protectionAfterData(ws: ExcelJS.Worksheet): void {
  const tail = ws as unknown as Partial<SheetTail>;
  const { _writeCloseSheetData: close, _writeSheetProtection: protect } = tail;
  if (typeof close !== 'function' || typeof protect !== 'function') throw new Error('exceljs writes sheets in a way PlanSheets cannot protect in place');
  tail._writeCloseSheetData = () => {
    close.call(ws);
    protect.call(ws);
  };
  tail._writeSheetProtection = () => undefined;
}

/** Commits a sheet and waits until it is packed, so that sheets do not pile up in memory. */
async function finish(pkg: Package, ws: ExcelJS.Worksheet): Promise<void> {
  const packed = pkg.packed(`xl/worksheets/sheet${ws.id}.xml`);
  ws.commit();
  await packed;
}

/** How a cell of a column keeps its text inside it: wrapped, or (the code, never broken at its hyphens) shrunk. */
const textAlignment = (c: Pick<Column, 'kind' | 'id' | 'format'>): Partial<ExcelJS.Alignment> | undefined =>
  wrapsText(c as Column) ? { wrapText: true, vertical: 'top' } : c.id === 'code' ? { shrinkToFit: true, vertical: 'top' } : undefined;

const columnStyle = (c: Column): Partial<ExcelJS.Style> => {
  const alignment = textAlignment(c);
  return { ...(c.format ? { numFmt: c.format } : {}), ...(alignment ? { alignment } : {}) };
};

/** Writes one indicator sheet (or the Definitions sheet). */
async function writeSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, pkg: Package, model: SheetModel, print: PrintSetup): Promise<void> {
  const frozenColumns = 3; // key, code, title
  const ws = book.addWorksheet(model.name, {
    views: [{ state: 'frozen', xSplit: frozenColumns, ySplit: HEADER_ROW, rightToLeft: model.rtl }],
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
      // A header row's actuals are its items' (a value typed there would be refused): locked.
      // Its comment is the indicator's own and stays open.
      if (cellOpen(row, model.columns[c])) target.protection = { locked: false };
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
