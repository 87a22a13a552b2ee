// Every .xlsx PlanSheets reads is opened here. Someone else's file may be no zip at all, cut
// short, a zip bomb (a 1 MB file unpacking to gigabytes), XML declaring entities, or a sheet of a
// million rows; exceljs would crash or exhaust memory on each. So the package is unpacked part
// by part first, against limits stated below and counted as the bytes come out of the inflater
// (a size the zip declares is only a claim), and stopped the moment one is passed. Only then does
// exceljs read it, and it reads exactly the parts checked here (the same JSZip reads both).
//
// JSZip does the inflating: it is already the dependency exceljs unpacks with, so the bytes
// counted here are the bytes exceljs will get, and a package cannot show one zip reader one
// content and the other another. Its streams hand the inflated data over in 16 KB pieces.
//
// The scan also finds what exceljs would read wrongly without a word: a number cell whose text is
// not a plain decimal (exceljs uses parseFloat: `0x1A` is 0, `1e999` Infinity), a `t="d"` date
// read as its year, a shared string the file does not have. Those cells' texts are handed to the
// reader (`fileValues`), so the cell is refused with its address instead of read as a number.
//
// A merge needs exceljs only for the PlanSheets sheets. The others (a large plan's Facts table is
// as big as all its indicator sheets) are left out of exceljs' read and, when asked, read here
// into plain values, at a few bytes a cell instead of exceljs' hundreds.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { utf8Bytes } from '../excel/requests';
import type { RawCell } from '../core/grid/read';

const MB = 1024 * 1024;

/** The largest .xlsx file read. A 20,000-indicator book with its Facts sheet is about 13 MB. */
export const MAX_FILE_BYTES = 64 * MB;
/** Parts (files) in the package. A book has a few dozen, a few more per sheet. */
export const MAX_ENTRIES = 2000;
/** What one part may unpack to. The largest part of a 20,000-indicator book is its Facts sheet, 47 MB. */
export const MAX_ENTRY_BYTES = 128 * MB;
/** What the whole package may unpack to (140 MB for a 20,000-indicator book). */
export const MAX_TOTAL_BYTES = 256 * MB;
/**
 * Rows of the sheets read, counted to each sheet's last row as exceljs holds them (a single cell
 * in row 1,000,000 is a million rows); for the sheets exceljs reads, and apart for the others.
 * A 20,000-indicator book has 20,500 in its PlanSheets sheets and 100,000 in its Facts table.
 */
export const MAX_ROWS = 250_000;
/**
 * Cells of the sheets read, counted to each row's last cell, with merged and validated ranges,
 * which exceljs spreads cell by cell; for the sheets exceljs reads, and apart for the others.
 * A 20,000-indicator book has 600,000 in its PlanSheets sheets and 1,140,000 in its Facts table.
 */
export const MAX_CELLS = 1_500_000;
/** Shared strings (every distinct text of the book; 60,000 in a 20,000-indicator book). */
export const MAX_STRINGS = 1_500_000;
/** Merged ranges (exceljs checks each new one against all before it). */
export const MAX_MERGES = 5000;

/** The serial number of 9999-12-31, Excel's last date: a larger number is no date. */
export const LAST_DATE_SERIAL = 2958465;

/** An .xlsx that is not read, with why; the message starts with the file's name. */
export class XlsxRefused extends Error {}

/**
 * What the file holds in a cell whose exceljs value cannot be trusted:
 * `text`: a number cell whose text is not a plain decimal (`0x1A`, `NaN`, `1e999`), to be read
 * as that text (and refused as a number); also the empty result of a calculated formula.
 * `date`: a `t="d"` cell's ISO 8601 text (exceljs reads `2024-03-20` as 2024).
 * `serial`: a plain number beyond any date, for when its format makes exceljs an invalid Date of it.
 */
export interface FileValue {
  kind: 'text' | 'date' | 'serial';
  text: string;
}

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

const count = (n: number) => n.toLocaleString('en-US');
const megabytes = (n: number) => `${(n / MB).toFixed(n < 10 * MB ? 1 : 0)} MB`;
const refuse = (file: string, why: string): never => {
  throw new XlsxRefused(`${file}: ${why}`);
};
const reason = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200);
const notXlsx = (file: string, why: string) => refuse(file, `not an .xlsx workbook (${why})`);

/** Refuses a file too large to read, before it is read. */
export function checkXlsxSize(bytes: number, file: string): void {
  if (bytes === 0) refuse(file, 'the file is empty (0 bytes), not an .xlsx workbook');
  if (bytes > MAX_FILE_BYTES) refuse(file, `the file is ${megabytes(bytes)}; PlanSheets reads workbooks of at most ${megabytes(MAX_FILE_BYTES)} (MAX_FILE_BYTES)`);
}

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** The zip's own signature, and its parts counted from their central directory headers (before JSZip builds an object for each). */
function checkPackage(b: Uint8Array, file: string): void {
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0])) notXlsx(file, 'an old .xls file or a password-protected workbook: save it from Excel as an .xlsx without a password');
  if (!startsWith(b, [0x50, 0x4b, 0x03, 0x04])) notXlsx(file, 'not a zip package');
  let headers = 0;
  for (let i = b.indexOf(0x50); i >= 0 && i + 3 < b.length; i = b.indexOf(0x50, i + 1)) {
    if (b[i + 1] === 0x4b && b[i + 2] === 0x01 && b[i + 3] === 0x02 && ++headers > MAX_ENTRIES) {
      refuse(file, `the package has more than ${count(MAX_ENTRIES)} parts; an .xlsx workbook has a few dozen (MAX_ENTRIES)`);
    }
  }
}

/** Bytes unpacked so far, against the limits. */
class Budget {
  private total = 0;
  constructor(private readonly file: string) {}
  entry(name: string): (bytes: number) => void {
    let used = 0;
    return (bytes) => {
      used += bytes;
      this.total += bytes;
      if (used > MAX_ENTRY_BYTES) refuse(this.file, `part ${name} unpacks to more than ${megabytes(MAX_ENTRY_BYTES)} (a zip bomb?); PlanSheets reads parts of at most ${megabytes(MAX_ENTRY_BYTES)} (MAX_ENTRY_BYTES)`);
      if (this.total > MAX_TOTAL_BYTES) refuse(this.file, `the package unpacks to more than ${megabytes(MAX_TOTAL_BYTES)} (a zip bomb?); PlanSheets reads workbooks of at most ${megabytes(MAX_TOTAL_BYTES)} unpacked (MAX_TOTAL_BYTES)`);
    };
  }
}

/** JSZip's documented streaming interface (missing from its typings). */
interface StreamHelper {
  on(event: 'data', f: (chunk: string | Uint8Array) => void): StreamHelper;
  on(event: 'end', f: () => void): StreamHelper;
  on(event: 'error', f: (e: Error) => void): StreamHelper;
  resume(): StreamHelper;
  pause(): StreamHelper;
}

/** Thrown by a reader that has seen enough of a part. */
const ENOUGH = Symbol('enough');

/**
 * Unpacks one part, piece by piece: counted against the budget, text pieces (UTF-8 decoded
 * across piece boundaries by JSZip) handed to `read`. Stops at once when a limit is passed, the
 * reader refuses, or it throws ENOUGH.
 */
function unpack(file: string, entry: JSZip.JSZipObject, spend: (bytes: number) => void, read?: (text: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let stream: StreamHelper;
    try {
      stream = (entry as unknown as { internalStream(type: string): StreamHelper }).internalStream(read ? 'string' : 'uint8array');
    } catch (e) {
      reject(new XlsxRefused(`${file}: not an .xlsx workbook (part ${entry.name} cannot be unpacked: ${reason(e)})`));
      return;
    }
    let done = false;
    const settle = (e?: unknown) => {
      if (done) return;
      done = true;
      if (e !== undefined) stream.pause();
      if (e === undefined || e === ENOUGH) resolve();
      else reject(e instanceof XlsxRefused ? e : new XlsxRefused(`${file}: not an .xlsx workbook (part ${entry.name} is damaged: ${reason(e)})`));
    };
    stream.on('data', (chunk) => {
      if (done) return;
      try {
        spend(typeof chunk === 'string' ? utf8Bytes(chunk) : chunk.length);
        if (read) read(chunk as string);
      } catch (e) {
        settle(e);
      }
    });
    stream.on('error', (e) => settle(e));
    stream.on('end', () => settle());
    stream.resume();
  });
}

// ---------------------------------------------------------------------------------------------
// XML, read as it streams. Only what the checks need; exceljs parses the parts afterwards.

const DECLARATION = /<!(?:DOCTYPE|ENTITY)/i;
const declares = (file: string, part: string): never =>
  refuse(file, `part ${part} declares a DOCTYPE or entities, which an .xlsx workbook never has (entity expansion can exhaust memory); refused`);

/** Refuses DOCTYPE and ENTITY declarations in a part's text, across piece boundaries. */
function declarationCheck(file: string, part: string): (text: string) => void {
  let tail = '';
  return (text) => {
    if (DECLARATION.test(tail + text)) declares(file, part);
    tail = text.slice(-8);
  };
}

interface XmlEvents {
  open(name: string, attrs: string, empty: boolean): void;
  close(name: string): void;
  text(raw: string): void;
  cdata(): void;
}

const TAG = /<(\/?)([^\s/>]+)((?:[^>"']|"[^"]*"|'[^']*')*)>/y;
/** A tag, comment or processing instruction longer than this is not in any workbook. */
const MAX_MARKUP = MB;

/** Tags and text of XML pushed piece by piece; markup cut by a piece boundary waits for the rest. */
class XmlScanner {
  private rest = '';
  constructor(
    private readonly on: XmlEvents,
    private readonly fail: (why: string) => never,
    private readonly part: string,
    private readonly file: string,
  ) {}

  push(piece: string): void {
    const s = this.rest + piece;
    let i = 0;
    while (i < s.length) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        this.on.text(s.slice(i));
        i = s.length;
        break;
      }
      if (lt > i) this.on.text(s.slice(i, lt));
      i = lt;
      const end = this.markup(s, lt);
      if (end < 0) break;
      i = end;
    }
    this.rest = s.slice(i);
    if (this.rest.length > MAX_MARKUP) this.fail(`part ${this.part} has markup longer than ${megabytes(MAX_MARKUP)}`);
  }

  /** Where the markup at `at` ends, or -1 when it has not all arrived. */
  private markup(s: string, at: number): number {
    if (s.startsWith('<!', at)) {
      if (s.length - at < 9) return -1;
      if (s.startsWith('<!--', at)) {
        const end = s.indexOf('-->', at + 4);
        return end < 0 ? -1 : end + 3;
      }
      if (s.startsWith('<![CDATA[', at)) {
        const end = s.indexOf(']]>', at + 9);
        if (end < 0) return -1;
        this.on.cdata();
        return end + 3;
      }
      return declares(this.file, this.part);
    }
    if (s.startsWith('<?', at)) {
      const end = s.indexOf('?>', at + 2);
      return end < 0 ? -1 : end + 2;
    }
    TAG.lastIndex = at;
    const m = TAG.exec(s);
    if (!m) return -1;
    if (m[1]) this.on.close(m[2]);
    else {
      const empty = m[3].endsWith('/');
      this.on.open(m[2], empty ? m[3].slice(0, -1) : m[3], empty);
      if (empty) this.on.close(m[2]);
    }
    return TAG.lastIndex;
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text with XML's predefined entities and character references resolved (others left as they are). */
export function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,8}|#[0-9]{1,10}|[a-zA-Z]+);/g, (whole, e: string) => {
    if (e[0] !== '#') return Object.hasOwn(ENTITIES, e) ? ENTITIES[e] : whole;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** A tag's attributes, read in order as an XML parser does (a name inside another's value is not an attribute). */
function attributes(attrs: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of attrs.matchAll(ATTRIBUTE)) if (!found.has(m[1])) found.set(m[1], decodeXml(m[2] ?? m[3]));
  return found;
}

// ---------------------------------------------------------------------------------------------
// Cells.

const MAX_SHEET_ROWS = 1048576;
const MAX_SHEET_COLUMNS = 16384;
const ADDRESS = /^([A-Z]{1,3})([1-9][0-9]{0,6})$/;
/** A plain decimal, as a number cell's text is in every spreadsheet program's files. */
const PLAIN_NUMBER = /^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;
/** Cell types exceljs reads as something else than a number (the rest go through parseFloat). */
const NOT_NUMBER_TYPES = new Set(['s', 'str', 'inlineStr', 'b', 'e', 'd']);
/** Longer cell text than this is kept only in part for messages (in sheets exceljs reads). */
const KEEP_TEXT = 256;

const isPlainNumber = (v: string) => PLAIN_NUMBER.test(v) && Number.isFinite(Number(v));

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function letters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Cells in a range such as `B2:D9` (a single cell is 1; what cannot be read counts as 1: exceljs refuses it). */
function rangeArea(range: string): number {
  const [a, b = a] = range.split(':');
  const p = ADDRESS.exec(a.replace(/\$/g, ''));
  const q = ADDRESS.exec(b.replace(/\$/g, ''));
  if (!p || !q) return 1;
  return (Math.abs(Number(q[2]) - Number(p[2])) + 1) * (Math.abs(columnNumber(q[1]) - columnNumber(p[1])) + 1);
}

/**
 * Whether a number format shows dates: d or y, or m as a month, outside quoted text, escapes and
 * brackets (`[$-fa-IR,16]` locale and calendar, `[Red]`); m next to h or s is minutes, and elapsed
 * `[h]` is a duration, not a date.
 */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const s = numFmt
    .replace(/"[^"]*"/g, ' ')
    .replace(/\\./g, ' ')
    .replace(/[_*]./g, ' ')
    .replace(/\[(h+|s+)\]/gi, (_, t: string) => t[0])
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/AM\/PM|A\/P/gi, ' ')
    .toLowerCase();
  const code = (s.match(/([a-z])\1*/g) ?? []).map((t) => t[0]).filter((c) => 'ydmhs'.includes(c));
  return code.some((c, i) => c === 'y' || c === 'd' || (c === 'm' && code[i - 1] !== 'h' && code[i + 1] !== 's'));
}

const MS_PER_DAY = 86_400_000;
/** Serial of 1970-01-01 in the 1900 date system; the 1904 system counts 1,462 days fewer. */
const UNIX_EPOCH_SERIAL = 25569;
const DATE_1904_SHIFT = 1462;

/** A date as yyyy-mm-dd when it is one Excel can show (years 1899 to 9999), else null. */
export function isoDay(d: Date): string | null {
  const y = d.getUTCFullYear();
  return Number.isFinite(d.getTime()) && y >= 1899 && y <= 9999 ? d.toISOString().slice(0, 10) : null;
}

/** The day a serial number shows as a date, as yyyy-mm-dd, or the serial itself when it is no date. */
export function serialDay(n: number, date1904 = false): string {
  if (!(n >= 0 && n <= LAST_DATE_SERIAL)) return String(n);
  return isoDay(new Date(Math.round((n - UNIX_EPOCH_SERIAL + (date1904 ? DATE_1904_SHIFT : 0)) * MS_PER_DAY))) ?? String(n);
}

/** The serial number of a Date exceljs made of one. */
export const dateSerial = (d: Date, date1904 = false) => d.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL - (date1904 ? DATE_1904_SHIFT : 0);

/** The built-in number formats exceljs knows that show dates or times (ECMA-376 18.8.30). */
const BUILT_IN_DATES: Record<number, string> = { 14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy h:mm', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0' };

/** exceljs' own test (its utils.isDateFmt): it makes a Date of a number whose format passes it, times included. */
const exceljsDate = (f: string) => /[ymdhMsb]/.test(f.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** The cell styles (indices into cellXfs) whose number format shows dates, from styles.xml. */
function dateStyles(file: string, stylesXml: string): Set<number> {
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
  new XmlScanner(events, (why) => notXlsx(file, why), 'xl/styles.xml', file).push(stylesXml);
  const dated = new Set<number>();
  // A date where read-book's raw() would give one for the cell exceljs reads: a Date, or a date format.
  xfs.forEach((id, i) => {
    const code = formats.get(id) ?? BUILT_IN_DATES[id];
    if (code && (exceljsDate(code) || isDateFormat(code))) dated.add(i);
  });
  return dated;
}

/** What the sheets read so far hold, against the limits. */
interface Totals {
  rows: number;
  cells: number;
  merges: number;
}

interface CellState {
  address: string;
  col: number;
  type?: string;
  style?: number;
  v?: string;
  f?: string;
  inline?: string;
}

/** A sheet left out of exceljs' read, its cells read here as the grid reads them (for `others`). */
export interface PlainSheet {
  name: string;
  matrix: RawCell[][];
}

/** How a worksheet is read: by exceljs (checked here), here into plain values, or not at all. */
type Reading = 'exceljs' | 'values' | 'skip';

/** What a worksheet scan needs from the rest of the package. */
interface SheetContext {
  file: string;
  strings: StringsScan;
  /** Texts that mark the sheets exceljs reads, in A1 (none: every sheet). */
  marks?: ReadonlySet<string>;
  /** Whether the other sheets are read here into values. */
  others: boolean;
  /** Whether their values are collected now (a second pass), or they are only checked. */
  collect: boolean;
  dated: ReadonlySet<number>;
  date1904: boolean;
}

/**
 * One worksheet's rows and cells as they stream: counted, checked, and either its misread cells
 * kept (for exceljs' reading) or all its values read (a sheet exceljs does not read).
 */
class SheetScan implements XmlEvents {
  readonly fileValues = new Map<string, FileValue>();
  matrix: RawCell[][] | undefined;
  /** How the sheet is read: undefined until its A1 has been seen. */
  reading: Reading | undefined;
  private row = 0;
  private col = 0;
  private rowCells = 0;
  private cells = 0;
  private merges = 0;
  private cell: CellState | undefined;
  private into: 'v' | 't' | 'f' | undefined;
  private inInline = false;

  constructor(
    private readonly sheet: string,
    private readonly ctx: SheetContext,
    private readonly totals: Totals,
    private readonly otherTotals: Totals,
  ) {
    if (ctx.collect) this.matrix = [];
    if (!ctx.marks) this.decide(true);
  }

  private fail(why: string): never {
    return refuse(this.ctx.file, `not a valid .xlsx workbook (sheet '${this.sheet}': ${why})`);
  }

  /** Decides, once, from whether A1 holds a text asked for; a sheet not read is not unpacked further. */
  private decide(marked: boolean) {
    if (this.reading !== undefined) return;
    this.reading = marked ? 'exceljs' : this.ctx.others ? 'values' : 'skip';
    if (this.reading === 'exceljs') this.matrix = undefined;
    if (this.reading === 'skip') throw ENOUGH;
  }

  private get counted(): Totals {
    return this.reading === 'values' ? this.otherTotals : this.totals;
  }

  private count() {
    const { file, sheet } = { file: this.ctx.file, sheet: this.sheet };
    const totals = this.counted;
    if (totals.rows + this.row > MAX_ROWS) refuse(file, `more than ${count(MAX_ROWS)} rows in the sheets read (sheet '${sheet}' goes on to row ${count(this.row)}); PlanSheets reads at most ${count(MAX_ROWS)} (MAX_ROWS)`);
    if (totals.cells + this.cells > MAX_CELLS) {
      refuse(file, `more than ${count(MAX_CELLS)} cells in the sheets read, counting merged and validated ranges (sheet '${sheet}', row ${count(this.row)}); PlanSheets reads at most ${count(MAX_CELLS)} (MAX_CELLS)`);
    }
    if (totals.merges + this.merges > MAX_MERGES) refuse(file, `more than ${count(MAX_MERGES)} merged ranges (sheet '${sheet}'); PlanSheets reads at most ${count(MAX_MERGES)} (MAX_MERGES)`);
  }

  /** The sheet read to its end: a sheet with nothing in A1 is one of the others; the counts of one read are added up. */
  finish(): void {
    if (this.reading === undefined) this.reading = this.ctx.others ? 'values' : 'skip';
    if (this.reading === 'skip') return;
    const totals = this.counted;
    totals.rows += this.row;
    totals.cells += this.cells;
    totals.merges += this.merges;
  }

  open(name: string, attrs: string, empty: boolean): void {
    const c = this.cell;
    if (c) {
      if (name === 'v' || name === 'f' || (name === 't' && this.inInline)) {
        this.into = name;
        if (name === 'v') c.v = '';
        else if (name === 'f') c.f = '';
        else c.inline ??= '';
      } else if (name === 'is') this.inInline = true;
      return;
    }
    if (name === 'row') this.openRow(attributes(attrs));
    else if (name === 'c') this.openCell(attributes(attrs), empty);
    else if (this.reading === 'values') return; // merges and validations are exceljs' cost only
    else if (name === 'mergeCell') {
      this.merges++;
      this.cells += rangeArea(attributes(attrs).get('ref') ?? '');
      this.count();
    } else if (name === 'dataValidation') {
      for (const range of (attributes(attrs).get('sqref') ?? '').split(/\s+/).filter(Boolean)) this.cells += rangeArea(range);
      this.count();
    }
  }

  private openRow(attrs: Map<string, string>) {
    const r = attrs.get('r');
    const n = r === undefined ? this.row + 1 : /^[0-9]{1,7}$/.test(r.trim()) ? Number(r) : NaN;
    if (!(n >= 1 && n <= MAX_SHEET_ROWS)) this.fail(`row number "${String(r).slice(0, 20)}" is not a row of a sheet`);
    if (n <= this.row) this.fail(`row ${n} comes after row ${this.row}`);
    if (n > 1) this.decide(false);
    this.row = n;
    this.col = 0;
    this.rowCells = 0;
    this.count();
  }

  private openCell(attrs: Map<string, string>, empty: boolean) {
    if (this.row === 0) this.fail('a cell outside any row');
    const r = attrs.get('r');
    let col = this.col + 1;
    if (r !== undefined) {
      const m = ADDRESS.exec(r);
      if (!m || Number(m[2]) !== this.row) this.fail(`cell address "${r.slice(0, 20)}" in row ${this.row}`);
      col = columnNumber(m[1]);
    }
    const address = `${letters(col)}${this.row}`;
    if (col > MAX_SHEET_COLUMNS) this.fail(`cell ${address} is beyond the last column`);
    if (col <= this.col) this.fail(`cell ${address} comes after column ${letters(this.col)} of row ${this.row}`);
    if (col > 1) this.decide(false);
    this.col = col;
    if (col > this.rowCells) {
      this.cells += col - this.rowCells;
      this.rowCells = col;
      this.count();
    }
    const s = attrs.get('s');
    this.cell = { address, col, type: attrs.get('t'), style: s === undefined ? undefined : Number(s) };
    if (empty) this.closeCell();
  }

  text(raw: string): void {
    const c = this.cell;
    if (!c || !this.into) return;
    // Texts are needed whole only where they are the values; elsewhere only for messages.
    const keep = (kept: string) => (this.matrix ? kept + raw : kept.length >= KEEP_TEXT ? kept : (kept + raw).slice(0, KEEP_TEXT));
    if (this.into === 'v') c.v = keep(c.v!);
    else if (this.into === 'f') c.f = keep(c.f!);
    else c.inline = keep(c.inline!);
  }

  cdata(): void {
    if (this.cell) this.fail(`cell ${this.cell.address} holds a CDATA section, which is not read`);
  }

  close(name: string): void {
    if (!this.cell) return;
    if (name === this.into) this.into = undefined;
    else if (name === 'is') this.inInline = false;
    else if (name === 'c') this.closeCell();
  }

  private closeCell() {
    const c = this.cell!;
    this.cell = undefined;
    this.into = undefined;
    this.inInline = false;
    const v = c.v === undefined ? undefined : decodeXml(c.v).trim();
    let index: number | undefined;
    if (c.type === 's' && v !== undefined && v !== '') {
      index = /^[0-9]{1,10}$/.test(v) ? Number(v) : NaN;
      if (!(index < this.ctx.strings.count)) {
        this.fail(`cell ${c.address} refers to shared string "${v.slice(0, 20)}", which the file does not have (it has ${count(this.ctx.strings.count)})`);
      }
    }
    if (c.address === 'A1' && this.reading === undefined) {
      const text = c.type === 'str' || c.type === 'inlineStr' ? decodeXml(c.v ?? c.inline ?? '') : undefined;
      this.decide(index !== undefined ? this.ctx.strings.marked.has(index) : text !== undefined && !!this.ctx.marks?.has(text));
    }
    if (this.matrix) {
      (this.matrix[this.row - 1] ??= [])[c.col - 1] = this.valueOf(c, v, index);
      return;
    }
    if (v === undefined || c.type === 's') return;
    if (c.f !== undefined && v === '') this.fileValues.set(c.address, { kind: 'text', text: '' });
    else if (c.type === 'd') this.fileValues.set(c.address, { kind: 'date', text: v });
    else if (c.type === undefined || !NOT_NUMBER_TYPES.has(c.type)) {
      if (!isPlainNumber(v) || c.v!.length >= KEEP_TEXT) this.fileValues.set(c.address, { kind: 'text', text: v });
      else if (Math.abs(Number(v)) > LAST_DATE_SERIAL) this.fileValues.set(c.address, { kind: 'serial', text: v });
    }
  }

  /** A cell's value as read-book's raw() gives it for a cell exceljs reads. */
  private valueOf(c: CellState, v: string | undefined, index: number | undefined): RawCell {
    if (c.f !== undefined && v === undefined) return { uncalculated: decodeXml(c.f) };
    switch (c.type) {
      case 's':
        return index === undefined ? null : this.ctx.strings.texts[index];
      case 'str':
      case 'inlineStr':
        return c.v === undefined && c.inline === undefined ? null : decodeXml(c.v ?? c.inline ?? '');
      case 'b':
        return v === undefined || v === '' ? null : parseInt(v, 10) !== 0;
      case 'e':
        return v === undefined ? null : { error: v };
      case 'd':
        return v ? { date: /^\d{4}-\d{2}-\d{2}/.exec(v)?.[0] ?? v } : null;
    }
    if (v === undefined || (v === '' && c.f === undefined)) return null;
    if (!isPlainNumber(v)) return v;
    const n = Number(v);
    return c.style !== undefined && this.ctx.dated.has(c.style) ? { date: serialDay(n, this.ctx.date1904) } : n;
  }
}

/** The shared strings: how many, which of them are texts that mark sheets, and (when asked) their texts. */
class StringsScan implements XmlEvents {
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

/** Collects start tags of one name with their attributes (sheets in workbook.xml, relationships). */
function tagsOf(name: string, into: string[]): XmlEvents {
  return { open: (n, attrs) => void (n === name && into.push(attrs)), close: () => {}, text: () => {}, cdata: () => {} };
}

// ---------------------------------------------------------------------------------------------

/** Parts exceljs reads as worksheets (its own pattern, unanchored as it is). */
const WORKSHEET = /xl\/worksheets\/sheet(\d+)[.]xml/;
const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const STYLES = 'xl/styles.xml';
const XML_PART = /\.(?:xml|rels|vml)$/i;

/** Worksheet parts by the sheet they are (their sheetId and name), as exceljs links them. */
function linkSheets(file: string, workbookXml: string, relsXml: string): Map<string, { id: number; name: string }> {
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
const withoutDefinedNames = (xml: string) => xml.replace(/<definedNames\b[^>]*\/>|<definedNames\b[\s\S]*?<\/definedNames\s*>/g, '');

/**
 * Opens an .xlsx someone else may have written: checked and limited as described above, then
 * read by exceljs. Throws XlsxRefused (message starting with `file`) for anything it will not read.
 */
export async function openXlsx(data: Buffer | ArrayBuffer | Uint8Array, file: string, options: OpenOptions = {}): Promise<OpenedXlsx> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  checkXlsxSize(bytes.length, file);
  checkPackage(bytes, file);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    return notXlsx(file, `the zip package is damaged or cut short: ${reason(e)}`);
  }
  // exceljs drops a leading slash from part names: two parts that differ only by it are one to it.
  const entries = new Map<string, JSZip.JSZipObject>();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const name = entry.name.replace(/^\//, '');
    if (entries.has(name)) notXlsx(file, `the package has two parts named ${name}`);
    entries.set(name, entry);
  }
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
    date1904: others && /<workbookPr\b[^>]*\sdate1904\s*=\s*["'](?:1|true)["']/.test(whole(WORKBOOK)),
  };
  let changed = false;
  const totals: Totals = { rows: 0, cells: 0, merges: 0 };
  const otherTotals: Totals = { rows: 0, cells: 0, merges: 0 };
  const fileValues = new Map<number, ReadonlyMap<string, FileValue>>();
  const plain: Array<{ part: string; entry: JSZip.JSZipObject; name: string }> = [];
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

  /** The other sheets' values: a second pass over parts already checked, with the shared strings' texts. */
  const readOthers = async (): Promise<PlainSheet[]> => {
    if (plain.length === 0) return [];
    const withTexts = new StringsScan(file, marks, true);
    const stringsEntry = entries.get(SHARED_STRINGS);
    const again = new Budget(file);
    if (stringsEntry) {
      const scanner = new XmlScanner(withTexts, (why) => notXlsx(file, why), SHARED_STRINGS, file);
      await unpack(file, stringsEntry, again.entry(SHARED_STRINGS), (text) => scanner.push(text));
    }
    const collect: SheetContext = { ...ctx, strings: withTexts, collect: true };
    const fresh = (): Totals => ({ rows: 0, cells: 0, merges: 0 });
    const read: PlainSheet[] = [];
    for (const p of plain) {
      const scan = new SheetScan(p.name, collect, fresh(), fresh());
      const scanner = new XmlScanner(scan, (why) => notXlsx(file, why), p.part, file);
      await unpack(file, p.entry, again.entry(p.part), (text) => scanner.push(text));
      read.push({ name: p.name, matrix: scan.matrix ?? [] });
    }
    return read;
  };

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
