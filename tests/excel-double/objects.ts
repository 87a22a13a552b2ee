// Tables, PivotTables, custom XML parts and sheets inserted from a workbook file.
import JSZip from 'jszip';
import { XMLValidator } from 'fast-xml-parser';
import { bounded, colsOf, isUnbounded, overlaps, type Area, type Span } from './addresses';
import { checkNoMerges } from './merge-ops';
import { CODES, fault } from './errors';
import { formatValue } from './number-format';
import { resultOf } from './range-ops';
import { checkTableName, RULES, uniqueSheetName } from './rules';
import type { PartState, PivotState, SheetState, TableState, WorkbookState } from './workbook-state';

/** The texts of an area's first row, as table headers: blanks become ColumnN, repeats get a number. */
function headerTexts(wb: WorkbookState, sheet: SheetState, area: Area): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (let c = area.c0; c <= area.c1; c++) {
    let text = formatValue(resultOf(wb, sheet, area.r0, c), sheet.numberFormat(area.r0, c)).trim() || `Column${c - area.c0 + 1}`;
    const base = text;
    for (let n = 2; seen.has(text.toLowerCase()); n++) text = `${base}${n}`;
    seen.add(text.toLowerCase());
    out.push(text);
  }
  return out;
}

export function tableHeaders(wb: WorkbookState, table: TableState): string[] {
  return headerTexts(wb, table.sheet, table.area);
}

/** TableCollection.add: a table over a bounded area that overlaps no other table. */
export function addTable(wb: WorkbookState, sheet: SheetState, span: Span, hasHeaders: boolean, location: string): TableState {
  // Not documented: a table over whole columns or rows (InvalidArgument), and on a protected sheet (AccessDenied, as RULES.protectedCells).
  if (isUnbounded(span)) fault(CODES.invalidArgument, 'A table needs a bounded range.', location);
  if (sheet.protection.protected) fault(CODES.accessDenied, `"${sheet.name}" is protected: no table can be inserted. ${RULES.protectedCells.source}`, location);
  const area: Area = { r0: span.r0, c0: span.c0, r1: span.r1 + (hasHeaders ? 0 : 1), c1: span.c1 };
  if (wb.tables.some((t) => t.sheet === sheet && overlaps(t.area, area))) {
    fault(CODES.mergedRangeConflict, `A table cannot overlap another table. ${RULES.tableOverlap.source}`, location);
  }
  checkNoMerges({ sheet, span: bounded(area) }, location); // RULES.mergeTable
  if (!hasHeaders) {
    // "Excel will automatically generate a header and shift the data down by one row."
    for (let r = span.r1; r >= span.r0; r--) {
      for (let c = span.c0; c <= span.c1; c++) {
        const cell = sheet.cell(r, c);
        const below = sheet.ensure(r + 1, c);
        for (const k of Object.keys(below) as Array<keyof typeof below>) delete below[k];
        Object.assign(below, cell ?? {});
        sheet.tidy(r + 1, c);
      }
    }
    for (let c = span.c0; c <= span.c1; c++) Object.assign(sheet.ensure(span.r0, c), { value: `Column${c - span.c0 + 1}`, formula: undefined });
  }
  // Header cells hold the header names as text.
  headerTexts(wb, sheet, area).forEach((h, i) => {
    const cell = sheet.ensure(area.r0, area.c0 + i);
    delete cell.formula;
    cell.value = h;
  });
  let n = 1;
  const names = wb.tables.map((t) => t.name.toLowerCase());
  while (names.includes(`table${n}`)) n++;
  const table: TableState = { id: wb.newId('table'), name: `Table${n}`, sheet, area, style: 'TableStyleMedium2' };
  wb.tables.push(table);
  wb.touch();
  return table;
}

export function renameTable(wb: WorkbookState, table: TableState, name: unknown, location: string): void {
  table.name = checkTableName(name, wb.tables.filter((t) => t !== table).map((t) => t.name), location);
}

/** PivotTableCollection.add: names unique on the destination sheet; fields are the source's headers. */
export function addPivot(wb: WorkbookState, name: unknown, source: PivotState['source'], dest: { sheet: SheetState; r: number; c: number }, location: string): PivotState {
  if (typeof name !== 'string' || name.trim() === '') fault(CODES.invalidArgument, 'A PivotTable needs a name.', location);
  // Not documented: PivotTable names are unique on a sheet as in the Excel UI; the code is ItemAlreadyExists
  // ("The resource being created already exists").
  if (wb.pivots.some((p) => p.sheet === dest.sheet && p.name.toLowerCase() === name.toLowerCase())) {
    fault(CODES.itemAlreadyExists, `A PivotTable named "${name}" is already on "${dest.sheet.name}".`, location);
  }
  if (colsOf(source.area) < 1 || source.area.r1 <= source.area.r0) fault(CODES.invalidArgument, 'A PivotTable source needs a header row and data.', location);
  const pivot: PivotState = { id: wb.newId('pivot'), name, sheet: dest.sheet, anchor: { r: dest.r, c: dest.c }, source, rows: [], columns: [], data: [] };
  wb.pivots.push(pivot);
  wb.touch();
  return pivot;
}

export function pivotFields(wb: WorkbookState, pivot: PivotState): string[] {
  const area = pivot.source.table ? pivot.source.table.area : pivot.source.area;
  return headerTexts(wb, pivot.source.sheet, area);
}

/**
 * XML that is well formed (CustomXmlPartCollection.add: "Must be a valid XML fragment",
 * https://learn.microsoft.com/javascript/api/excel/excel.customxmlpartcollection#excel-excel-customxmlpartcollection-add-member(1);
 * the code InvalidArgument is the double's choice), and the namespace of its root element.
 */
export function xmlNamespace(xml: unknown, location: string): string {
  if (typeof xml !== 'string' || XMLValidator.validate(xml) !== true) fault(CODES.invalidArgument, 'The custom XML part is not well-formed XML.', location);
  const body = xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, '');
  const root = /<([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?([^>]*)>/.exec(body);
  if (!root) fault(CODES.invalidArgument, 'The custom XML part has no root element.', location);
  const prefix = root[2] !== undefined ? root[1] : undefined;
  const attr = new RegExp(`xmlns${prefix ? `:${prefix}` : ''}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(root[3]);
  return attr ? attr[2] ?? attr[3] : '';
}

export function addPart(wb: WorkbookState, xml: unknown, location: string): PartState {
  const part: PartState = { id: wb.newId('part'), namespace: xmlNamespace(xml, location), xml: xml as string };
  wb.parts.push(part);
  return part;
}

export function setPartXml(part: PartState, xml: unknown, location: string): void {
  part.namespace = xmlNamespace(xml, location);
  part.xml = xml as string;
}

/** The sheets of an .xlsx (names, visibility, right-to-left), read from its workbook and sheet XML. */
export async function readWorkbookFile(base64: unknown, location: string): Promise<Array<{ name: string; rtl: boolean; visibility: 'Visible' | 'Hidden' | 'VeryHidden' }>> {
  // Not documented: what a Base64 text that is no workbook gives; the double fails with InvalidArgument.
  if (typeof base64 !== 'string' || base64 === '') fault(CODES.invalidArgument, 'insertWorksheetsFromBase64 needs a Base64 workbook.', location);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  } catch {
    return fault(CODES.invalidArgument, 'The Base64 text is not a workbook file.', location);
  }
  const workbook = await zip.file('xl/workbook.xml')?.async('string');
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  if (!workbook) fault(CODES.invalidArgument, 'The file has no xl/workbook.xml.', location);
  const out: Array<{ name: string; rtl: boolean; visibility: 'Visible' | 'Hidden' | 'VeryHidden' }> = [];
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const attr = (n: string) => new RegExp(`\\b${n}="([^"]*)"`).exec(m[1])?.[1];
    const name = (attr('name') ?? '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
    const target = new RegExp(`Id="${attr('r:id')}"[^>]*Target="([^"]*)"|Target="([^"]*)"[^>]*Id="${attr('r:id')}"`).exec(rels);
    const path = (target?.[1] ?? target?.[2] ?? '').replace(/^\/?(xl\/)?/, 'xl/');
    const xml = (await zip.file(path)?.async('string')) ?? '';
    const state = attr('state');
    out.push({ name, rtl: /<sheetView\b[^>]*\brightToLeft="(1|true)"/.test(xml), visibility: state === 'hidden' ? 'Hidden' : state === 'veryHidden' ? 'VeryHidden' : 'Visible' });
  }
  return out;
}

export interface InsertOptions {
  sheetNamesToInsert?: string[];
  positionType?: string;
  relativeTo?: SheetState;
}

/** Workbook.insertWorksheetsFromBase64: the file's sheets, renamed as Excel renames copies when taken. */
export function insertSheets(wb: WorkbookState, sheets: Awaited<ReturnType<typeof readWorkbookFile>>, options: InsertOptions, location: string): string[] {
  const wanted = options.sheetNamesToInsert?.length ? options.sheetNamesToInsert : sheets.map((s) => s.name);
  const picked = wanted.map((n) => sheets.find((s) => s.name.toLowerCase() === n.toLowerCase()) ?? fault(CODES.invalidArgument, `The file has no sheet "${n}".`, location));
  const type = options.positionType ?? 'End';
  const live = wb.live();
  let index: number;
  if (type === 'Beginning') index = 0;
  else if (type === 'End' || type === 'None') index = live.length;
  else if (type === 'Before' || type === 'After') {
    if (!options.relativeTo || options.relativeTo.deleted) fault(CODES.invalidArgument, `positionType ${type} needs relativeTo.`, location);
    index = live.indexOf(options.relativeTo) + (type === 'After' ? 1 : 0);
  } else return fault(CODES.invalidArgument, `Not a position type: ${type}.`, location);
  return picked.map((s, i) => {
    // RULES.insertNames: the page shows the pattern for copies; for inserted sheets it is not documented.
    const sheet = wb.addSheet(uniqueSheetName(s.name, wb.live().map((x) => x.name)), location, index + i);
    sheet.rtl = s.rtl;
    sheet.visibility = s.visibility;
    return sheet.id;
  });
}
