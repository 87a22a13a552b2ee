// From the tables found to a plan: which table is an indicator of its own and which continues the
// one above, ids for repeated codes, districts, polarity and aggregation with their reasons, and
// the account that finds every table and row again.
import type { Indicator, Item, Plan } from '../plan/plan.types';
import { toPersianDigits } from '../numbers/digits';
import { nearlyEqual } from '../plan/plan-index';
import { inferAggregationWithReason, inferPolarity } from './inference';
import { nameKey } from './units';
import { why } from './skip-reasons';
import type { Anomaly, Block, BlockRow, ImportAccount, ImportOptions, ImportResult, ScanSink } from './types';

/** Ids handed out in order of first appearance (`wg1`, `u2`). */
class Slugs {
  readonly ids = new Map<string, string>();
  constructor(private readonly prefix: string) {}
  of(key: string): string {
    if (!this.ids.has(key)) this.ids.set(key, `${this.prefix}${this.ids.size + 1}`);
    return this.ids.get(key)!;
  }
}

/** The block measures sub-indicators: a title line above its rows, several rows, or a sub-indicator header. */
const hasItems = (b: Block) => b.title !== null || b.rows.length > 1 || !!b.header?.itemsTitle;
const sameTitle = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && nameKey(a) === nameKey(b);

/**
 * Whether a table continues the one above it (same code, same unit): it has no title of its own,
 * or repeats the same title. A one-row table whose row is an indicator's title (the book's
 * "عنوان شاخص" header) under an indicator that was a single line is another indicator.
 */
function continues(b: Block, prev: Block | undefined, prevIndicator: Indicator | undefined): boolean {
  if (!prev || !prevIndicator || prev.code !== b.code || (prev.unit?.title ?? null) !== (b.unit?.title ?? null)) return false;
  if (b.title !== null) return sameTitle(b.title, prevIndicator.title);
  if (hasItems(prev) || b.header?.itemsTitle) return true;
  return b.rows.length === 1 && sameTitle(b.rows[0].title, prevIndicator.title);
}

export function assemble(sink: ScanSink, sources: readonly string[], options: ImportOptions): ImportResult {
  const notes: Anomaly[] = sink.notes;
  const wgSlugs = new Slugs('wg');
  const unitSlugs = new Slugs('u');
  const unitIds = new Map<string, string>();
  const unitWgs = new Map<string, Set<string>>();
  const districts = new Set<number>();
  const years = new Set<number>();
  const indicators: Indicator[] = [];
  const ids = new Set<string>();
  const account: ImportAccount = { codes: [], tables: sink.blocks.length, indicators: 0, continued: 0, skippedTables: [], rowsRead: 0, ...sink.account, sources: sources.map((source) => ({ source, tables: sink.blocks.filter((b) => b.source === source && b.rows.length).length })) };
  let prev: Block | undefined;
  let prevIndicator: Indicator | undefined;

  for (const k of options.knownUnits ?? []) unitIds.set(k.title, k.id);
  for (const b of sink.blocks) {
    const note = (line: number, found: string, reading: string, ref?: string) => notes.push({ source: b.source, line, found, reading, ...(ref ? { ref } : {}) });
    if (b.rows.length === 0 || b.noCode) {
      account.skippedTables.push({ source: b.source, line: b.line, text: b.code, reason: b.noCode ? why.codeLineWithoutCode(b.code, b.rows.length) : why.noRows() });
      for (const r of b.rows) account.skippedRows.push({ source: b.source, line: r.line, text: r.title ?? '', reason: why.inCodelessTable() });
      account.codes.push({ source: b.source, line: b.line, code: b.code, as: 'skipped' });
      continue;
    }
    for (const y of b.header?.years ?? []) years.add(y);
    const wgId = b.workingGroup ? wgSlugs.of(b.workingGroup) : undefined;
    let unitId: string | undefined;
    if (b.unit) {
      unitId = b.unit.known?.id ?? unitIds.get(b.unit.title) ?? unitSlugs.of(b.unit.title);
      unitIds.set(b.unit.title, unitId);
      if (wgId) (unitWgs.get(unitId) ?? unitWgs.set(unitId, new Set()).get(unitId)!).add(wgId);
    }

    let ind: Indicator;
    if (continues(b, prev, prevIndicator)) {
      ind = prevIndicator!;
      account.continued++;
      account.codes.push({ source: b.source, line: b.line, code: b.code, as: 'continued', id: ind.id! });
      note(b.line, `the table of ${b.code} continues (same code and unit, no title of its own)`, `merged into ${ind.id}, the table at line ${prev!.line}`, ind.id);
      if (!ind.items) {
        ind.items = [lineToItem(ind)];
        stripLine(ind);
      }
    } else {
      const ownTitle = b.title ?? (hasItems(b) ? null : b.rows[0].title);
      const id = freeId(b.code, unitId, wgId, ids);
      if (id !== b.code) {
        const why = prev?.code === b.code ? `its own title ('${ownTitle ?? ''}') under the same code as the table at line ${prev.line}` : `the code ${b.code} is used by another table`;
        note(b.line, why, `a separate indicator with the id ${id}`, id);
      }
      ind = { id, code: b.code, title: ownTitle, ...(wgId ? { workingGroup: wgId } : {}), ...(unitId ? { unit: unitId } : {}), polarity: 'positive', ...b.given };
      ids.add(id);
      indicators.push(ind);
      account.indicators++;
      account.codes.push({ source: b.source, line: b.line, code: b.code, as: 'indicator', id });
      if (!b.unit) note(b.line, `no unit for the table of ${b.code}${options.knownUnits ? ' (no heading above it names a known unit)' : ' (no unit heading above it)'}`, 'no unit: set it in the definitions sheet', id);
      if (!wgId) note(b.line, `no working group for the table of ${b.code}`, 'no working group: set it in the definitions sheet', id);
      // An indicator measured by items: its title speaks for all of them; a single line is judged with its targets below.
      const p = hasItems(b) ? inferPolarity(ownTitle, [], 'other') : undefined;
      if (p?.reason) {
        ind.polarity = p.value;
        note(b.line, `polarity inferred: ${p.reason}`, `${p.value}; confirm or correct it in the definitions sheet`, id);
      }
    }
    const asItems = !!ind.items || hasItems(b);
    for (const r of b.rows) {
      account.rowsRead++;
      const line = measuredLine(b, r, ind, asItems, note);
      if (line.district) districts.add(Number(line.district.slice(1)));
    }
    prev = b;
    prevIndicator = ind;
  }

  const sortedYears = [...years].sort((a, b) => a - b);
  const fa = (options.locale ?? 'fa-IR').toLowerCase().startsWith('fa');
  const used = new Set(indicators.map((i) => i.unit).filter((u): u is string => !!u));
  const units = [
    ...(options.knownUnits ?? []).map((k) => ({ id: k.id, title: k.title, ...(k.titleEn ? { titleEn: k.titleEn } : {}), workingGroups: [...(unitWgs.get(k.id) ?? [])] })),
    ...[...unitSlugs.ids].filter(([, id]) => used.has(id)).map(([title, id]) => ({ id, title, workingGroups: [...(unitWgs.get(id) ?? [])] })),
  ];
  const plan: Plan = {
    format: 'plansheets.plan',
    version: 1,
    meta: {
      id: options.id ?? 'imported',
      title: options.title ?? 'برنامه واردشده',
      locale: options.locale ?? 'fa-IR',
      calendar: 'jalali',
      years: (sortedYears.length ? sortedYears : [1402, 1403, 1404, 1405, 1406]) as [number, ...number[]],
      ...(sortedYears.length ? { baselineYear: sortedYears[0] - 1 } : {}),
      revision: 0,
      ...(notes.length ? { importNotes: notes.map((a) => ({ source: a.source, line: a.line, ...(a.ref ? { ref: a.ref } : {}), found: a.found, reading: a.reading })) } : {}),
    },
    nodes: [],
    workingGroups: [...wgSlugs.ids].map(([title, id]) => ({ id, title })),
    units,
    districts: [...districts].sort((a, b) => a - b).map((n) => ({ id: `d${n}`, title: `منطقه ${fa ? toPersianDigits(String(n)) : n}` })),
    indicators,
  };
  return {
    plan,
    anomalies: notes,
    stats: { workingGroups: wgSlugs.ids.size, units: units.length, blocks: account.indicators + account.continued, indicators: indicators.length, rows: account.rowsRead },
    account,
  };
}

/** An id for a code not taken yet: the code, else `CODE@UNIT`, else `CODE@UNIT-2`… */
function freeId(code: string, unitId: string | undefined, wgId: string | undefined, taken: Set<string>): string {
  if (!taken.has(code)) return code;
  const base = `${code}@${unitId ?? wgId ?? 'x'}`;
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

type Note = (line: number, found: string, reading: string, ref?: string) => void;

/** One row as a measured line: the indicator's own, or a new item; its inferences reported. */
function measuredLine(b: Block, r: BlockRow, ind: Indicator, asItem: boolean, note: Note): { district?: string } {
  const targets: Record<string, number | null> = {};
  (b.header?.years ?? []).forEach((y, k) => (targets[String(y)] = r.targets[k]));
  const notes: Record<string, string> = {};
  for (const [y, t] of Object.entries(r.notes)) notes[y] = t;
  const agg = inferAggregationWithReason(targets, r.horizon);
  const district = r.district !== undefined ? `d${r.district}` : undefined;
  const fields = {
    measure: r.measure,
    targets,
    horizon: r.horizon,
    aggregation: agg.value,
    ...(typeof r.baseline === 'number' ? { baseline: { cumulative: null, previous: r.baseline } } : {}),
    ...(Object.keys(notes).length ? { notes } : {}),
  };
  let ref: string;
  let owner: Indicator | Item;
  if (asItem) {
    const items = (ind.items ??= []);
    const item: Item = { id: String(items.length + 1), title: r.title, ...fields, ...(district ? { district } : {}) };
    items.push(item);
    ref = `${ind.id}.${item.id}`;
    owner = item;
  } else {
    Object.assign(ind, fields);
    ind.title ??= r.title;
    ref = ind.id!;
    owner = ind;
  }
  for (const a of r.anomalies) note(r.line, a.found, a.reading, ref);
  if (agg.reason) note(r.line, `aggregation inferred: ${agg.reason}`, `${agg.value}; confirm or correct it in the definitions sheet`, ref);
  if (r.polarity) {
    if (r.polarity !== ind.polarity) owner.polarity = r.polarity;
  } else {
    const vals = r.targets.filter((v): v is number => v !== null);
    const shape = agg.value === 'sum' ? 'sum' : r.horizon !== null && vals.length && nearlyEqual(vals[vals.length - 1], r.horizon) ? 'level' : 'other';
    const p = inferPolarity(r.title, r.targets, shape);
    if (p.reason) {
      if (p.value !== ind.polarity) owner.polarity = p.value;
      note(r.line, `polarity inferred: ${p.reason}`, `${p.value}; confirm or correct it in the definitions sheet`, ref);
    }
  }
  return district ? { district } : {};
}

/** An indicator's own line as its first item (when a continued table turns it into items). */
function lineToItem(ind: Indicator): Item {
  return { id: '1', title: ind.title ?? null, measure: ind.measure ?? null, targets: ind.targets ?? {}, horizon: ind.horizon ?? null, aggregation: ind.aggregation, ...(ind.notes ? { notes: ind.notes } : {}), ...(ind.polarity === 'negative' ? { polarity: 'negative' as const } : {}) };
}

function stripLine(ind: Indicator): void {
  delete ind.targets;
  delete ind.horizon;
  delete ind.notes;
  delete ind.measure;
}
