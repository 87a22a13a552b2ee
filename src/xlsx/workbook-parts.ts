// The parts the worksheets are read against: workbook.xml and its relationships (which part is
// which sheet, as exceljs links them), the shared strings, and the styles (which cells are dates).
import { BUILT_IN_DATES, readAsDate } from './excel-dates';
import { attributes, decodeXml, tagsOf, XmlScanner, type XmlEvents } from './xml-scan';
import { count, MAX_STRINGS, notXlsx, refuse } from './xlsx-limits';

/** Parts exceljs reads as worksheets (its own pattern, unanchored as it is). */
export const WORKSHEET = /xl\/worksheets\/sheet(\d+)[.]xml/;
export const WORKBOOK = 'xl/workbook.xml';
export const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
export const SHARED_STRINGS = 'xl/sharedStrings.xml';
export const STYLES = 'xl/styles.xml';
export const XML_PART = /\.(?:xml|rels|vml)$/i;

/** Worksheet parts by the sheet they are (their sheetId and name), as exceljs links them. */
export function linkSheets(file: string, workbookXml: string, relsXml: string): Map<string, { id: number; name: string }> {
  const sheets: string[] = [];
  const rels: string[] = [];
  const fail = (why: string): never => notXlsx(file, why);
  new XmlScanner(tagsOf('sheet', sheets), fail, WORKBOOK, file).push(workbookXml);
  new XmlScanner(tagsOf('Relationship', rels), fail, WORKBOOK_RELS, file).push(relsXml);
  const targets = new Map(rels.map((a) => attributes(a)).map((a) => [a.get('Id'), a.get('Target')]));
  const parts = new Map<string, { id: number; name: string }>();
  const ids = new Set<number>();
  for (const a of sheets.map(attributes)) {
    const target = targets.get(a.get('r:id'));
    if (target === undefined) continue;
    const part = `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
    const name = a.get('name') ?? '';
    const id = parseInt(a.get('sheetId') ?? '', 10);
    // exceljs keeps sheets in an array by sheetId: a repeated, missing or huge one would lose or hang a sheet.
    if (!(id >= 1 && id <= 1_000_000) || ids.has(id)) fail(`sheet '${name}' has the sheetId "${a.get('sheetId') ?? ''}", missing, repeated or out of range`);
    if (parts.has(part)) fail(`sheets '${parts.get(part)!.name}' and '${name}' are the same part ${part}`);
    ids.add(id);
    parts.set(part, { id, name });
  }
  return parts;
}

/** Defined names are not read, and exceljs spreads each of their ranges cell by cell: left out. */
export const withoutDefinedNames = (xml: string) => xml.replace(/<definedNames\b[^>]*\/>|<definedNames\b[\s\S]*?<\/definedNames\s*>/g, '');

/** Whether the workbook counts dates from 1904 (a Mac Excel option). */
export const isDate1904 = (workbookXml: string) => /<workbookPr\b[^>]*\sdate1904\s*=\s*["'](?:1|true)["']/.test(workbookXml);

/** The shared strings: how many, which of them are texts that mark sheets, and (when asked) their texts. */
export class StringsScan implements XmlEvents {
  count = 0;
  readonly marked = new Set<number>();
  readonly texts: string[] = [];
  private si: string | undefined;
  private inT = false;
  private phonetic = false;
  constructor(
    private readonly file: string,
    private readonly marks: ReadonlySet<string> | undefined,
    private readonly keepTexts: boolean,
  ) {}
  open(name: string): void {
    if (name === 'si') {
      if (++this.count > MAX_STRINGS) refuse(this.file, `more than ${count(MAX_STRINGS)} shared strings; PlanSheets reads at most ${count(MAX_STRINGS)} (MAX_STRINGS)`);
      this.si = '';
    } else if (name === 'rPh') this.phonetic = true;
    else if (name === 't' && !this.phonetic) this.inT = true;
  }
  close(name: string): void {
    if (name === 't') this.inT = false;
    else if (name === 'rPh') this.phonetic = false;
    else if (name === 'si' && this.si !== undefined) {
      const text = decodeXml(this.si);
      if (this.marks?.has(text)) this.marked.add(this.count - 1);
      if (this.keepTexts) this.texts.push(text);
      this.si = undefined;
    }
  }
  text(raw: string): void {
    if (this.inT && this.si !== undefined && (this.keepTexts || this.si.length < 200)) this.si += raw;
  }
  cdata(): void {
    refuse(this.file, 'not a valid .xlsx workbook (the shared strings hold a CDATA section, which is not read)');
  }
}

/** The cell styles (indices into cellXfs) whose number format shows dates, from styles.xml. */
export function dateStyles(file: string, stylesXml: string): Set<number> {
  const formats = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  const events: XmlEvents = {
    open: (name, attrs) => {
      if (name === 'numFmt') {
        const a = attributes(attrs);
        formats.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfs.push(Number(attributes(attrs).get('numFmtId') ?? 0));
    },
    close: (name) => void (name === 'cellXfs' && (inCellXfs = false)),
    text: () => {},
    cdata: () => {},
  };
  new XmlScanner(events, (why) => notXlsx(file, why), STYLES, file).push(stylesXml);
  const dated = new Set<number>();
  // A date where read-book's raw() would give one for the cell exceljs reads: a Date, or a date format.
  xfs.forEach((id, i) => {
    if (readAsDate(formats.get(id) ?? BUILT_IN_DATES[id])) dated.add(i);
  });
  return dated;
}
