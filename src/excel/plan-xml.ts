// The plan stored in a workbook: custom XML parts in the project's namespace whose text is the
// plan JSON. A plan over ~2 MB is kept in several parts (`set`, `part`, `of`): one part is added
// in one request, and Excel on the web refuses requests over 5 MB. Pure string work (no DOM), so
// it is the same in Excel, the playground, the command line and tests.
import { utf8Bytes } from './requests';

export const PLAN_XML_NAMESPACE = 'urn:plansheets:plan:1';

/** Characters of plan JSON a part holds: with XML escapes and 3-byte characters, under 4 MB. */
const PART_CHARS = 1024 * 1024;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Wraps plan JSON (or one part of it) in a custom XML part's document. */
export function planToXml(json: string, part?: { set: string; part: number; of: number }): string {
  const attrs = part ? ` set="${part.set}" part="${part.part}" of="${part.of}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?><plan xmlns="${PLAN_XML_NAMESPACE}"${attrs}>${json.replace(/[&<>]/g, (c) => ESCAPES[c])}</plan>`;
}

/** The plan as custom XML parts: one for a plan of usual size, several for a large one. */
export function planToXmlParts(json: string, set: string): string[] {
  if (utf8Bytes(json) <= PART_CHARS) return [planToXml(json)];
  const of = Math.ceil(json.length / PART_CHARS);
  return Array.from({ length: of }, (_, i) => planToXml(json.slice(i * PART_CHARS, (i + 1) * PART_CHARS), { set, part: i + 1, of }));
}

interface ParsedPart {
  text: string;
  set?: string;
  part?: number;
  of?: number;
}

/** Where the root element starts: after a byte order mark, the XML declaration, comments, processing instructions. */
function rootStart(xml: string): number {
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < xml.length && /\s/.test(xml[i])) i++;
    const close = xml.startsWith('<?', i) ? '?>' : xml.startsWith('<!--', i) ? '-->' : undefined;
    if (!close) return i;
    const end = xml.indexOf(close, i + 2);
    if (end < 0) return -1;
    i = end + close.length;
  }
}

const ROOT = /<((?:[\w.-]+:)?plan)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/y;
const REFERENCE = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([a-zA-Z]+));|&/g;
/** Characters XML 1.0 allows (its `Char` production): a reference to any other makes the part unreadable. */
const isXmlChar = (c: number) => c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

/** The plan element's text with its references resolved, or null when one is not XML. */
function unescape(body: string): string | null {
  let bad = false;
  const text = body.replace(REFERENCE, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    const code = hex !== undefined ? parseInt(hex, 16) : dec !== undefined ? parseInt(dec, 10) : undefined;
    if (code !== undefined && isXmlChar(code)) return String.fromCodePoint(code);
    if (name !== undefined && Object.hasOwn(ENTITIES, name)) return ENTITIES[name];
    bad = true;
    return whole;
  });
  return bad ? null : text;
}

/**
 * One custom XML part read as a PlanSheets plan (or part of one); null for any other part and for
 * one that is not well-formed where it matters: a DTD, markup inside the plan, an undefined entity,
 * a reference to a character XML cannot carry. Linear in the part's length, and never throws.
 */
function parsePart(xml: string): ParsedPart | null {
  try {
    return readPart(xml);
  } catch {
    return null;
  }
}

function readPart(xml: string): ParsedPart | null {
  if (typeof xml !== 'string' || !xml.includes(PLAN_XML_NAMESPACE)) return null;
  const start = rootStart(xml);
  if (start < 0) return null;
  ROOT.lastIndex = start;
  const m = ROOT.exec(xml);
  if (!m || m[2].endsWith('/')) return null;
  const attrs = m[2];
  if (!new RegExp(`\\sxmlns(?::[\\w.-]+)?\\s*=\\s*(["'])${PLAN_XML_NAMESPACE}\\1`).test(attrs)) return null;
  const close = `</${m[1]}`;
  const end = xml.lastIndexOf(close);
  if (end < ROOT.lastIndex || !/^\s*>\s*$/.test(xml.slice(end + close.length))) return null;
  const body = xml.slice(ROOT.lastIndex, end);
  if (body.includes('<')) return null;
  const text = unescape(body);
  if (text === null) return null;
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(attrs)?.[1];
  const set = attr('set');
  if (set === undefined) return { text };
  return { text, set, part: Number(attr('part')), of: Number(attr('of')) };
}

/** The plan JSON inside a single custom XML part, or null when the part is not a whole PlanSheets plan. */
export function xmlToPlan(xml: string): string | null {
  const p = parsePart(xml);
  return p && p.set === undefined ? p.text : null;
}

/**
 * The plan from a workbook's custom XML parts (in the workbook's order): the last whole plan,
 * a single part or a complete set of parts. A set cut short (an interrupted store) is passed over.
 */
export function planFromXmlParts(xmls: readonly string[]): string | null {
  let found: string | null = null;
  const sets = new Map<string, ParsedPart[]>();
  for (const xml of xmls) {
    const p = parsePart(xml);
    if (!p) continue;
    if (p.set === undefined) {
      found = p.text;
      continue;
    }
    const parts = sets.get(p.set) ?? [];
    parts.push(p);
    sets.set(p.set, parts);
    const of = p.of ?? 0;
    if (parts.length === of && new Set(parts.map((x) => x.part)).size === of && parts.every((x) => x.of === of && x.part! >= 1 && x.part! <= of)) {
      found = [...parts].sort((a, b) => a.part! - b.part!).map((x) => x.text).join('');
    }
  }
  return found;
}
