// Printing, checked as a person would: the built sample book and a unit template converted to PDF
// by LibreOffice, and the PDF read with poppler's pdfinfo and pdftotext (Debian poppler-utils).
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { run } from '../../src/cli/main';
import { jalaliDate } from '../../src/core/grid/print';
import { soffice } from '../helpers/libreoffice';
import { SAMPLE_PATH } from '../helpers/plan';

const LO = soffice();
const POPPLER = spawnSync('sh', ['-c', 'command -v pdfinfo && command -v pdftotext']).status === 0;
if (process.env.CI && !LO) throw new Error('LibreOffice is needed for these tests: apt-get install -y libreoffice-calc-nogui');
if (process.env.CI && !POPPLER) throw new Error('pdfinfo and pdftotext are needed for these tests: apt-get install -y poppler-utils');
// Outside CI a machine without them skips the PDF checks; CI installs both and must run them.
const withPdf = LO && POPPLER ? describe : describe.skip;

jest.setTimeout(300000);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-print-'));
afterAll(() => (process.env.KEEP_PRINT ? undefined : fs.rmSync(tmp, { recursive: true, force: true })));
const at = (f: string) => path.join(tmp, f);

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The PDF LibreOffice prints of a workbook. */
function toPdf(file: string): string {
  const outDir = at('pdf');
  execFileSync(LO!, ['--headless', '--norestore', `-env:UserInstallation=file://${at('lo-profile')}`, '--convert-to', 'pdf', '--outdir', outDir, file], { stdio: 'pipe', timeout: 240000 });
  return path.join(outDir, path.basename(file).replace(/\.xlsx$/, '.pdf'));
}

/** pdfinfo's page count and the size of every page, in points. */
function pdfPages(pdf: string): { count: number; sizes: Array<{ w: number; h: number }> } {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '100000', pdf], { encoding: 'utf8' });
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ w: Number(m[1]), h: Number(m[2]) }));
  return { count, sizes };
}

/** The text of each page (pdftotext separates pages with a form feed), without the bidi marks it puts around right-to-left runs. */
const pageTexts = (pdf: string): string[] =>
  execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .split('\f')
    .slice(0, -1);

/** A4 in points (210 x 297 mm). */
const A4 = { short: 595.28, long: 841.89 };

describe('the .xlsx of plansheets build prints A4 landscape, one page wide, titles repeated', () => {
  let book: string;
  beforeAll(async () => {
    book = at('book.xlsx');
    const r = await cli('build', SAMPLE_PATH, '-o', book, '--definitions');
    expect(r).toMatchObject({ code: 0, err: '' });
  });

  test('every sheet has the page setup, print titles, and a header and footer with the plan, sheet, page x of y and the Jalali date', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const visible = wb.worksheets.filter((ws) => ws.state === 'visible');
    expect(visible.length).toBe(6); // Definitions, four working groups, Facts
    const today = jalaliDate(new Date(), 'fa');
    for (const ws of visible) {
      const facts = ws === visible[visible.length - 1];
      expect({ sheet: ws.name, ...pick(ws.pageSetup) }).toEqual({
        sheet: ws.name,
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: facts ? '1:1' : '1:2',
        printTitlesColumn: facts ? undefined : 'B:C',
      });
      expect(ws.headerFooter.oddHeader).toContain('برنامه راهبردی عملیاتی پنج‌ساله سوم شهر و شهرداری قزوین');
      expect(ws.headerFooter.oddHeader).toContain('&A');
      expect(ws.headerFooter.oddFooter).toContain('&P');
      expect(ws.headerFooter.oddFooter).toContain('&N');
      expect(ws.headerFooter.oddFooter).toContain(today);
    }
    // Persian digits and a Persian month: the Jalali date, not the Gregorian one.
    expect(today).toMatch(/^[۰-۹]+ [آ-ی]+ ۱۴[۰-۹]{2}$/);
  });

  withPdf('in LibreOffice', () => {
    let pdf: string;
    beforeAll(() => {
      pdf = toPdf(book);
    });

    test('its pages are A4 landscape, far fewer than the 145 portrait Letter pages it printed as', () => {
      const { count, sizes } = pdfPages(pdf);
      expect(sizes).toHaveLength(count);
      for (const s of sizes) {
        expect(s.w).toBeCloseTo(A4.long, 0);
        expect(s.h).toBeCloseTo(A4.short, 0);
      }
      expect(count).toBeLessThanOrEqual(45); // 34 with LibreOffice 7.4
      expect(count).toBeGreaterThanOrEqual(6); // a page for each sheet at least
    });

    test("the code column's header, the plan's title and the Jalali date are on every page", () => {
      const pages = pageTexts(pdf);
      expect(pages.length).toBe(pdfPages(pdf).count);
      const [, month, year] = jalaliDate(new Date(), 'fa').split(' ');
      pages.forEach((text, i) => {
        const seen = {
          page: i + 1,
          // The code column's header alone ("کد"), not the Definitions sheet's "کد بودجه".
          code: /(^|\s)کد(?!\s*بودجه)(\s|$)/m.test(text),
          title: text.includes('برنامه راهبردی عملیاتی پنج‌ساله سوم'),
          date: text.includes(month) && text.includes(year),
          pageOf: /صفحه/.test(text) && /از/.test(text),
        };
        expect(seen).toEqual({ page: i + 1, code: true, title: true, date: true, pageOf: true });
      });
    });
  });
});

const pick = (p: Partial<ExcelJS.PageSetup>) => ({
  paperSize: p.paperSize,
  orientation: p.orientation,
  fitToPage: p.fitToPage,
  fitToWidth: p.fitToWidth,
  fitToHeight: p.fitToHeight,
  printTitlesRow: p.printTitlesRow,
  printTitlesColumn: p.printTitlesColumn,
});

describe('a unit template prints A4 landscape, one page wide, its title whole and its lines apart', () => {
  let file: string;
  beforeAll(async () => {
    const r = await cli('templates', SAMPLE_PATH, '-o', at('templates'), '--unit', 'bus-org', '--year', '1403');
    expect(r.code).toBe(0);
    file = path.join(at('templates'), fs.readdirSync(at('templates')).find((f) => f.endsWith('.xlsx'))!);
  });

  test('its page setup repeats the header row and the code and title columns', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets.find((w) => w.state === 'visible')!;
    expect(pick(ws.pageSetup)).toEqual({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '6:6', printTitlesColumn: 'B:C' });
    expect(ws.headerFooter.oddFooter).toContain('&P');
  });

  withPdf('in LibreOffice', () => {
    test('A4 landscape; the title, unit line and instructions each whole, one under the other', () => {
      const pdf = toPdf(file);
      const { sizes } = pdfPages(pdf);
      for (const s of sizes) expect([Math.round(s.w), Math.round(s.h)]).toEqual([842, 595]);
      const bbox = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
      const words = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ y0: Number(m[2]), y1: Number(m[4]), text: m[5] }));
      // pdftotext -bbox gives right-to-left words in drawing order: their letters reversed.
      const find = (word: string) => words.filter((x) => [word, [...word].reverse().join('')].includes(x.text.replace(/[\u200e\u200f\u202a-\u202e]/g, '')));
      const text = pageTexts(pdf)[0];
      // The plan's title twice, whole: in the page header and in the title row.
      expect(text.split('شهر و شهرداری قزوین (نمونه)').length - 1).toBe(2);
      const unitLine = find('ویرایش')[0];
      const instructions = find('خاکستری')[0];
      const title = find('قزوین').sort((p, q) => p.y0 - q.y0)[1];
      expect([unitLine, instructions, title].every(Boolean)).toBe(true);
      // Top to bottom, no line over another.
      expect(title.y1).toBeLessThanOrEqual(unitLine.y0);
      expect(unitLine.y1).toBeLessThanOrEqual(instructions.y0);
      expect(text).toContain('بازگردانید');
    });
  });
});
