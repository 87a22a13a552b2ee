// Every .xlsx PlanSheets reads is opened here. Someone else's file may be no zip at all, cut
// short, a zip bomb (a 1 MB file unpacking to gigabytes), XML declaring entities, or a sheet of a
// million rows; exceljs would crash or exhaust memory on each. So the package is unpacked part
// by part first (zip-parts), its XML scanned as it streams (xml-scan, workbook-parts, sheet-scan)
// against the limits (xlsx-limits), and stopped the moment one is passed. Only then does exceljs
// read it, and it reads exactly the parts checked here (the same JSZip reads both).
//
// The scan also finds what exceljs would read wrongly without a word (cell-values): those cells'
// texts are handed to the reader (`fileValues`), so the cell is refused with its address instead
// of read as a number. Sheets exceljs is not given are read into plain values (plain-sheets).
import ExcelJS from 'exceljs';
import type { FileValue } from './cell-values';
import { dateStyles, isDate1904, linkSheets, SHARED_STRINGS, STYLES, StringsScan, withoutDefinedNames, WORKBOOK, WORKBOOK_RELS, WORKSHEET, XML_PART } from './workbook-parts';
import { readPlainSheets, type PlainPart, type PlainSheet } from './plain-sheets';
import { SheetScan, type SheetContext, type Totals } from './sheet-scan';
import { declarationCheck, XmlScanner } from './xml-scan';
import { checkXlsxSize, notXlsx, reason } from './xlsx-limits';
import { Budget, loadParts, unpack } from './zip-parts';

export { dateSerial, isDateFormat, isoDay, LAST_DATE_SERIAL, serialDay } from './excel-dates';
export { decodeXml } from './xml-scan';
export { checkXlsxSize, MAX_CELLS, MAX_ENTRIES, MAX_ENTRY_BYTES, MAX_FILE_BYTES, MAX_MERGES, MAX_ROWS, MAX_STRINGS, MAX_TOTAL_BYTES, XlsxRefused } from './xlsx-limits';
export type { FileValue, PlainSheet };

export interface OpenedXlsx {
  workbook: ExcelJS.Workbook;
  /**
   * With `readOthers`: the sheets left out by `sheetsWithA1`, their values read here (in workbook
   * order) when asked, so that the caller can let exceljs' workbook go first.
   */
  readOthers(): Promise<PlainSheet[]>;
  /** By worksheet id (`Worksheet.id`), then cell address. */
  fileValues: ReadonlyMap<number, ReadonlyMap<string, FileValue>>;
  /** The text of each part asked for with `keepParts`, in package order. */
  parts: ReadonlyMap<string, string>;
}

export interface OpenOptions {
  /** Let exceljs read only the worksheets whose A1 holds one of these texts (the others it never sees). */
  sheetsWithA1?: readonly string[];
  /**
   * Read the other worksheets' values here, without exceljs (`others`): a few bytes a cell instead
   * of exceljs' hundreds, for sheets read only to check them (a large plan's Facts table).
   */
  readOthers?: boolean;
  /** Parts whose text to return (custom XML parts, for the plan a book carries). */
  keepParts?: RegExp;
}

/**
 * Opens an .xlsx someone else may have written: checked and limited as described above, then
 * read by exceljs. Throws XlsxRefused (message starting with `file`) for anything it will not read.
 */
export async function openXlsx(data: Buffer | ArrayBuffer | Uint8Array, file: string, options: OpenOptions = {}): Promise<OpenedXlsx> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  checkXlsxSize(bytes.length, file);
  const { zip, entries } = await loadParts(bytes, file);
  if (!entries.has(WORKBOOK)) notXlsx(file, `the package has no ${WORKBOOK}`);

  const budget = new Budget(file);
  const marks = options.sheetsWithA1 ? new Set(options.sheetsWithA1) : undefined;
  const others = !!(marks && options.readOthers);
  const strings = new StringsScan(file, marks, false);
  const kept = new Map<string, string>();
  const texts = new Map<string, string[]>();
  const keepText = (name: string) => name === WORKBOOK || name === WORKBOOK_RELS || (others && name === STYLES) || !!options.keepParts?.test(name);

  // Everything but the worksheets first: the sheets are checked against the shared strings.
  for (const [name, entry] of entries) {
    if (WORKSHEET.test(name)) continue;
    if (!XML_PART.test(name)) {
      await unpack(file, entry, budget.entry(name));
      continue;
    }
    const declarations = declarationCheck(file, name);
    const scanner = name === SHARED_STRINGS ? new XmlScanner(strings, (why) => notXlsx(file, why), name, file) : undefined;
    const pieces: string[] | undefined = keepText(name) ? [] : undefined;
    await unpack(file, entry, budget.entry(name), (text) => {
      declarations(text);
      scanner?.push(text);
      pieces?.push(text);
    });
    if (pieces) texts.set(name, pieces);
  }
  const whole = (name: string) => texts.get(name)?.join('') ?? '';
  const links = linkSheets(file, whole(WORKBOOK), whole(WORKBOOK_RELS));
  for (const [name, pieces] of texts) if (name !== WORKBOOK && name !== WORKBOOK_RELS && name !== STYLES) kept.set(name, pieces.join(''));
  if (options.keepParts?.test(WORKBOOK)) kept.set(WORKBOOK, whole(WORKBOOK));
  if (options.keepParts?.test(STYLES)) kept.set(STYLES, whole(STYLES));

  const ctx: SheetContext = {
    file,
    strings,
    marks,
    others,
    collect: false,
    dated: others ? dateStyles(file, whole(STYLES)) : new Set(),
    date1904: others && isDate1904(whole(WORKBOOK)),
  };
  let changed = false;
  const totals: Totals = { rows: 0, cells: 0, merges: 0 };
  const otherTotals: Totals = { rows: 0, cells: 0, merges: 0 };
  const fileValues = new Map<number, ReadonlyMap<string, FileValue>>();
  const plain: PlainPart[] = [];
  for (const [name, entry] of entries) {
    if (!WORKSHEET.test(name)) continue;
    const sheet = links.get(name);
    // A worksheet part no sheet of the workbook refers to is never shown: exceljs need not parse it.
    if (sheet) {
      const scan = new SheetScan(sheet.name, ctx, totals, otherTotals);
      const scanner = new XmlScanner(scan, (why) => notXlsx(file, why), name, file);
      await unpack(file, entry, budget.entry(name), (text) => scanner.push(text));
      scan.finish();
      if (scan.reading === 'exceljs') {
        fileValues.set(sheet.id, scan.fileValues);
        continue;
      }
      if (scan.reading === 'values') plain.push({ part: name, entry, name: sheet.name });
    }
    zip.remove(entry.name);
    changed = true;
  }
  // In workbook order, as exceljs lists sheets.
  const order = [...links.keys()];
  plain.sort((a, b) => order.indexOf(a.part) - order.indexOf(b.part));
  const readOthers = () => readPlainSheets(file, plain, entries.get(SHARED_STRINGS), ctx);

  // The parts given back as text are not for exceljs (which would only decode them again).
  for (const [name, entry] of entries) {
    if (!options.keepParts?.test(name) || name === WORKBOOK || WORKSHEET.test(name)) continue;
    zip.remove(entry.name);
    changed = true;
  }
  const workbookXml = whole(WORKBOOK);
  const trimmed = withoutDefinedNames(workbookXml);
  if (trimmed !== workbookXml) {
    zip.file(entries.get(WORKBOOK)!.name, trimmed);
    changed = true;
  }
  texts.clear();

  const workbook = new ExcelJS.Workbook();
  try {
    // Parts left as they were keep their compressed bytes: repacking costs a copy, not a deflate.
    const input = changed ? await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }) : bytes;
    await workbook.xlsx.load(input as unknown as ExcelJS.Buffer);
  } catch (e) {
    return notXlsx(file, `exceljs cannot read it: ${reason(e)}`);
  }
  return { workbook, readOthers, fileValues, parts: kept };
}
