// The Qazvin book's TSV (tests/fixtures/qazvin/raw) written back as the Word document it was
// taken from, with a real .docx writer (the `docx` package): `#` lines as Word headings, prose as
// paragraphs, each run of tab-separated lines as a Word table. Right to left as the book is:
// paragraphs bidirectional, tables laid out right to left, except those the book prints with
// their columns reversed (horizon first), which are left-to-right tables holding reversed rows.
// A code or title line over a table's full width is one merged cell (gridSpan), as in the book.
import { Document, HeadingLevel, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, type FileChild } from 'docx';

export interface BookShape {
  /** A 1-based TSV line where a table is cut in two Word tables, a page break between them (the book's page breaks). */
  splitAt?: number;
  /** Each indicator (its code line through its table) inside a one-cell frame table: a nested table. */
  framed?: boolean;
}

type Item = { kind: 'p'; text: string; level: number } | { kind: 'table'; rows: string[][]; line: number };

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

/** The TSV's lines as paragraphs and tables, each table with the line it starts on. */
export function bookItems(tsv: string, splitAt?: number): Item[] {
  const items: Item[] = [];
  tsv.split('\n').forEach((line, i) => {
    const last = items[items.length - 1];
    if (!line.includes('\t')) {
      const m = /^(#{1,6}) (.*)$/.exec(line);
      items.push(m ? { kind: 'p', text: m[2], level: m[1].length } : { kind: 'p', text: line, level: 0 });
    } else if (last?.kind === 'table' && i + 1 !== splitAt) last.rows.push(line.split('\t'));
    else {
      if (i + 1 === splitAt) items.push({ kind: 'p', text: '\f', level: 0 });
      items.push({ kind: 'table', rows: [line.split('\t')], line: i + 1 });
    }
  });
  return items;
}

const run = (text: string) => new TextRun({ text, rightToLeft: true });
const paragraph = (text: string, level = 0) =>
  text === '\f'
    ? new Paragraph({ children: [new PageBreak()] })
    : new Paragraph({ bidirectional: true, ...(level ? { heading: HEADINGS[level - 1] } : {}), children: text ? [run(text)] : [] });

/** The book prints some tables with their columns reversed: the horizon first, the title last. */
export const isReversed = (rows: string[][]) => rows.some((r) => /افق/.test(r[0]) && !/افق/.test(r[r.length - 1]));

function table(rows: string[][]): Table {
  const width = Math.max(...rows.map((r) => r.length));
  return new Table({
    visuallyRightToLeft: !isReversed(rows),
    columnWidths: Array.from({ length: width }, () => Math.floor(9000 / width)),
    rows: rows.map((cells) => {
      // A line over the full width (a code or title line): one cell merged across the columns.
      const merged = cells.length > 1 && cells[0] !== '' && cells.slice(1).every((c) => c === '');
      const children = merged ? [new TableCell({ columnSpan: cells.length, children: [paragraph(cells[0])] })] : cells.map((c) => new TableCell({ children: [paragraph(c)] }));
      return new TableRow({ children });
    }),
  });
}

const CODE = /کد\s*شاخص/;

/** The Word document for a TSV of the book, as bytes. */
export async function bookDocx(tsv: string, shape: BookShape = {}): Promise<Buffer> {
  const children: FileChild[] = [];
  let frame: FileChild[] | undefined;
  for (const item of bookItems(tsv, shape.splitAt)) {
    const child = item.kind === 'p' ? paragraph(item.text, item.level) : table(item.rows);
    if (shape.framed && ((item.kind === 'p' && CODE.test(item.text)) || (item.kind === 'table' && !frame))) {
      children.push(...(frame ?? []));
      frame = [];
    }
    if (!frame) {
      children.push(child);
      continue;
    }
    frame.push(child);
    if (item.kind === 'table') {
      // A cell ends with a paragraph, as Word requires after a table.
      const cell = new TableCell({ children: [...(frame as Array<Paragraph | Table>), new Paragraph({})] });
      children.push(new Table({ visuallyRightToLeft: true, rows: [new TableRow({ children: [cell] })] }));
      frame = undefined;
    }
  }
  children.push(...(frame ?? []));
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
