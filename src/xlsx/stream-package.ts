// The .xlsx package as exceljs' streaming writer makes it, with what PlanSheets needs of it and
// exceljs does not offer: parts added and edited on the way into the zip, shared strings streamed
// rather than built as one string, sheet protection where the schema wants it, and a sheet
// committed only once the zip has taken it (so a large book never sits in memory whole).
import { Readable, type Writable } from 'stream';
import ExcelJS from 'exceljs';

/**
 * The archiver exceljs' streaming writer zips into (its `zip`, outside its typings). Reached for
 * three things exceljs cannot do: add the custom XML part, declare it in two package files as
 * they go in, and tell when a sheet has been packed.
 */
export interface Zip {
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
export const ROWS_BETWEEN_CHECKS = 500;

/** The package being written: its zip, watched for failure, and edits of the parts exceljs makes. */
export class Package {
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
export function streamSharedStrings(book: ExcelJS.stream.xlsx.WorkbookWriter, pkg: Package): void {
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
export function protectionAfterData(ws: ExcelJS.Worksheet): void {
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
export async function finish(pkg: Package, ws: ExcelJS.Worksheet): Promise<void> {
  const packed = pkg.packed(`xl/worksheets/sheet${ws.id}.xml`);
  ws.commit();
  await packed;
}
