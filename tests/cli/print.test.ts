// Printing, checked as a person would: the built sample book and a unit template converted to PDF
// by LibreOffice, and the PDF read with poppler's pdfinfo and pdftotext (Debian poppler-utils).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { cli, tempFolder } from '../hostile/cli';
import { jalaliDate } from '../../src/core/grid/print';
import { A4, LO, pageTexts, pdfPages, withPdf } from '../helpers/pdf';
import { SAMPLE_PATH } from '../helpers/plan';


jest.setTimeout(300000);
const { at } = tempFolder('print');

/** The PDF LibreOffice prints of a workbook. */
function toPdf(file: string): string {
  const outDir = at('pdf');
  execFileSync(LO!, ['--headless', '--norestore', `-env:UserInstallation=file://${at('lo-profile')}`, '--convert-to', 'pdf', '--outdir', outDir, file], { stdio: 'pipe', timeout: 240000 });
  return path.join(outDir, path.basename(file).replace(/\.xlsx$/, '.pdf'));
}

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

describe("a unit template whose unit's title has an apostrophe", () => {
  const title = "اتوبوس‌رانی Qazvin's buses";
  let file: string;
  beforeAll(async () => {
    const plan = JSON.parse(fs.readFileSync(SAMPLE_PATH, 'utf8')) as { units: Array<{ id: string; title: string }>; indicators: Array<{ unit: string }> };
    plan.units.find((u) => u.id === 'bus-org')!.title = title;
    // Every indicator the unit's: a template of several pages, to see its header row repeated.
    for (const i of plan.indicators) i.unit = 'bus-org';
    fs.writeFileSync(at('apostrophe.plan.json'), JSON.stringify(plan));
    const r = await cli('templates', at('apostrophe.plan.json'), '-o', at('apostrophe'), '--unit', 'bus-org', '--year', '1403');
    expect(r).toMatchObject({ code: 0, err: '' });
    file = path.join(at('apostrophe'), fs.readdirSync(at('apostrophe')).find((f) => f.endsWith('.xlsx'))!);
  });

  test('its print titles name the sheet with the apostrophe doubled, as a formula must', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    const names = [...workbook.matchAll(/<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">([^<]*)<\/definedName>/g)].map((m) => [m[1], m[2]]);
    expect(names).toEqual([['0', "'اتوبوس‌رانی Qazvin''s buses'!$B:$C,'اتوبوس‌رانی Qazvin''s buses'!$6:$6"]]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets.find((w) => w.state === 'visible')!;
    expect([ws.name, ws.pageSetup.printTitlesRow, ws.pageSetup.printTitlesColumn]).toEqual([title, '6:6', 'B:C']);
  });

  withPdf('in LibreOffice', () => {
    test('it opens and prints A4 landscape, the header row on every page', () => {
      const pdf = toPdf(file);
      const { count, sizes } = pdfPages(pdf);
      expect(count).toBeGreaterThan(2);
      for (const s of sizes) expect([Math.round(s.w), Math.round(s.h)]).toEqual([842, 595]);
      pageTexts(pdf).forEach((text, i) => expect({ page: i + 1, code: /(^|\s)کد(\s|$)/m.test(text) }).toEqual({ page: i + 1, code: true }));
    });
  });
});
