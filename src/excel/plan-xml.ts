// The plan stored in a workbook: a custom XML part in the project's namespace whose text is the
// plan JSON. Pure string work (no DOM), so it is the same in Excel, the playground and tests.

export const PLAN_XML_NAMESPACE = 'urn:plansheets:plan:1';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Wraps plan JSON in the custom XML part's document. */
export function planToXml(json: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><plan xmlns="${PLAN_XML_NAMESPACE}">${json.replace(/[&<>]/g, (c) => ESCAPES[c])}</plan>`;
}

/** The plan JSON inside a custom XML part, or null when the part is not a PlanSheets plan. */
export function xmlToPlan(xml: string): string | null {
  const m = /<(?:[\w.-]+:)?plan\b[^>]*>([\s\S]*)<\/(?:[\w.-]+:)?plan>\s*$/.exec(xml);
  if (!m || !xml.includes(PLAN_XML_NAMESPACE)) return null;
  return m[1].replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? whole;
  });
}
