// `plansheets build` streams its book (sheet by sheet, never whole in memory). The streamed book
// must carry everything back: the plan, exactly, in its base sheet and in its custom XML part,
// and every text as typed (XML escapes and `_xHHHH_` included); the parts must stay in the order
// Excel requires. A build that fails half-way leaves neither the book nor its temporary file,
// and an older book at the same path untouched.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Writable } from 'stream';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { run, EXIT_INTERNAL } from '../../src/cli/main';
import { writeAtomicallyFrom } from '../../src/cli/files';
import { UsageError } from '../../src/cli/plan-file';
import * as facts from '../../src/core/facts/facts';
import { ID_ROW, FIRST_DATA_ROW, layoutSheets, type SheetModel, type SheetRow } from '../../src/core/grid/layout';
import { stringifyPlan } from '../../src/core/plan/canonical-json';
import type { Indicator, Plan } from '../../src/core/plan/plan.types';
import { planFromXmlParts } from '../../src/excel/plan-xml';
import { CUSTOM_XML_PART, readCustomXmlParts } from '../../src/xlsx/custom-xml';
import { openXlsx } from '../../src/xlsx/open-xlsx';
import { readBook } from '../../src/xlsx/read-book';
import { writeBook } from '../../src/xlsx/write-book';
import { indexOf, makePlan, SAMPLE_PATH, sampleText } from '../helpers/plan';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generatePlan } = require('../../bench/generate-plan') as { generatePlan: (indicators: number, itemsPer: number, o?: { units?: number }) => Plan };

jest.setTimeout(240000);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-stream-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const dirFor = (name: string) => fs.mkdtempSync(path.join(tmp, `${name}-${n++}-`));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The plan a book carries in its base sheet (through readBook) and in its custom XML part. */
async function storedPlans(file: string): Promise<{ sheet: string | null; customXml: string | null; parts: number }> {
  const bytes = fs.readFileSync(file);
  const book = await readBook(bytes, path.basename(file));
  const { parts } = await openXlsx(bytes, path.basename(file), { keepParts: CUSTOM_XML_PART });
  const xmls = readCustomXmlParts(parts);
  return { sheet: book.storedPlan, customXml: planFromXmlParts(xmls), parts: xmls.length };
}

/** Texts that XML, exceljs or Excel could change on the way: escapes, `_xHHHH_` codes, spaces at the ends, line breaks. */
const TRICKY = ['_x0041_ as typed', 'R&amp;D & <b>bold</b> "quoted" \'single\'', '  spaces at both ends  ', 'two\nlines', '_x005F_x0041_', 'شاخص ۱۴۰۳ با ارقام فارسی', ']]> &lt;'];

function trickyPlan(): Plan {
  // Generated texts from the characters that matter, reproducibly.
  const generated = fc.sample(fc.string({ unit: fc.constantFrom('_', 'x', '0', '4', '1', 'F', 'f', '5', '&', ';', 'a', 'm', 'p', ' ', '<', '\n', 'ب'), minLength: 1, maxLength: 24 }), { numRuns: 60, seed: 11 });
  const titles = [...TRICKY, ...generated].map((t, i) => `${i}:${t}`);
  const indicators = titles.map(
    (title, i) =>
      ({
        code: `3-6-3-${i + 1}`,
        title,
        workingGroup: i % 2 ? 'wg2' : 'wg1',
        unit: i % 2 ? 'u2' : 'u1',
        measure: 'percent',
        polarity: 'positive',
        aggregation: 'last',
        targets: { '1402': 10, '1403': 20, '1404': 30 },
        actuals: { '1402': 9 },
      }) as Indicator,
  );
  return makePlan(indicators);
}

describe('a streamed book reads back whole', () => {
  test('the plan, exactly, in the base sheet and the custom XML part; every text as typed; fullCalcOnLoad; parts in schema order', async () => {
    const dir = dirFor('tricky');
    const plan = trickyPlan();
    const text = stringifyPlan(plan);
    fs.writeFileSync(path.join(dir, 'p.json'), text);
    const book = path.join(dir, 'book.xlsx');
    const r = await cli('build', path.join(dir, 'p.json'), '-o', book);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    expect(fs.readdirSync(dir).sort()).toEqual(['book.xlsx', 'p.json']);

    expect(await storedPlans(book)).toEqual({ sheet: text, customXml: text, parts: 1 });

    // What Excel shows: every title as typed.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const shown: string[] = [];
    for (const ws of wb.worksheets) {
      const ids = (ws.getRow(ID_ROW).values as unknown[]).slice(1);
      const title = ids.indexOf('title') + 1;
      if (title === 0) continue;
      ws.eachRow((row, i) => void (i >= FIRST_DATA_ROW && shown.push(String(row.getCell(title).value))));
    }
    expect(shown.sort()).toEqual(plan.indicators.map((i) => i.title).sort());

    const zip = await JSZip.loadAsync(fs.readFileSync(book));
    expect(await zip.file('xl/workbook.xml')!.async('string')).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    expect(rels).toMatch(/Type="[^"]*\/customXml" Target="\.\.\/customXml\/item1\.xml"/);
    const ids = [...rels.matchAll(/Id="(rId\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await zip.file('[Content_Types].xml')!.async('string')).toContain('<Override PartName="/customXml/itemProps1.xml"');
    // ECMA-376 CT_Worksheet: sheetData, sheetProtection, autoFilter, conditionalFormatting, in that order.
    const sheets = zip.file(/^xl\/worksheets\/sheet\d+\.xml$/);
    let protectedSheets = 0;
    for (const f of sheets) {
      const xml = await f.async('string');
      const at = (tag: string) => xml.indexOf(`<${tag}`);
      if (at('sheetProtection') < 0) continue;
      protectedSheets++;
      expect(at('sheetProtection')).toBeGreaterThan(xml.indexOf('</sheetData>'));
      if (at('autoFilter') >= 0) expect(at('sheetProtection')).toBeLessThan(at('autoFilter'));
      if (at('conditionalFormatting') >= 0) expect(at('sheetProtection')).toBeLessThan(at('conditionalFormatting'));
    }
    expect(protectedSheets).toBe(3); // two indicator sheets and Facts
  });

  test('a book of thousands of rows, written while the zip catches up, carries its plan whole', async () => {
    const dir = dirFor('large');
    // 6,000 sheet rows, 22,500 Facts rows (megabytes of XML, more than the zip is let fall behind), a base sheet of some 90 chunks.
    const text = stringifyPlan(generatePlan(1500, 3, { units: 20 }));
    const planFile = path.join(dir, 'p.json');
    fs.writeFileSync(planFile, text);
    const book = path.join(dir, 'book.xlsx');
    const built = await cli('build', planFile, '-o', book);
    expect({ code: built.code, err: built.err }).toEqual({ code: 0, err: '' });
    expect(built.out).toMatch(/8 sheets .*, 6000 rows; .*: 22500 rows$/);
    expect(await storedPlans(book)).toEqual({ sheet: text, customXml: text, parts: 1 });
    const read = await readBook(fs.readFileSync(book), 'book.xlsx');
    expect(read.readings.map((r) => new Set(r.cells.map((c) => c.ref)).size)).toEqual(layoutSheets(indexOf(JSON.parse(text) as Plan)).map((m) => m.rows.length));
  });
});

describe('a build that fails half-way leaves nothing behind', () => {
  afterEach(() => jest.restoreAllMocks());

  const PREVIOUS = 'the book built last week';
  /** A folder holding an older book at the output path. */
  function withOldBook(name: string) {
    const dir = dirFor(name);
    const book = path.join(dir, 'book.xlsx');
    fs.writeFileSync(book, PREVIOUS);
    return { dir, book };
  }
  const temps = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

  /** The sample's sheets, the 40th row of the first calling `hook` when the writer reaches it. */
  function modelsWith(hook: () => void): { models: SheetModel[]; text: string } {
    const index = indexOf(JSON.parse(sampleText()) as Plan);
    const models = layoutSheets(index);
    const rows = models[0].rows;
    const row = rows[40];
    Object.defineProperty(rows, 40, {
      get(): SheetRow {
        hook();
        return row;
      },
    });
    return { models, text: stringifyPlan(index.plan) };
  }

  test('an error inside the writer (here a Facts row that throws): exit 4 with its message, the old book untouched, no temporary file', async () => {
    const { dir, book } = withOldBook('throws');
    let seen: string[] = [];
    const real = facts.factRows;
    jest.spyOn(facts, 'factRows').mockImplementation((...args) => {
      const rows = real(...args);
      Object.defineProperty(rows, 300, {
        get() {
          // By now every indicator sheet and 300 Facts rows have gone to the temporary file.
          seen = temps(dir);
          throw new RangeError('a Facts row that cannot be written');
        },
      });
      return rows;
    });
    const r = await cli('build', SAMPLE_PATH, '-o', book);
    expect(seen).toEqual([expect.stringMatching(/^\.book\.xlsx\.[0-9a-f]+\.tmp$/)]);
    expect(r).toEqual({ code: EXIT_INTERNAL, out: '', err: 'plansheets: build failed unexpectedly: a Facts row that cannot be written' });
    expect(fs.readdirSync(dir)).toEqual(['book.xlsx']);
    expect(fs.readFileSync(book, 'utf8')).toBe(PREVIOUS);
  });

  test('the output folder removed while the book is written: a usage error naming the book, nothing left', async () => {
    const dir = dirFor('gone');
    const book = path.join(dir, 'book.xlsx');
    const { models, text } = modelsWith(() => fs.rmSync(dir, { recursive: true, force: true }));
    const failure = writeAtomicallyFrom(book, (stream) => writeBook(stream, models, text));
    await expect(failure).rejects.toThrow(UsageError);
    await expect(failure).rejects.toThrow(`cannot write ${book}: no such file`);
    expect(fs.existsSync(dir)).toBe(false);
  });

  test('the disk filling up while the book is written: "the disk is full", the old book untouched, no temporary file', async () => {
    const { dir, book } = withOldBook('full');
    let out: Writable | undefined;
    const { models, text } = modelsWith(() => out!.destroy(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })));
    const failure = writeAtomicallyFrom(book, (stream) => {
      out = stream;
      return writeBook(stream, models, text);
    });
    await expect(failure).rejects.toThrow(new UsageError(`cannot write ${book}: the disk is full`));
    expect(fs.readdirSync(dir)).toEqual(['book.xlsx']);
    expect(fs.readFileSync(book, 'utf8')).toBe(PREVIOUS);
  });

  test('a writer that fails before writing anything, or after ending the stream, leaves no file either', async () => {
    const { dir, book } = withOldBook('writer');
    await expect(writeAtomicallyFrom(book, () => Promise.reject(new Error('nothing written')))).rejects.toThrow('nothing written');
    await expect(
      writeAtomicallyFrom(book, async (stream) => {
        await new Promise<void>((resolve) => stream.end('all of it', () => resolve()));
        throw new Error('failed after the end');
      }),
    ).rejects.toThrow('failed after the end');
    expect(fs.readdirSync(dir)).toEqual(['book.xlsx']);
    expect(fs.readFileSync(book, 'utf8')).toBe(PREVIOUS);
    await writeAtomicallyFrom(book, async (stream) => void stream.write('whole'));
    expect(fs.readdirSync(dir)).toEqual(['book.xlsx']);
    expect(fs.readFileSync(book, 'utf8')).toBe('whole');
  });
});

describe('a plan whose book merge could not read back', () => {
  test('is refused by build before anything is written, with the limit named', async () => {
    // 20,000 indicators of 3 items: within the plan's limits, beyond the cells a book is read with.
    const indicators = Array.from({ length: 20000 }, (_, i) => ({
      code: `3-6-3-${i + 1}`,
      title: `indicator ${i + 1}`,
      workingGroup: 'wg1',
      unit: 'u1',
      items: [1, 2, 3].map((n) => ({ id: String(n), title: `item ${n}`, targets: { '1402': n } })),
    })) as Indicator[];
    const dir = dirFor('too-big');
    const planFile = path.join(dir, 'big.json');
    fs.writeFileSync(planFile, stringifyPlan(makePlan(indicators)));
    expect((await cli('validate', planFile)).code).toBe(0);
    const r = await cli('build', planFile, '-o', path.join(dir, 'big.xlsx'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/big\.json: its indicator sheets would hold 80,\d{3} rows and [\d,]+ cells; a book PlanSheets reads back holds at most 250,000 rows and 1,500,000 cells \(MAX_ROWS, MAX_CELLS\); .*big\.xlsx not written/);
    expect(fs.readdirSync(dir)).toEqual(['big.json']);
  });
});
