// The pieces every PlanSheets Word document is made of (the indicator ID forms, the council
// report): an A4 section with the plan's title above and "page x of y" and the Jalali date
// below, headings, paragraphs, label/value tables and grids, all in the plan's direction. Pure
// of Node APIs, so the task pane builds the same documents in the browser.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { toAsciiDigits } from '../core/numbers/digits';
import { inDigits, jalaliLongDate, type Digits } from '../core/numbers/format';

export type DocLang = 'en' | 'fa';

/** How a document is written: its language (and so its direction) and its digits. */
export interface DocStyle {
  lang: DocLang;
  digits: Digits;
}

/** Persian documents get Persian digits unless asked otherwise. */
export function docStyle(lang: DocLang, digits?: Digits): DocStyle {
  return { lang, digits: digits ?? (lang === 'fa' ? 'fa' : 'latn') };
}

/**
 * Tahoma has Persian glyphs and is on every Windows, where Word opens these files; where it is
 * missing (LibreOffice on Linux) the font is substituted by one covering Arabic script (DejaVu Sans).
 */
export const DOC_FONT = 'Tahoma';
/** Body text size in half-points (9 pt: a form fits its page). */
const BODY_SIZE = 18;

/** A4 in twentieths of a point, and a 1.5 cm margin. */
const A4 = { short: 11906, long: 16838 };
const MARGIN = 850;

/** The width text can take on an A4 page, in twentieths of a point. */
export function contentWidth(orientation: 'portrait' | 'landscape'): number {
  return (orientation === 'portrait' ? A4.short : A4.long) - 2 * MARGIN;
}

const rtl = (s: DocStyle) => s.lang === 'fa';

export interface RunOptions {
  bold?: boolean;
  /** Half-points. */
  size?: number;
}

/**
 * Core marks codes as left-to-right isolates (LRI … PDI, src/core/numbers/bidi.ts). Word reads
 * isolates unreliably, so a document gets the older embedding marks (LRE/RLE … PDF), which Word
 * and LibreOffice both honour: `۳-۶-۳-۱۱` stays in order instead of printing as `۱۱-۳-۶-۳`.
 */
function embedded(text: string): string {
  return xmlSafe(text).replace(/\u2066/g, '\u202a').replace(/\u2067/g, '\u202b').replace(/\u2069/g, '\u202c');
}

// Characters XML 1.0 cannot carry (controls but tab and line breaks, U+FFFE/U+FFFF, a lone
// surrogate): docx writes them as they are, and Word then refuses the whole file as corrupt.
// eslint-disable-next-line no-control-regex -- the rule is about control characters
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text a document can hold: controls dropped, a broken surrogate shown as U+FFFD. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, (c) => (c >= '\ud800' && c <= '\udfff' ? '\ufffd' : ''));
}

/** A run of text in the document's direction. */
export function textRun(s: DocStyle, text: string, o: RunOptions = {}): TextRun {
  return new TextRun({ text: embedded(text), rightToLeft: rtl(s), bold: o.bold, size: o.size });
}

export interface ParagraphOptions extends RunOptions {
  align?: 'start' | 'center' | 'end';
  /** Starts a new page (one form a page). */
  pageBreakBefore?: boolean;
  /** Keeps the paragraph on the page of the next one (a heading with its table). */
  keepNext?: boolean;
  /** Space after, in twentieths of a point. */
  after?: number;
}

const ALIGN = { start: AlignmentType.START, center: AlignmentType.CENTER, end: AlignmentType.END } as const;

/** A paragraph of text (or of runs) in the document's direction. */
export function paragraph(s: DocStyle, content: string | Array<TextRun | ImageRun>, o: ParagraphOptions = {}): Paragraph {
  return new Paragraph({
    children: typeof content === 'string' ? [textRun(s, content, o)] : content,
    bidirectional: rtl(s),
    alignment: ALIGN[o.align ?? 'start'],
    pageBreakBefore: o.pageBreakBefore,
    keepNext: o.keepNext,
    keepLines: true,
    spacing: { after: o.after ?? 80 },
  });
}

/** A heading: level 1 a document's or form's title, level 2 a section inside it. */
export function heading(s: DocStyle, text: string, level: 1 | 2 = 1, o: { pageBreakBefore?: boolean } = {}): Paragraph {
  return new Paragraph({
    children: [textRun(s, text, { bold: true, size: level === 1 ? 26 : 20 })],
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    bidirectional: rtl(s),
    alignment: level === 1 ? AlignmentType.CENTER : AlignmentType.START,
    keepNext: true,
    keepLines: true,
    pageBreakBefore: o.pageBreakBefore,
    spacing: { before: level === 1 ? 0 : 80, after: 40 },
  });
}

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '808080' } as const;
const BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };
/** The least height of a row left blank to be filled by hand (0.75 cm, a handwritten line). */
const BLANK_ROW = 425;

function cell(s: DocStyle, text: string, width: number, o: RunOptions & { align?: 'start' | 'center' | 'end'; shade?: boolean } = {}): TableCell {
  return new TableCell({
    children: text.split('\n').map((line) => paragraph(s, line, { ...o, after: 0 })),
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 20, bottom: 20, left: 80, right: 80 },
    shading: o.shade ? { fill: 'E7E6E6' } : undefined,
  });
}

/** Widths that fill `total`, in proportion to `weights`. */
function widths(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.floor((total * w) / sum));
}

export interface TableOptions {
  orientation?: 'portrait' | 'landscape';
}

/**
 * A table of labels and values (the label on the reading side), one pair a row or, with `pairs`,
 * two (short fields side by side). An empty value is kept as a blank row tall enough to write
 * in: a printed form is filled by hand.
 */
export function labelValueTable(s: DocStyle, fields: ReadonlyArray<readonly [string, string]>, o: TableOptions & { labelShare?: number; pairs?: boolean } = {}): Table {
  const share = o.labelShare ?? (o.pairs ? 0.16 : 0.25);
  const per = o.pairs ? 2 : 1;
  const ws = widths(contentWidth(o.orientation ?? 'portrait'), per === 2 ? [share, 0.5 - share, share, 0.5 - share] : [share, 1 - share]);
  const rows: TableRow[] = [];
  for (let i = 0; i < fields.length; i += per) {
    const group = fields.slice(i, i + per);
    const cells = group.flatMap(([label, value], j) => [cell(s, label, ws[2 * j], { bold: true, shade: true }), cell(s, value, ws[2 * j + 1])]);
    // An odd field out leaves its neighbour's pair of cells empty.
    while (cells.length < ws.length) cells.push(cell(s, '', ws[cells.length]));
    rows.push(new TableRow({ children: cells, cantSplit: true, height: group.some(([, v]) => v === '') ? { value: BLANK_ROW, rule: HeightRule.ATLEAST } : undefined }));
  }
  return new Table({
    rows,
    columnWidths: ws,
    width: { size: ws.reduce((x, y) => x + y, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    visuallyRightToLeft: rtl(s),
  });
}

/**
 * A table with a header row that repeats on every page it runs over. `weights` size the columns
 * (equal by default); `numeric` columns are centred. Rows whose cells are all empty (every row,
 * with `tallRows`: a signature block) stay tall enough to write in.
 */
export function gridTable(
  s: DocStyle,
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  o: TableOptions & { weights?: readonly number[]; numeric?: readonly boolean[]; tallRows?: boolean } = {},
): Table {
  const ws = widths(contentWidth(o.orientation ?? 'portrait'), o.weights ?? header.map(() => 1));
  const align = (i: number) => (o.numeric?.[i] ? 'center' : 'start') as 'center' | 'start';
  return new Table({
    rows: [
      new TableRow({ children: header.map((h, i) => cell(s, h, ws[i], { bold: true, shade: true, align: 'center' })), tableHeader: true, cantSplit: true }),
      ...rows.map(
        (r) =>
          new TableRow({
            children: r.map((v, i) => cell(s, v, ws[i], { align: align(i) })),
            cantSplit: true,
            height: o.tallRows || r.every((v) => v === '') ? { value: BLANK_ROW, rule: HeightRule.ATLEAST } : undefined,
          }),
      ),
    ],
    columnWidths: ws,
    width: { size: ws.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    visuallyRightToLeft: rtl(s),
  });
}

export interface SectionOptions {
  orientation: 'portrait' | 'landscape';
  /** The header line: the plan's title. */
  title: string;
  /** The date in the footer (Jalali). */
  date: Date;
  children: Array<Paragraph | Table>;
}

/** "page x of y" and the Jalali date, in the document's language and digits. */
function footerRuns(s: DocStyle, date: Date): TextRun[] {
  const words = s.lang === 'fa' ? ['صفحه ', ' از '] : ['Page ', ' of '];
  const long = jalaliLongDate(date, s.lang);
  const day = s.digits === 'fa' ? inDigits(long, 'fa') : toAsciiDigits(long);
  const run = (children: Array<string | (typeof PageNumber)[keyof typeof PageNumber]>) => new TextRun({ children, rightToLeft: rtl(s), size: 16 });
  return [run([words[0], PageNumber.CURRENT, words[1], PageNumber.TOTAL_PAGES]), run([' — ', day])];
}

/** An A4 section in the document's direction, with the plan's title in the header and the page counter and date in the footer. */
export function section(s: DocStyle, o: SectionOptions): ISectionOptions {
  const landscape = o.orientation === 'landscape';
  return {
    properties: {
      page: {
        size: { width: A4.short, height: A4.long, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 425, footer: 425 },
      },
    },
    headers: { default: new Header({ children: [paragraph(s, o.title, { size: 16, align: 'center' })] }) },
    footers: { default: new Footer({ children: [paragraph(s, footerRuns(s, o.date), { align: 'center' })] }) },
    children: separated(o.children),
  };
}

/**
 * The blocks with an empty paragraph between two tables in a row: LibreOffice joins adjacent
 * tables into one, and the second's header row then no longer repeats on each page.
 */
function separated(blocks: ReadonlyArray<Paragraph | Table>): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  blocks.forEach((b, i) => {
    if (i > 0 && b instanceof Table && blocks[i - 1] instanceof Table) out.push(new Paragraph({ spacing: { after: 0 } }));
    out.push(b);
  });
  return out;
}

/** A document of sections, its default font one with Persian glyphs and its language the plan's. */
export function makeDocument(s: DocStyle, sections: ISectionOptions[], meta: { title: string; creator?: string }): Document {
  const font = { ascii: DOC_FONT, hAnsi: DOC_FONT, cs: DOC_FONT, eastAsia: DOC_FONT };
  return new Document({
    title: xmlSafe(meta.title),
    creator: xmlSafe(meta.creator ?? 'PlanSheets'),
    styles: {
      default: {
        document: {
          run: { font, size: BODY_SIZE, language: { value: s.lang === 'fa' ? 'fa-IR' : 'en-US', bidirectional: 'fa-IR' } },
          // The rule said outright: LibreOffice reads a bare line height as exact, cropping a picture to one line.
          paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO } },
        },
        heading1: { run: { font, color: '000000' } },
        heading2: { run: { font, color: '000000' } },
      },
    },
    sections,
  });
}

/** The .docx bytes of a document (Uint8Array: the same in Node and the browser). */
export async function toBuffer(doc: Document): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
