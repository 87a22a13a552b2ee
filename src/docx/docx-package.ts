// Every .docx PlanSheets reads is checked here before mammoth sees it. Someone else's file may be
// no zip at all, an .xlsx renamed, cut short, a zip bomb, XML declaring entities, or a million
// paragraphs; mammoth would crash, hang or build a tree of gigabytes on each. So the package is
// unpacked part by part with the .xlsx reader's limits and safe unzip (src/xlsx/zip-parts), each
// XML part scanned as it streams (src/xlsx/xml-scan) and counted against the limits below, and
// the reading stopped the moment one is passed. Mammoth then reads the same bytes with the same
// JSZip, so the parts it parses are exactly the parts counted here.
import type JSZip from 'jszip';
import { attributes, tagsOf, XmlScanner, type XmlEvents } from '../xlsx/xml-scan';
import { count, megabytes, MAX_FILE_BYTES, XlsxRefused } from '../xlsx/xlsx-limits';
import { Budget, loadParts, unpack } from '../xlsx/zip-parts';
import { headingLevels, StylesScan } from './heading-styles';

/**
 * A .docx that is not read, with why; the message starts with the file's name. A kind of the zip
 * reader's own refusal, so that one thrown while a part unpacks comes through as it is.
 */
export class DocxRefused extends XlsxRefused {}

/**
 * XML elements in the parts mammoth parses. Mammoth holds nearly 2 KB an element while it reads:
 * a million (32,000 paragraphs of formatted Persian text, about 30 elements each: runs, fonts,
 * right-to-left marks) took 1.8 GB and 47 s here. A book like Qazvin's (343 indicators) has an
 * estimated 20,000 paragraphs and table cells.
 */
export const MAX_ELEMENTS = 1_000_000;
/** XML attributes in those parts (a few hundred bytes each to mammoth; a paragraph has about 15). */
export const MAX_ATTRIBUTES = 3_000_000;
/** Elements inside one another. Word's deepest (a text box in a nested table) is some 30. */
export const MAX_DEPTH = 128;

const refuse = (file: string, why: string): never => {
  throw new DocxRefused(`${file}: ${why}`);
};
const notDocx = (file: string, why: string): never => refuse(file, `not a Word document (.docx): ${why}`);

/** The zip reader's refusals are worded for workbooks: the same limits, said of a document. */
function asDocx(e: unknown): unknown {
  if (!(e instanceof XlsxRefused) || e instanceof DocxRefused) return e;
  return new DocxRefused(e.message.replace(/not an \.xlsx workbook \((.*)\)$/, 'not a Word document (.docx): $1').replace(/an \.xlsx workbook/g, 'a Word document').replace(/\bworkbooks\b/g, 'documents'));
}

/** Refuses a file too large to read, before it is read. */
export function checkDocxSize(bytes: number, file: string): void {
  if (bytes === 0) notDocx(file, 'the file is empty (0 bytes)');
  if (bytes > MAX_FILE_BYTES) refuse(file, `the file is ${megabytes(bytes)}; PlanSheets reads documents of at most ${megabytes(MAX_FILE_BYTES)} (MAX_FILE_BYTES)`);
}

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** What a file that is not a .docx package is, said so that the person knows what to do. */
function checkSignature(b: Uint8Array, file: string): void {
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0])) notDocx(file, 'an old .doc file or a password-protected document; save it from Word as a .docx without a password');
  if (startsWith(b, [0x7b, 0x5c, 0x72, 0x74, 0x66])) notDocx(file, 'an RTF file; save it from Word as a .docx');
  if (!startsWith(b, [0x50, 0x4b, 0x03, 0x04])) notDocx(file, 'not a zip package; save it from Word as a .docx');
}

const OFFICE_DOCUMENT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';
const RELATED = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
/** The parts mammoth reads beside the main document, found as it finds them. */
const BESIDE = ['styles', 'numbering', 'footnotes', 'endnotes', 'comments'] as const;

const relsOf = (part: string) => part.replace(/([^/]*)$/, '_rels/$1.rels');

/**
 * A relationship's target as mammoth resolves it: the first target that exists, joined to the
 * part's folder (a leading / from the package root), else the fallback.
 */
function target(file: string, relsXml: string, type: string, base: string, entries: Map<string, unknown>, fallback: string): string {
  const tags: string[] = [];
  new XmlScanner(tagsOf('Relationship', tags), (why) => notDocx(file, why), 'rels', file).push(relsXml);
  for (const t of tags) {
    const a = attributes(t);
    if (a.get('Type') !== type || !a.get('Target')) continue;
    const joined = a.get('Target')!.startsWith('/') ? a.get('Target')!.slice(1) : `${base}${base ? '/' : ''}${a.get('Target')}`;
    if (entries.has(joined)) return joined;
  }
  return fallback;
}

/** What a package whose main part is missing, or no Word document (`root`), is instead. */
function whatElse(entries: Map<string, unknown>, main: string, root?: string): string {
  if (entries.has('xl/workbook.xml')) return 'it is an Excel workbook renamed .docx; give it back its .xlsx name: import reads .xlsx sheets too';
  if (entries.has('ppt/presentation.xml')) return 'it is a PowerPoint presentation renamed .docx';
  return root === undefined ? `the package has no ${main}` : `its main part ${main} holds <${root}>, not a Word document's <w:document>`;
}

/** Elements, attributes and depth of the XML parts, against the limits. */
class Counter implements XmlEvents {
  elements = 0;
  attributes = 0;
  depth = 0;
  part = '';
  /** The part's first element. */
  root = '';
  constructor(private readonly file: string) {}
  open(name: string, attrs: string): void {
    if (!this.root) this.root = name;
    this.elements++;
    for (let i = attrs.indexOf('='); i >= 0; i = attrs.indexOf('=', i + 1)) this.attributes++;
    if (++this.depth > MAX_DEPTH) refuse(this.file, `part ${this.part} nests elements more than ${MAX_DEPTH} deep; Word documents nest some 30 (MAX_DEPTH)`);
    if (this.elements > MAX_ELEMENTS) {
      refuse(this.file, `the document has more than ${count(MAX_ELEMENTS)} XML elements (paragraphs, runs, cells…); PlanSheets reads documents of at most ${count(MAX_ELEMENTS)}, about 600 pages (MAX_ELEMENTS)`);
    }
    if (this.attributes > MAX_ATTRIBUTES) refuse(this.file, `the document has more than ${count(MAX_ATTRIBUTES)} XML attributes; PlanSheets reads documents of at most ${count(MAX_ATTRIBUTES)} (MAX_ATTRIBUTES)`);
  }
  close(): void {
    this.depth--;
  }
  text(): void {}
  cdata(): void {}
}

/** Unpacks an XML part, counted; its text when `keep`. */
async function scanPart(file: string, name: string, entry: JSZip.JSZipObject, budget: Budget, counter: Counter, also?: XmlScanner, keep = false): Promise<string> {
  const pieces: string[] = [];
  counter.part = name;
  counter.depth = 0;
  counter.root = '';
  const scanner = new XmlScanner(counter, (why) => notDocx(file, why), name, file);
  await unpack(file, entry, budget.entry(name), (t) => {
    scanner.push(t);
    also?.push(t);
    if (keep) pieces.push(t);
  });
  return pieces.join('');
}

/**
 * Checks a .docx someone else may have written, as described above. Returns the heading level
 * (1–6, or 0 for none) of each paragraph style, by style id. Throws DocxRefused.
 */
export async function checkDocx(bytes: Uint8Array, file: string): Promise<{ headingLevels: Map<string, number> }> {
  checkDocxSize(bytes.length, file);
  checkSignature(bytes, file);
  try {
    const { entries } = await loadParts(bytes, file);
    const budget = new Budget(file);
    const counter = new Counter(file);
    const read = new Set<string>();
    const rels = async (name: string) => {
      const entry = entries.get(name);
      if (!entry) return '';
      read.add(name);
      return scanPart(file, name, entry, budget, counter, undefined, true);
    };
    const main = target(file, await rels('_rels/.rels'), OFFICE_DOCUMENT, '', entries, 'word/document.xml');
    if (!entries.has(main)) notDocx(file, whatElse(entries, main));
    const base = main.includes('/') ? main.slice(0, main.lastIndexOf('/')) : '';
    const mainRels = await rels(relsOf(main));
    const beside = new Map(BESIDE.map((kind) => [kind, target(file, mainRels, RELATED + kind, base, entries, `word/${kind}.xml`)]));
    // Parsed as XML by mammoth, whatever their names; the rest only when named as XML.
    const xml = new Set([main, ...beside.values()]);

    const styles = new StylesScan();
    for (const [name, entry] of entries) {
      if (read.has(name)) continue;
      if (xml.has(name) || /\.(?:xml|rels)$/i.test(name)) {
        const stylesScanner = name === beside.get('styles') ? new XmlScanner(styles, (why) => notDocx(file, why), name, file) : undefined;
        await scanPart(file, name, entry, budget, counter, stylesScanner);
        if (name === main && counter.root.slice(counter.root.indexOf(':') + 1) !== 'document') notDocx(file, whatElse(entries, main, counter.root));
      } else await unpack(file, entry, budget.entry(name));
    }
    return { headingLevels: headingLevels(styles.styles) };
  } catch (e) {
    throw asDocx(e);
  }
}
