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

function parsePart(xml: string): ParsedPart | null {
  const m = /<(?:[\w.-]+:)?plan\b([^>]*)>([\s\S]*)<\/(?:[\w.-]+:)?plan>\s*$/.exec(xml);
  if (!m || !xml.includes(PLAN_XML_NAMESPACE)) return null;
  const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[1])?.[1];
  const text = m[2].replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? whole;
  });
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
