import { groupsOf, type Dimension, type Group, type IndicatorEntry, type Line, type PlanIndex } from '../plan/plan-index';
import { normalizeCode, reverseCode } from '../numbers/codes';
import { stripInvisibles, toAsciiDigits } from '../numbers/digits';
import { na, PlanError } from './errors';

/** What a `ref` argument names. */
export type Target =
  | { kind: 'indicator'; entry: IndicatorEntry }
  | { kind: 'item'; line: Line }
  | { kind: 'group'; group: Group };

const PREFIXES: Record<string, Dimension> = {
  wg: 'workingGroup',
  workinggroup: 'workingGroup',
  unit: 'unit',
  district: 'district',
  node: 'node',
};
const GROUP_REF = /^\s*([A-Za-z]+)\s*:\s*(.+?)\s*$/;

/**
 * Resolves a ref (design.md): an indicator id, then a unique code, then `ID.ITEM`, or a group
 * `wg:ID` / `workingGroup:ID` / `unit:ID` / `district:ID` / `node:ID`. Persian and Arabic-Indic
 * digits are accepted. Results are cached per index, so a repeated ref is one Map get.
 */
export function resolveRef(index: PlanIndex, ref: unknown): Target | PlanError {
  const raw = typeof ref === 'number' ? String(ref) : ref;
  if (typeof raw !== 'string' || raw.trim() === '') return na('ref is empty: give an indicator id or code, ID.ITEM, or wg:ID', 'مرجع خالی است: شناسه یا کد شاخص، ID.ITEM یا wg:ID بدهید');
  const cached = index.refCache.get(raw) as Target | PlanError | undefined;
  if (cached) return cached;
  const result = resolveUncached(index, raw);
  index.refCache.set(raw, result);
  return result;
}

function resolveUncached(index: PlanIndex, raw: string): Target | PlanError {
  const text = toAsciiDigits(stripInvisibles(raw)).trim();
  const g = GROUP_REF.exec(text);
  if (g && PREFIXES[g[1].toLowerCase()]) {
    const dimension = PREFIXES[g[1].toLowerCase()];
    const groups = groupsOf(index)[dimension];
    const group = groups.get(g[2]) ?? (dimension === 'node' ? groups.get(normalizeCode(g[2])) : undefined);
    return group
      ? { kind: 'group', group }
      : na(`unknown ${dimension} "${g[2]}" (known: ${[...groups.keys()].slice(0, 12).join(', ')})`, `${dimension} "${g[2]}" ناشناخته است`);
  }
  const found = indicatorOrItem(index, text) ?? indicatorOrItem(index, normalizeCode(text));
  if (found) return found;
  const hint = index.indicators.has(reverseCode(normalizeCode(text))) ? ` (did you mean ${reverseCode(normalizeCode(text))}?)` : '';
  return na(`unknown ref "${raw}"${hint}`, `مرجع "${raw}" ناشناخته است${hint}`);
}

function indicatorOrItem(index: PlanIndex, text: string): Target | PlanError | undefined {
  const entry = indicator(index, text);
  if (entry) return entry;
  const item = index.items.get(text);
  if (item) return { kind: 'item', line: item };
  const dot = text.lastIndexOf('.');
  if (dot > 0) {
    const owner = indicator(index, text.slice(0, dot));
    if (owner instanceof PlanError) return owner;
    if (owner) {
      const line = index.items.get(`${owner.entry.id}.${text.slice(dot + 1)}`);
      if (line) return { kind: 'item', line };
      const ids = owner.entry.lines.filter((l) => l.item).map((l) => l.ref);
      return na(
        `${owner.entry.id} has no item "${text.slice(dot + 1)}"${ids.length ? ` (items: ${ids.join(', ')})` : ' (it has no items)'}`,
        `شاخص ${owner.entry.id} زیرشاخص "${text.slice(dot + 1)}" ندارد`,
      );
    }
  }
  return undefined;
}

/** An id, else a code that only one indicator carries; an ambiguous code names its candidates. */
function indicator(index: PlanIndex, text: string): { kind: 'indicator'; entry: IndicatorEntry } | PlanError | undefined {
  const entry = index.indicators.get(text);
  if (entry) return { kind: 'indicator', entry };
  const same = index.codes.get(text);
  if (!same) return undefined;
  if (same.length === 1) return { kind: 'indicator', entry: same[0] };
  const ids = same.map((e) => e.id).join(', ');
  return na(`code "${text}" is ambiguous: it is shared by ${ids}; use one of these ids`, `کد "${text}" مبهم است و میان ${ids} مشترک است؛ یکی از این شناسه‌ها را به کار ببرید`);
}
