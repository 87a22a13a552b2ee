// Issue 13 point 2: `plansheets report --pdf/--docx`, the council report, read as the council
// would: its text (mammoth for Word, poppler for the PDF), every realization equal to the parts
// printed beside it, every group with its chart drawn on the page, A4 landscape.
import * as fs from 'fs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { cli, tempFolder } from '../hostile/cli';
import { loadPlan } from '../../src/core/plan/load';
import { councilReport } from '../../src/core/report/council';
import { toAsciiDigits } from '../../src/core/numbers/digits';
import { A4, greyShare, pageTexts, pdfPages, withPdf } from '../helpers/pdf';
import { expectAddsUp, readShown } from '../helpers/figures';
import { SAMPLE_PATH, sampleText } from '../helpers/plan';


jest.setTimeout(300000);
const { at } = tempFolder('council');

const sample = loadPlan(sampleText()).index!;
const rep = councilReport(sample, 'workingGroup', 'cumulative');
const NOW = '2026-11-29T09:00:00Z';

describe('report --docx', () => {
  let text: string;
  let zip: JSZip;
  beforeAll(async () => {
    const r = await cli('report', SAMPLE_PATH, '--docx', at('council.docx'));
    expect(r.code).toBe(0);
    const bytes = fs.readFileSync(at('council.docx'));
    text = (await mammoth.extractRawText({ buffer: bytes })).value;
    zip = await JSZip.loadAsync(bytes);
  });

  it("is in the plan's language: Persian headings and Persian digits", () => {
    expect(text).toContain('گزارش پایش برنامه برای شورای اسلامی شهر');
    expect(text).toContain(sample.plan.meta.title);
    for (const g of sample.plan.workingGroups!) expect(text).toContain(g.title);
    expect(text).toMatch(/[۰-۹]٫[۰-۹]٪/);
    // No figure in Latin digits beside Persian words (codes and ids aside, which the plan has none of in Latin here).
    expect(text).not.toMatch(/\d+(\.\d+)?%/);
  });

  it('shows every realization with the spent and planned it divides, and they agree', () => {
    const shown = text.split('\n').flatMap((line) => [...line.matchAll(/[۰-۹0-9٫٬.,]+[٪%] \([^)]*(?:از|of)[^)]*\)/g)].map((m) => m[0]));
    // the overview's rows and total, and each group's summary line
    expect(shown.length).toBeGreaterThanOrEqual(rep.sections.length * 2 + 1);
    for (const s of shown) expectAddsUp(s, sample.years);
    const total = rep.total.budget;
    const totalShown = shown.map(readShown).find((r) => r && Math.abs(r.planned - total.basis.planned) < 0.01);
    expect(totalShown).toBeDefined();
  });

  it('names every red indicator and every line not reported, under its group', () => {
    for (const s of rep.sections) {
      for (const r of s.red) expect(toAsciiDigits(text)).toContain(r.code);
      for (const u of s.unreported) expect(toAsciiDigits(text)).toContain(u.code);
    }
    expect(rep.sections.some((s) => s.red.length > 0)).toBe(true);
  });

  it('carries a chart for the plan and for each group, as SVG with a PNG beside it', () => {
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media.filter((f) => f.endsWith('.svg')).length).toBe(rep.sections.length + 1);
    expect(media.filter((f) => f.endsWith('.png')).length).toBe(rep.sections.length + 1);
  });

  it('writes English with --doc-lang en', async () => {
    expect((await cli('report', SAMPLE_PATH, '--docx', at('en.docx'), '--doc-lang', 'en')).code).toBe(0);
    const en = (await mammoth.extractRawText({ buffer: fs.readFileSync(at('en.docx')) })).value;
    expect(en).toContain('Plan monitoring report for the city council');
    for (const g of sample.plan.workingGroups!) expect(en).toContain(g.titleEn ?? g.title);
    expect(en).toMatch(/\d+\.\d%/);
  });
});

describe('report --pdf/--docx refuse what they cannot do, writing nothing', () => {
  it.each([
    [['--by', 'indicator'], /not by indicator/],
    [['--year', '1399'], /not a year of this plan/],
    [['--doc-lang', 'de'], /--doc-lang must be en or fa/],
    [['--mode', 'weekly'], /--mode must be/],
  ])('%j', async (args, message) => {
    const out = at(`bad-${args.join('')}.docx`);
    const r = await cli('report', SAMPLE_PATH, '--docx', out, ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a plan that is not a plan', async () => {
    fs.writeFileSync(at('broken.json'), '{"format": "plansheets.plan", ');
    const r = await cli('report', at('broken.json'), '--pdf', at('broken.pdf'));
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/broken\.json/);
    expect(fs.existsSync(at('broken.pdf'))).toBe(false);
  });
});

withPdf('report --pdf, printed', () => {
  let pdf: string;
  let pages: string[];
  beforeAll(async () => {
    pdf = at('council.pdf');
    const r = await cli('--lang', 'fa', 'report', SAMPLE_PATH, '--pdf', pdf);
    expect(r.code).toBe(0);
    expect(r.err).toContain('گزارش شورا');
    pages = pageTexts(pdf);
  });

  it('is A4 landscape on every page', () => {
    const { count, sizes } = pdfPages(pdf);
    expect(count).toBeGreaterThanOrEqual(rep.sections.length + 1);
    for (const s of sizes) {
      expect(s.w).toBeCloseTo(A4.long, 0);
      expect(s.h).toBeCloseTo(A4.short, 0);
    }
  });

  it('starts each group on a page of its own, with its chart drawn there', () => {
    for (const s of rep.sections) {
      // The first page is the overview, which names every group too.
      const page = pages.findIndex((p, i) => i > 0 && p.includes(s.row.title) && p.includes('تحقق بودجه'));
      expect(page).toBeGreaterThan(0);
      // The chart's dark bars (#1f4e79, grey ≈ 69) cover a visible part of that page; a picture
      // cropped to a line or left out covers almost none.
      expect(greyShare(pdf, page + 1, 50, 95)).toBeGreaterThan(0.01);
    }
  });

  it('prints the plan title and the Jalali date on its pages', () => {
    expect(pages[0]).toContain(sample.plan.meta.title);
    expect(pages.join('\n')).toMatch(/[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}|[۰-۹]+ [آ-ی]+ [۰-۹]{4}/);
  });
});

describe('the date', () => {
  it('is the Jalali date of the day it was made', async () => {
    const { councilCommand } = await import('../../src/cli/council-command');
    const err: string[] = [];
    const code = await councilCommand(SAMPLE_PATH, { by: 'workingGroup', mode: 'cumulative', docx: at('dated.docx'), lang: 'en', now: new Date(NOW) }, { out: () => undefined, err: (l) => err.push(l) });
    expect(code).toBe(0);
    const text = (await mammoth.extractRawText({ buffer: fs.readFileSync(at('dated.docx')) })).value;
    // 2026-11-29 is 8 Azar 1405.
    expect(text).toContain('۱۴۰۵/۰۹/۰۸');
  });
});
