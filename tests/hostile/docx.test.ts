// Hostile and broken Word documents given to `plansheets import`: each is refused with a message
// naming the file and saying what it is instead (or which limit it passes), exit code 2, no plan
// written, no stack trace, and neither a hang nor memory eaten: the limits stop the reading before
// mammoth builds anything. The files are made here: the Qazvin book's 08 tables as a real .docx,
// then tampered with at the XML of the package, or no .docx at all.
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { MAX_DEPTH, MAX_ELEMENTS, readDocx } from '../../src/docx/read-docx';
import { bookDocx } from '../helpers/book-docx';
import { ROOT } from '../helpers/plan';
import { cli, tempFolder } from './cli';

jest.setTimeout(300000);

const { at } = tempFolder('hostile-docx');
const TSV = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'qazvin', 'raw', '08.tsv'), 'utf8');
const DOCUMENT = 'word/document.xml';
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

let book: Buffer;
beforeAll(async () => {
  book = await bookDocx(TSV);
});

/** Imports a file written with these bytes; the exit code, what was printed, whether a plan was written. */
async function importBytes(name: string, bytes: Uint8Array) {
  const file = at(name);
  fs.writeFileSync(file, bytes);
  const out = at(`${name}.json`);
  fs.rmSync(out, { force: true });
  const r = await cli('import', file, '-o', out);
  expect(`${r.out}\n${r.err}`).not.toMatch(/^\s+at /m);
  return { ...r, written: fs.existsSync(out) };
}

/** The book with its document part (or another part) replaced. */
async function withPart(part: string, content: string | Uint8Array, base: Uint8Array = book): Promise<Buffer> {
  const zip = await JSZip.loadAsync(base);
  zip.file(part, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
const body = (xml: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${xml}</w:body></w:document>`;

/** Bytes no program made: a fixed sequence, so that every run tries the same file. */
function noise(n: number): Uint8Array {
  const b = new Uint8Array(n);
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  b[0] = 0x42; // not a zip's P, nor an old .doc's first byte
  return b;
}

test('the book itself imports (the files below differ from it only where they are hostile)', async () => {
  const r = await importBytes('book.docx', book);
  expect(r.code).toBe(0);
  expect(r.written).toBe(true);
});

describe('not a Word document at all', () => {
  test.each([
    ['random bytes', () => noise(64 * 1024), /^plansheets: noise\.docx: not a Word document \(\.docx\): not a zip package; save it from Word as a \.docx$/],
    ['an empty file', () => new Uint8Array(0), /^plansheets: noise\.docx: not a Word document \(\.docx\): the file is empty \(0 bytes\)$/],
    ['an old .doc (or a password-protected .docx)', () => Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...noise(4096)]), /noise\.docx: not a Word document \(\.docx\): an old \.doc file or a password-protected document; save it from Word as a \.docx without a password$/],
    ['the TSV renamed .docx', () => Buffer.from(TSV), /noise\.docx: not a Word document \(\.docx\): not a zip package/],
  ])('%s', async (_, bytes, message) => {
    const r = await importBytes('noise.docx', bytes());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.written).toBe(false);
  });

  test('an .xlsx workbook renamed .docx: says so, and that import reads it under its own name', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('tables').addRows(TSV.split('\n').map((l) => l.split('\t')));
    const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await importBytes('tables.docx', xlsx);
    expect(r.code).toBe(2);
    expect(r.err).toBe('plansheets: tables.docx: not a Word document (.docx): it is an Excel workbook renamed .docx; give it back its .xlsx name: import reads .xlsx sheets too');
    expect(r.written).toBe(false);
    // And under its own name it imports.
    const named = await importBytes('tables.xlsx', xlsx);
    expect(named.code).toBe(0);
  });

  test('a zip with no document in it', async () => {
    const zip = new JSZip();
    zip.file('notes.txt', 'کد شاخص هدف عملیاتی: ۱-۲-۳');
    const r = await importBytes('empty.docx', await zip.generateAsync({ type: 'uint8array' }));
    expect(r.code).toBe(2);
    expect(r.err).toBe('plansheets: empty.docx: not a Word document (.docx): the package has no word/document.xml');
  });
});

describe('a damaged Word document', () => {
  test.each([0.5, 0.9, 0.99])('cut short at %p of its length', async (part) => {
    const r = await importBytes('cut.docx', book.subarray(0, Math.floor(book.length * part)));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^plansheets: cut\.docx: not a Word document \(\.docx\): the zip package is damaged or cut short: /);
    expect(r.err).not.toMatch(/xlsx|workbook/);
    expect(r.written).toBe(false);
  });

  test('its document part is not XML', async () => {
    const r = await importBytes('broken.docx', await withPart(DOCUMENT, body('<w:p><w:r><w:t>کد شاخص</w:r></w:p>')));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^plansheets: broken\.docx: not a readable Word document \(\.docx\): .+/);
    expect(r.written).toBe(false);
  });
});

describe('hostile Word documents are stopped at a limit, before mammoth reads them', () => {
  test('a zip bomb: a part that unpacks to more than 128 MB', async () => {
    const r = await importBytes('bomb.docx', await withPart('word/media/image1.png', new Uint8Array(129 * 1024 * 1024)));
    expect(r.code).toBe(2);
    expect(r.err).toBe('plansheets: bomb.docx: part word/media/image1.png unpacks to more than 128 MB (a zip bomb?); PlanSheets reads parts of at most 128 MB (MAX_ENTRY_BYTES)');
    expect(r.written).toBe(false);
  });

  test('a zip bomb: parts that together unpack to more than 256 MB', async () => {
    const zeros = new Uint8Array(100 * 1024 * 1024);
    const zip = await JSZip.loadAsync(book);
    for (const n of [1, 2, 3]) zip.file(`word/media/image${n}.png`, zeros);
    const r = await importBytes('bombs.docx', await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    expect(r.code).toBe(2);
    expect(r.err).toBe('plansheets: bombs.docx: the package unpacks to more than 256 MB (a zip bomb?); PlanSheets reads documents of at most 256 MB unpacked (MAX_TOTAL_BYTES)');
  });

  test('a DOCTYPE declaring entities (a billion laughs)', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><w:document ${W}><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>`;
    const r = await importBytes('laughs.docx', await withPart(DOCUMENT, laughs));
    expect(r.code).toBe(2);
    expect(r.err).toBe('plansheets: laughs.docx: part word/document.xml declares a DOCTYPE or entities, which a Word document never has (entity expansion can exhaust memory); refused');
    expect(r.written).toBe(false);
  });

  test('a DOCTYPE in the styles part, which mammoth reads first', async () => {
    const r = await importBytes('styles.docx', await withPart('word/styles.xml', `<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><w:styles ${W}/>`));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^plansheets: styles\.docx: part word\/styles\.xml declares a DOCTYPE/);
  });

  test(`a million paragraphs (${MAX_ELEMENTS.toLocaleString('en-US')} elements is the limit)`, async () => {
    const r = await importBytes('paragraphs.docx', await withPart(DOCUMENT, body('<w:p/>'.repeat(MAX_ELEMENTS))));
    expect(r.code).toBe(2);
    expect(r.err).toBe('plansheets: paragraphs.docx: the document has more than 1,000,000 XML elements (paragraphs, runs, cells…); PlanSheets reads documents of at most 1,000,000, about 600 pages (MAX_ELEMENTS)');
    expect(r.written).toBe(false);
  });

  test('attributes by the million', async () => {
    const r = await importBytes('attributes.docx', await withPart(DOCUMENT, body(`<w:p ${Array.from({ length: 2000 }, (_, i) => `a${i}=""`).join(' ')}/>`.repeat(1600))));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^plansheets: attributes\.docx: the document has more than 3,000,000 XML attributes; .+ \(MAX_ATTRIBUTES\)$/);
  });

  test('tables nested in tables, deeper than any document', async () => {
    const nested = '<w:tbl><w:tr><w:tc>'.repeat(50) + '<w:p/>' + '</w:tc></w:tr></w:tbl>'.repeat(50);
    const r = await importBytes('nested.docx', await withPart(DOCUMENT, body(nested)));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`plansheets: nested.docx: part word/document.xml nests elements more than ${MAX_DEPTH} deep; Word documents nest some 30 (MAX_DEPTH)`);
  });

  test('a cell that claims to span a million columns', async () => {
    const wide = '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000000"/></w:tcPr><w:p><w:r><w:t>کد شاخص هدف عملیاتی: ۱-۲-۳</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
    const r = await importBytes('wide.docx', await withPart(DOCUMENT, body(wide)));
    expect(r.code).toBe(2);
    expect(r.err).toBe("plansheets: wide.docx: a table row spans more than 1,000 columns; Word's tables have at most 63 (MAX_COLUMNS)");
  });

  test('rows of cells each spanning 999 columns: more cells than any book, from a small file', async () => {
    const rowXml = '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="999"/></w:tcPr><w:p/></w:tc></w:tr>';
    const r = await importBytes('spans.docx', await withPart(DOCUMENT, body(`<w:tbl>${rowXml.repeat(2000)}</w:tbl>`)));
    expect(r.code).toBe(2);
    expect(r.err).toBe('plansheets: spans.docx: the document has more than 1,500,000 paragraphs and table cells; PlanSheets reads at most 1,500,000 (MAX_CELLS)');
  });

  test('the reader refuses with the file named, as the command does', async () => {
    await expect(readDocx(noise(100), 'x.docx')).rejects.toThrow(/^x\.docx: not a Word document/);
  });
});
