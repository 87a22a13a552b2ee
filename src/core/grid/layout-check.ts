// The hidden layout of a sheet (column ids, row keys) checked against the plan the sheet was
// built from. Someone who unprotects a sheet can change a hidden key to another line's id, copy a
// column id, or clear a key; values would then land on lines nobody typed on, or vanish. A row or
// column that does not match the base applies nothing, and every value typed in it is reported
// with its cell.
import type { PlanIndex, Line } from '../plan/plan-index';
import type { Bilingual } from '../plan/problems';
import type { Refusal } from './merge';
import { normalizeCode } from '../numbers/codes';
import { columnLetter, columnsFor } from './layout';
import { cellText, fieldOfColumn, readCell, type FoundLayout, type RawCell, type ReadCell, type SheetReading } from './read';
import { header } from './labels';
import { definitionColumns, isDefinitionsLayout } from './definitions';
import { resolveDefinitionCell } from './definition-fields';

/** Why the cells of a row or column are not applied. */
export interface LayoutFault {
  cell: ReadCell;
  code: 'tampered' | 'not-read-back';
  reason: Bilingual;
}

/** A fault as merge reports it: the cell, what it held (its text when unreadable), why. */
export function faultRefusal(f: LayoutFault): Refusal {
  return { ref: f.cell.ref, field: f.cell.field, value: f.cell.unreadable ? f.cell.raw ?? '' : f.cell.value ?? null, at: f.cell.at, code: f.code, reason: f.reason };
}

/** The line (or indicator with items) a key names in a plan. */
function lineOf(index: PlanIndex, key: string): Line | undefined {
  return index.items.get(key) ?? index.indicators.get(key)?.self;
}

/** The code a sheet shows for a line: the indicator's code, `code.item` for an item. */
function codeOf(line: Line): string {
  const code = line.entry.indicator.code;
  return line.item ? `${code}.${line.item.id}` : code;
}

/** Every line and indicator with items, by the code a sheet shows for it (null where two share a code). */
function linesByCode(base: PlanIndex): Map<string, Line | null> {
  const out = new Map<string, Line | null>();
  for (const e of base.indicators.values()) {
    for (const l of [e.self, ...(e.hasItems ? e.lines : [])]) {
      const code = normalizeCode(codeOf(l));
      out.set(code, out.has(code) ? null : l);
    }
  }
  return out;
}

const sameCode = (a: string, b: string) => a === b || normalizeCode(a) === normalizeCode(b);

/** Column indexes whose id is not the one the layout puts there (a changed or copied id). */
function badColumns(layout: FoundLayout, expected: readonly string[]): Map<number, string> {
  const bad = new Map<number, string>();
  // Inserted columns have no id: compare the ids that are there, in order.
  const found = layout.ids.map((id, c) => ({ id, c })).filter((x) => x.id !== '');
  const counts = new Map<string, number>();
  for (const f of found) counts.set(f.id, (counts.get(f.id) ?? 0) + 1);
  found.forEach((f, i) => {
    if (counts.get(f.id)! > 1) bad.set(f.c, `${f.id} appears in ${counts.get(f.id)} columns`);
    else if (expected[i] !== f.id) bad.set(f.c, expected[i] === undefined ? `${f.id} is not a column of this sheet` : `${f.id} stands where ${expected[i]} belongs`);
  });
  return bad;
}

const columnOf = (address: string) => /^[A-Z]+/.exec(address)![0];

/** A cell someone typed (differs from the base, or could not be read). */
function typed(base: PlanIndex, cell: ReadCell, value: (ref: string, field: string) => unknown): boolean {
  if (cell.unreadable) return true;
  return lineOf(base, cell.ref) ? value(cell.ref, cell.field) !== (cell.value ?? null) : cell.value != null;
}

/**
 * The faults of a sheet's layout against its base: cells of altered columns and rows, and what
 * was typed in rows without a key. `value` gives the base's value of a field (merge.fieldValue).
 */
export function layoutFaults(base: PlanIndex, reading: SheetReading, value: (ref: string, field: string) => unknown): { faults: LayoutFault[]; skip: Set<ReadCell> } {
  const faults: LayoutFault[] = [];
  const skip = new Set<ReadCell>();
  const layout = reading.layout;
  if (!layout) return { faults, skip };
  const expected = layout.expected ?? (isDefinitionsLayout(layout.ids) ? definitionColumns : columnsFor)(base.years, 'en').map((c) => c.id);
  const columnNames = new Map<string, string>();
  for (const [c, why] of badColumns(layout, expected)) columnNames.set(columnLetter(c), why);
  const rowFaults = new Map<number, Bilingual>();
  for (const r of layout.rows) {
    const line = lineOf(base, r.key);
    if (!line) {
      rowFaults.set(r.row, {
        en: `row ${r.row}'s hidden key "${r.key}" is not a line of the plan this sheet was built from (the key was altered): nothing in the row is applied`,
        fa: `کلید پنهان سطر ${r.row} («${r.key}») سطری از برنامه‌ای که این برگه از آن ساخته شده نیست (کلید تغییر داده شده است): چیزی از این سطر اعمال نمی‌شود`,
      });
    } else if (!sameCode(r.code, codeOf(line))) {
      rowFaults.set(r.row, {
        en: `row ${r.row} shows the code ${r.code || '(none)'} but its hidden key says ${r.key} (code ${codeOf(line)}): the key was altered, nothing in the row is applied`,
        fa: `سطر ${r.row} کد ${r.code || '(هیچ)'} را نشان می‌دهد اما کلید پنهان آن ${r.key} (کد ${codeOf(line)}) است: کلید تغییر داده شده است و چیزی از این سطر اعمال نمی‌شود`,
      });
    }
  }
  for (const cell of reading.cells) {
    const row = Number(/\d+$/.exec(cell.at.address)![0]);
    const column = columnNames.get(columnOf(cell.at.address));
    const rowFault = rowFaults.get(row);
    if (!column && !rowFault) continue;
    skip.add(cell);
    if (!typed(base, cell, value)) continue;
    faults.push({
      cell,
      code: 'tampered',
      reason: rowFault ?? {
        en: `the hidden id of column ${columnOf(cell.at.address)} was altered (${column}): nothing in the column is applied`,
        fa: `شناسه پنهان ستون ${columnOf(cell.at.address)} تغییر داده شده است (${column}): چیزی از این ستون اعمال نمی‌شود`,
      },
    });
  }
  let byCode: Map<string, Line | null> | undefined;
  for (const r of layout.keyless) {
    byCode ??= linesByCode(base);
    const line = r.code ? byCode.get(normalizeCode(r.code)) ?? undefined : undefined;
    for (const found of r.cells) {
      // The row's own line, when its code tells it: what was built there is not news.
      const cell = resolveDefinitionCell(base, line, line ? { ...found, ref: line.ref } : found);
      if (line && !typed(base, cell, value)) continue;
      faults.push({
        cell,
        code: 'not-read-back',
        reason: line
          ? { en: `row ${r.row} shows ${r.code} but its hidden key was cleared: nothing in the row is read; type the value in a sheet built again (plansheets build)`, fa: `سطر ${r.row} کد ${r.code} را نشان می‌دهد اما کلید پنهان آن پاک شده است: چیزی از این سطر خوانده نمی‌شود؛ مقدار را در برگه‌ای که دوباره ساخته شده وارد کنید` }
          : { en: `row ${r.row} has no PlanSheets key (a row added by hand): nothing in it is read; type values in the indicator's own row`, fa: `سطر ${r.row} کلید PlanSheets ندارد (سطری که دستی افزوده شده است): چیزی از آن خوانده نمی‌شود؛ مقدار را در سطر خود شاخص وارد کنید` },
      });
    }
  }
  return { faults, skip };
}

const HEADER_SEARCH_ROWS = 5;

/**
 * What was typed into a sheet that looks like an indicator sheet of the base but has lost its
 * hidden id row (deleted by hand, or the sheet copied without it): such a sheet cannot be read
 * safely, so each typed value is reported instead of being dropped in silence.
 */
export function lostIdRowFaults(base: PlanIndex, sheet: string, matrix: readonly (readonly RawCell[])[], value: (ref: string, field: string) => unknown, book?: string): LayoutFault[] {
  for (const lang of ['en', 'fa'] as const) {
    for (let h = 0; h < Math.min(HEADER_SEARCH_ROWS, matrix.length); h++) {
      const heads = Array.from(matrix[h] ?? [], (v) => cellText(v).trim());
      const codeCol = heads.indexOf(header(lang, 'code'));
      const keyCol = heads.indexOf(header(lang, 'key'));
      if (codeCol < 0 || !heads.includes(header(lang, 'title'))) continue;
      // The Definitions sheet's headers (its confirm column) tell it from an indicator sheet.
      const columns = (heads.includes(header(lang, 'confirm')) ? definitionColumns : columnsFor)(base.years, lang);
      const byHeader = new Map(columns.map((c) => [c.header, c]));
      const fields = heads.map((t) => {
        const c = byHeader.get(t);
        return c?.editable ? fieldOfColumn(c.id) : undefined;
      });
      const byCode = linesByCode(base);
      const faults: LayoutFault[] = [];
      for (let r = h + 1; r < matrix.length; r++) {
        const row = matrix[r] ?? [];
        // The key column outlives the id row; where the key and the code agree, that is the line.
        const code = cellText(row[codeCol]).trim();
        const keyed = keyCol < 0 ? undefined : lineOf(base, cellText(row[keyCol]).trim());
        const line = keyed && sameCode(code, codeOf(keyed)) ? keyed : byCode.get(normalizeCode(code)) ?? undefined;
        fields.forEach((field, c) => {
          if (!field) return;
          const cell = resolveDefinitionCell(base, line, readCell(line?.ref ?? '', field, { sheet, address: `${columnLetter(c)}${r + 1}`, ...(book ? { book } : {}) }, row[c]));
          const typedHere = cell.unreadable || (line ? value(line.ref, field) !== (cell.value ?? null) : cell.value != null);
          if (!typedHere) return;
          faults.push({
            cell,
            code: 'not-read-back',
            reason: {
              en: `sheet '${sheet}' has lost its hidden id row (row 1), so its columns cannot be told apart safely: nothing in it is read; build the sheets again and type the value there`,
              fa: `برگه «${sheet}» ردیف شناسه پنهان خود (ردیف ۱) را از دست داده است و ستون‌هایش با اطمینان شناخته نمی‌شوند: چیزی از آن خوانده نمی‌شود؛ برگه‌ها را دوباره بسازید و مقدار را آنجا وارد کنید`,
            },
          });
        });
      }
      return faults;
    }
  }
  return [];
}
