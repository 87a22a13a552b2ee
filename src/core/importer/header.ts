// A table's header row (the plan years, the unit of measure, the horizon and the title column) and
// the reading of one data row against it: by the header's columns when the row lines up, by its
// content (text first, then the numbers) when copy and paste shifted it.
import { numberOf, readNumberCell, yearIn } from './cells';

export const HEADER_LABEL = /شاخص\s*هدف\s*عملیاتی|^عنوان$|^زیر\s*شاخص/;
const MEASURE_LABEL = /واحد\s*(?:اندازه|سنجش)|^واحد$|^unit of measure$|^measure$/i;
const HORIZON_LABEL = /افق|هدف\s*نهایی|پنج\s*ساله|^(?:جمع|مجموع)|^horizon|^total/i;
/** The value before the plan (`وضع موجود`): each line's baseline, never the first year's target. */
const BASELINE_LABEL = /وضع\s*(?:موجود|فعلی)|سال\s*(?:پایه|مبنا)|^مبنا|baseline|current\s*(?:value|status)/i;
/** A column of row numbers (`ردیف`): not data, and blanked before a row is read. */
const ROW_NUMBER_LABEL = /^(?:ردیف|شماره\s*ردیف|#|no\.?|row)$/i;
/** A title column that names sub-indicators: its rows are items, never the indicator itself. */
const ITEM_LABEL = /زیر\s*شاخص|sub-?indicator/i;

export interface Header {
  /** 1-based line of the source it was read from. */
  line: number;
  years: number[];
  /** Column of each year, of the measure, the horizon and the title (-1 when absent). */
  yearCol: number[];
  measureCol: number;
  horizonCol: number;
  titleCol: number;
  /** The title column names sub-indicators (`زیر شاخص …`). */
  itemsTitle: boolean;
  /** Columns of row numbers, blanked before a row is read. */
  ignore: number[];
  /** The baseline column (`وضع موجود`), or -1. */
  baselineCol: number;
  width: number;
  rtl: boolean;
}

export function headerOf(cells: string[], line: number): Header | undefined {
  const yearCol: number[] = [];
  const years: number[] = [];
  cells.forEach((c, i) => {
    const y = yearIn(c);
    if (y !== undefined) {
      yearCol.push(i);
      years.push(y);
    }
  });
  // Header years are a run of distinct consecutive years; numbers in a data row rarely are.
  const sorted = [...years].sort((a, b) => a - b);
  if (years.length < 2 || sorted.some((y, i) => i > 0 && y !== sorted[i - 1] + 1)) return undefined;
  const rtl = years[0] > years[years.length - 1];
  const order = years.map((y, i) => [y, yearCol[i]] as const).sort((a, b) => a[0] - b[0]);
  const titleCol = cells.findIndex((c) => HEADER_LABEL.test(c) || /^عنوان/.test(c));
  return {
    line,
    years: order.map((o) => o[0]),
    yearCol: order.map((o) => o[1]),
    measureCol: cells.findIndex((c) => MEASURE_LABEL.test(c)),
    horizonCol: cells.findIndex((c) => HORIZON_LABEL.test(c)),
    titleCol,
    itemsTitle: titleCol >= 0 && ITEM_LABEL.test(cells[titleCol]),
    ignore: cells.map((c, i) => (ROW_NUMBER_LABEL.test(c) ? i : -1)).filter((i) => i >= 0),
    baselineCol: cells.findIndex((c) => BASELINE_LABEL.test(c)),
    width: cells.length,
    rtl,
  };
}

export interface RowReading {
  title: string | null;
  measure: string | null;
  targets: Array<number | null>;
  horizon: number | null;
  /** The value in the baseline column, when the table has one. */
  baseline?: number | null;
  notes: Record<number, string>;
  /** What had to be interpreted, if anything. */
  anomalies: Array<{ found: string; reading: string }>;
}

/** Reads a data row by the header's columns when it lines up with them. */
export function byHeader(given: string[], h: Header): RowReading | undefined {
  const cells = withoutIgnored(given, h);
  const at = (i: number) => (i >= 0 ? cells[i] ?? '' : '');
  const positions = [...h.yearCol, h.horizonCol, h.baselineCol].filter((i) => i >= 0);
  // Every number must sit in a number column, and the title must be text.
  const numberCols = cells.map((c, i) => (numberOf(c) !== undefined && c !== '' ? i : -1)).filter((i) => i >= 0);
  if (numberCols.some((i) => !positions.includes(i))) return undefined;
  if (h.titleCol >= 0 && numberOf(at(h.titleCol)) !== undefined && at(h.titleCol) !== '') return undefined;
  if (h.measureCol >= 0 && at(h.measureCol) !== '' && numberOf(at(h.measureCol)) !== undefined && at(h.measureCol) !== '-') return undefined;
  // A single word in the first year column right after a unit is a second unit cell, and the
  // numbers are shifted: read by content instead.
  const firstYear = at(h.yearCol[0]);
  if (firstYear && readNumberCell(firstYear) === undefined && !/\s/.test(firstYear) && at(h.measureCol) && numberOf(at(h.measureCol)) === undefined) return undefined;
  const notes: Record<number, string> = {};
  const anomalies: RowReading['anomalies'] = [];
  const read = (i: number, what: string, noteKey: number | undefined): number | null => {
    const cell = at(i);
    const r = readNumberCell(cell);
    if (!r) {
      if (noteKey !== undefined) {
        notes[noteKey] = cell;
        anomalies.push({ found: `text instead of a number in the ${what} cell: '${cell}'`, reading: `no ${what} value; the text kept as the ${noteKey} note` });
      } else {
        anomalies.push({ found: `text instead of a number in the ${what} cell: '${cell}'`, reading: `no ${what}; the text is in this report only` });
      }
      return null;
    }
    if (r.decimalComma) anomalies.push({ found: `a decimal comma in the ${what} cell: '${cell}'`, reading: `${r.value}` });
    if (r.words !== undefined) {
      const key = noteKey ?? h.years[h.years.length - 1];
      notes[key] = notes[key] ? `${notes[key]}; ${r.words}` : r.words;
      anomalies.push({ found: `a number followed by words in the ${what} cell: '${cell}'`, reading: `${r.value}, the words kept as the ${key} note` });
    }
    return r.value;
  };
  const targets = h.yearCol.map((i, k) => read(i, String(h.years[k]), h.years[k]));
  const horizon = h.horizonCol >= 0 ? read(h.horizonCol, 'horizon', undefined) : null;
  const baseline = h.baselineCol >= 0 ? read(h.baselineCol, 'baseline', undefined) : undefined;
  // A title outside the header's columns (after the horizon, say) is the text left over.
  let title = h.titleCol >= 0 ? at(h.titleCol) : '';
  if (!title) {
    const used = new Set([...positions, h.measureCol]);
    const rest = cells.filter((c, i) => !used.has(i) && c !== '' && numberOf(c) === undefined);
    if (rest.length) {
      title = rest[rest.length - 1];
      anomalies.unshift({ found: 'shifted: the title is not in the title column', reading: `the text left over ('${title}') as the title` });
    }
  }
  return { title: title || null, measure: at(h.measureCol) || null, targets, horizon, ...(baseline !== undefined ? { baseline } : {}), notes, anomalies };
}

/** Reads a data row that does not line up with its header: text cells, then the numbers. */
export function byContent(given: string[], h: Header): RowReading {
  const cells = withoutIgnored(given, h);
  // Read from the side the text is on: a row printed in the other direction than its header
  // (numbers first, title last) is read from its end.
  const filled = cells.map((c, i) => [c, i] as const).filter(([c]) => c !== '');
  const firstText = filled.findIndex(([c]) => numberOf(c) === undefined);
  const textFirst = firstText >= 0 && firstText < filled.length / 2;
  const ordered = textFirst ? [...cells] : [...cells].reverse();
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

/** A row with its row-number cells blanked (the row number is not a target). */
const withoutIgnored = (cells: string[], h: Header) => (h.ignore.length ? cells.map((c, i) => (h.ignore.includes(i) ? '' : c)) : cells);

/** How many of a row's cells hold numbers (a dash counts: it is a number column's "none"). */
export function numberCells(cells: readonly string[]): number {
  return cells.filter((c) => c !== '' && numberOf(c) !== undefined).length;
}
