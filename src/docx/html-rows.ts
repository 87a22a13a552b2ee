// Mammoth's HTML of a Word document as rows of cells, in document order, the shape the importer
// reads from a TSV of the book: a paragraph is a row of one cell (a heading marked `#`… as the
// TSV's are), a table row is a row of its cells, an empty paragraph an empty row.
import { Parser } from 'htmlparser2';
import { count, MAX_CELLS } from '../xlsx/xlsx-limits';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: Array<El | string>;
}

/** Columns a table row may span. Word's tables have at most 63; a larger span is a forged file. */
export const MAX_COLUMNS = 1000;

/** Mammoth's HTML as a tree (htmlparser2 closes what the HTML leaves open). */
function tree(html: string): El {
  const root: El = { name: '', attrs: {}, children: [] };
  const stack = [root];
  const parser = new Parser(
    {
      onopentag: (name, attrs) => {
        const el: El = { name, attrs, children: [] };
        stack[stack.length - 1].children.push(el);
        stack.push(el);
      },
      ontext: (text) => void stack[stack.length - 1].children.push(text),
      onclosetag: () => void (stack.length > 1 && stack.pop()),
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return root;
}

const HEADING = /^h([1-6])$/;
const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'table', 'div', 'blockquote', 'dl', 'dt', 'dd']);
/** Mammoth's links to and from footnotes, endnotes and comments: marks, not text. */
const NOTE_LINK = /^#(?:footnote|endnote|comment)-/;
const NOTE_ID = /^(?:footnote|endnote|comment)-/;

/** The text of inline content; a line break as \n. */
function inline(node: El | string): string {
  if (typeof node === 'string') return node;
  if (node.name === 'br') return '\n';
  if (node.name === 'img' || (node.name === 'a' && NOTE_LINK.test(node.attrs.href ?? ''))) return '';
  return node.children.map(inline).join('');
}

const hasTable = (el: El): boolean => el.children.some((c) => typeof c !== 'string' && (c.name === 'table' || hasTable(c)));
const span = (value: string | undefined) => Math.max(1, Number.parseInt(value ?? '1', 10) || 1);

class Rows {
  readonly rows: string[][] = [];
  private cells = 0;
  constructor(private readonly refuse: (why: string) => never) {}

  push(row: string[]): void {
    this.cells += row.length;
    if (this.cells > MAX_CELLS) this.refuse(`the document has more than ${count(MAX_CELLS)} paragraphs and table cells; PlanSheets reads at most ${count(MAX_CELLS)} (MAX_CELLS)`);
    this.rows.push(row);
  }

  /** Block content: paragraphs, headings, lists and tables, in order. */
  blocks(el: El): void {
    let loose = '';
    const flush = () => {
      if (loose !== '') this.paragraph(loose);
      loose = '';
    };
    for (const c of el.children) {
      if (typeof c === 'string' || !BLOCKS.has(c.name)) {
        loose += inline(c); // a list item's own text, before the list inside it
        continue;
      }
      flush();
      const heading = HEADING.exec(c.name);
      if (heading) {
        const text = inline(c).replace(/\n/g, ' ');
        this.push([text.trim() === '' ? '' : `${'#'.repeat(Number(heading[1]))} ${text}`]);
      } else if (c.name === 'p') this.paragraph(inline(c));
      else if (c.name === 'table') this.table(c);
      else if (!NOTE_ID.test(c.attrs.id ?? '')) this.blocks(c);
    }
    flush();
  }

  /** A paragraph: one row of one cell for each of its lines (a line break starts a line, as in the TSV of a copy). */
  private paragraph(text: string): void {
    for (const line of text.split('\n')) this.push([line]);
  }

  /** The text of a table cell: its paragraphs joined by a space. */
  private cellText(cell: El): string {
    const parts: string[] = [];
    const walk = (el: El) => {
      let loose = '';
      for (const c of el.children) {
        if (typeof c === 'string' || !BLOCKS.has(c.name)) loose += inline(c);
        else {
          parts.push(loose);
          loose = '';
          if (c.name === 'p' || HEADING.test(c.name)) parts.push(inline(c));
          else walk(c);
        }
      }
      parts.push(loose);
    };
    walk(cell);
    return parts
      .map((p) => p.replace(/\n/g, ' '))
      .filter((p) => p.trim() !== '')
      .join(' ');
  }

  /**
   * A table's rows, each cell in its column: a cell spanning columns is followed by empty cells,
   * a cell covered by one spanning rows from above is empty. A row holding a table inside a cell
   * is a layout row (a frame around the real table): its cells are read as blocks, in order.
   */
  private table(table: El): void {
    const trs: El[] = [];
    const collect = (el: El) => {
      for (const c of el.children) {
        if (typeof c === 'string') continue;
        if (c.name === 'tr') trs.push(c);
        else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') collect(c);
      }
    };
    collect(table);
    let covered: number[] = [];
    // What a cell merged down shows on the rows it covers: its text on each of them, as the page shows it.
    let coveredText: string[] = [];
    for (const tr of trs) {
      const cells = tr.children.filter((c): c is El => typeof c !== 'string' && (c.name === 'td' || c.name === 'th'));
      if (cells.some(hasTable)) {
        for (const cell of cells) this.blocks(cell);
        covered = [];
        coveredText = [];
        continue;
      }
      const row: string[] = [];
      let col = 0;
      const skipCovered = () => {
        for (; covered[col] > 0; col++) {
          row[col] = coveredText[col] ?? '';
          covered[col]--;
        }
      };
      for (const cell of cells) {
        skipCovered();
        const across = span(cell.attrs.colspan);
        const down = span(cell.attrs.rowspan);
        if (col + across > MAX_COLUMNS) this.refuse(`a table row spans more than ${count(MAX_COLUMNS)} columns; Word's tables have at most 63 (MAX_COLUMNS)`);
        row[col] = this.cellText(cell);
        for (let k = 0; k < across; k++) {
          if (k > 0) row[col + k] = '';
          if (down > 1) {
            covered[col + k] = down - 1;
            coveredText[col + k] = k === 0 ? row[col] : '';
          } else if (covered[col + k] > 0) covered[col + k] = 0;
        }
        col += across;
      }
      for (; col < covered.length; col++) {
        row[col] = covered[col] > 0 ? coveredText[col] ?? '' : '';
        if (covered[col] > 0) covered[col]--;
      }
      this.push(Array.from(row, (c) => c ?? ''));
    }
  }
}

/** Mammoth's HTML as rows. `refuse` is called (and throws) when the rows pass a limit. */
export function htmlRows(html: string, refuse: (why: string) => never): string[][] {
  const rows = new Rows(refuse);
  rows.blocks(tree(html));
  return rows.rows;
}
