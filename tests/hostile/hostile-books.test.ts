// Hostile and broken .xlsx files given to `merge` and `import`: each is refused with a message
// naming the file (and the sheet and cell where there is one), a non-zero exit and no plan
// written, or, for a bad cell, that cell is reported and every other typed value applied intact.
// Never a stack trace, never a number read as another. The files are made here from a book
// `plansheets build` writes from the sample plan, tampered with at the XML of the package.
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { Plan } from '../../src/core/plan/plan.types';
import { FIRST_DATA_ROW, ID_ROW } from '../../src/core/grid/layout';
import { BASE_SHEET } from '../../src/core/grid/base-sheet';
import { planFromXmlParts, planToXml, xmlToPlan } from '../../src/excel/plan-xml';
import { isDateFormat, raw, readXlsxSheets } from '../../src/xlsx/read-book';
import { addCustomXmlPart } from '../../src/xlsx/custom-xml';
import { MAX_ENTRY_BYTES, MAX_ROWS, openXlsx, XlsxRefused } from '../../src/xlsx/open-xlsx';
import { SAMPLE_PATH, sampleText } from '../helpers/plan';
import { partsOf, rewrite, withCell, writeZip } from './hostile-xlsx';
import { cli, tempFolder } from './cli';

jest.setTimeout(300000);

const { at } = tempFolder('hostile-books');

const sample = () => JSON.parse(sampleText()) as Plan;
const actualsOf = (p: Plan, id: string) => p.indicators.find((i) => (i.id ?? i.code) === id)!.actuals;

/** Merges books into the sample plan; the plan written, if any. */
async function mergeInto(...books: string[]) {
  const out = at(`merged-${path.basename(books[0])}.json`);
  fs.rmSync(out, { force: true });
  const r = await cli('merge', SAMPLE_PATH, ...books, '-o', out, '--by', 'tester');
  return { ...r, plan: fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as Plan) : undefined };
}

/** Imports a table file; whether a plan was written. */
async function importFrom(file: string) {
  const out = at(`imported-${path.basename(file)}.json`);
  fs.rmSync(out, { force: true });
  const r = await cli('import', file, '-o', out);
  return { ...r, written: fs.existsSync(out) };
}

const noStack = (r: { out: string; err: string }) => {
  expect(`${r.out}\n${r.err}`).not.toContain('    at ');
  expect(`${r.out}\n${r.err}`).not.toMatch(/^\s+at /m);
};

// Lines of the first working group's sheet: A is where the hostile cells go (its plan actuals are
// 1402: 92 and 1403: 58); B and C are typed on with good values, which must apply intact.
const A = '1-7-5-2';
const B = '1-7-4-5';
const C = '3-3-1-2';

interface Located {
  sheet: string;
  part: string;
  /** The base sheet's part (the plan the book was built from, in cells). */
  basePart: string;
  cell: (ref: string, column: string) => string;
}
let where: Located;

beforeAll(async () => {
  expect((await cli('build', SAMPLE_PATH, '-o', at('base.xlsx'), '--sheet-lang', 'en')).code).toBe(0);
  // typed.xlsx: B and C typed on in Excel's way (through exceljs), A's 1404 cell in a date format.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(at('base.xlsx'));
  const ws = wb.worksheets[0];
  const ids = (ws.getRow(ID_ROW).values as unknown[]).slice(1).map(String);
  const rowOf = (ref: string) => {
    for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === ref) return ws.getRow(r);
    throw new Error(`no row ${ref}`);
  };
  const cell = (ref: string, column: string) => rowOf(ref).getCell(ids.indexOf(column) + 1);
  cell(B, 'actual:1404').value = 7;
  cell(C, 'actual:1404').value = 5;
  // A style of its own (exceljs shares a style object among the cells read with it).
  cell(A, 'actual:1404').style = { ...cell(A, 'actual:1404').style, numFmt: '[$-fa-IR,16]yyyy/mm/dd;@' };
  // exceljs drops custom XML parts; Excel keeps them: the plan goes back in as Excel has it.
  fs.writeFileSync(at('typed.xlsx'), await addCustomXmlPart(Buffer.from(await wb.xlsx.writeBuffer()), planToXml(sampleText())));
  where = { sheet: ws.name, part: `xl/worksheets/sheet${ws.id}.xml`, basePart: `xl/worksheets/sheet${wb.getWorksheet(BASE_SHEET)!.id}.xml`, cell: (ref, column) => cell(ref, column).address };
  expect((await partsOf(at('typed.xlsx'))).find(([n]) => n === where.part)![1]).toContain(`<c r="${where.cell(A, 'actual:1404')}"`);
});

/** typed.xlsx with A's cell in `column` replaced by `inner` (the cell's XML content). */
const withA = (name: string, column: string, inner: string, attrs = '') =>
  rewrite(at('typed.xlsx'), at(name), { [where.part]: (xml) => withCell(xml, where.cell(A, column), inner, attrs) });

/** B's and C's typed values applied, A's actuals as they were. */
function othersApplied(plan: Plan | undefined) {
  expect(plan).toBeDefined();
  expect(actualsOf(plan!, B)).toEqual({ ...actualsOf(sample(), B), 1404: 7 });
  expect(actualsOf(plan!, C)).toEqual({ ...actualsOf(sample(), C), 1404: 5 });
}

describe('files that are not .xlsx workbooks: refused by name, exit 2, nothing written', () => {
  const cases: Array<[string, () => Buffer, RegExp]> = [
    ['empty.xlsx', () => Buffer.alloc(0), /: the file is empty \(0 bytes\), not an \.xlsx workbook$/],
    ['random.xlsx', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)), /: not an \.xlsx workbook \(not a zip package\)$/],
    ['truncated.xlsx', () => fs.readFileSync(at('base.xlsx')).subarray(0, 20000), /: not an \.xlsx workbook \(the zip package is damaged or cut short: .+\)$/],
    ['tail-cut.xlsx', () => fs.readFileSync(at('base.xlsx')).subarray(0, fs.statSync(at('base.xlsx')).size - 10), /: not an \.xlsx workbook \(the zip package is damaged or cut short: .+\)$/],
    ['old.xlsx', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1000)]), /: not an \.xlsx workbook \(an old \.xls file or a password-protected workbook/],
  ];
  test.each(cases)('%s', async (name, bytes, message) => {
    fs.writeFileSync(at(name), bytes());
    const r = await mergeInto(at('typed.xlsx'), at(name));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^plansheets: ${name.replace('.', '\\.')}${message.source}`, 'm'));
    expect(r.plan).toBeUndefined();
    noStack(r);
    const i = await importFrom(at(name));
    expect(i.code).toBe(2);
    expect(i.err).toMatch(new RegExp(`^plansheets: ${name.replace('.', '\\.')}${message.source}`, 'm'));
    expect(i.written).toBe(false);
    noStack(i);
  });
});

describe('hostile packages: refused by name before exceljs reads them, exit 2, nothing written', () => {
  test('a 1 MB zip bomb (a part of 1 GB of text) is stopped as soon as it passes the part limit', async () => {
    const mb = Buffer.alloc(1024 * 1024, 'A');
    await rewrite(at('typed.xlsx'), at('bomb.xlsx'), {}, [
      [
        'xl/bomb.xml',
        function* () {
          yield '<?xml version="1.0"?><bomb>';
          for (let i = 0; i < 1024; i++) yield mb;
          yield '</bomb>';
        },
      ],
    ]);
    expect(fs.statSync(at('bomb.xlsx')).size).toBeLessThan(2 * 1024 * 1024);
    const message = `plansheets: bomb.xlsx: part xl/bomb.xml unpacks to more than ${MAX_ENTRY_BYTES / 1048576} MB (a zip bomb?)`;
    const r = await mergeInto(at('bomb.xlsx'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.plan).toBeUndefined();
    noStack(r);
    const i = await importFrom(at('bomb.xlsx'));
    expect(i.code).toBe(2);
    expect(i.err).toContain(message);
    expect(i.written).toBe(false);
  });

  test.each([
    ['xl/sharedStrings.xml', 'strings'],
    ['customXml/item1.xml', 'plan'],
    ['[Content_Types].xml', 'types'],
  ])('entity expansion (billion laughs) declared in %s', async (part, tag) => {
    const laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>';
    const name = `laughs-${tag}.xlsx`;
    await rewrite(at('typed.xlsx'), at(name), { [part]: (xml) => xml.replace(/^(<\?xml[^>]*\?>)?/, (decl) => `${decl}${laughs}`).replace(/(<\/[^>]+>)$/, '<x>&lol3;</x>$1') });
    const r = await mergeInto(at(name));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`plansheets: ${name}: part ${part} declares a DOCTYPE or entities`);
    expect(r.plan).toBeUndefined();
    noStack(r);
  });

  test('a sheet of 1,000,000 rows is stopped at the row limit, in merge and in import', async () => {
    const sheetXml = (await partsOf(at('typed.xlsx'))).find(([n]) => n === where.part)![1];
    const head = sheetXml.slice(0, sheetXml.indexOf('<row r="3"'));
    const tail = sheetXml.slice(sheetXml.indexOf('</sheetData>'));
    expect(head).toContain('<row r="1"');
    await rewrite(at('typed.xlsx'), at('million.xlsx'), {
      [where.part]: () =>
        function* () {
          yield head;
          for (let r = 3; r <= 1_000_000; r += 1000) {
            let rows = '';
            for (let i = r; i < r + 1000 && i <= 1_000_000; i++) rows += `<row r="${i}"><c r="B${i}"><v>${i}</v></c></row>`;
            yield rows;
          }
          yield tail;
        },
    });
    const message = new RegExp(`^plansheets: million\\.xlsx: more than ${MAX_ROWS.toLocaleString('en-US')} rows in the sheets read \\(sheet '${where.sheet}' goes on to row [\\d,]+\\)`, 'm');
    const r = await mergeInto(at('million.xlsx'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.plan).toBeUndefined();
    noStack(r);
    const i = await importFrom(at('million.xlsx'));
    expect(i.code).toBe(2);
    expect(i.err).toMatch(message);
    expect(i.written).toBe(false);
  });

  test('a merged range over the whole sheet counts as the cells exceljs would make of it', async () => {
    await rewrite(at('typed.xlsx'), at('merged-all.xlsx'), { [where.part]: (xml) => xml.replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="C3000:XFD1048576"/></mergeCells>') });
    const r = await mergeInto(at('merged-all.xlsx'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^plansheets: merged-all\.xlsx: more than [\d,]+ cells in the sheets read, counting merged and validated ranges/m);
    expect(r.plan).toBeUndefined();
  });
});

describe('cells exceljs would misread: the cell is refused with its place, every other typed value applied', () => {
  const refusedLine = (out: string, column: string) => out.split('\n').find((l) => l.startsWith('refused') && l.includes(`'${where.sheet}'!${where.cell(A, column)}`));

  test.each(['0x1A', 'NaN', 'Infinity', '-Infinity', '1e999', '12abc', '1 2'])('a number cell holding <v>%s</v>', async (text) => {
    const book = await withA(`v-${text.replace(/\W/g, '_')}.xlsx`, 'actual:1403', `<v>${text}</v>`);
    const r = await mergeInto(book);
    expect(r.code).toBe(3);
    const line = refusedLine(r.out, 'actual:1403');
    expect(line).toMatch(new RegExp(`^refused +${path.basename(book).replace('.', '\\.')} +'[^']+'!\\w+\\d+ +${A} +actuals\\.1403: "${text}": expected a number`));
    othersApplied(r.plan);
    expect(actualsOf(r.plan!, A)).toEqual(actualsOf(sample(), A));
    noStack(r);
  });

  test('a formula cell without a cached result (as scripts write them) is refused, not read as empty: the actual stays', async () => {
    const book = await withA('uncalculated.xlsx', 'actual:1403', '<f>50+8</f>');
    const r = await mergeInto(book);
    expect(r.code).toBe(3);
    expect(refusedLine(r.out, 'actual:1403')).toMatch(/actuals\.1403: .*holds the formula =50\+8 but no calculated value/);
    expect(actualsOf(r.plan!, A)).toEqual({ 1402: 92, 1403: 58 });
    othersApplied(r.plan);
    noStack(r);
  });

  test('a formula with a cached result of 0 is read as 0 (exceljs leaves a 0 result out of cell.value)', async () => {
    const book = await withA('zero.xlsx', 'actual:1403', '<f>58-58</f><v>0</v>');
    const r = await mergeInto(book);
    expect(r.code).toBe(0);
    expect(actualsOf(r.plan!, A)).toEqual({ 1402: 92, 1403: 0 });
    othersApplied(r.plan);
  });

  test('a Persian-calendar date typed into a number cell is refused as a date, not kept as its serial number', async () => {
    const book = await withA('jalali.xlsx', 'actual:1404', '<v>45371</v>');
    const r = await mergeInto(book);
    expect(r.code).toBe(3);
    expect(refusedLine(r.out, 'actual:1404')).toMatch(/the cell holds the date 2024-03-20, not a number/);
    expect(actualsOf(r.plan!, A)).toEqual(actualsOf(sample(), A));
    othersApplied(r.plan);
  });

  test('1e20 in a date-formatted cell (an invalid date) is refused with its cell, no crash', async () => {
    const book = await withA('far-date.xlsx', 'actual:1404', '<v>1E+20</v>');
    const r = await mergeInto(book);
    expect(r.code).toBe(3);
    expect(refusedLine(r.out, 'actual:1404')).toMatch(/the cell holds the date 1E\+20, not a number/);
    othersApplied(r.plan);
    noStack(r);
  });

  test('an ISO date cell (t="d") is a date, not its year', async () => {
    const book = await withA('iso-date.xlsx', 'actual:1403', '<v>2024-03-20T00:00:00</v>', ' t="d"');
    const r = await mergeInto(book);
    expect(r.code).toBe(3);
    expect(refusedLine(r.out, 'actual:1403')).toMatch(/the cell holds the date 2024-03-20, not a number/);
    expect(actualsOf(r.plan!, A)).toEqual({ 1402: 92, 1403: 58 });
  });

  test('a cell pointing at a shared string the file does not have refuses the book with the cell', async () => {
    const book = await withA('no-string.xlsx', 'actual:1403', '<v>999999</v>', ' t="s"');
    const r = await mergeInto(book);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^plansheets: no-string\\.xlsx: not a valid \\.xlsx workbook \\(sheet '${where.sheet}': cell ${where.cell(A, 'actual:1403')} refers to shared string "999999"`, 'm'));
    expect(r.plan).toBeUndefined();
  });
});

describe('the plan in the custom XML part', () => {
  // \u0001 raw, a reference past Unicode (String.fromCodePoint throws on it), a NUL reference.
  const spoil = (xml: string) => xml.replace(/"meta"/, '"me\u0001ta&#x110000;&#0;"');

  test('invalid characters in it: the book still merges from its base sheet', async () => {
    const book = await rewrite(at('typed.xlsx'), at('bad-chars.xlsx'), { 'customXml/item1.xml': spoil });
    const r = await mergeInto(book);
    expect(r.code).toBe(0);
    othersApplied(r.plan);
    noStack(r);
  });

  test('invalid characters in it and no base sheet: refused for lack of a base, nothing written', async () => {
    const book = await rewrite(at('typed.xlsx'), at('bad-chars-no-base.xlsx'), {
      'customXml/item1.xml': spoil,
      [where.basePart]: (xml) => xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, '<sheetData/>'),
    });
    const r = await mergeInto(book);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^plansheets: bad-chars-no-base\.xlsx does not carry the plan it was built from/m);
    expect(r.plan).toBeUndefined();
    noStack(r);
  });

  test('a part that is not well-formed is read as absent, never thrown on', () => {
    const good = planToXml('{"a":1}');
    expect(xmlToPlan(good)).toBe('{"a":1}');
    const value = (v: string) => good.replace(':1}', `:${v}}`);
    for (const bad of [
      value('&#x110000;'),
      value('&#0;'),
      value('&bogus;'),
      value('&constructor;'),
      value('& 1'),
      value('<x/>'),
      value('&e;').replace('<plan', '<!DOCTYPE plan [<!ENTITY e "1">]><plan'),
      good.slice(0, -3),
    ]) {
      expect(xmlToPlan(bad)).toBeNull();
      // A bad part after a good one leaves the good one.
      expect(planFromXmlParts([good, bad])).toBe('{"a":1}');
    }
    // Many plan start tags without an end: linear, not a backtracking search per tag.
    expect(planFromXmlParts([`<plan xmlns="urn:plansheets:plan:1">`.repeat(100_000)])).toBeNull();
  });
});

describe('reading cell values', () => {
  test('date formats: d, y and months are dates; locale and calendar prefixes, quoted text, minutes and elapsed time are not', () => {
    for (const f of ['[$-fa-IR,16]yyyy/mm/dd;@', 'yyyy/mm/dd', 'mm-dd-yy', 'd-mmm', 'mmmm', '[$-409]dddd', 'yyyymmdd', 'B2yyyy/mm/dd']) expect([f, isDateFormat(f)]).toEqual([f, true]);
    for (const f of ['General', '#,##0', '0.00%', '0.00E+00', '"day "0', '[h]:mm', 'h:mm:ss', 'mm:ss', '[mm]:ss', '[Red]#,##0;[Blue]-#,##0', '@', '\\d0', undefined]) {
      expect([f, isDateFormat(f)]).toEqual([f, false]);
    }
  });

  test('raw() never throws on an invalid date, and tells a formula without a result from one with', () => {
    expect(raw(new Date(NaN))).toEqual({ date: 'an invalid date' });
    expect(raw(new Date(NaN), { file: { kind: 'serial', text: '1E+20' } })).toEqual({ date: '1E+20' });
    expect(raw(45371, { numFmt: '[$-fa-IR,16]yyyy/mm/dd;@' })).toEqual({ date: '2024-03-20' });
    expect(raw(1e20, { numFmt: 'yyyy-mm-dd' })).toEqual({ date: '100000000000000000000' });
    expect(raw(45371, { numFmt: '#,##0' })).toBe(45371);
    expect(raw({ formula: 'A1+1' } as ExcelJS.CellValue)).toEqual({ uncalculated: 'A1+1' });
    expect(raw({ formula: 'A1+1', result: 0 } as ExcelJS.CellValue)).toBe(0);
    expect(raw(0, { file: { kind: 'text', text: '0x1A' } })).toBe('0x1A');
  });

  test('the opener throws XlsxRefused naming the file for bytes that are no workbook', async () => {
    await expect(openXlsx(Buffer.from('PK\u0003\u0004 not really'), 'x.xlsx')).rejects.toThrow(XlsxRefused);
    await expect(openXlsx(new Uint8Array(0), 'x.xlsx')).rejects.toThrow(/^x\.xlsx: the file is empty/);
  });
});

describe('sheets read without exceljs (the Facts table)', () => {
  const normal = (m: unknown[][]) => Array.from(m, (r) => Array.from(r ?? [], (c) => c ?? null)).map((r) => {
    while (r.length && r[r.length - 1] === null) r.pop();
    return r;
  });

  test('read as exceljs reads them: numbers, texts, rich text, dates, booleans, errors, formulas with and without results', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Mixed');
    ws.addRow(['title', 'شاخص ۱', 12.5, -0, 1e15, true, false]);
    ws.addRow([{ richText: [{ text: 'rich ' }, { text: 'text', font: { bold: true } }] }, { error: '#DIV/0!' } as ExcelJS.CellErrorValue, null, 'a & b < c']);
    ws.addRow([{ formula: '1+1', result: 2 }, { formula: '"x"&"y"', result: 'xy' }, { formula: '0*1', result: 0 }, { formula: 'NOW()' }]);
    const dated = ws.addRow([45371, 3e6, 0.5]);
    for (let c = 1; c <= 3; c++) dated.getCell(c).numFmt = c === 3 ? 'h:mm' : 'yyyy-mm-dd';
    ws.getCell('B6').value = { text: 'a link', hyperlink: 'https://example.org' };
    ws.getCell('J7').value = 'far';
    fs.writeFileSync(at('mixed.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    const plain = await (await openXlsx(fs.readFileSync(at('mixed.xlsx')), 'mixed.xlsx', { sheetsWithA1: ['no sheet has this'], readOthers: true })).readOthers();
    const viaExceljs = await readXlsxSheets(fs.readFileSync(at('mixed.xlsx')), 'mixed.xlsx');
    expect(plain.map((s) => s.name)).toEqual(['Mixed']);
    expect(normal(plain[0].matrix)).toEqual(normal(viaExceljs[0].matrix));
    expect(normal(plain[0].matrix)[3]).toEqual([{ date: '2024-03-20' }, { date: '3000000' }, { date: '1899-12-30' }]);
    // And the built book's Facts table, cell for cell.
    const facts = await (await openXlsx(fs.readFileSync(at('typed.xlsx')), 'typed.xlsx', { sheetsWithA1: ['plansheets:key', 'plansheets:base'], readOthers: true })).readOthers();
    const all = await readXlsxSheets(fs.readFileSync(at('typed.xlsx')), 'typed.xlsx');
    expect(facts.map((s) => s.name)).toEqual(['Facts']);
    expect(normal(facts[0].matrix)).toEqual(normal(all.find((s) => s.name === 'Facts')!.matrix));
  });

  test("a value typed into the Facts table is reported with its cell, not dropped and not applied", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at('typed.xlsx'));
    const facts = wb.getWorksheet('Facts')!;
    const column = (facts.getRow(1).values as unknown[]).indexOf('Actual');
    expect(column).toBeGreaterThan(0);
    const address = facts.getRow(2).getCell(column).address;
    const book = await rewrite(at('typed.xlsx'), at('facts-typed.xlsx'), { [`xl/worksheets/sheet${facts.id}.xml`]: (xml) => withCell(xml, address, '<v>4242</v>') });
    const r = await mergeInto(book);
    expect(r.code).toBe(3);
    expect(r.out.split('\n').some((l) => l.startsWith('refused') && l.includes(`'Facts'!${address}`) && l.includes('4242'))).toBe(true);
    othersApplied(r.plan);
    expect(JSON.stringify(r.plan)).not.toContain('4242');
  });
});

// The zip writer is the tests' own: check it writes what JSZip (and so exceljs) reads back.
test('the test zip writer round-trips', async () => {
  await writeZip(at('rt.zip'), [
    ['a.txt', 'hello'],
    ['b.txt', () => ['x'.repeat(70000), 'y']],
  ]);
  expect(await partsOf(at('rt.zip'))).toEqual([
    ['a.txt', 'hello'],
    ['b.txt', `${'x'.repeat(70000)}y`],
  ]);
});
