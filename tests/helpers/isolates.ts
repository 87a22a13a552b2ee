// Bidi isolates in what PlanSheets prints: codes, ids, paths and quoted values sit in isolated
// runs (FSI/LRI/RLI … PDI); the rest is the prose a Persian reader reads.

/** The text outside isolated runs, nested or not: what the Persian itself says. */
export function outsideIsolates(text: string): string {
  let out = '';
  let depth = 0;
  for (const ch of text) {
    if (ch >= '\u2066' && ch <= '\u2068') depth++;
    else if (ch === '\u2069') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out;
}

/** An element's text outside `<bdi>` elements and isolates: the prose a Persian reader reads. */
export function proseOf(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll('bdi').forEach((b) => b.remove());
  return outsideIsolates(copy.textContent ?? '');
}
