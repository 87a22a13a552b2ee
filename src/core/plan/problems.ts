import { isolate, ltr } from '../numbers/bidi';
import { inDigits } from '../numbers/format';

/** A sentence in both of the plan's languages. */
export interface Bilingual {
  en: string;
  fa: string;
}

export type Severity = 'error' | 'warning';

/** One thing wrong with a plan: where (a JSON pointer), how bad, and what, in plain words. */
export interface Problem {
  severity: Severity;
  /** Stable identifier of the kind of problem (`duplicate-id`, `horizon-disagrees`…). */
  code: string;
  /** JSON pointer into the plan file (`/indicators/12/targets/1403`); empty for the whole file. */
  path: string;
  message: Bilingual;
}

/** Escapes one JSON-pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...segments: Array<string | number>): string {
  return segments.map((s) => '/' + pointerSegment(s)).join('');
}

/** The value at a JSON pointer, or undefined. */
export function valueAt(root: unknown, path: string): unknown {
  if (path === '') return root;
  let node: unknown = root;
  for (const raw of path.slice(1).split('/')) {
    if (node === null || typeof node !== 'object') return undefined;
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    // Own properties only: `constructor` or `__proto__` in a path is a key of the file.
    if (!Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * A short rendering of what was found, for messages, in both languages. What the file holds (a
 * text, a number) is shown as written and, in Persian, isolated; what describes it is translated.
 */
export function describeFound(value: unknown): Bilingual {
  if (value === undefined) return { en: 'nothing', fa: 'هیچ مقداری' };
  if (typeof value === 'string') {
    const shown = JSON.stringify(value.length > 60 ? value.slice(0, 57) + '…' : value);
    return { en: shown, fa: isolate(shown) };
  }
  if (Array.isArray(value)) return { en: `a list of ${value.length}`, fa: `فهرستی با ${inDigits(String(value.length), 'fa')} عضو` };
  if (value !== null && typeof value === 'object') return { en: 'an object', fa: 'یک شیء' };
  // null, a number, true or false: a JSON word or figure, as written
  return { en: String(value), fa: ltr(String(value)) };
}
