// Reading a plan's approved tables, as staff paste them from the Word/PDF book, into a plan.
// The input is rows of cells (TSV, CSV, a sheet); the output is a plan plus an honest report of
// every row that had to be interpreted. Written for such tables in general: headings, code and
// title lines, header rows in either column order, and the usual damage of copy and paste.
import type { Indicator, Item, Plan } from '../plan/plan.types';
import { inferAggregation, nearlyEqual } from '../plan/plan-index';
import { normalizeCode } from '../numbers/codes';
import { stripInvisibles, toAsciiDigits } from '../numbers/digits';
import { parseNumber } from '../numbers/parse-number';

export interface SourceLines {
  /** File name, for the report. */
  source: string;
  /** Rows of cells, as the source gives them. */
  rows: string[][];
}

export interface Anomaly {
  source: string;
  /** 1-based line of the source. */
  line: number;
  /** The indicator (or item) it concerns, once known. */
  ref?: string;
  found: string;
  reading: string;
}

export interface ImportResult {
  plan: Plan;
  anomalies: Anomaly[];
  stats: { workingGroups: number; units: number; blocks: number; indicators: number; rows: number };
}

const CODE_LINE = /کد\s*شاخص\s*(?:هدف\s*)?(?:عملیاتی)?\s*[:：]\s*(.+)$/;
const TITLE_LINE = /عنوان\s*شاخص\s*(?:هدف\s*)?(?:عملیاتی)?\s*[:：]\s*(.+)$/;
const HEADER_LABEL = /شاخص\s*هدف\s*عملیاتی|^عنوان$|^زیر\s*شاخص/;
const WG_HEADING = /^کارگروه\s*(?:تخصصی\s*)?(.+)$/;
const UNIT_HEADING = /^(سازمان|مدیریت|معاونت|اداره|شرکت|شهرداری|مرکز|دفتر)\s+\S/;
const DISTRICT = /منطقه\s*([0-9]+)/;
const MEASURE_LABEL = /واحد\s*اندازه/;
const HORIZON_LABEL = /افق/;

/**
 * Control characters (NUL and the rest of C0 but tab and the line and space controls, DEL, C1),
 * noncharacters U+FFFE/U+FFFF and lone surrogates: what a damaged file, or one read in the wrong
 * encoding, leaves in a cell. Nothing anyone typed, and nothing a sheet could hold.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The control characters of a row, as "U+0000 ×3, U+001B", or '' when there are none. */
function controlsIn(row: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const cell of row) for (const c of cell.match(CONTROL) ?? []) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts]
    .map(([c, n]) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}${n > 1 ? ` ×${n}` : ''}`)
    .join(', ');
}

/** A heading: a line on its own, marked as one (markdown #) or short, not a sentence. */
function isHeading(raw: string, text: string): boolean {
  return /^\s*#/.test(raw) || (text.split(' ').length <= 10 && !/[:.،؛]$/.test(text));
}

/** A cell as text: markdown heading marks, invisible marks and extra spaces gone. */
function clean(cell: string | undefined): string {
  return stripInvisibles(cell ?? '').replace(/^#+\s*/, '').replace(/\s+/g, ' ').trim();
}

/** Cells of a row without the empty cells at its end. */
function trimmed(row: string[]): string[] {
  const cells = row.map(clean);
  while (cells.length && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

const isYear = (cell: string) => /^\d{4}$/.test(toAsciiDigits(cell)) && Number(toAsciiDigits(cell)) > 1300 && Number(toAsciiDigits(cell)) < 1500;

/** A number cell (a number, or - for none); undefined for text. */
function numberOf(cell: string): number | null | undefined {
  if (cell === '') return null;
  const r = parseNumber(cell);
  return r.ok ? r.value : undefined;
}

interface Header {
  years: number[];
  /** Column of each year, of the measure, the horizon and the title (-1 when absent). */
  yearCol: number[];
  measureCol: number;
  horizonCol: number;
  titleCol: number;
  width: number;
  rtl: boolean;
}

function headerOf(cells: string[]): Header | undefined {
  const yearCol: number[] = [];
  const years: number[] = [];
  cells.forEach((c, i) => {
    if (isYear(c)) {
      yearCol.push(i);
      years.push(Number(toAsciiDigits(c)));
    }
  });
  if (years.length < 2) return undefined;
  const rtl = years[0] > years[years.length - 1];
  const order = years.map((y, i) => [y, yearCol[i]] as const).sort((a, b) => a[0] - b[0]);
  return {
    years: order.map((o) => o[0]),
    yearCol: order.map((o) => o[1]),
    measureCol: cells.findIndex((c) => MEASURE_LABEL.test(c)),
    horizonCol: cells.findIndex((c) => HORIZON_LABEL.test(c)),
    titleCol: cells.findIndex((c) => HEADER_LABEL.test(c) || /^عنوان/.test(c)),
    width: cells.length,
    rtl,
  };
}

interface RowReading {
  title: string | null;
  measure: string | null;
  targets: Array<number | null>;
  horizon: number | null;
  notes: Record<number, string>;
  /** What had to be interpreted, if anything. */
  anomalies: Array<{ found: string; reading: string }>;
}

/** Reads a data row by the header's columns when it lines up with them. */
function byHeader(cells: string[], h: Header): RowReading | undefined {
  const at = (i: number) => (i >= 0 ? cells[i] ?? '' : '');
  const positions = [...h.yearCol, h.horizonCol].filter((i) => i >= 0);
  // Every number must sit in a number column, and the title must be text.
  const numberCols = cells.map((c, i) => (numberOf(c) !== undefined && c !== '' ? i : -1)).filter((i) => i >= 0);
  if (numberCols.some((i) => !positions.includes(i))) return undefined;
  if (h.titleCol >= 0 && numberOf(at(h.titleCol)) !== undefined && at(h.titleCol) !== '') return undefined;
  if (h.measureCol >= 0 && at(h.measureCol) !== '' && numberOf(at(h.measureCol)) !== undefined && at(h.measureCol) !== '-') return undefined;
  // A single word in the first year column right after a unit is a second unit cell, and the
  // numbers are shifted: read by content instead.
  const firstYear = at(h.yearCol[0]);
  if (firstYear && numberOf(firstYear) === undefined && !/\s/.test(firstYear) && at(h.measureCol) && numberOf(at(h.measureCol)) === undefined) return undefined;
  const notes: Record<number, string> = {};
  const targets = h.yearCol.map((i, k) => {
    const v = numberOf(at(i));
    if (v === undefined) {
      notes[h.years[k]] = at(i);
      return null;
    }
    return v;
  });
  const horizon = h.horizonCol >= 0 ? numberOf(at(h.horizonCol)) ?? null : null;
  // A title outside the header's columns (after the horizon, say) is the text left over.
  let title = h.titleCol >= 0 ? at(h.titleCol) : '';
  const anomalies: RowReading['anomalies'] = [];
  if (!title) {
    const used = new Set([...positions, h.measureCol]);
    const rest = cells.filter((c, i) => !used.has(i) && c !== '' && numberOf(c) === undefined);
    if (rest.length) {
      title = rest[rest.length - 1];
      anomalies.push({ found: 'shifted: the title is not in the title column', reading: `the text left over ('${title}') as the title` });
    }
  }
  for (const [y, t] of Object.entries(notes)) {
    anomalies.push({ found: `text instead of a number in the ${y} cell: '${t}'`, reading: `no ${y} target; the text kept as the ${y} note` });
  }
  return { title: title || null, measure: at(h.measureCol) || null, targets, horizon, notes, anomalies };
}

/** Reads a data row that does not line up with its header: text cells, then the numbers. */
function byContent(cells: string[], h: Header): RowReading {
  const ordered = h.rtl ? [...cells].reverse() : [...cells];
  const n = h.years.length;
  const texts: string[] = [];
  const values: Array<number | null> = [];
  for (const c of ordered) {
    const v = numberOf(c);
    if (v === undefined) {
      texts.push(c); // before the numbers, or after them (a title printed last)
    } else if (c !== '' || values.length > 0) {
      values.push(v);
    }
  }
  const textCells = texts.filter((t) => t !== '');
  const title = textCells[0] ?? null;
  const measures = textCells.slice(1);
  const measure = measures.length ? measures[measures.length - 1] : null;
  const found: string[] = ['the row does not line up with its header'];
  const reading: string[] = [`the first ${n} numbers as ${h.years[0]}-${h.years[n - 1]}`];
  if (!measure) found.push('no unit-of-measure cell (numbers start in the unit column)');
  if (measures.length > 1) {
    found.push(`two unit cells (${measures.map((m) => `'${m}'`).join(', ')})`);
    reading.push(`'${measure}' as the unit`);
  }
  const targets = values.slice(0, n);
  while (targets.length < n) targets.push(null);
  let horizon: number | null = null;
  if (values.length > n) {
    horizon = values[n];
    reading.push('the next number as the horizon');
  } else {
    found.push(`only ${values.length} numbers`);
    reading.push('no horizon');
  }
  if (values.length > n + 1) reading.push(`extra trailing value(s) ${values.slice(n + 1).join(', ')} ignored`);
  return { title, measure, targets, horizon, notes: {}, anomalies: [{ found: found.join('; '), reading: reading.join('; ') }] };
}

interface Block {
  source: string;
  line: number;
  code: string;
  workingGroup: string;
  unit: string | null;
  title: string | null;
  header?: Header;
  rows: Array<RowReading & { line: number }>;
  /** A data row whose title cell held a header label: its title comes on the next line. */
  pendingTitle?: RowReading & { line: number };
}

interface Slugs {
  ids: Map<string, string>;
  prefix: string;
}

function slug(s: Slugs, title: string): string {
  if (!s.ids.has(title)) s.ids.set(title, `${s.prefix}${s.ids.size + 1}`);
  return s.ids.get(title)!;
}

export interface ImportOptions {
  id?: string;
  title?: string;
  locale?: string;
}

/** Reads pasted plan tables (one or more sources) into a plan and a report of what was interpreted. */
export function importTables(sources: readonly SourceLines[], options: ImportOptions = {}): ImportResult {
  const anomalies: Anomaly[] = [];
  const blocks: Block[] = [];
  const note = (source: string, line: number, found: string, reading: string, ref?: string) => anomalies.push({ source, line, found, reading, ...(ref ? { ref } : {}) });

  for (const { source, rows } of sources) {
    let workingGroup = '';
    let unit: string | null = null;
    let block: Block | undefined;
    let pendingHeader: string[] = [];
    rows.forEach((given, i) => {
      const line = i + 1;
      // Stripped before anything reads the row: a NUL inside a label or a year hides the table.
      const controls = controlsIn(given);
      if (controls) note(source, line, `control characters in the row (${controls})`, 'the text without them', block?.code);
      const raw = controls ? given.map((c) => c.replace(CONTROL, '')) : given;
      const cells = trimmed(raw);
      const filled = cells.filter((c) => c !== '');
      if (filled.length === 0) return;
      // Labels and headings are found wherever the text sits (a right-to-left row puts it last).
      const first = filled[0];
      const lone = filled.length === 1;
      const code = CODE_LINE.exec(first);
      if (code) {
        const normalized = normalizeCode(clean(code[1]));
        block = { source, line, code: normalized, workingGroup, unit, title: null, rows: [] };
        blocks.push(block);
        pendingHeader = [];
        return;
      }
      const rawFirst = raw.find((c) => clean(c) !== '') ?? '';
      const wg = lone && isHeading(rawFirst, first) && WG_HEADING.exec(first);
      if (wg) {
        workingGroup = first;
        unit = null;
        block = undefined;
        return;
      }
      if (lone && UNIT_HEADING.test(first) && isHeading(rawFirst, first)) {
        unit = first;
        block = undefined;
        return;
      }
      if (!block) return; // prose between tables
      const title = TITLE_LINE.exec(first);
      if (title) {
        block.title = clean(title[1]);
        return;
      }
      const header = headerOf(cells);
      if (header) {
        // A header split over lines: the title label came alone on the line before.
        if (header.titleCol < 0 && pendingHeader.length) note(source, line, 'the header is split over two lines', 'the columns of the second line', block.code);
        block.header = header;
        pendingHeader = [];
        return;
      }
      if (!block.header) {
        if (cells.every((c) => HEADER_LABEL.test(c) || c === '')) pendingHeader = cells;
        return;
      }
      // A line with only a title: the title of a row whose values came on the line before.
      if (block.pendingTitle && cells.filter((c) => c !== '').length === 1 && numberOf(first) === undefined) {
        const row = { ...block.pendingTitle, title: first };
        block.rows.push(row);
        note(source, block.pendingTitle.line, 'row split over two lines: values on one line, the title on the next', `title from line ${line}`, block.code);
        block.pendingTitle = undefined;
        return;
      }
      const reading = byHeader(cells, block.header) ?? byContent(cells, block.header);
      const row = { ...reading, line };
      if (reading.title && HEADER_LABEL.test(reading.title)) {
        block.pendingTitle = row;
        return;
      }
      block.rows.push(row);
    });
  }
  return assemble(blocks, anomalies, options);
}

function assemble(blocks: Block[], anomalies: Anomaly[], options: ImportOptions): ImportResult {
  const wgSlugs: Slugs = { ids: new Map(), prefix: 'wg' };
  const unitSlugs: Slugs = { ids: new Map(), prefix: 'u' };
  const unitWgs = new Map<string, Set<string>>();
  const districts = new Map<string, string>();
  const years = new Set<number>();
  const indicators: Indicator[] = [];
  const byKey = new Map<string, Indicator>();
  const usedIds = new Map<string, number>();
  const sourceOf = (b: Block) => b.source;
  let rowsRead = 0;

  for (const b of blocks) {
    if (b.rows.length === 0) continue;
    const wgTitle = clean(b.workingGroup.replace(WG_HEADING, '$1')) || 'کارگروه';
    const wgId = slug(wgSlugs, wgTitle);
    let unitTitle = b.unit;
    if (!unitTitle) {
      unitTitle = `معاونت ${wgTitle}`;
      anomalies.push({ source: sourceOf(b), line: b.line, found: 'a table before any unit heading', reading: `assigned to the working group's deputy office (${unitTitle})`, ref: b.code });
    }
    const unitId = slug(unitSlugs, unitTitle);
    (unitWgs.get(unitTitle) ?? unitWgs.set(unitTitle, new Set()).get(unitTitle)!).add(wgId);
    for (const y of b.header?.years ?? []) years.add(y);

    // A table continued under the same code (same unit, no new title) is the same indicator.
    const key = `${b.code}\u0000${unitId}`;
    const previous = byKey.get(key);
    const continued = previous && b.title === null;
    let ind: Indicator;
    if (continued) {
      ind = previous!;
      anomalies.push({ source: sourceOf(b), line: b.line, found: `the table of ${b.code} continues`, reading: 'merged into the indicator above', ref: ind.id });
      if (!ind.items) {
        ind.items = [lineToItem(ind, 1)];
        stripLine(ind);
      }
    } else {
      const n = (usedIds.get(b.code) ?? 0) + 1;
      usedIds.set(b.code, n);
      const id = n === 1 ? b.code : `${b.code}@${unitId}${indicators.some((x) => x.id === `${b.code}@${unitId}`) ? `-${n}` : ''}`;
      ind = { id, code: b.code, title: b.title ?? (b.rows.length === 1 ? b.rows[0].title : null), workingGroup: wgId, unit: unitId, polarity: 'positive' };
      indicators.push(ind);
      byKey.set(key, ind);
    }
    const asItems = continued || b.title !== null || b.rows.length > 1;
    b.rows.forEach((r) => {
      rowsRead++;
      const targets: Record<string, number | null> = {};
      (b.header?.years ?? []).forEach((y, k) => (targets[String(y)] = r.targets[k]));
      const notes: Record<string, string> = {};
      for (const [y, t] of Object.entries(r.notes)) notes[y] = t;
      const district = DISTRICT.exec(toAsciiDigits(r.title ?? ''));
      if (district) districts.set(`d${district[1]}`, `منطقه ${district[1]}`);
      const fields = {
        measure: r.measure,
        targets,
        horizon: r.horizon,
        aggregation: inferAggregation(targets, r.horizon),
        ...(Object.keys(notes).length ? { notes } : {}),
      };
      let guess: { found: string; reading: string } | undefined;
      if (r.horizon !== null && fields.aggregation === 'last') {
        const vals = Object.values(targets).filter((v): v is number => v !== null);
        const last = vals[vals.length - 1];
        if (last !== undefined && !nearlyEqual(last, r.horizon)) {
          const max = Math.max(...vals);
          if (nearlyEqual(max, r.horizon)) {
            fields.aggregation = 'max';
            guess = { found: `horizon ${r.horizon} is neither the sum nor the last of the targets, but their largest`, reading: 'aggregation max' };
          }
        }
      }
      if (guess) r.anomalies.push(guess);
      if (asItems) {
        const items = (ind.items ??= []);
        const item: Item = { id: String(items.length + 1), title: r.title, ...fields, ...(district ? { district: `d${district[1]}` } : {}) };
        items.push(item);
        for (const a of r.anomalies) anomalies.push({ source: sourceOf(b), line: r.line, ...a, ref: `${ind.id}.${item.id}` });
      } else {
        Object.assign(ind, fields);
        ind.title ??= r.title;
        for (const a of r.anomalies) anomalies.push({ source: sourceOf(b), line: r.line, ...a, ref: ind.id });
      }
    });
  }

  const sortedYears = [...years].sort((a, b) => a - b);
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
      ...(anomalies.length ? { importNotes: anomalies.map((a) => ({ source: a.source, line: a.line, ...(a.ref ? { ref: a.ref } : {}), found: a.found, reading: a.reading })) } : {}),
    },
    nodes: [],
    workingGroups: [...wgSlugs.ids].map(([title, id]) => ({ id, title })),
    units: [...unitSlugs.ids].map(([title, id]) => ({ id, title, workingGroups: [...(unitWgs.get(title) ?? [])] })),
    districts: [...districts].sort().map(([id, title]) => ({ id, title })),
    indicators,
  };
  return {
    plan,
    anomalies,
    stats: { workingGroups: wgSlugs.ids.size, units: unitSlugs.ids.size, blocks: blocks.filter((b) => b.rows.length).length, indicators: indicators.length, rows: rowsRead },
  };
}

/** An indicator's own line as its first item (when a continued table turns it into items). */
function lineToItem(ind: Indicator, n: number): Item {
  return { id: String(n), title: ind.title ?? null, measure: ind.measure ?? null, targets: ind.targets ?? {}, horizon: ind.horizon ?? null, aggregation: ind.aggregation, ...(ind.notes ? { notes: ind.notes } : {}) };
}

function stripLine(ind: Indicator): void {
  delete ind.targets;
  delete ind.horizon;
  delete ind.notes;
  delete ind.measure;
}
