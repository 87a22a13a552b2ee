// `plansheets import BOOK.docx`: the approved book as the council approves it, a Word document.
// The documents are the Qazvin book's own tables (tests/fixtures/qazvin/raw) written back as Word
// writes them (tests/helpers/book-docx, with the `docx` writer): headings in heading styles,
// right-to-left tables, tables printed with reversed columns, code lines in merged cells, a table
// cut in two by a page break, indicators framed in nested tables. Each must import to the plan the
// same TSV imports to, line for line.
import * as fs from 'fs';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, DeletedTextRun, InsertedTextRun } from 'docx';
import { readDocx } from '../../src/docx/read-docx';
import type { Plan } from '../../src/core/plan/plan.types';
import { bookDocx, bookItems, isReversed, type BookShape } from '../helpers/book-docx';
import { soffice } from '../helpers/libreoffice';
import { ROOT } from '../helpers/plan';
import { cli, tempFolder } from '../hostile/cli';

jest.setTimeout(300000);

const { dirFor } = tempFolder('import-docx');
const RAW = path.join(ROOT, 'tests', 'fixtures', 'qazvin', 'raw');
const BOOKS = ['01', '02', '05', '08'];
const tsvOf = (n: string) => fs.readFileSync(path.join(RAW, `${n}.tsv`), 'utf8');

/** Imports files; the exit code, the --json report and the plan written. */
async function importOf(files: string[], out: string) {
  const r = await cli('import', ...files, '-o', out, '--id', 'qazvin', '--json');
  expect(r.err).toBe('');
  return { code: r.code, report: JSON.parse(r.out), plan: JSON.parse(fs.readFileSync(out, 'utf8')) as Plan };
}

/** A plan's content, not where each import note was read (a file's name, its line numbers). */
function content(plan: Plan) {
  const notes = plan.meta.importNotes?.map(({ found, reading, ref }) => ({ found, reading: reading.replace(/\bline \d+/g, 'line N'), ref }));
  return { ...plan, meta: { ...plan.meta, importNotes: notes } };
}

/** Writes a document for each book's TSV, in the given shape; their paths. */
async function writeBooks(shape: (n: string) => BookShape, dir: string) {
  const files: string[] = [];
  for (const n of BOOKS) {
    files.push(path.join(dir, `${n}.docx`));
    fs.writeFileSync(files[files.length - 1], await bookDocx(tsvOf(n), shape(n)));
  }
  return files;
}

// 01.tsv lines 20–23: the header and three sub-indicators of 1-7-3-5; the page break comes before the third.
const SPLIT = { book: '01', line: 23 };

describe('the Qazvin book as Word documents imports as its TSV does', () => {
  test('the fixtures hold what the documents are to show: headings, right-to-left and reversed tables, merged code lines, a table to cut', () => {
    const items = BOOKS.flatMap((n) => bookItems(tsvOf(n)));
    const tables = items.filter((i) => i.kind === 'table');
    expect(items.filter((i) => i.kind === 'p' && i.level > 0).length).toBeGreaterThan(30);
    expect(tables.filter((t) => isReversed(t.rows)).length).toBeGreaterThan(10);
    expect(tables.filter((t) => !isReversed(t.rows)).length).toBeGreaterThan(10);
    expect(tables.flatMap((t) => t.rows).filter((r) => r.length > 1 && r[0] !== '' && r.slice(1).every((c) => c === '')).length).toBeGreaterThan(10);
    const split = tsvOf(SPLIT.book).split('\n');
    expect(split.slice(SPLIT.line - 4, SPLIT.line).every((l) => l.split('\t').length === 8)).toBe(true);
  });

  const shapes: Array<[string, (n: string) => BookShape]> = [
    ['as printed (a table cut by a page break in 01)', (n) => (n === SPLIT.book ? { splitAt: SPLIT.line } : {})],
    ['each indicator framed in a one-cell table (nested tables)', () => ({ framed: true })],
  ];
  test.each(shapes)('%s: each book, and all four together, make the plan their TSV makes', async (_, shape) => {
    const dir = dirFor('books');
    const docs = await writeBooks(shape, dir);
    const tsvs = BOOKS.map((n) => path.join(RAW, `${n}.tsv`));
    for (let i = 0; i < BOOKS.length; i++) {
      // Read back, the document is the TSV's lines, cell for cell (the page break and the frames add only blank rows).
      const lines = tsvOf(BOOKS[i]).split('\n').map((l) => l.split('\t'));
      const rows = await readDocx(fs.readFileSync(docs[i]), `${BOOKS[i]}.docx`);
      const blank = (r: string[]) => r.every((c) => c === '');
      if (shape(BOOKS[i]).splitAt) expect(rows[SPLIT.line - 1]).toEqual(['']); // the page break between the two tables
      if (shape(BOOKS[i]).splitAt || shape(BOOKS[i]).framed) expect(rows.filter((r) => !blank(r))).toEqual(lines.filter((r) => !blank(r)));
      else expect(rows).toEqual(lines);
      const fromDocx = await importOf([docs[i]], path.join(dir, `${BOOKS[i]}.docx.json`));
      const fromTsv = await importOf([tsvs[i]], path.join(dir, `${BOOKS[i]}.tsv.json`));
      expect(fromDocx.code).toBe(0);
      expect(fromDocx.report.stats).toEqual(fromTsv.report.stats);
      expect(content(fromDocx.plan)).toEqual(content(fromTsv.plan));
    }
    const all = await importOf(docs, path.join(dir, 'all.docx.json'));
    const allTsv = await importOf(tsvs, path.join(dir, 'all.tsv.json'));
    expect(all.report.stats).toEqual(allTsv.report.stats);
    expect(all.report.stats.indicators).toBeGreaterThan(100);
    expect(content(all.plan)).toEqual(content(allTsv.plan));
  });
});

/** A Word document of these paragraphs and tables (and styles, footnotes), read back. */
async function rowsOf(children: Array<Paragraph | Table>, extra: Partial<ConstructorParameters<typeof Document>[0]> = {}) {
  const bytes = await Packer.toBuffer(new Document({ ...extra, sections: [{ children }] }));
  return readDocx(bytes, 'test.docx');
}
const p = (...runs: Array<string | TextRun>) => new Paragraph({ bidirectional: true, children: runs.map((r) => (typeof r === 'string' ? new TextRun({ text: r, rightToLeft: true }) : r)) });
const cell = (text: string | Array<Paragraph | Table>, o: { columnSpan?: number; rowSpan?: number } = {}) => new TableCell({ ...o, children: typeof text === 'string' ? [p(text)] : text });
const row = (...cells: TableCell[]) => new TableRow({ children: cells });

describe('a Word document read as rows', () => {
  test('merged cells keep every cell in its column: spanning columns, spanning rows (their text on every row they cover, as the page shows it), right to left', async () => {
    const table = new Table({
      visuallyRightToLeft: true,
      rows: [
        row(cell('کد شاخص هدف عملیاتی: ۳-۶-۳-۴', { columnSpan: 5 })),
        row(cell('زیر شاخص'), cell('واحد اندازه گیری'), cell('۱۴۰۲'), cell('۱۴۰۳'), cell('افق')),
        row(cell('اثربخشی سطح اول', { rowSpan: 2 }), cell('درصد', { rowSpan: 3 }), cell('۱۰۰'), cell('۹۰'), cell('۱۰۰')),
        row(cell('۵'), cell('۱۰'), cell('۱۰')),
        row(cell('اثربخشی سطح سوم'), cell('۲۰', { columnSpan: 2 }), cell('۲۵')),
      ],
    });
    expect(await rowsOf([table])).toEqual([
      ['کد شاخص هدف عملیاتی: ۳-۶-۳-۴', '', '', '', ''],
      ['زیر شاخص', 'واحد اندازه گیری', '۱۴۰۲', '۱۴۰۳', 'افق'],
      ['اثربخشی سطح اول', 'درصد', '۱۰۰', '۹۰', '۱۰۰'],
      ['اثربخشی سطح اول', 'درصد', '۵', '۱۰', '۱۰'],
      ['اثربخشی سطح سوم', 'درصد', '۲۰', '', '۲۵'],
    ]);
  });

  test("headings by Word's styles: Heading N, Title, a Persian-named style, an outline level (body text is no heading, whatever the name), a style based on a heading; no other style", async () => {
    const styles = {
      paragraphStyles: [
        { id: 'Onvan2', name: 'عنوان ۲', basedOn: 'Normal' },
        { id: 'Sarfasl', name: 'سرفصل اصلی', basedOn: 'Normal', paragraph: { outlineLevel: 0 } },
        { id: 'Matn', name: 'heading 4', basedOn: 'Normal', paragraph: { outlineLevel: 9 } },
        { id: 'UnitHeading', name: 'Unit heading', basedOn: 'Heading3' },
        { id: 'TOC1', name: 'toc 1', basedOn: 'Normal' },
      ],
    };
    const styled = (style: string, text: string) => new Paragraph({ style, bidirectional: true, children: [new TextRun({ text, rightToLeft: true })] });
    const rows = await rowsOf(
      [
        new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('برنامه پنج ساله سوم')] }),
        new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('کارگروه تخصصی مالی و اقتصادی')] }),
        styled('Onvan2', 'مدیریت اقتصادی'),
        styled('Sarfasl', 'کارگروه تخصصی فنی و عمرانی'),
        styled('UnitHeading', 'مدیریت مالی'),
        styled('Matn', 'متن'),
        styled('TOC1', 'مدیریت مالی\t۱۲'),
        new Paragraph({ heading: HeadingLevel.HEADING_6, children: [] }),
      ],
      { styles },
    );
    expect(rows).toEqual([['# برنامه پنج ساله سوم'], ['## کارگروه تخصصی مالی و اقتصادی'], ['## مدیریت اقتصادی'], ['# کارگروه تخصصی فنی و عمرانی'], ['### مدیریت مالی'], ['متن'], ['مدیریت مالی\t۱۲'], ['']]);
  });

  test('text kept exactly: ZWNJ, direction marks, Persian and Arabic-Indic digits, decimal separators, runs joined', async () => {
    const text = 'برنامه\u200cریزی \u200fمنطقه ۳\u200f ٤٥ ۰/۲ ۱٫۵ ۱۲٬۰۰۰';
    const rows = await rowsOf([p(text), p('مدیر', 'یت ', 'برنامه\u200c', 'ها'), new Table({ rows: [row(cell(text), cell('٠١٢'))] })]);
    expect(rows).toEqual([[text], ['مدیریت برنامه\u200cها'], [text, '٠١٢']]);
  });

  test('empty paragraphs are empty rows; a line break starts a row; a cell\'s paragraphs and lines are joined by a space', async () => {
    const broken = new Paragraph({ children: [new TextRun('کد شاخص هدف عملیاتی: ۱-۷-۵-۲'), new TextRun({ text: 'عنوان شاخص هدف عملیاتی: تحقق بودجه', break: 1 })] });
    const twoParagraphs = cell([p('اثربخشی سطح اول'), new Paragraph({}), new Paragraph({ children: [new TextRun('(واکنش)'), new TextRun({ text: 'کارکنان', break: 1 })] })]);
    const rows = await rowsOf([p('الف'), new Paragraph({}), new Paragraph({}), broken, new Table({ rows: [row(twoParagraphs, cell('درصد'))] })]);
    expect(rows).toEqual([['الف'], [''], [''], ['کد شاخص هدف عملیاتی: ۱-۷-۵-۲'], ['عنوان شاخص هدف عملیاتی: تحقق بودجه'], ['اثربخشی سطح اول (واکنش) کارکنان', 'درصد']]);
  });

  test('footnote marks and notes are not text; tracked changes read as accepted', async () => {
    const rows = await rowsOf(
      [
        p('تحقق درآمد', new FootnoteReferenceRun(1)),
        new Paragraph({ children: [new TextRun('هزینه '), new InsertedTextRun({ id: 1, author: 'a', date: '2024-01-01T00:00:00Z', text: 'جاری' }), new DeletedTextRun({ id: 2, author: 'a', date: '2024-01-01T00:00:00Z', text: ' عمرانی' })] }),
      ],
      { footnotes: { 1: { children: [new Paragraph('منبع: سالنامه آماری')] } } },
    );
    expect(rows).toEqual([['تحقق درآمد'], ['هزینه جاری']]);
  });

  test('a table inside a cell: the outer row is a frame, its cells read as blocks in order', async () => {
    const inner = new Table({ rows: [row(cell('عنوان'), cell('۱۴۰۲')), row(cell('الف'), cell('۱'))] });
    const outer = new Table({ rows: [row(cell([new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun('کد شاخص هدف عملیاتی: ۱-۲-۳')] }), inner, new Paragraph({})]), cell('کنار'))] });
    expect(await rowsOf([outer])).toEqual([['### کد شاخص هدف عملیاتی: ۱-۲-۳'], ['عنوان', '۱۴۰۲'], ['الف', '۱'], [''], ['کنار']]);
  });
});

// LibreOffice Writer opens the documents too: they are Word documents any program reads, not
// files only mammoth and the writer agree on.
const LO = soffice();
const WRITER = !!LO && fs.readdirSync(path.dirname(fs.realpathSync(LO))).some((f) => /^libswlo\./.test(f));
if (!WRITER && process.env.CI) throw new Error('LibreOffice Writer is needed for these tests: apt-get install -y libreoffice-writer-nogui');
// Outside CI a machine without LibreOffice Writer skips this test; CI must run it.
const withWriter = WRITER ? test : test.skip;

withWriter('LibreOffice Writer reads a generated book: the same texts, in the same order, as the import reads', async () => {
  const dir = dirFor('lo');
  const file = path.join(dir, '08.docx');
  fs.writeFileSync(file, await bookDocx(tsvOf('08'), { splitAt: 20 }));
  execFileSync(LO!, ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, file], { stdio: 'pipe', timeout: 180000 });
  const lo = fs.readFileSync(path.join(dir, '08.txt'), 'utf8').replace(/^\uFEFF/, '');
  const texts = lo.split(/\r?\n/).filter((l) => l.trim() !== '');
  const rows = await readDocx(fs.readFileSync(file), '08.docx');
  const ours = rows.flat().map((c) => c.replace(/^#+ /, '')).filter((c) => c.trim() !== '');
  expect(ours.length).toBeGreaterThan(300);
  expect(texts).toEqual(ours);
});
