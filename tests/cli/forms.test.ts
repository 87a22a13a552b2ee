// `plansheets forms`: the indicator ID forms as a person gets them. The Word file read back with
// mammoth (every label, each indicator's code, title and targets in Persian digits, one form a
// page), the PDF LibreOffice prints of it read with poppler (A4 portrait, each form's code on its
// own page), and every bad call refused with nothing written.
import * as fs from 'fs';
import * as path from 'path';
import { XMLValidator } from 'fast-xml-parser';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { formsCommand } from '../../src/cli/forms-command';
import { cli, tempFolder } from '../hostile/cli';
import { UsageError } from '../../src/cli/plan-file';
import { FORM_WORDS } from '../../src/core/forms/form-labels';
import { docStyle, makeDocument, paragraph, section, toBuffer } from '../../src/docs/docx-kit';
import { jalaliLongDate } from '../../src/core/numbers/format';
import type { Plan } from '../../src/core/plan/plan.types';
import { A4, pageTexts, pdfPages, withPdf } from '../helpers/pdf';
import { clone, makePlan, SAMPLE_PATH, sampleText } from '../helpers/plan';


jest.setTimeout(300000);
const { tmp, at } = tempFolder('forms');

const sample = JSON.parse(sampleText()) as Plan;
const ictIds = sample.indicators.filter((i) => i.unit === 'ict-org').map((i) => i.id!);
const persian = (s: string) => s.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]);
/** Text without the bidi marks that keep codes in order. */
const plain = (s: string) => s.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');

describe('the forms of one unit as Word', () => {
  let text: string;
  let xml: string;
  let header: string;
  let footer: string;
  beforeAll(async () => {
    const r = await cli('--lang', 'fa', 'forms', SAMPLE_PATH, '--unit', 'ict-org', '-o', at('ict.docx'));
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe(`${at('ict.docx')}: ۱۰ فرم (سازمان فناوری اطلاعات و ارتباطات)`);
    const bytes = fs.readFileSync(at('ict.docx'));
    text = plain((await mammoth.extractRawText({ buffer: bytes })).value);
    const zip = await JSZip.loadAsync(bytes);
    xml = await zip.file('word/document.xml')!.async('string');
    header = await zip.file('word/header1.xml')!.async('string');
    footer = await zip.file('word/footer1.xml')!.async('string');
  });

  test("holds every field's label, once per form", () => {
    const fa = FORM_WORDS.fa;
    const count = (s: string) => text.split(s).length - 1;
    expect(count(fa.form)).toBe(ictIds.length);
    for (const label of [fa.code, 'چشم‌انداز', 'راهبرد', 'سیاست اجرایی', fa.title, fa.description, fa.unit, fa.unitCode, fa.budgetCode, fa.polarity, fa.standard, fa.type, fa.projects, fa.partner, fa.evidence, fa.method, fa.planned, fa.preparedBy, fa.approvedBy]) {
      expect([label, count(label) >= ictIds.length]).toEqual([label, true]);
    }
  });

  test("each indicator's code, title and targets, in Persian digits and in plan order", () => {
    let from = 0;
    for (const id of ictIds) {
      const ind = sample.indicators.find((i) => i.id === id)!;
      const start = text.indexOf(`${FORM_WORDS.fa.form} ${persian(ind.code)}`, from);
      expect([id, start > from || (from === 0 && start === 0)]).toEqual([id, true]);
      const end = text.indexOf(FORM_WORDS.fa.form, start + 1);
      const form = text.slice(start, end === -1 ? undefined : end);
      expect(form).toContain(ind.title!);
      const lines = ind.items ? ind.items.map((it) => it.targets!) : [ind.targets!];
      // every target as its own cell: mammoth puts each cell's paragraph on its own lines
      for (const targets of lines) for (const v of Object.values(targets)) expect(form.split('\n')).toContain(persian(String(v)));
      // no figure in Latin digits (the titles are as the plan has them)
      expect(form.split(ind.title!).join('')).not.toMatch(/[0-9]/);
      from = start;
    }
  });

  test('one form a page: A4 portrait, right to left, a page break before every form but the first', () => {
    expect(xml.split('<w:pageBreakBefore/>').length - 1).toBe(ictIds.length - 1);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('<w:bidiVisual/>');
    expect(xml).toContain('<w:bidi/>');
  });

  test("the plan's title above, page x of y and the Jalali date below", () => {
    expect(header).toContain(sample.meta.title);
    expect(footer).toMatch(/صفحه <\/w:t>.*PAGE.* از <\/w:t>.*NUMPAGES/);
    expect(footer).toContain(jalaliLongDate(new Date(), 'fa'));
  });
});

test('an English plan with sub-indicators gets English forms with Latin digits, and --doc-lang fa a Persian one', async () => {
  const plan = makePlan([
    { code: '3-6-3-4', parent: '3-6-3', title: 'Training effectiveness', unit: 'u1', measure: '%', targets: { 1402: 10, 1403: 20, 1404: 35 }, horizon: 35 },
    {
      code: '3-6-3-5',
      title: 'Service centres',
      unit: 'u1',
      items: [
        { id: '1', title: 'District one', targets: { 1402: 1, 1403: 2, 1404: 4 }, horizon: 7 },
        { id: '2', title: 'District two', targets: { 1402: 3, 1403: 5, 1404: 8 }, horizon: 16 },
      ],
    },
    { code: '1-1', title: 'elsewhere', unit: 'u2' },
  ]);
  fs.writeFileSync(at('en.plan.json'), JSON.stringify(plan));
  const r = await cli('forms', at('en.plan.json'), '--unit', 'u1', '-o', at('en.docx'));
  expect(r).toMatchObject({ code: 0, err: '', out: `${at('en.docx')}: 2 forms (unit one)` });
  const text = plain((await mammoth.extractRawText({ buffer: fs.readFileSync(at('en.docx')) })).value);
  expect(text.split(FORM_WORDS.en.form).length - 1).toBe(2);
  for (const s of ['Indicator code', '3-6-3-4', 'Training effectiveness', 'Vision', 'Strategy', 'Executive policy', 'Sub-indicators', 'District one', 'District two', '3-year horizon', 'Cumulative to end of 1400']) expect(text).toContain(s);
  for (const v of ['35', '7', '16', '8']) expect(text.split('\n')).toContain(v);
  expect(text).not.toContain('elsewhere');

  const fa = await cli('forms', at('en.plan.json'), '--unit', 'u1', '--doc-lang', 'fa', '-o', at('en-fa.docx'));
  expect(fa.code).toBe(0);
  const faText = plain((await mammoth.extractRawText({ buffer: fs.readFileSync(at('en-fa.docx')) })).value);
  expect(faText).toContain(`${FORM_WORDS.fa.form} ۳-۶-۳-۴`);
  expect(faText.split('\n')).toContain('۳۵');
});

test('text XML cannot hold (a control character, a broken surrogate): the plan is refused, and the kit never writes it', async () => {
  const plan = makePlan([{ code: '1-1', title: 'a\u0001b', unit: 'u1' }]);
  fs.writeFileSync(at('controls.plan.json'), JSON.stringify(plan));
  const r = await cli('forms', at('controls.plan.json'), '-o', at('controls.docx'));
  expect(r.code).toBe(1);
  expect(r.err).toContain('/indicators/0/title');
  expect(fs.existsSync(at('controls.docx'))).toBe(false);
  // Other documents (the council report, the pane's) go through the same kit with any text.
  const s = docStyle('fa');
  const doc = makeDocument(s, [section(s, { orientation: 'portrait', title: 'plan\u000b title', date: new Date(), children: [paragraph(s, 'a\u0001b c\ud800d \uffff')] })], { title: 't\u0002' });
  const zip = await JSZip.loadAsync(await toBuffer(doc));
  for (const part of ['word/document.xml', 'word/header1.xml', 'docProps/core.xml']) {
    expect([part, XMLValidator.validate(await zip.file(part)!.async('string'))]).toEqual([part, true]);
  }
  expect(await zip.file('word/document.xml')!.async('string')).toContain('ab c\ufffdd ');
});

withPdf('the forms as PDF through LibreOffice', () => {
  let pages: string[];
  let info: ReturnType<typeof pdfPages>;
  beforeAll(async () => {
    const r = await cli('forms', SAMPLE_PATH, '--unit', 'ict-org', '-o', at('ict.pdf'));
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(fs.readFileSync(at('ict.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    pages = pageTexts(at('ict.pdf'));
    info = pdfPages(at('ict.pdf'));
  });

  test('every page is A4 portrait, with at least a page a form', () => {
    expect(info.count).toBeGreaterThanOrEqual(ictIds.length);
    expect(info.sizes.length).toBe(info.count);
    for (const s of info.sizes) {
      expect(Math.abs(s.w - A4.short)).toBeLessThan(1);
      expect(Math.abs(s.h - A4.long)).toBeLessThan(1);
    }
  });

  test("each form starts on a page of its own with its code, the plan's title and the page counter", () => {
    const starts = ictIds.map((id) => pages.findIndex((p) => p.includes(`${FORM_WORDS.fa.form} ${persian(id)}`)));
    expect(starts.every((p) => p >= 0)).toBe(true);
    // in plan order, each on a later page than the one before
    starts.slice(1).forEach((p, i) => expect(p).toBeGreaterThan(starts[i]));
    pages.forEach((p, i) => {
      expect(p).toContain('برنامه راهبردی عملیاتی');
      // pdftotext's layout reorders the mixed-direction footer; its Latin figures are page and count
      const footer = p.split('\n').find((l) => l.includes('صفحه'))!;
      expect(footer.match(/[0-9]+/g)!.sort()).toEqual([String(i + 1), String(pages.length)].sort());
    });
  });
});

describe('bad calls: a clear message, nothing written', () => {
  test('an unknown unit names the known ones (shortened)', async () => {
    const r = await cli('forms', SAMPLE_PATH, '--unit', 'nobody', '-o', at('x.docx'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`plansheets: ${SAMPLE_PATH} has no unit "nobody"; its units: budget-office, admin-reform, human-capital, ict-org, transport-deputy, traffic-org, bus-org, taxi-org, terminals-org, civil-deputy, … (15 in all)`);
    expect(fs.existsSync(at('x.docx'))).toBe(false);
  });

  test('a unit with no indicators', async () => {
    const plan = clone(sample);
    plan.units!.push({ id: 'empty', title: 'واحد بدون شاخص' });
    fs.writeFileSync(at('empty-unit.plan.json'), JSON.stringify(plan));
    const r = await cli('--lang', 'fa', 'forms', at('empty-unit.plan.json'), '--unit', 'empty', '-o', at('x.docx'));
    expect(r.code).toBe(1);
    expect(r.err).toBe(`plansheets: ${at('empty-unit.plan.json')}: حوزه «empty» (واحد بدون شاخص) شاخصی ندارد؛ ${at('x.docx')} نوشته نشد`);
    expect(fs.existsSync(at('x.docx'))).toBe(false);
  });

  test('a missing plan, a plan with errors, a wrong extension, an unknown --doc-lang', async () => {
    expect(await cli('forms', at('none.json'), '-o', at('x.docx'))).toMatchObject({ code: 2, err: `plansheets: cannot read plan file ${at('none.json')}: no such file` });
    const bad = clone(sample);
    bad.indicators[0].unit = 'ghost';
    fs.writeFileSync(at('bad.plan.json'), JSON.stringify(bad));
    const r = await cli('forms', at('bad.plan.json'), '-o', at('x.docx'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('ghost');
    expect(await cli('forms', SAMPLE_PATH, '-o', at('x.txt'))).toMatchObject({ code: 2, err: `plansheets: -o must name a .docx or .pdf file, not "${at('x.txt')}"` });
    expect(await cli('forms', SAMPLE_PATH, '--doc-lang', 'de', '-o', at('x.docx'))).toMatchObject({ code: 2, err: 'plansheets: --doc-lang must be en or fa, not "de"' });
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith('x.'))).toEqual([]);
  });

  test('an output folder that does not exist', async () => {
    const r = await cli('forms', SAMPLE_PATH, '--unit', 'bus-org', '-o', at('no/such/forms.docx'));
    expect(r).toMatchObject({ code: 2, err: `plansheets: cannot write ${at('no/such/forms.docx')}: the folder ${at('no/such')} does not exist` });
  });

  test('PDF without LibreOffice, or LibreOffice failing: a bilingual message, the old file untouched', async () => {
    fs.writeFileSync(at('keep.pdf'), 'old');
    const failing = at('fake-soffice.sh');
    fs.writeFileSync(failing, `#!/bin/sh\necho "$@" > '${at('args')}'\necho "cannot start" >&2\nexit 81\n`, { mode: 0o755 });
    const silent = at('silent-soffice.sh');
    fs.writeFileSync(silent, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const hanging = at('hanging-soffice.sh');
    fs.writeFileSync(hanging, '#!/bin/sh\nsleep 600\n', { mode: 0o755 });
    const cases: Array<[string, { command: string; timeoutMs?: number }, string]> = [
      ['missing', { command: at('no-soffice') }, 'ENOENT'],
      ['failing', { command: failing }, 'LibreOffice exited with 81: cannot start'],
      ['silent', { command: silent }, 'LibreOffice wrote no PDF'],
      ['hanging', { command: hanging, timeoutMs: 1500 }, 'LibreOffice did not finish in 2 s'],
    ];
    for (const [name, pdf, why] of cases) {
      const done = formsCommand(SAMPLE_PATH, { out: at('keep.pdf'), unit: 'bus-org', lang: 'en', pdf }, { out: () => undefined, err: () => undefined });
      await expect(done).rejects.toThrow(UsageError);
      const message = await done.catch((e: Error) => e.message);
      expect([name, message]).toEqual([name, expect.stringContaining('writing PDF needs LibreOffice (soffice) on PATH; write .docx instead with -o FILE.docx')]);
      expect(message).toContain(why);
      expect(message).toContain('برای نوشتن PDF باید LibreOffice');
      expect(fs.readFileSync(at('keep.pdf'), 'utf8')).toBe('old');
    }
    // LibreOffice was asked headless, without restoring, with a profile of its own in a temporary folder, removed since
    const args = fs.readFileSync(at('args'), 'utf8').trim().split(' ');
    expect(args.slice(0, 2)).toEqual(['--headless', '--norestore']);
    expect(args).toContain('--convert-to');
    const profile = /^-env:UserInstallation=file:\/\/(.+)\/profile$/.exec(args.find((a) => a.startsWith('-env:'))!)![1];
    expect(path.basename(profile)).toMatch(/^plansheets-pdf-/);
    expect(fs.existsSync(profile)).toBe(false);
  });
});
