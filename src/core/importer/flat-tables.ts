// A flat table: one row per indicator or per item, with a code column, found by its headers'
// names in Persian or English in any order (code | title | measure | 1402 … 1406 | horizon, and
// optionally the sub-indicator, responsible unit, working group, district, polarity, budget code
// and weight). The first layout anyone tries; each run of rows with one code becomes a block.
import { normalizeCode } from '../numbers/codes';
import { numberOf, yearIn } from './cells';
import { districtNumber } from './districts';
import { byHeader, byContent, type Header } from './header';
import type { BlockRow } from './types';

type Role = 'code' | 'title' | 'item' | 'measure' | 'horizon' | 'unit' | 'workingGroup' | 'district' | 'polarity' | 'budgetCode' | 'weight';

// Tried in this order, so `کد بودجه` is a budget code before it is a code, and `واحد اندازه گیری`
// a measure before it is a unit.
const ROLES: Array<[Role, RegExp]> = [
  ['budgetCode', /کد\s*بودجه|ردیف\s*بودجه|budget\s*(?:code|line)/i],
  ['code', /^(?:کد|کد\s*شاخص.*|شماره\s*شاخص|(?:indicator\s*)?code|id)$/i],
  // A bare «واحد» or «Unit» in a table of indicators is the unit of measure; the responsible
  // unit is named as such (واحد مسئول, Responsible unit).
  ['measure', /واحد\s*(?:اندازه|سنجش)|^واحد$|^unit\s*of\s*measure|^unit$|^measure|^uom$/i],
  ['item', /زیر\s*شاخص|sub-?\s*indicator|^item/i],
  ['horizon', /افق|horizon/i],
  ['unit', /واحد\s*(?:مسئول|متولی|اجرایی|سازمانی)|^مسئول|^متولی|responsible|^owner|^department/i],
  ['workingGroup', /کارگروه|working\s*group/i],
  ['district', /^منطقه|^district|^zone/i],
  ['polarity', /ماهیت|قطبیت|^جهت|polarity|direction/i],
  ['weight', /^وزن|^weight/i],
  ['title', /عنوان|شاخص|title|indicator|name/i],
];

export interface FlatHeader {
  line: number;
  col: Partial<Record<Role, number>>;
  /** The years' columns, as a book header (for reading the numbers the same way). */
  numbers: Header;
}

/** A flat table's header: a code column, a title (or sub-indicator) column and two years or more. */
export function flatHeaderOf(cells: string[], line: number): FlatHeader | undefined {
  const col: FlatHeader['col'] = {};
  const years: Array<[number, number]> = [];
  cells.forEach((c, i) => {
    if (!c) return;
    const y = yearIn(c);
    if (y !== undefined) return void years.push([y, i]);
    const role = ROLES.find(([, re]) => re.test(c))?.[0];
    if (role && col[role] === undefined) col[role] = i;
  });
  if (col.code === undefined || years.length < 2 || (col.title === undefined && col.item === undefined)) return undefined;
  years.sort((a, b) => a[0] - b[0]);
  const numbers: Header = {
    line,
    years: years.map((y) => y[0]),
    yearCol: years.map((y) => y[1]),
    measureCol: col.measure ?? -1,
    horizonCol: col.horizon ?? -1,
    titleCol: col.item ?? col.title ?? -1,
    itemsTitle: col.item !== undefined,
    ignore: [],
    baselineCol: -1,
    width: cells.length,
    rtl: false,
  };
  return { line, col, numbers };
}

export interface FlatRow {
  code: string | undefined;
  /** The indicator's title when the table has a sub-indicator column. */
  indicatorTitle: string | null;
  unit: string | null;
  workingGroup: string | null;
  budgetCode?: string;
  weight?: number;
  row: Omit<BlockRow, 'line'>;
}

const POLARITY: Array<['positive' | 'negative', RegExp]> = [
  ['negative', /منفی|کاهشی|negative|decreas|lower|less/i],
  ['positive', /مثبت|افزایشی|positive|increas|higher|more/i],
];

/** Reads one row of a flat table: its code, the definitions in their columns, the numbers by the header. */
export function readFlatRow(cells: string[], h: FlatHeader): FlatRow {
  const at = (r: Role) => (h.col[r] === undefined ? '' : cells[h.col[r]!] ?? '');
  // The numbers are read as a book row is, with the definition columns out of the way.
  const own = new Set<number>([h.numbers.titleCol, h.numbers.measureCol, h.numbers.horizonCol, ...h.numbers.yearCol]);
  const numeric = cells.map((c, i) => (own.has(i) ? c : ''));
  const reading = byHeader(numeric, h.numbers) ?? byContent(numeric, h.numbers);
  const anomalies = [...reading.anomalies];
  const codeText = at('code');
  const code = codeText ? normalizeCode(codeText) : undefined;
  const district = at('district') ? districtNumber(at('district')) ?? (typeof numberOf(at('district')) === 'number' ? (numberOf(at('district')) as number) : undefined) : undefined;
  if (at('district') && district === undefined) anomalies.push({ found: `district cell '${at('district')}' names no district number`, reading: 'no district' });
  let polarity: BlockRow['polarity'];
  if (at('polarity')) {
    polarity = POLARITY.find(([, re]) => re.test(at('polarity')))?.[0];
    if (!polarity) anomalies.push({ found: `polarity cell '${at('polarity')}' is neither positive nor negative`, reading: 'inferred instead' });
  }
  let weight: number | undefined;
  if (at('weight')) {
    const w = numberOf(at('weight'));
    if (typeof w === 'number' && w >= 0) weight = w;
    else anomalies.push({ found: `weight cell '${at('weight')}' is not a number of zero or more`, reading: 'weight 1' });
  }
  const indicatorTitle = h.col.item !== undefined ? at('title') || null : null;
  const title = reading.title ?? (h.col.item !== undefined ? indicatorTitle : null);
  return {
    code: code && /^\d+(?:-\d+)*$/.test(code) ? code : undefined,
    indicatorTitle,
    unit: at('unit') || null,
    workingGroup: at('workingGroup') || null,
    ...(at('budgetCode') ? { budgetCode: at('budgetCode') } : {}),
    ...(weight !== undefined ? { weight } : {}),
    row: { ...reading, title, anomalies, ...(district !== undefined ? { district } : {}), ...(polarity ? { polarity } : {}) },
  };
}

/** The code cell's text when it holds something that is not a code (for the report). */
export function badCode(cells: string[], h: FlatHeader): string | undefined {
  const text = h.col.code === undefined ? '' : cells[h.col.code] ?? '';
  return text && !/^\d+(?:-\d+)*$/.test(normalizeCode(text)) ? text : undefined;
}
