import { textProblem } from '../numbers/limits';
import { msg } from './messages';
import { pointerSegment, type Problem } from './problems';

/**
 * Deeper than any plan (an item's actuals are 6 levels down); an unknown field nested deeper
 * could not be written back (JSON.stringify overflows the stack on deep nesting).
 */
export const MAX_DEPTH = 64;

/**
 * One walk over every value of a parsed plan, unknown fields included: each string and each key
 * must fit a cell and an XML part (textProblem), and nothing may nest deeper than MAX_DEPTH.
 * At most `limit` problems are listed (a hostile file could hold millions).
 */
export function valueProblems(data: unknown, limit = 100): Problem[] {
  const out: Problem[] = [];
  const segments: string[] = [];
  const path = () => segments.map((s) => '/' + pointerSegment(s)).join('');
  const walk = (value: unknown, depth: number): void => {
    if (out.length >= limit) return;
    if (typeof value === 'string') {
      const p = textProblem(value);
      if (p) out.push({ severity: 'error', code: 'bad-text', path: path(), message: msg.badText(p) });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (depth >= MAX_DEPTH) {
      out.push({ severity: 'error', code: 'too-deep', path: path(), message: msg.tooDeep(MAX_DEPTH) });
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        segments.push(String(i));
        walk(value[i], depth + 1);
        segments.pop();
      }
      return;
    }
    // Own keys only: a key named __proto__ or constructor is data here, like any other.
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      segments.push(key);
      const p = textProblem(key);
      if (p && out.length < limit) out.push({ severity: 'error', code: 'bad-key-text', path: path(), message: msg.badKeyText(p) });
      walk(obj[key], depth + 1);
      segments.pop();
    }
  };
  walk(data, 0);
  return out;
}
