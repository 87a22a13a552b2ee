// The Facts sheet is computed from the plan and never read back. It is written protected, but a
// book may have been unprotected, or built before it was: whatever was typed into it is reported
// with its cell, so that no value is dropped in silence.
import type { PlanIndex } from '../plan/plan-index';
import type { Refusal } from '../grid/merge';
import { cellText, excelPrecision, cellAddress, type CellRef, type RawCell, type SheetReading } from '../grid/read';
import { FIRST_DATA_ROW, layoutSheets } from '../grid/layout';
import type { SheetLang } from '../grid/labels';
import type { Bilingual } from '../plan/problems';
import { parseNumber } from '../numbers/parse-number';
import { stripInvisibles, toAsciiDigits } from '../numbers/digits';
import { FACT_COLUMNS, factHeaders, factRows, type FactColumn, type FactValue } from './facts';

/** The refusal code of a value typed where it is not read back. */
export const NOT_READ_BACK: Refusal['code'] = 'not-read-back';

const col = (c: FactColumn) => FACT_COLUMNS.indexOf(c);
const ID = col('id');
const ITEM = col('item');
const YEAR = col('year');

/** Text as people mean it: invisible marks dropped, Persian digits as Latin, trimmed. */
const norm = (c: RawCell | FactValue) => toAsciiDigits(stripInvisibles(cellText(c as RawCell))).trim();

/**
 * The language of a Facts sheet, from its first row: the row key's headers (id, item, year) in
 * place and at least half of the others, so a header someone retitled in an unprotected book
 * does not hide the sheet. Undefined for any other sheet.
 */
export function factsLang(row1: readonly RawCell[] | undefined): SheetLang | undefined {
  if (!row1) return undefined;
  let best: { lang: SheetLang; score: number } | undefined;
  for (const lang of ['fa', 'en'] as const) {
    const headers = factHeaders(lang);
    const hit = headers.map((h, i) => norm(row1[i]) === norm(h));
    const score = hit.filter(Boolean).length;
    if (hit[ID] && hit[ITEM] && hit[YEAR] && score * 2 >= headers.length && (!best || score > best.score)) best = { lang, score };
  }
  return best?.lang;
}

/** True for a Facts sheet (either language), by its first row. */
export const isFactsSheet = (row1: readonly RawCell[] | undefined): boolean => factsLang(row1) !== undefined;

/** Whether a cell still holds what the Facts table wrote there (numbers as Excel keeps them). */
function same(expected: FactValue, found: RawCell): boolean {
  if (found !== null && typeof found === 'object') return false;
  if (typeof found === 'boolean') return false;
  if (expected === null) return norm(found) === '';
  if (typeof expected === 'number') {
    const parsed = typeof found === 'number' ? { ok: true as const, value: found } : parseNumber(found);
    // Excel keeps 15 significant digits; LibreOffice rounds the 15th from the decimal text
    // (0.7742105263157895 saved as 0.77421052631579): equal within one unit of the 15th digit.
    return parsed.ok && parsed.value !== null && (excelPrecision(parsed.value) === excelPrecision(expected) || Math.abs(parsed.value - expected) <= 1e-14 * Math.max(Math.abs(parsed.value), Math.abs(expected)));
  }
  return norm(found) === norm(expected);
}

/** What a cell holds, as a refusal shows it. */
function shown(c: RawCell): number | string | null {
  if (typeof c === 'number') return c;
  const t = cellText(c);
  return t.trim() === '' ? null : t;
}

const keyOf = (id: string, item: string, year: string) => `${id}\u0000${item}\u0000${year}`;

/** Where a line's actual for a year is typed: the book's own indicator sheets, else the default layout. */
function locator(base: PlanIndex, lang: SheetLang, sheets: readonly SheetReading[] | undefined): (ref: string, year: string) => CellRef | undefined {
  const read = new Map<string, CellRef>();
  for (const s of sheets ?? []) for (const c of s.cells) if (!read.has(`${c.ref}\u0000${c.field}`)) read.set(`${c.ref}\u0000${c.field}`, c.at);
  let laid: Map<string, CellRef> | undefined;
  return (ref, year) => {
    const found = read.get(`${ref}\u0000actuals.${year}`);
    if (found) return found;
    if (!laid) {
      laid = new Map();
      for (const m of layoutSheets(base, { lang })) {
        m.columns.forEach((c, ci) => {
          if (c.kind !== 'actual') return;
          m.rows.forEach((r, ri) => {
            if (r.kind === 'line') laid!.set(`${r.ref}\u0000actuals.${c.year}`, { sheet: m.name, address: cellAddress(FIRST_DATA_ROW - 1 + ri, ci) });
          });
        });
      }
    }
    return laid.get(`${ref}\u0000actuals.${year}`);
  };
}

const GENERIC: Bilingual = {
  en: "the Facts sheet is not read back: type actuals in the indicator sheets or the units' templates",
  fa: 'برگه داده‌ها خوانده نمی‌شود: عملکرد را در برگه‌های شاخص یا الگوهای واحدها وارد کنید',
};

function knownReason(at: CellRef | undefined, actualColumn: boolean): Bilingual {
  if (!at) return GENERIC;
  const en = `type actuals in the indicator sheet '${at.sheet}' (its cell ${at.address}) or the unit's template`;
  const fa = `عملکرد را در برگه شاخص '${at.sheet}' (خانه ${at.address}) یا الگوی واحد وارد کنید`;
  return actualColumn
    ? { en: `the Facts sheet is not read back: ${en}`, fa: `برگه داده‌ها خوانده نمی‌شود: ${fa}` }
    : { en: `the Facts sheet is not read back: it is computed from the plan (change the plan file); ${en}`, fa: `برگه داده‌ها خوانده نمی‌شود: از برنامه محاسبه می‌شود (فایل برنامه را تغییر دهید)؛ ${fa}` };
}

function unknownReason(ref: string, year: string): Bilingual {
  if (!ref && !year) return GENERIC;
  return {
    en: `the Facts sheet is not read back, and the plan has no line "${ref}" in ${year || '(no year)'}: type actuals in the indicator sheets or the units' templates`,
    fa: `برگه داده‌ها خوانده نمی‌شود و برنامه سطر "${ref}" در سال ${year || '(بی‌سال)'} را ندارد: عملکرد را در برگه‌های شاخص یا الگوهای واحدها وارد کنید`,
  };
}

/**
 * Every cell of a Facts sheet whose content differs from what the Facts table of `base` (the plan
 * the book was built from) would hold, as a refusal with its cell. Rows are matched by their line
 * and year (id, item, year columns), not by position: people sort and filter. A row whose line
 * appears twice is compared on both (an emptied cell counts only on the closer one); rows of no
 * line, and anything beside the table, count cell by cell. `sheets`, the book's indicator sheets
 * as read, say where each actual is typed; without them the default layout does. Not a Facts
 * sheet (by its first row): nothing.
 */
export function factsTyped(base: PlanIndex, sheet: string, matrix: readonly (readonly RawCell[] | undefined)[], book?: string, sheets?: readonly SheetReading[]): Refusal[] {
  const lang = factsLang(matrix[0]);
  if (!lang) return [];
  const width = FACT_COLUMNS.length;
  const expected = new Map<string, FactValue[]>();
  for (const row of factRows(base, lang)) expected.set(keyOf(norm(row[ID]), norm(row[ITEM]), norm(row[YEAR])), row);
  const where = locator(base, lang, sheets);
  const refused: Array<{ r: number; c: number; refusal: Refusal }> = [];
  const at = (r: number, c: number): CellRef => ({ sheet, address: cellAddress(r, c), ...(book ? { book } : {}) });
  const field = (c: number, year: string) => (c === col('actual') && year ? `actuals.${year}` : c < width ? `facts.${FACT_COLUMNS[c]}` : 'facts');
  const report = (r: number, c: number, ref: string, year: string, value: RawCell, reason: Bilingual) =>
    refused.push({ r, c, refusal: { ref, field: field(c, year), value: shown(value), at: at(r, c), code: NOT_READ_BACK, reason } });

  // The header row: PlanSheets' own; a header changed or added beside it is typed text.
  const headers = factHeaders(lang);
  (matrix[0] ?? []).forEach((v, c) => {
    if (c < width ? norm(v) !== norm(headers[c]) : norm(v) !== '') report(0, c, '', '', v, GENERIC);
  });

  // Data rows by their line's key; of several rows of one line, the closest is the line's own.
  const differing = (row: readonly RawCell[], want: FactValue[]) => want.filter((w, c) => !same(w, row[c])).length;
  const byKey = new Map<string, number[]>();
  for (let r = 1; r < matrix.length; r++) {
    const row = matrix[r];
    if (!row) continue;
    const key = keyOf(norm(row[ID]), norm(row[ITEM]), norm(row[YEAR]));
    (byKey.get(key) ?? byKey.set(key, []).get(key)!).push(r);
  }
  for (const [key, rows] of byKey) {
    const want = expected.get(key);
    const own = want ? rows.reduce((a, b) => (differing(matrix[b]!, want) < differing(matrix[a]!, want) ? b : a)) : -1;
    for (const r of rows) {
      const row = matrix[r]!;
      const id = norm(row[ID]);
      const item = norm(row[ITEM]);
      const year = norm(row[YEAR]);
      const ref = item ? `${id}.${item}` : id;
      for (let c = 0; c < Math.max(row.length, width); c++) {
        const v = row[c];
        if (!want || c >= width) {
          if (shown(v) === null) continue;
          report(r, c, ref, year, v, want ? knownReason(where(ref, year), false) : unknownReason(ref, year));
          continue;
        }
        if (same(want[c], v)) continue;
        if (r !== own && shown(v) === null) continue;
        report(r, c, ref, year, v, knownReason(where(ref, year), c === col('actual')));
      }
    }
  }
  // In sheet order, as people look for them.
  return refused.sort((a, b) => a.r - b.r || a.c - b.c).map((x) => x.refusal);
}
