// XML, read as it streams: only what the checks need (tags, attributes, text), since exceljs
// parses the parts afterwards. A DOCTYPE or entity declaration is refused wherever it appears:
// no workbook has one, and entity expansion can exhaust memory.
import { MB, megabytes, refuse } from './xlsx-limits';

const DECLARATION = /<!(?:DOCTYPE|ENTITY)/i;
const declares = (file: string, part: string): never =>
  refuse(file, `part ${part} declares a DOCTYPE or entities, which an .xlsx workbook never has (entity expansion can exhaust memory); refused`);

/** Refuses DOCTYPE and ENTITY declarations in a part's text, across piece boundaries. */
export function declarationCheck(file: string, part: string): (text: string) => void {
  let tail = '';
  return (text) => {
    if (DECLARATION.test(tail + text)) declares(file, part);
    tail = text.slice(-8);
  };
}

export interface XmlEvents {
  open(name: string, attrs: string, empty: boolean): void;
  close(name: string): void;
  text(raw: string): void;
  cdata(): void;
}

const TAG = /<(\/?)([^\s/>]+)((?:[^>"']|"[^"]*"|'[^']*')*)>/y;
/** A tag, comment or processing instruction longer than this is not in any workbook. */
const MAX_MARKUP = MB;

/** Tags and text of XML pushed piece by piece; markup cut by a piece boundary waits for the rest. */
export class XmlScanner {
  private rest = '';
  constructor(
    private readonly on: XmlEvents,
    private readonly fail: (why: string) => never,
    private readonly part: string,
    private readonly file: string,
  ) {}

  push(piece: string): void {
    const s = this.rest + piece;
    let i = 0;
    while (i < s.length) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        this.on.text(s.slice(i));
        i = s.length;
        break;
      }
      if (lt > i) this.on.text(s.slice(i, lt));
      i = lt;
      const end = this.markup(s, lt);
      if (end < 0) break;
      i = end;
    }
    this.rest = s.slice(i);
    if (this.rest.length > MAX_MARKUP) this.fail(`part ${this.part} has markup longer than ${megabytes(MAX_MARKUP)}`);
  }

  /** Where the markup at `at` ends, or -1 when it has not all arrived. */
  private markup(s: string, at: number): number {
    if (s.startsWith('<!', at)) {
      if (s.length - at < 9) return -1;
      if (s.startsWith('<!--', at)) {
        const end = s.indexOf('-->', at + 4);
        return end < 0 ? -1 : end + 3;
      }
      if (s.startsWith('<![CDATA[', at)) {
        const end = s.indexOf(']]>', at + 9);
        if (end < 0) return -1;
        this.on.cdata();
        return end + 3;
      }
      return declares(this.file, this.part);
    }
    if (s.startsWith('<?', at)) {
      const end = s.indexOf('?>', at + 2);
      return end < 0 ? -1 : end + 2;
    }
    TAG.lastIndex = at;
    const m = TAG.exec(s);
    if (!m) return -1;
    if (m[1]) this.on.close(m[2]);
    else {
      const empty = m[3].endsWith('/');
      this.on.open(m[2], empty ? m[3].slice(0, -1) : m[3], empty);
      if (empty) this.on.close(m[2]);
    }
    return TAG.lastIndex;
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text with XML's predefined entities and character references resolved (others left as they are). */
export function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,8}|#[0-9]{1,10}|[a-zA-Z]+);/g, (whole, e: string) => {
    if (e[0] !== '#') return Object.hasOwn(ENTITIES, e) ? ENTITIES[e] : whole;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** A tag's attributes, read in order as an XML parser does (a name inside another's value is not an attribute). */
export function attributes(attrs: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of attrs.matchAll(ATTRIBUTE)) if (!found.has(m[1])) found.set(m[1], decodeXml(m[2] ?? m[3]));
  return found;
}

/** Collects start tags of one name with their attributes (sheets in workbook.xml, relationships). */
export function tagsOf(name: string, into: string[]): XmlEvents {
  return { open: (n, attrs) => void (n === name && into.push(attrs)), close: () => {}, text: () => {}, cdata: () => {} };
}
