// The Definitions sheet: one row per indicator and per item, where the secretariat confirms or
// corrects what the plan says of each (title, working group, unit, district, measure, polarity,
// aggregation, scoring, weight, budget code, targets, horizon) beside what the import guessed.
// It is one more indicator-like sheet (hidden id row, key column, header row): the writers, the
// readers and the three-way merge carry it as they carry the indicator sheets.
import type { Line, PlanIndex } from '../plan/plan-index';
import { CONFIRM_FIELD, DEF_PREFIX, definitionChoices, definitionFieldOfColumn, definitionText, definitionValue, fieldApplies, importNotesOf } from './definition-fields';
import { header, planLang, type HeaderKey, type SheetLang } from './labels';
import { columnLetter, FIRST_DATA_ROW, KEY_ID, sheetName, VALUE_FORMAT, type Cell, type Column, type SheetModel, type SheetRow } from './layout';
import { DEFINITIONS_SHEET } from './reserved-names';

const TEXT = '@';

/** The Definitions sheet's columns for a plan's years (ids in row 1: `def:unit`, `def:target:1403`). */
export function definitionColumns(years: readonly number[], lang: SheetLang): Column[] {
  const col = (kind: HeaderKey, id: string, editable: boolean, width: number, format: string, year?: number): Column => ({
    kind,
    id,
    header: header(lang, kind, year),
    editable,
    width,
    format,
    ...(year !== undefined ? { year } : {}),
  });
  const def = (kind: HeaderKey, width: number, format = TEXT) => col(kind, `${DEF_PREFIX}${kind}`, true, width, format);
  return [
    { ...col('key', KEY_ID, false, 14, TEXT), hidden: true },
    col('code', 'code', false, 11, TEXT),
    def('title', 42),
    def('workingGroup', 22),
    def('unit', 22),
    def('district', 12),
    def('measure', 12),
    def('polarity', 9),
    def('aggregation', 10),
    def('scoring', 12),
    def('weight', 8, VALUE_FORMAT),
    def('budgetCode', 12),
    ...years.map((y) => col('target', `${DEF_PREFIX}target:${y}`, true, 10, VALUE_FORMAT, y)),
    def('horizon', 10, VALUE_FORMAT),
    col('importNotes', `${DEF_PREFIX}found`, false, 48, TEXT),
    col('confirm', `${DEF_PREFIX}confirm`, true, 10, TEXT),
  ];
}

/**
 * Whether a sheet's row-1 ids are the Definitions sheet's: most of them `def:` ids, so that one
 * altered id does not make an indicator sheet a Definitions sheet, nor the other way round.
 */
export function isDefinitionsLayout(ids: readonly string[]): boolean {
  const present = ids.filter((id) => id !== '');
  return present.filter((id) => id.startsWith(DEF_PREFIX)).length * 2 > present.length;
}

/** A name for the Definitions sheet that no sheet of `taken` (lower-cased names) has; added to it. */
export function definitionsSheetName(lang: SheetLang, taken: Set<string>): string {
  let name = DEFINITIONS_SHEET[lang];
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = sheetName(`${DEFINITIONS_SHEET[lang]} (${n})`, new Set());
  taken.add(name.toLowerCase());
  return name;
}

const TEXT_LIMIT_SHOWN = 32000;

function row(index: PlanIndex, line: Line, kind: SheetRow['kind'], columns: Column[], lang: SheetLang): SheetRow {
  const plan = index.plan;
  const code = line.entry.indicator.code;
  const closed: string[] = [];
  const cells = columns.map((c): Cell => {
    if (c.id === KEY_ID) return line.ref;
    if (c.id === 'code') return line.item ? `${code}.${line.item.id}` : code;
    if (c.id === `${DEF_PREFIX}found`) {
      const notes = importNotesOf(index, line.ref);
      return notes && notes.length > TEXT_LIMIT_SHOWN ? `${notes.slice(0, TEXT_LIMIT_SHOWN)}…` : notes;
    }
    const field = definitionFieldOfColumn(c.id);
    if (!field) return null;
    if (!fieldApplies(field, !!line.item)) closed.push(c.id);
    // The confirm column starts empty: a ✓ typed there is the news.
    if (field === CONFIRM_FIELD) return null;
    return definitionText(plan, field, definitionValue(index, line, field), lang);
  });
  return { ref: line.ref, kind, cells, ...(closed.length ? { closed } : {}) };
}

/**
 * The Definitions sheet of a plan: the indicators in plan order, each followed by its items. An
 * indicator with items is a header row (its targets are its items'), as on the indicator sheets.
 * Cells show titles and words in the sheet's language; blank means not set (inherited by an item
 * from its indicator, or the default).
 */
export function definitionsSheet(index: PlanIndex, lang: SheetLang = planLang(index)): SheetModel {
  const columns = definitionColumns(index.years, lang).map((c) => {
    const field = definitionFieldOfColumn(c.id);
    const choices = field ? definitionChoices(index.plan, field, lang) : undefined;
    return choices?.length ? { ...c, choices } : c;
  });
  const rows: SheetRow[] = [];
  for (const entry of index.indicatorList) {
    rows.push(row(index, entry.self, entry.hasItems ? 'header' : 'line', columns, lang));
    if (entry.hasItems) for (const line of entry.lines) rows.push(row(index, line, 'line', columns, lang));
  }
  return { name: DEFINITIONS_SHEET[lang], groupKey: '', rtl: lang === 'fa', lang, columns, rows, kind: 'definitions' };
}

/** A column's drop-down list: its choices kept in a hidden column of the sheet, and the source formula. */
export interface ChoiceList {
  /** The 0-based column the list checks, and the one that keeps its choices. */
  column: number;
  listColumn: number;
  values: readonly string[];
  /** `=$T$3:$T$9`: a range, since a list typed into the rule holds at most 255 characters. */
  source: string;
}

/**
 * Where a sheet's drop-down lists keep their choices: hidden columns from the second after the
 * sheet's own (the first holds the generation mark in Excel), from the first data row down.
 */
export function choiceLists(model: SheetModel): ChoiceList[] {
  const out: ChoiceList[] = [];
  let next = model.columns.length + 1;
  model.columns.forEach((c, column) => {
    if (!c.choices?.length) return;
    const listColumn = next++;
    const letter = columnLetter(listColumn);
    out.push({ column, listColumn, values: c.choices, source: `=$${letter}$${FIRST_DATA_ROW}:$${letter}$${FIRST_DATA_ROW + c.choices.length - 1}` });
  });
  return out;
}

/** The warning a drop-down list gives for a value not on it (the value is kept: the merge reads ids too). */
export const CHOICE_ALERT = {
  en: { title: 'Not on the list', message: 'Choose from the list. A title in the other language or an id is read too; anything else is refused when the sheet is merged.' },
  fa: { title: 'خارج از فهرست', message: 'از فهرست انتخاب کنید. عنوان به زبان دیگر یا شناسه هم خوانده می‌شود؛ هر چیز دیگر هنگام ادغام پذیرفته نمی‌شود.' },
} as const;
