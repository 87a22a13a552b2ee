// How PlanSheets' sheets print, as plain data both writers apply: the .xlsx writer (exceljs'
// pageSetup, print titles, headerFooter) and the pane's Office.js gateway (Worksheet.pageLayout).
// A4 landscape, one page wide and as many tall as it takes, the header rows (and the code and
// title columns) on every page, and a header and footer naming the plan, the sheet, the page and
// the day it was made, in the sheet's language and calendar.
import { jalaliLongDate } from '../numbers/format';
import type { Column } from './layout';
import type { SheetLang } from './labels';
import { T_HEADER_ROW, type TemplateModel } from '../templates/template';

/** Excel's highest row height, in points. */
const MAX_ROW_HEIGHT = 409;
/** The height of one line of 11-point text, in points, and the room around it. */
const LINE_HEIGHT = 15;
const ROW_PADDING = 3;
/** A header or footer longer than this Excel refuses (its "Page Setup" dialog's limit, 255 characters). */
const HEADER_FOOTER_LIMIT = 255;
/** The plan's title in a header is cut to this many characters (leaves room for the codes and the rest). */
const TITLE_LIMIT = 100;

/** Left, centre and right parts of a header or footer, in Excel's header codes (&P, &N, &A). */
export interface HeaderFooterParts {
  left: string;
  center: string;
  right: string;
}

export interface PrintSetup {
  paper: 'A4';
  orientation: 'landscape';
  /** Pages across (1) and down (0: as many as it takes), as in the file's fitToWidth/fitToHeight. */
  fitToWidth: 1;
  fitToHeight: 0;
  /** Sheet rows (1-based, first and last) printed at the top of every page. */
  titleRows: [number, number];
  /** Columns (0-based, first and last) printed at the side of every page, if any. */
  titleColumns?: [number, number];
  header: HeaderFooterParts;
  footer: HeaderFooterParts;
  /** Margins in inches (the unit of the file's pageMargins). */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
}

/** What a sheet's header and footer say: the plan's title, and the day, already written out. */
export interface PrintContext {
  title: string;
  lang: SheetLang;
  /** The build's date as text in the Jalali calendar (jalaliDate). */
  date: string;
}

/** The build's day for a page footer, in the sheet's language (core/numbers/format, Tehran time). */
export const jalaliDate = (day: Date, lang: SheetLang): string => jalaliLongDate(day, lang);

/** Text for a header: `&` doubled (a single one starts a code) and cut to `limit`. */
export function headerText(text: string, limit = TITLE_LIMIT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = [...flat].length > limit ? `${[...flat].slice(0, limit - 1).join('')}…` : flat;
  return cut.replace(/&/g, '&&');
}

const PAGE_WORDS = { en: (p: string, n: string) => `Page ${p} of ${n}`, fa: (p: string, n: string) => `صفحه ${p} از ${n}` } as const;

/** The header (plan title, sheet name) and footer (date, page x of y) of every sheet PlanSheets writes. */
function headerFooter(ctx: PrintContext): Pick<PrintSetup, 'header' | 'footer'> {
  return {
    header: { left: '', center: `&B${headerText(ctx.title)}`, right: '&A' },
    footer: { left: headerText(ctx.date), center: PAGE_WORDS[ctx.lang]('&P', '&N'), right: '' },
  };
}

/**
 * The print setup of a sheet whose header rows are `titleRows` (1-based, first and last), with
 * the code and title columns of `columns` repeated too when they are given.
 */
export function printSetup(ctx: PrintContext, titleRows: [number, number], columns?: readonly Column[]): PrintSetup {
  const titleColumns = columns ? codeAndTitle(columns) : undefined;
  return {
    paper: 'A4',
    orientation: 'landscape',
    fitToWidth: 1,
    fitToHeight: 0,
    titleRows,
    ...(titleColumns ? { titleColumns } : {}),
    ...headerFooter(ctx),
    margins: { left: 0.4, right: 0.4, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
  };
}

/** A unit template's print setup: its header row and code and title columns on every page; its title is the plan's. */
export const templatePrint = (model: TemplateModel, day = new Date()): PrintSetup =>
  printSetup({ title: model.title, lang: model.lang, date: jalaliDate(day, model.lang) }, [T_HEADER_ROW, T_HEADER_ROW], model.columns);

/** The columns from the code column to the title column (0-based), when the sheet has both. */
function codeAndTitle(columns: readonly Column[]): [number, number] | undefined {
  const code = columns.findIndex((c) => c.id === 'code');
  const title = columns.findIndex((c) => c.kind === 'title' || c.id === 'title');
  if (code < 0 || title < 0) return undefined;
  return [Math.min(code, title), Math.max(code, title)];
}

/** A header or footer in the file's form (`&L…&C…&R…`); throws past Excel's limit. */
export function headerFooterCode(parts: HeaderFooterParts): string {
  const code = [['&L', parts.left], ['&C', parts.center], ['&R', parts.right]]
    .filter(([, text]) => text)
    .map(([at, text]) => at + text)
    .join('');
  if (code.length > HEADER_FOOTER_LIMIT) throw new RangeError(`a page header or footer of ${code.length} characters (Excel allows ${HEADER_FOOTER_LIMIT})`);
  return code;
}

/** Whether a column's cells are text that wraps within the cell (numbers never spill; the code is shrunk instead, never broken at its hyphens). */
export const wrapsText = (c: Column): boolean => c.kind !== 'key' && c.id !== 'code' && (c.format === undefined || c.format === '@');

/** The height of a row holding `lines` lines of text `lineHeight` points high, within Excel's highest row. */
export function linesHeight(lines: number, lineHeight = LINE_HEIGHT): number {
  return Math.min(MAX_ROW_HEIGHT, lines * lineHeight + ROW_PADDING);
}

/** Lines `text` takes in a column `width` characters wide, words kept whole where they fit. */
export function linesIn(text: string, width: number): number {
  const room = Math.max(1, Math.floor(width) - 1);
  let lines = 0;
  for (const para of text.split('\n')) {
    let used = 0;
    lines++;
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const len = [...word].length;
      if (used > 0 && used + 1 + len <= room) used += 1 + len;
      else {
        if (used > 0) lines++;
        // A word longer than the line breaks across lines.
        lines += Math.max(0, Math.ceil(len / room) - 1);
        used = len % room || room;
      }
    }
  }
  return lines;
}

/**
 * The height (points) a row needs for its wrapped texts, `texts[i]` in `columns[i]`; undefined
 * when one line does (the row keeps its default height).
 */
export function wrappedHeight(texts: ReadonlyArray<unknown>, columns: readonly Column[], wraps: (c: Column) => boolean = wrapsText): number | undefined {
  let lines = 1;
  columns.forEach((c, i) => {
    const t = texts[i];
    if (!c.hidden && typeof t === 'string' && t && wraps(c)) lines = Math.max(lines, linesIn(t, c.width));
  });
  return lines > 1 ? linesHeight(lines) : undefined;
}

/** The height of a header row, every header wrapping within its column (bold: a little wider). */
export const headerHeight = (columns: readonly Column[]): number =>
  wrappedHeight(
    columns.map((c) => c.header),
    columns.map((c) => ({ ...c, width: c.width * 0.9 })),
    (c) => c.kind !== 'key',
  ) ?? LINE_HEIGHT + ROW_PADDING;

/**
 * The plan's title (its English one on English sheets, when it has one) from its JSON text.
 * Only the `meta` object is parsed: a large plan is not parsed again for a line of its header.
 */
export function planTitle(planJson: string, lang: SheetLang): string {
  const start = /"meta"\s*:\s*\{/.exec(planJson);
  if (!start) return '';
  const open = start.index + start[0].length - 1;
  const end = closingBrace(planJson, open);
  if (end < 0) return '';
  try {
    const meta = JSON.parse(planJson.slice(open, end + 1)) as { title?: unknown; titleEn?: unknown };
    const title = lang === 'en' && typeof meta.titleEn === 'string' && meta.titleEn.trim() ? meta.titleEn : meta.title;
    return typeof title === 'string' ? title : '';
  } catch {
    return '';
  }
}

/** Where the object opened at `open` closes, strings skipped; -1 when it does not. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}
