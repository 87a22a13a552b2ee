import schema from '../../../schemas/plan.schema.json';
import type { Plan } from './plan.types';

// Plan files are written with a stable key order (the schema's property order; year and period
// maps in period order; unknown keys last, alphabetically) and 2-space indentation, so that the
// diff of two revisions shows what changed and nothing else.

type SchemaNode = { $ref?: string; properties?: Record<string, SchemaNode>; items?: SchemaNode; additionalProperties?: SchemaNode | boolean; propertyNames?: unknown };
const defs = (schema as unknown as { $defs: Record<string, SchemaNode> }).$defs;

function resolve(node: SchemaNode | undefined): SchemaNode | undefined {
  let n = node;
  while (n?.$ref) n = defs[n.$ref.replace('#/$defs/', '')];
  return n;
}

/** Orders period keys: a year before its parts, parts by the month they end, then by kind. */
function periodOrder(a: string, b: string): number {
  const [ya, pa = ''] = a.split('-');
  const [yb, pb = ''] = b.split('-');
  if (ya !== yb) return ya < yb ? -1 : 1;
  const end = (p: string) => (p === '' ? 0 : p[0] === 'H' ? Number(p.slice(1)) * 6 : p[0] === 'Q' ? Number(p.slice(1)) * 3 : Number(p.slice(1)));
  return end(pa) - end(pb) || pa.localeCompare(pb);
}

function order(value: unknown, node: SchemaNode | undefined): unknown {
  const s = resolve(node);
  if (Array.isArray(value)) return value.map((v) => order(v, s?.items));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  // Without a prototype, `out["__proto__"] = …` is an own key like any other (on a plain object
  // it would set the prototype and the key would vanish from the file); `hasOwn`, not `in`,
  // so that `constructor` is not taken for a key the plan already has.
  const out = Object.create(null) as Record<string, unknown>;
  if (s?.properties) {
    for (const k of Object.keys(s.properties)) if (Object.hasOwn(obj, k)) out[k] = order(obj[k], s.properties[k]);
    for (const k of Object.keys(obj).sort()) if (!Object.hasOwn(out, k)) out[k] = obj[k];
    return out;
  }
  // A map (year or period -> value): keys in period order.
  const item = typeof s?.additionalProperties === 'object' ? s.additionalProperties : undefined;
  for (const k of Object.keys(obj).sort(periodOrder)) out[k] = order(obj[k], item);
  return out;
}

/** The plan as its canonical file text. */
export function stringifyPlan(plan: Plan): string {
  return JSON.stringify(order(plan, schema as unknown as SchemaNode), null, 2) + '\n';
}
