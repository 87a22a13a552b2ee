// A Word .docx (the approved plan book, as the council approves it) as rows of cells in document
// order, the shape `plansheets import` reads from the book's TSV: each paragraph a row of one
// cell, a heading marked with as many `#` as its level, each table row a row of its cells.
//
// Mammoth reads the document: a maintained .docx reader that already resolves what a Word file
// holds beyond its text (styles and their names, numbered lists, merged cells, tracked changes,
// content controls, fields, text boxes, notes) into plain HTML, which htmlparser2 reads back.
// Before it, docx-package checks the file against the limits, since mammoth has none.
import mammoth from 'mammoth';
import { reason } from '../xlsx/xlsx-limits';
import { checkDocx, DocxRefused } from './docx-package';
import { nameLevel } from './heading-styles';
import { htmlRows } from './html-rows';

export { checkDocxSize, DocxRefused, MAX_ATTRIBUTES, MAX_DEPTH, MAX_ELEMENTS } from './docx-package';
export { MAX_COLUMNS } from './html-rows';

/** A paragraph of mammoth's document model, as its README describes it for `transformDocument`. */
interface Paragraph {
  styleId?: string | null;
  styleName?: string | null;
}
interface Transforms {
  paragraph(transform: (p: Paragraph) => Paragraph): (document: unknown) => unknown;
}
const { transforms } = mammoth as unknown as { transforms: Transforms };

/**
 * Reads a .docx's rows. Throws DocxRefused (message starting with `file`) for a file that is not
 * a Word document, is damaged, or passes a limit.
 */
export async function readDocx(data: Uint8Array, file: string): Promise<string[][]> {
  const bytes = data instanceof Buffer ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const { headingLevels } = await checkDocx(bytes, file);
  // Every paragraph style becomes Heading N or none, so that mammoth's own style map makes
  // exactly the headings found here h1–h6, and every other paragraph a p.
  const transformDocument = transforms.paragraph((p) => {
    // A style styles.xml defines is what it says there; one it lacks, what its name or id says.
    const level = (p.styleId ? headingLevels.get(p.styleId) : undefined) ?? nameLevel(p.styleName ?? p.styleId);
    return { ...p, styleId: level ? `Heading${level}` : null, styleName: level ? `Heading ${level}` : null };
  });
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        ignoreEmptyParagraphs: false,
        // A style map carried inside the document would change what is read; never a file outside it.
        includeEmbeddedStyleMap: false,
        externalFileAccess: false,
        // Pictures are not text: never unpacked into the HTML.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        transformDocument,
      },
    );
    html = result.value;
  } catch (e) {
    throw new DocxRefused(`${file}: not a readable Word document (.docx): ${reason(e)}`);
  }
  return htmlRows(html, (why) => {
    throw new DocxRefused(`${file}: ${why}`);
  });
}
