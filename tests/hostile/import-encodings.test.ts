// `plansheets import` reads the Qazvin tables in every encoding and line ending people save text
// in, to the same plan as the plain UTF-8 file; control characters never hide a table; a file
// with no table, a broken CSV or random bytes is an error naming the file, with no output file
// and no stack trace.
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { decodeText, detectEncoding } from '../../src/cli/decode-text';
import type { Plan } from '../../src/core/plan/plan.types';
import { ROOT } from '../helpers/plan';
import { cli, tempFolder } from './cli';

const DATA = path.join(ROOT, 'tests', 'fixtures', 'qazvin', 'raw');
const NAMES = ['01.tsv', '02.tsv', '05.tsv', '08.tsv'];
const fixture = (name: string) => fs.readFileSync(path.join(DATA, name), 'utf8');

const { dirFor } = tempFolder('encodings');

/** Imports files into a fresh folder; the plan when one was written. */
async function importPlan(files: string[], ...args: string[]) {
  const out = path.join(dirFor('out'), 'q.plan.json');
  const r = await cli('import', ...files, '-o', out, ...args);
  return { ...r, file: out, plan: fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as Plan) : undefined };
}

/** Every fixture, changed and encoded, written to a fresh folder under the same names (with `ext`). */
function variant(name: string, encode: (text: string) => Buffer, change: (text: string) => string = (t) => t, ext = '.tsv'): string[] {
  const dir = dirFor(name);
  return NAMES.map((f) => {
    const file = path.join(dir, f.replace(/\.tsv$/, ext));
    fs.writeFileSync(file, encode(change(fixture(f))));
    return file;
  });
}

const bom = (b: number[], body: Buffer) => Buffer.concat([Buffer.from(b), body]);
const crlf = (t: string) => t.replace(/\n/g, '\r\n');
const cr = (t: string) => t.replace(/\n/g, '\r');
const utf8 = (t: string) => Buffer.from(t, 'utf8');
const asciiDigits = (t: string) => t.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0));
/** What Persian Windows writes when saving as "ANSI": no Persian yeh and digits in the code page. */
const windows1256 = (t: string) => iconv.encode(asciiDigits(t).replace(/ی/g, 'ي'), 'windows-1256');

/** A plan as compared across encodings: the notes' sources without their extension. */
function comparable(plan: Plan | undefined): Plan {
  expect(plan).toBeDefined();
  const notes = plan!.meta.importNotes?.map((x) => ({ ...x, source: x.source?.replace(/\.\w+$/, '') }));
  return { ...plan!, meta: { ...plan!.meta, ...(notes ? { importNotes: notes } : {}) } };
}

const fixtures = NAMES.map((f) => path.join(DATA, f));
let baseline: Plan;
beforeAll(async () => {
  const r = await importPlan(fixtures, '--id', 'q');
  expect(r.code).toBe(0);
  baseline = comparable(r.plan);
  expect(baseline.indicators.length).toBeGreaterThan(100);
});

describe('encodings and line endings: the same plan as the UTF-8 file', () => {
  const cases: Array<[string, string[]]> = [
    ['UTF-16 LE with BOM and CRLF, as Excel saves "Unicode Text" (.txt)', variant('le', (t) => bom([0xff, 0xfe], iconv.encode(t, 'utf-16le')), crlf, '.txt')],
    ['UTF-16 BE with BOM', variant('be', (t) => bom([0xfe, 0xff], iconv.encode(t, 'utf-16be')))],
    ['UTF-16 LE without BOM', variant('le-nobom', (t) => iconv.encode(t, 'utf-16le'))],
    ['UTF-16 BE without BOM, CR only', variant('be-nobom', (t) => iconv.encode(t, 'utf-16be'), cr)],
    ['UTF-8 with BOM', variant('utf8bom', (t) => bom([0xef, 0xbb, 0xbf], utf8(t)))],
    ['UTF-8, CR only (old Mac)', variant('cr', utf8, cr)],
    ['UTF-8, CRLF', variant('crlf', utf8, crlf)],
  ];
  test.each(cases)('%s', async (_name, files) => {
    const r = await importPlan(files, '--id', 'q');
    expect(r.code).toBe(0);
    expect(comparable(r.plan)).toEqual(baseline);
  });

  test('Windows-1256 (Persian Windows\' "ANSI"), CRLF: same indicators, Persian titles with their ی intact', async () => {
    const files = variant('cp1256', windows1256, crlf);
    // The code page holds every character written (nothing became "?").
    for (const [i, f] of files.entries()) expect(iconv.decode(fs.readFileSync(f), 'windows-1256')).toBe(crlf(asciiDigits(fixture(NAMES[i])).replace(/ی/g, 'ي')));
    const r = await importPlan(files, '--id', 'q');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^01\.tsv: read as windows-1256$/m);
    // The same text in UTF-8 (digits as Windows-1256 has them) gives the same plan, title for title.
    const same = await importPlan(variant('ascii-digits', utf8, asciiDigits), '--id', 'q');
    expect(comparable(r.plan)).toEqual(comparable(same.plan));
    expect(r.plan!.indicators.map((i) => i.id)).toEqual(baseline.indicators.map((i) => i.id));
    const titles = r.plan!.indicators.map((i) => i.title ?? '');
    expect(titles.filter((t) => t.includes('ی')).length).toBeGreaterThan(50);
    expect(titles.some((t) => t.includes('ي'))).toBe(false);
    expect(titles).toEqual(baseline.indicators.map((i) => asciiDigits(i.title ?? '')));
  });

  test('UTF-8 with a few damaged bytes stays UTF-8 (not Windows-1256), and the damage is reported', async () => {
    const dir = dirFor('damaged');
    const files = NAMES.map((f) => {
      const bytes = utf8(fixture(f));
      const prose = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1) + 1; // the third line: prose
      const file = path.join(dir, f);
      fs.writeFileSync(file, f === '01.tsv' ? Buffer.concat([bytes.subarray(0, prose), Buffer.from([0xff, 0xc3, 0x28]), bytes.subarray(prose)]) : bytes);
      return file;
    });
    const r = await importPlan(files, '--id', 'q');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^01\.tsv: read as utf-8; 2 byte sequence\(s\) not valid utf-8, kept as �$/m);
    expect(comparable(r.plan)).toEqual(baseline);
  });

  test('a CSV saved as "CSV UTF-8" (BOM, CRLF) with a quoted cell over three lines: same plan, lines counted in the file', async () => {
    const dir = dirFor('csv');
    const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    const files = NAMES.map((f) => {
      const rows = fixture(f).split('\n').map((l) => l.split('\t'));
      const csv = [quote('a note, over\nthree lines with "quotes"\nin one cell'), ...rows.map((r) => r.map(quote).join(','))].join('\n');
      const file = path.join(dir, f.replace('.tsv', '.csv'));
      fs.writeFileSync(file, bom([0xef, 0xbb, 0xbf], utf8(crlf(csv))));
      return file;
    });
    const r = await importPlan(files, '--id', 'q');
    expect(r.code).toBe(0);
    const plan = comparable(r.plan);
    expect(plan.indicators).toEqual(baseline.indicators);
    // Every note points three lines further down: the line of the file, not of the record.
    const later = (x: { line: number; reading: string }) => ({ ...x, line: x.line + 3, reading: x.reading.replace(/line (\d+)/, (_m, l: string) => `line ${Number(l) + 3}`) });
    expect(plan.meta.importNotes).toEqual(baseline.meta.importNotes!.map(later));
  });

  test('a TSV cell quoted the way Excel\'s text export quotes it reads as the cell', async () => {
    const text = fixture('08.tsv');
    const title = 'ایجاد خط اعتباری مالی';
    const quoted = `خط "اعتباری", مالی`;
    const write = (name: string, cell: string) => {
      const file = path.join(dirFor(name), '08.tsv');
      const changed = text.split('\n').map((l) => l.split('\t').map((c) => (c === title ? cell : c)).join('\t'));
      fs.writeFileSync(file, bom([0xff, 0xfe], iconv.encode(crlf(changed.join('\n')), 'utf-16le')));
      return file;
    };
    const plain = await importPlan([write('raw-quote', quoted)], '--id', 'q');
    const excel = await importPlan([write('excel-quote', `"${quoted.replace(/"/g, '""')}"`)], '--id', 'q');
    expect(excel.code).toBe(0);
    expect(excel.plan!.indicators.find((i) => i.id === '3-6-7-1')?.title).toBe(quoted);
    expect(excel.plan).toEqual(plain.plan);
  });
});

describe('control characters', () => {
  /** NUL (and ESC) inside every cell of the code lines and header rows: labels and years. */
  const damage = (t: string) =>
    t
      .split('\n')
      .map((l) => (/کد شاخص|واحد اندازه/.test(l) ? l.split('\t').map((c) => (c.length > 1 ? `${c[0]}\0${c.slice(1)}\u001b` : c)).join('\t') : l))
      .join('\n');

  test('NUL bytes in header cells lose no table; each damaged line is reported', async () => {
    const files = variant('nul', utf8, damage);
    expect(fs.readFileSync(files[0]).includes(0)).toBe(true);
    const damaged = NAMES.flatMap((f) => damage(fixture(f)).split('\n').filter((l) => l.includes('\0')));
    const r = await importPlan(files, '--id', 'q');
    expect(r.code).toBe(0);
    const plan = comparable(r.plan);
    const [controls, others] = [true, false].map((c) => plan.meta.importNotes!.filter((x) => x.found.startsWith('control characters') === c));
    expect(controls).toHaveLength(damaged.length);
    expect(controls.some((x) => / ×\d+/.test(x.found))).toBe(true);
    expect(controls[0]).toMatchObject({ found: expect.stringMatching(/^control characters in the row \(U\+0000( ×\d+)?, U\+001B( ×\d+)?\)$/), reading: 'the text without them' });
    expect(r.out).toMatch(/^01\.tsv:\d+ {2}(\S+ {2})?control characters in the row \(U\+0000/m);
    expect({ ...plan, meta: { ...plan.meta, importNotes: others } }).toEqual(baseline);
  });

  test('the same damage in a UTF-16 file, with a lone surrogate in each code line, is read the same', async () => {
    const lone = (t: string) => damage(t).replace(/کد شاخص/g, 'کد \ud800شاخص');
    const r = await importPlan(variant('nul16', (t) => bom([0xff, 0xfe], iconv.encode(t, 'utf-16le')), lone), '--id', 'q');
    expect(r.code).toBe(0);
    expect(comparable(r.plan).indicators).toEqual(baseline.indicators);
    expect(r.out).toMatch(/control characters in the row \(U\+0000, U\+D800, U\+001B\)/);
  });
});

describe('--encoding', () => {
  test('overrides detection: UTF-8 read as Windows-1256 finds no table, and says how it was read', async () => {
    const [file] = variant('override', utf8);
    const r = await importPlan([file], '--encoding', 'windows-1256');
    expect(r.code).toBe(1);
    expect(r.err).toContain('no plan table found in 01.tsv (windows-1256)');
    expect(r.plan).toBeUndefined();
  });

  test('names are taken in any case and with aliases', async () => {
    const files = variant('alias', windows1256);
    const detected = await importPlan(files, '--id', 'q');
    for (const name of ['CP1256', 'Windows-1256', 'windows_1256']) {
      const r = await importPlan(files, '--id', 'q', '--encoding', name);
      expect(r.code).toBe(0);
      expect(r.plan).toEqual(detected.plan);
    }
  });

  test('an unknown encoding is a usage error (exit 2) naming the accepted ones; nothing written', async () => {
    const r = await importPlan(fixtures, '--encoding', 'latin9');
    expect(r.code).toBe(2);
    expect(r.err).toBe('plansheets: --encoding must be one of utf-8, utf-16le, utf-16be, windows-1256, not "latin9"');
    expect(r.plan).toBeUndefined();
  });
});

describe('no table, broken CSV, random bytes: an error naming the file, nothing written', () => {
  test('text without any table: exit 1, both files named, an existing output file left as it was', async () => {
    const dir = dirFor('prose');
    const a = path.join(dir, 'notes.tsv');
    const b = path.join(dir, 'empty.txt');
    fs.writeFileSync(a, fixture('01.tsv').split('\n').slice(0, 8).join('\n'));
    fs.writeFileSync(b, '');
    const out = path.join(dir, 'plan.json');
    fs.writeFileSync(out, 'the plan from before');
    const r = await cli('import', a, b, '-o', out);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'plansheets: no plan table found in notes.tsv (utf-8), empty.txt (utf-8): expected the book\'s tables (a line "کد شاخص هدف عملیاتی: …" with a header row of the plan years under it) or a flat table (a header row with a code column, a title column and the plan years); nothing written; if the text is garbled, name its encoding with --encoding (utf-8, utf-16le, utf-16be, windows-1256)',
    );
    expect(fs.readFileSync(out, 'utf8')).toBe('the plan from before');
    expect(fs.readdirSync(dir).sort()).toEqual(['empty.txt', 'notes.tsv', 'plan.json']);
    const fa = await cli('--lang', 'fa', 'import', a, '-o', out, '--json');
    expect(fa.code).toBe(1);
    expect(fa.err).toMatch(/^plansheets: در \u2068notes\.tsv\u2069 \(\u2066utf-8\u2069\) هیچ جدول برنامه‌ای پیدا نشد/);
    expect(JSON.parse(fa.out)).toEqual({ written: null, error: { en: expect.stringContaining('no plan table found in notes.tsv'), fa: expect.stringContaining('notes.tsv') } });
  });

  test('a CSV whose quote never closes: exit 1, the file and the line where the quote opens', async () => {
    const dir = dirFor('badcsv');
    const file = path.join(dir, 'tables.csv');
    const lines = fixture('08.tsv').split('\n').map((l) => l.replace(/\t/g, ','));
    lines[29] = `"${lines[29]}`;
    fs.writeFileSync(file, lines.join('\r\n'));
    const r = await importPlan([file]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('plansheets: tables.csv:30: not a readable CSV table: the quote that opens cell 1 of line 30 is never closed');
    expect(r.out).toBe('');
    expect(r.plan).toBeUndefined();
  });

  const noTrace = (r: { out: string; err: string }) => expect(`${r.out}\n${r.err}`).not.toContain('    at ');

  test('random bytes as .tsv, .txt or .csv: exit 1, the file named, no output file, no stack trace', async () => {
    const dir = dirFor('random');
    const out = path.join(dir, 'plan.json');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom('.tsv', '.txt', '.csv'), async (bytes, ext) => {
        const file = path.join(dir, `junk${ext}`);
        fs.writeFileSync(file, bytes);
        const r = await cli('import', file, '-o', out);
        expect(r.code).toBe(1);
        expect(r.err).toMatch(new RegExp(`^plansheets: .*junk\\${ext}`));
        noTrace(r);
        expect(fs.existsSync(out)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  test('CSV-like text with stray quotes, commas, line ends and control characters: an error naming the file', async () => {
    const dir = dirFor('csvish');
    const out = path.join(dir, 'plan.json');
    const char = fc.constantFrom('"', ',', '\n', '\r', '\t', '\0', 'a', ' ', 'ک', 'د', '۱', '۴', '۰', '-', ':');
    await fc.assert(
      fc.asyncProperty(fc.array(char, { maxLength: 400 }).map((cs) => cs.join('')), async (text) => {
        const file = path.join(dir, 'broken.csv');
        fs.writeFileSync(file, text);
        const r = await cli('import', file, '-o', out);
        noTrace(r);
        expect(r.code).toBe(1);
        expect(r.err).toMatch(/^plansheets: .*broken\.csv/);
        expect(fs.existsSync(out)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});

describe('detection', () => {
  test('by BOM, NUL pattern, UTF-8 validity; a few stray NULs in UTF-8 stay UTF-8', () => {
    const text = fixture('05.tsv');
    expect(detectEncoding(iconv.encode(text, 'utf-16le'))).toBe('utf-16le');
    expect(detectEncoding(iconv.encode(text, 'utf-16be'))).toBe('utf-16be');
    expect(detectEncoding(utf8(text))).toBe('utf-8');
    expect(detectEncoding(windows1256(text))).toBe('windows-1256');
    expect(detectEncoding(utf8(text.replace(/شاخص/g, 'شا\0خص')))).toBe('utf-8');
    expect(detectEncoding(Buffer.concat([Buffer.from([0xff, 0xc3]), utf8(text)]))).toBe('utf-8');
    expect(detectEncoding(Buffer.concat([Buffer.from([0xff, 0xc3]), utf8(text.replace(/[^\n\t -~]/g, ''))]))).toBe('windows-1256');
    expect(decodeText(Buffer.from([0x61, 0xff, 0xef, 0xbf, 0xbd]), 'utf-8')).toEqual({ text: 'a\ufffd\ufffd', encoding: 'utf-8', invalid: 1 });
    expect(decodeText(bom([0xef, 0xbb, 0xbf], utf8('a\r\nb\rc\n')))).toEqual({ text: 'a\nb\nc\n', encoding: 'utf-8', invalid: 0 });
  });
});
