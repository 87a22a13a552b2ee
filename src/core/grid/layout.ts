// The indicator sheets as plain data: which sheets, which columns, which rows, which cells.
// The add-in writes them with Office.js and the CLI with exceljs; both read them back through
// read.ts. Row 1 holds hidden column ids (language-independent), row 2 the headers people read.
import type { IndicatorEntry, Line, PlanIndex } from '../plan/plan-index';
import { annualFormula, cumulativeFormula, statusFormula, weightedMeanFormula, type FormulaContext } from './formulas';
import { header, planLang, POLARITY_WORDS, STATUS_WORDS, UNASSIGNED, type HeaderKey, type SheetLang } from './labels';
import { isReservedSheetName, TEMP_PREFIX } from './reserved-names';

export type SheetBy = 'workingGroup' | 'unit';

/** The id of the key column; a sheet whose A1 holds it is a PlanSheets indicator sheet. */
export const KEY_ID = 'plansheets:key';
export const ID_ROW = 1;
export const HEADER_ROW = 2;
export const FIRST_DATA_ROW = 3;

export type ColumnKind = Exclude<HeaderKey, 'key'> | 'key';

export interface Column {
  kind: ColumnKind;
  year?: number;
  /** Machine id in the hidden first row: `actual:1403`, `comment`, `plansheets:key`. */
  id: string;
  header: string;
  editable: boolean;
  /** Excel number format. */
  format?: string;
  width: number;
  hidden?: boolean;
  /** What a cell may hold, offered as Excel's drop-down list (titles, words). */
  choices?: readonly string[];
}

export type Formula = { formula: string };
export type Cell = string | number | null | Formula;

export interface SheetRow {
  /** `ID` or `ID.ITEM`. */
  ref: string;
  /** `header`: an indicator with items (its items follow); `line`: a measured line. */
  kind: 'header' | 'line';
  cells: Cell[];
  /** Ids of editable columns this row does not have (locked, and refused if typed). */
  closed?: readonly string[];
}

export interface SheetModel {
  name: string;
  /** The working group or unit the sheet holds ('' for indicators without one). */
  groupKey: string;
  rtl: boolean;
  lang: SheetLang;
  columns: Column[];
  rows: SheetRow[];
  /** `definitions`: the Definitions sheet (definitions.ts); indicator sheets leave it out. */
  kind?: 'definitions';
}

export const isFormula = (c: Cell): c is Formula => c !== null && typeof c === 'object';

/**
 * Whether a person may type in a row's cell of a column: an editable column, except a header
 * row's actuals and targets (its items' to type) and the columns a row does not have.
 */
export const cellOpen = (row: SheetRow, column: Column): boolean =>
  column.editable && !(row.kind === 'header' && (column.kind === 'actual' || column.kind === 'target' || column.kind === 'horizon')) && !row.closed?.includes(column.id);

/**
 * The number format of measured values (targets, actuals, horizons). Excel has no format that
 * shows decimals only when a number has them: `#,##0.##` shows 95 as "95.", so General it is.
 */
export const VALUE_FORMAT = 'General';

/** Column letters of a 0-based column index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The sheet's column ids, in order, for a plan's years. */
export function columnsFor(years: readonly number[], lang: SheetLang): Column[] {
  const col = (kind: ColumnKind, editable: boolean, width: number, extra: Partial<Column> = {}): Column => ({
    kind,
    id: kind === 'key' ? KEY_ID : extra.year !== undefined ? `${kind}:${extra.year}` : kind,
    header: header(lang, kind, extra.year),
    editable,
    width,
    ...extra,
  });
  const columns: Column[] = [
    col('key', false, 14, { hidden: true }),
    col('code', false, 11),
    col('title', false, 42),
    col('unit', false, 18),
    col('district', false, 10),
    col('measure', false, 12),
    col('polarity', false, 9),
  ];
  for (const year of years) {
    columns.push(
      col('target', false, 10, { year, format: VALUE_FORMAT }),
      col('actual', true, 10, { year, format: VALUE_FORMAT }),
      col('achievement', false, 10, { year, format: '0.0%' }),
      col('status', false, 9, { year }),
    );
  }
  columns.push(col('horizon', false, 10, { format: VALUE_FORMAT }), col('cumulative', false, 12, { format: '0.0%' }), col('comment', true, 36));
  return columns;
}

/**
 * A sheet name Excel accepts, from a title: at most 31 characters, none of \ / ? * [ ] :, no
 * apostrophe first or last, not the reserved "History", unique in the book without regard to case
 * (Excel's rules: support.microsoft.com "Rename a worksheet"); and never one of PlanSheets' own
 * sheets' names in either language nor a temporary name (reserved-names.ts), which it would
 * collide with or be taken for. `taken` holds lower-cased names and gets the new one.
 */
export function sheetName(title: string, taken: Set<string>): string {
  const trim = (s: string) => s.replace(/^['\s]+|['\s]+$/g, '');
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  let clean = trim(title.replace(/[\\/?*[\]:\u0000-\u001f]/g, ' ').replace(/\s+/g, ' ')) || 'Sheet';
  // Out of the temporary names' space: "PlanSheets~1" becomes "PlanSheets 1".
  if (clean.toLowerCase().startsWith(TEMP_PREFIX.toLowerCase())) clean = trim(`${clean.slice(0, TEMP_PREFIX.length - 1)} ${clean.slice(TEMP_PREFIX.length)}`);
  // Cut at a length without splitting a surrogate pair (which would write a broken character).
  const fit = (suffix: string) => {
    let cut = 31 - suffix.length;
    if (/[\ud800-\udbff]/.test(clean.charAt(cut - 1))) cut--;
    return trim(clean.slice(0, cut)) + suffix;
  };
  // A suffixed name ends with ")": never reserved, since no reserved name does and none starts with TEMP_PREFIX.
  let name = fit('');
  for (let n = 2; taken.has(name.toLowerCase()) || isReservedSheetName(name); n++) name = fit(` (${n})`);
  taken.add(name.toLowerCase());
  return name;
}

export interface LayoutOptions {
  by?: SheetBy;
  lang?: SheetLang;
}

/** The indicator sheets of a plan: one per working group (or unit), rows in plan order. */
export function layoutSheets(index: PlanIndex, options: LayoutOptions = {}): SheetModel[] {
  const by = options.by ?? 'workingGroup';
  const lang: SheetLang = options.lang ?? planLang(index);
  const plan = index.plan;
  const defs = (by === 'workingGroup' ? plan.workingGroups : plan.units) ?? [];
  const groups = new Map<string, { title: string; entries: IndicatorEntry[] }>(
    defs.map((d) => [d.id, { title: lang === 'en' ? d.titleEn ?? d.title : d.title, entries: [] }]),
  );
  for (const entry of index.indicatorList) {
    const key = (by === 'workingGroup' ? entry.indicator.workingGroup : entry.indicator.unit) ?? '';
    if (!groups.has(key)) groups.set(key, { title: key === '' ? UNASSIGNED[lang] : key, entries: [] });
    groups.get(key)!.entries.push(entry);
  }
  const unitTitles = new Map((plan.units ?? []).map((u) => [u.id, lang === 'en' ? u.titleEn ?? u.title : u.title]));
  const districtTitles = new Map((plan.districts ?? []).map((d) => [d.id, lang === 'en' ? d.titleEn ?? d.title : d.title]));
  const ctx: FormulaContext = index.settings;
  const columns = columnsFor(index.years, lang);
  const taken = new Set<string>();
  const sheets: SheetModel[] = [];
  for (const [groupKey, group] of groups) {
    if (group.entries.length === 0) continue;
    const rows: SheetRow[] = [];
    for (const entry of group.entries) {
      if (entry.hasItems) {
        const headerRow = FIRST_DATA_ROW + rows.length;
        rows.push(headerRowOf(entry, columns, unitTitles, lang));
        for (const line of entry.lines) rows.push(lineRow(line, columns, FIRST_DATA_ROW + rows.length, ctx, unitTitles, districtTitles, lang));
        fillItemRollups(rows[headerRow - FIRST_DATA_ROW], columns, headerRow, entry.lines, ctx, lang);
      } else {
        rows.push(lineRow(entry.self, columns, FIRST_DATA_ROW + rows.length, ctx, unitTitles, districtTitles, lang));
      }
    }
    sheets.push({ name: sheetName(group.title, taken), groupKey, rtl: lang === 'fa', lang, columns, rows });
  }
  return sheets;
}

function cellAt(columns: Column[], row: number, id: string): string {
  return `${columnLetter(columns.findIndex((c) => c.id === id))}${row}`;
}

function lineRow(
  line: Line,
  columns: Column[],
  row: number,
  ctx: FormulaContext,
  unitTitles: Map<string, string>,
  districtTitles: Map<string, string>,
  lang: SheetLang,
): SheetRow {
  const ind = line.entry.indicator;
  const at = (id: string) => cellAt(columns, row, id);
  const years = columns.filter((c) => c.kind === 'actual').map((c) => c.year!);
  const A = years.map((y) => at(`actual:${y}`));
  const T = years.map((y) => at(`target:${y}`));
  const cells = columns.map((c): Cell => {
    const y = c.year;
    switch (c.kind) {
      case 'key': return line.ref;
      case 'code': return line.item ? `${ind.code}.${line.item.id}` : ind.code;
      case 'title': return line.title || null;
      case 'unit': return ind.unit ? unitTitles.get(ind.unit) ?? ind.unit : null;
      case 'district': return line.district ? districtTitles.get(line.district) ?? line.district : null;
      case 'measure': return line.measure || null;
      case 'polarity': return POLARITY_WORDS[lang][line.polarity];
      case 'target': return line.targetByYear[years.indexOf(y!)];
      case 'actual': return line.actualByYear[years.indexOf(y!)];
      case 'achievement': return { formula: annualFormula(line, at(`actual:${y}`), at(`target:${y}`), ctx) };
      case 'status': return { formula: statusFormula(at(`achievement:${y}`), ctx, STATUS_WORDS[lang]) };
      case 'horizon': return line.horizon;
      case 'cumulative': return { formula: cumulativeFormula(line, A, T, ctx) };
      case 'comment': return (line.item ?? ind).comment ?? null;
      default: return null;
    }
  });
  return { ref: line.ref, kind: 'line', cells };
}

function headerRowOf(entry: IndicatorEntry, columns: Column[], unitTitles: Map<string, string>, lang: SheetLang): SheetRow {
  const ind = entry.indicator;
  const cells = columns.map((c): Cell => {
    switch (c.kind) {
      case 'key': return entry.id;
      case 'code': return ind.code;
      case 'title': return ind.title ?? null;
      case 'unit': return ind.unit ? unitTitles.get(ind.unit) ?? ind.unit : null;
      case 'polarity': return ind.polarity ? POLARITY_WORDS[lang][ind.polarity] : null;
      case 'comment': return ind.comment ?? null;
      default: return null;
    }
  });
  return { ref: entry.id, kind: 'header', cells };
}

/** An indicator header row's achievements: the weighted mean of its item rows' cells. */
function fillItemRollups(row: SheetRow, columns: Column[], headerRow: number, lines: Line[], ctx: FormulaContext, lang: SheetLang): void {
  const itemRows = lines.map((_, i) => headerRow + 1 + i);
  const weights = lines.map((l) => l.weight);
  columns.forEach((c, i) => {
    if (c.kind === 'achievement' || c.kind === 'cumulative') {
      const cells = itemRows.map((r) => `${columnLetter(i)}${r}`);
      row.cells[i] = { formula: weightedMeanFormula(cells, weights) };
    } else if (c.kind === 'status') {
      row.cells[i] = { formula: statusFormula(cellAt(columns, headerRow, `achievement:${c.year}`), ctx, STATUS_WORDS[lang]) };
    }
  });
}

/**
 * The whole sheet as rows of values and formula strings (`=…`), ids row and header row first:
 * what Office.js `range.formulas` takes, and what HyperFormula evaluates.
 */
export function toMatrix(model: SheetModel): Array<Array<string | number | null>> {
  return [
    model.columns.map((c) => c.id),
    model.columns.map((c) => c.header),
    ...model.rows.map((r) => r.cells.map((c) => (isFormula(c) ? c.formula : c))),
  ];
}
