// Which paragraph styles are headings, and of what level. Word stores its built-in headings by
// their English names ("heading 1", "Title") whatever the language it runs in, with an outline
// level; a Persian template may add its own ("عنوان ۱", "تیتر ۲") with or without one, or base a
// style on a heading. So a style is a heading by its outline level, else by its name, else by the
// style it is based on, as Word itself inherits the outline level.
import { toAsciiDigits } from '../core/numbers/digits';
import { attributes, type XmlEvents } from '../xlsx/xml-scan';

interface StyleDef {
  name?: string;
  basedOn?: string;
  /** w:outlineLvl: 0–8 a heading level less one, 9 body text. */
  outline?: number;
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** An attribute by its local name (`w:val`, or `val` in a document written with another prefix). */
function attr(attrs: string, name: string): string | undefined {
  for (const [k, v] of attributes(attrs)) if (local(k) === name) return v;
  return undefined;
}

/** Reads styles.xml as it streams: each paragraph style's name, parent and outline level. */
export class StylesScan implements XmlEvents {
  readonly styles = new Map<string, StyleDef>();
  private current?: StyleDef;

  open(name: string, attrs: string): void {
    const tag = local(name);
    if (tag === 'style') {
      const id = attr(attrs, 'styleId');
      this.current = undefined;
      if (id !== undefined && (attr(attrs, 'type') ?? 'paragraph') === 'paragraph' && !this.styles.has(id)) this.styles.set(id, (this.current = {}));
      return;
    }
    if (!this.current) return;
    const val = attr(attrs, 'val');
    if (tag === 'name') this.current.name = val;
    else if (tag === 'basedOn') this.current.basedOn = val;
    else if (tag === 'outlineLvl' && val !== undefined && /^\d$/.test(val)) this.current.outline = Number(val);
  }
  close(name: string): void {
    if (local(name) === 'style') this.current = undefined;
  }
  text(): void {}
  cdata(): void {}
}

const HEADING_NAME = /^(?:heading|عنوان|سرفصل|سرعنوان|تیتر)\s*(\d)$/i;
const TITLE_NAME = /^(?:title|عنوان)$/i;

/** The level a style's name gives (Heading 1–9, "عنوان ۲", Title), capped at 6 as HTML's are; 0 for none. */
export function nameLevel(name: string | null | undefined): number {
  const text = toAsciiDigits((name ?? '').trim());
  if (TITLE_NAME.test(text)) return 1;
  const m = HEADING_NAME.exec(text);
  return m && Number(m[1]) > 0 ? Math.min(Number(m[1]), 6) : 0;
}

/** The heading level of each paragraph style, by style id: 0 for a style that is no heading. */
export function headingLevels(styles: ReadonlyMap<string, StyleDef>): Map<string, number> {
  // Each chain of basedOn walked once (a loop, however long, and a cycle ends it), every style on it remembered.
  const known = new Map<string, number>();
  const own = (s: StyleDef): number | undefined => {
    if (s.outline !== undefined) return s.outline < 9 ? Math.min(s.outline + 1, 6) : 0;
    return nameLevel(s.name) || undefined;
  };
  for (const start of styles.keys()) {
    const path = new Set<string>();
    let level = 0;
    for (let id: string | undefined = start; id !== undefined; ) {
      if (known.has(id)) {
        level = known.get(id)!;
        break;
      }
      const s = styles.get(id);
      if (!s || path.has(id)) break;
      path.add(id);
      const found = own(s);
      if (found !== undefined) {
        level = found;
        break;
      }
      id = s.basedOn;
    }
    for (const id of path) known.set(id, level);
  }
  return known;
}
