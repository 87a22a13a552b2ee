// `plansheets import FILE… -o PLAN.json`: the approved plan's tables (TSV/CSV text or .xlsx
// sheets, as pasted from the book) into a plan file, with a report of everything interpreted.
import * as path from 'path';
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import { importTables, type SourceLines } from '../core/importer/importer';
import { cellText } from '../core/grid/read';
import { readXlsxSheets } from '../xlsx/read-book';
import { checkXlsxSize, XlsxRefused } from '../xlsx/open-xlsx';
import * as fs from 'fs';
import { loadPlanValue } from '../core/plan/load';
import { stringifyPlan } from '../core/plan/canonical-json';
import { untranslated, UsageError } from './plan-file';
import { isolate, ltr } from '../core/numbers/bidi';
import { formatNumber } from '../core/numbers/format';
import { readBytes, writeAtomically } from './files';
import { countLine, counted, digitsFor, problemLine, tr, type Lang, type Output } from './output';
import { EXIT } from './commands';
import { decodeText, encodingNamed, ENCODINGS, type TextEncoding } from './decode-text';

import { TableFileError } from './table-file-error';
import { readKnownUnits } from './known-units';
import { accountLines } from '../core/importer/report-lines';

export { TableFileError };

/** `file:line` in Persian: one left-to-right run, the line in Persian digits, the file isolated as named. */
const at = (name: string, line: number) => ltr(`${isolate(name)}:${formatNumber(line, 'fa')}`);

/** A source's rows, and for text how its bytes were decoded. */
type Source = SourceLines & { encoding?: TextEncoding; invalid?: number };

/**
 * A source file's rows of cells: TSV text, CSV, or every sheet of an .xlsx. Text is decoded in
 * the given encoding, or the one detected (reported back, since a wrong guess garbles titles).
 */
export async function readSource(file: string, encoding?: TextEncoding): Promise<Source[]> {
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') {
    // Opened safely (open-xlsx): a file that is not a workbook, or over a limit, is a usage error.
    try {
      if (fs.existsSync(file)) checkXlsxSize(fs.statSync(file).size, name);
      const sheets = await readXlsxSheets(readBytes(file), name, { asShown: true });
      return sheets.map((s) => ({ source: sheets.length > 1 ? `${name}!${s.name}` : name, rows: Array.from(s.matrix, (r) => Array.from(r ?? [], cellText)) }));
    } catch (e) {
      if (e instanceof XlsxRefused) throw new UsageError(untranslated(e.message));
      throw e;
    }
  }
  if (ext === '.docx') {
    // The Word book, checked before mammoth reads it (src/docx); loaded only for a .docx.
    const { checkDocxSize, DocxRefused, readDocx } = await import('../docx/read-docx');
    try {
      if (fs.existsSync(file)) checkDocxSize(fs.statSync(file).size, name);
      return [{ source: name, rows: await readDocx(readBytes(file), name) }];
    } catch (e) {
      if (e instanceof DocxRefused) throw new UsageError(untranslated(e.message));
      throw e;
    }
  }
  const { text, encoding: used, invalid } = decodeText(readBytes(file), encoding);
  const rows = ext === '.csv' ? csvRows(text, name) : text.split('\n').map((l) => l.split('\t').map(unquote));
  return [{ source: name, rows, encoding: used, invalid }];
}

/** A TSV cell as Excel's text export writes it: a cell holding quotes (or a separator) comes quoted, its quotes doubled. */
function unquote(cell: string): string {
  const m = /^"((?:[^"]|"")*)"$/.exec(cell);
  return m ? m[1].replace(/""/g, '"') : cell;
}

/**
 * The list separator a CSV was saved with: `;` where Excel's regional list separator is not a comma
 * (a decimal-comma locale), else `,`. Counted outside quotes over the first lines.
 */
function csvDelimiter(text: string): string {
  const head = text.slice(0, 20_000).replace(/"[^"]*"/g, '');
  const count = (c: string) => head.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * CSV rows, each at the index of the line it starts on (so reported lines are the file's even
 * when a quoted cell spans lines). Quotes inside a cell are taken as they are; a quote that
 * opens a cell and never closes is an error naming the line, since it would swallow the rest.
 */
function csvRows(text: string, name: string): string[][] {
  const rows: string[][] = [];
  let start = 1;
  try {
    parseCsv(text, {
      delimiter: csvDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      on_record: (record: string[], context: { lines: number }) => {
        rows[start - 1] = record;
        start = context.lines + 1;
        return null;
      },
    });
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const field = typeof e.index === 'number' ? e.index + 1 : undefined;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new TableFileError(
        `${name}:${start}: not a readable CSV table: the quote that opens cell ${field ?? '?'} of line ${start} is never closed`,
        `${at(name, start)}: جدول ${ltr('CSV')} خوانا نیست: گیومه‌ای که خانهٔ ${field === undefined ? '?' : formatNumber(field, 'fa')} سطر ${formatNumber(start, 'fa')} را باز می‌کند هرگز بسته نمی‌شود`,
      );
    }
    const line = typeof e.lines === 'number' ? e.lines : start;
    throw new TableFileError(`${name}:${line}: not a readable CSV table: ${e.message}`, `${at(name, line)}: جدول ${ltr('CSV')} خوانا نیست (پیام خواننده ${ltr('CSV')}: ${isolate(e.message)})`);
  }
  return Array.from(rows, (r) => r ?? []);
}

/** The message for files in which no plan table was found, with how each was decoded. */
function noTable(sources: readonly Source[]): TableFileError {
  const files = sources.map((s) => (s.encoding ? `${s.source} (${s.encoding})` : s.source)).join(', ');
  const hint = sources.some((s) => s.encoding) ? `; if the text is garbled, name its encoding with --encoding (${ENCODINGS.join(', ')})` : '';
  const faFiles = sources.map((s) => (s.encoding ? `${isolate(s.source)} (${ltr(s.encoding)})` : isolate(s.source))).join('، ');
  const faHint = sources.some((s) => s.encoding) ? `؛ اگر متن درهم است، کدگذاری آن را با ${ltr('--encoding')} بدهید (${ENCODINGS.map(ltr).join('، ')})` : '';
  return new TableFileError(
    `no plan table found in ${files}: expected the book's tables (a line "کد شاخص هدف عملیاتی: …" with a header row of the plan years under it) or a flat table (a header row with a code column, a title column and the plan years); nothing written${hint}`,
    `در ${faFiles} هیچ جدول برنامه‌ای پیدا نشد: جدول‌های کتاب برنامه (سطر «کد شاخص هدف عملیاتی: …» و زیر آن سطر عنوان با سال‌های برنامه) یا جدولی تخت (سطر عنوانی با ستون کد، ستون عنوان و سال‌های برنامه) انتظار می‌رفت؛ چیزی نوشته نشد${faHint}`,
  );
}

export interface ImportCommandOptions {
  out?: string;
  id?: string;
  title?: string;
  json?: boolean;
  encoding?: string;
  /** A file of the municipality's units (`--units`). */
  units?: string;
  lang: Lang;
}

export async function importCommand(files: string[], opts: ImportCommandOptions, io: Output): Promise<number> {
  if (!opts.out) throw new UsageError({ en: 'give the plan file to write with -o PLAN.json', fa: `پرونده برنامه‌ای را که باید نوشته شود با ${isolate('-o PLAN.json')} بدهید` });
  if (files.length === 0) throw new UsageError({ en: 'give at least one table file (.tsv, .csv, .xlsx, .docx)', fa: `دست‌کم یک پرونده جدول بدهید (${isolate('.tsv, .csv, .xlsx, .docx')})` });
  const encoding = opts.encoding === undefined ? undefined : encodingNamed(opts.encoding);
  if (opts.encoding !== undefined && !encoding) throw new UsageError({ en: `--encoding must be one of ${ENCODINGS.join(', ')}, not "${opts.encoding}"`, fa: `${isolate('--encoding')} باید یکی از ${ENCODINGS.map(isolate).join('، ')} باشد، نه "${isolate(opts.encoding)}"` });
  try {
    return await importFiles(files, { ...opts, out: opts.out, encoding }, io);
  } catch (e) {
    if (!(e instanceof TableFileError)) throw e;
    if (opts.json) io.out(JSON.stringify({ written: null, error: { en: e.en, fa: e.fa } }, null, 2));
    io.err(`plansheets: ${opts.lang === 'fa' ? e.fa : e.en}`);
    return EXIT.failed;
  }
}

async function importFiles(files: string[], opts: Omit<ImportCommandOptions, 'encoding'> & { out: string; encoding?: TextEncoding }, io: Output): Promise<number> {
  const sources: Source[] = [];
  // One file after the other, so an error names the first bad file, whatever the timing.
  for (const file of files) sources.push(...(await readSource(file, opts.encoding)));
  const knownUnits = opts.units === undefined ? undefined : readKnownUnits(opts.units);
  const result = importTables(sources, { id: opts.id ?? path.basename(opts.out).replace(/\.(plan\.)?json$/i, ''), title: opts.title, ...(knownUnits ? { knownUnits } : {}) });
  if (result.stats.indicators === 0) throw noTable(sources);
  // A file given that holds no table was probably the wrong file: say so rather than import the rest.
  // A source is a file's name, or `name!sheet` for each sheet of an .xlsx.
  const of = (f: string, source: string) => source === path.basename(f) || source.startsWith(`${path.basename(f)}!`);
  const empty = files.filter((f) => !result.account.sources.some((s) => s.tables > 0 && of(f, s.source)));
  if (empty.length) throw noTable(sources.filter((s) => empty.some((f) => of(f, s.source))));
  // How text was decoded, when it was not plain UTF-8: a wrong guess shows in the titles.
  const decoded = sources.filter((s) => (s.encoding && s.encoding !== 'utf-8') || s.invalid).map((s) => ({ file: s.source, encoding: s.encoding!, invalid: s.invalid ?? 0 }));
  const checked = loadPlanValue(result.plan);
  if (checked.ok) writeAtomically(opts.out, stringifyPlan(result.plan));
  if (opts.json) {
    io.out(JSON.stringify({ written: checked.ok ? opts.out : null, stats: result.stats, account: result.account, decoded, anomalies: result.anomalies, problems: checked.problems.filter((p) => p.code !== 'import-note') }, null, 2));
  } else {
    const s = result.stats;
    const fa = opts.lang === 'fa';
    const d = digitsFor(opts.lang);
    const count = (x: number, en: string, faWord: string) => counted(x, opts.lang, d, en, faWord);
    io.out([count(s.workingGroups, 'working group', 'کارگروه'), count(s.units, 'unit', 'واحد'), count(s.blocks, 'table', 'جدول'), count(s.indicators, 'indicator', 'شاخص'), count(s.rows, 'row', 'سطر')].join(tr(opts.lang, ', ', '، ')));
    for (const x of decoded) {
      io.out(
        fa
          ? `${isolate(x.file)}: با کدگذاری ${ltr(x.encoding)} خوانده شد${x.invalid ? `؛ ${formatNumber(x.invalid, d)} دنبالهٔ بایت در ${ltr(x.encoding)} معتبر نبود و � نگه داشته شد` : ''}`
          : `${x.file}: read as ${x.encoding}${x.invalid ? `; ${x.invalid} byte sequence(s) not valid ${x.encoding}, kept as �` : ''}`,
      );
    }
    for (const a of result.anomalies) {
      io.out(
        fa
          ? `${ltr(`${isolate(a.source)}:${formatNumber(a.line, d)}`)}  ${a.ref ? `${ltr(a.ref)}  ` : ''}${isolate(a.found)}؛ چنین خوانده شد: ${isolate(a.reading)}`
          : `${a.source}:${a.line}  ${a.ref ? `${a.ref}  ` : ''}${a.found}; read as ${a.reading}`,
      );
    }
    for (const p of checked.problems.filter((x) => x.code !== 'import-note')) io.out(problemLine(p, opts.lang));
    for (const line of accountLines(result.account, opts.lang)) io.out(line);
    const interpreted = result.anomalies.length;
    io.out(
      checked.ok
        ? fa
          ? `${isolate(opts.out)} نوشته شد؛ ${formatNumber(interpreted, d)} سطر تفسیر شد (تا حذف نشده‌اند، در برنامه به صورت هشدار می‌مانند)`
          : `${opts.out} written; ${interpreted} row(s) interpreted (kept in the plan as warnings until removed)`
        : `${tr(opts.lang, 'not written', 'نوشته نشد')}: ${countLine(checked.problems, opts.lang)}`,
    );
  }
  return checked.ok ? EXIT.ok : EXIT.failed;
}
