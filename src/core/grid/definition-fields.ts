// The indicator definitions the Definitions sheet edits (title, working group, unit, district,
// measure, polarity, aggregation, scoring, weight, budget code, targets, horizon, and the
// confirmation of what the import guessed), as merge.ts handles every field: the value a plan
// holds, the text a sheet shows for it, what a typed text reads as, why a value may not apply,
// and how it is written. Ids and enum values are what the plan and its audit trail hold; people
// see and type titles and words, in either language.
import type { Indicator, Item, Plan } from '../plan/plan.types';
import type { Line, PlanIndex } from '../plan/plan-index';
import type { Bilingual } from '../plan/problems';
import { stripInvisibles, toAsciiDigits } from '../numbers/digits';
import { AGGREGATION_WORDS, CONFIRM_WORDS, POLARITY_WORDS, SCORING_WORDS, type SheetLang } from './labels';
import type { FieldValue, ReadCell } from './read';

/** Column ids of the Definitions sheet start with this (`def:unit`, `def:target:1403`). */
export const DEF_PREFIX = 'def:';
/** The field of the confirm column: confirming removes the line's import notes. */
export const CONFIRM_FIELD = 'importNotes';

const SIMPLE = ['title', 'workingGroup', 'unit', 'district', 'measure', 'polarity', 'aggregation', 'scoring', 'weight', 'budgetCode', 'horizon'] as const;
type Simple = (typeof SIMPLE)[number];
const SIMPLE_SET: ReadonlySet<string> = new Set(SIMPLE);

/** Fields an item does not have (schema $defs.item), and the one an indicator does not have. */
const INDICATOR_ONLY: ReadonlySet<string> = new Set(['workingGroup', 'unit', 'budgetCode']);
const ITEM_ONLY: ReadonlySet<string> = new Set(['district']);

/** Fields whose value is one of the plan's working groups, units or districts. */
const LISTS = { workingGroup: 'workingGroups', unit: 'units', district: 'districts' } as const;
type ListField = keyof typeof LISTS;
/** Fields whose value is a word of a fixed set. */
const WORDS = { polarity: POLARITY_WORDS, aggregation: AGGREGATION_WORDS, scoring: SCORING_WORDS } as const;
type WordField = keyof typeof WORDS;

const NAMES: Record<string, Bilingual> = {
  workingGroup: { en: 'working group', fa: 'کارگروه' },
  unit: { en: 'unit', fa: 'واحد' },
  district: { en: 'district', fa: 'منطقه' },
  polarity: { en: 'polarity', fa: 'ماهیت' },
  aggregation: { en: 'aggregation', fa: 'نحوه تجمیع' },
  scoring: { en: 'scoring', fa: 'نحوه امتیازدهی' },
  budgetCode: { en: 'budget code', fa: 'کد بودجه' },
};

/** The field a Definitions column id edits (`def:target:1403` → `targets.1403`), if it is one. */
export function definitionFieldOfColumn(id: string): string | undefined {
  if (!id.startsWith(DEF_PREFIX)) return undefined;
  const rest = id.slice(DEF_PREFIX.length);
  if (rest === 'confirm') return CONFIRM_FIELD;
  const year = /^target:(\d{4})$/.exec(rest);
  if (year) return `targets.${year[1]}`;
  return SIMPLE_SET.has(rest) ? rest : undefined;
}

export const isDefinitionField = (field: string): boolean => SIMPLE_SET.has(field) || field === CONFIRM_FIELD || /^targets\.\d{4}$/.test(field);
/** Definition fields read as numbers (the rest are text). */
export const isNumberDefinition = (field: string): boolean => field === 'weight' || field === 'horizon' || field.startsWith('targets.');
/** Fields whose value the sheet shows as a title or word rather than as held. */
const isChoice = (field: string): field is ListField | WordField => field in LISTS || field in WORDS;

/** Whether a line of this kind has the field at all. */
export const fieldApplies = (field: string, isItem: boolean): boolean => !(isItem ? INDICATOR_ONLY : ITEM_ONLY).has(field);

/** Persian text as compared: Arabic ي/ى/ك as Persian, digits ASCII, no ZWNJ, marks or spaces, lower case. */
export function foldText(s: string): string {
  return toAsciiDigits(stripInvisibles(s))
    .replace(/[\u064a\u0649]/g, '\u06cc')
    .replace(/\u0643/g, '\u06a9')
    .replace(/\s+/g, '')
    .toLowerCase();
}

const nonEmpty = (s: string | null | undefined): string | null => (s === undefined || s === null || s === '' ? null : s);

/** The line's import notes as one text ("source:line: found; read as reading"), or null. */
export function importNotesOf(index: PlanIndex, ref: string): string | null {
  const key = 'grid:importNotes';
  let byRef = index.cache.get(key) as Map<string, string> | undefined;
  if (!byRef) {
    byRef = new Map();
    for (const n of index.plan.meta.importNotes ?? []) {
      if (n.ref === undefined) continue;
      const text = `${n.source ? `${n.source}:` : ''}${n.line}: ${n.found}; read as ${n.reading}`;
      byRef.set(n.ref, byRef.has(n.ref) ? `${byRef.get(n.ref)}\n${text}` : text);
    }
    index.cache.set(key, byRef);
  }
  return byRef.get(ref) ?? null;
}

/** What a plan holds in a definition field of a line (an indicator with items: its own row). */
export function definitionValue(index: PlanIndex, line: Line, field: string): FieldValue {
  const item = line.item;
  const owner: Indicator | Item = item ?? line.entry.indicator;
  if (field === CONFIRM_FIELD) return importNotesOf(index, line.ref);
  if (field.startsWith('targets.')) {
    const v = owner.targets?.[field.slice('targets.'.length)];
    return typeof v === 'number' ? v : null;
  }
  if (!fieldApplies(field, !!item)) return null;
  switch (field as Simple) {
    case 'title': return nonEmpty(owner.title);
    case 'workingGroup': case 'unit': case 'budgetCode': return nonEmpty((owner as Indicator)[field as 'unit']);
    case 'district': return nonEmpty(item?.district);
    case 'measure': return nonEmpty(owner.measure);
    case 'polarity': case 'aggregation': case 'scoring': return owner[field as 'polarity'] ?? null;
    case 'weight': return owner.weight ?? null;
    case 'horizon': return owner.horizon ?? null;
  }
}

type Named = { id: string; title: string; titleEn?: string };
const listOf = (plan: Plan, field: ListField): readonly Named[] => plan[LISTS[field]] ?? [];
const titleIn = (d: Named, lang: SheetLang) => (lang === 'en' ? d.titleEn ?? d.title : d.title);

/** What the sheet shows for a value: a title for ids, a word for enum values, numbers and text as they are. */
export function definitionText(plan: Plan, field: string, value: FieldValue, lang: SheetLang): string | number | null {
  if (value === null) return null;
  if (field in LISTS) {
    const d = listOf(plan, field as ListField).find((x) => x.id === value);
    return d ? titleIn(d, lang) : value;
  }
  if (field in WORDS) return (WORDS[field as WordField][lang] as Record<string, string>)[String(value)] ?? value;
  return value;
}

/** The texts a sheet may offer for a field (Excel's drop-down list), in the sheet's language. */
export function definitionChoices(plan: Plan, field: string, lang: SheetLang): string[] | undefined {
  if (field in LISTS) return listOf(plan, field as ListField).map((d) => titleIn(d, lang));
  if (field in WORDS) return Object.values(WORDS[field as WordField][lang]);
  return undefined;
}

/** What was expected, for a refusal: the choices by title (or word) and id, at most a dozen named. */
function expected(plan: Plan, field: ListField | WordField): { en: string; fa: string } {
  const MAX = 12;
  const say = (lang: SheetLang) => {
    const all: string[] =
      field in LISTS
        ? listOf(plan, field as ListField).map((d) => `${titleIn(d, lang)} (${d.id})`)
        : Object.entries(WORDS[field as WordField][lang]).map(([id, word]) => (word === id ? id : `${word} (${id})`));
    if (all.length === 0) return lang === 'en' ? 'the plan defines none' : 'برنامه هیچ‌کدام را تعریف نکرده است';
    return all.slice(0, MAX).join(lang === 'en' ? ', ' : '، ') + (all.length > MAX ? (lang === 'en' ? `, … (${all.length} in all)` : `، … (${all.length} مورد)`) : '');
  };
  return { en: say('en'), fa: say('fa') };
}

/** The id or enum value a typed text names, or why it names none. */
function readChoice(plan: Plan, field: ListField | WordField, text: string): { value: string } | { problem: Bilingual } {
  const folded = foldText(text);
  const found = new Set<string>();
  if (field in LISTS) {
    const list = listOf(plan, field as ListField);
    const exact = list.find((d) => d.id === text);
    if (exact) return { value: exact.id };
    for (const d of list) if ([d.id, d.title, d.titleEn].some((t) => t !== undefined && foldText(t) === folded)) found.add(d.id);
  } else {
    const words = WORDS[field as WordField];
    for (const id of Object.keys(words.en)) {
      if ([id, (words.en as Record<string, string>)[id], (words.fa as Record<string, string>)[id]].some((t) => foldText(t) === folded)) found.add(id);
    }
  }
  if (found.size === 1) return { value: [...found][0] };
  const name = NAMES[field];
  const choices = expected(plan, field);
  if (found.size > 1) {
    const ids = [...found].join(', ');
    return { problem: { en: `'${text}' names more than one ${name.en} (${ids}): type the id`, fa: `«${text}» به بیش از یک ${name.fa} اشاره دارد (${ids}): شناسه را وارد کنید` } };
  }
  return { problem: { en: `unknown ${name.en} '${text}': one of ${choices.en}`, fa: `${name.fa} ناشناخته «${text}»: یکی از ${choices.fa}` } };
}

/**
 * A Definitions cell as read, in the plan's terms: a title or word as its id, a confirmation as
 * the notes removed, what names nothing as unreadable with the reason. `base` is the plan the
 * sheet was built from: a cell still showing what was built there is its value (so two units of
 * one title are no trouble until one is typed).
 */
export function resolveDefinitionCell(base: PlanIndex, line: Line | undefined, cell: ReadCell): ReadCell {
  if (cell.unreadable || !isDefinitionField(cell.field)) return cell;
  const value = cell.value ?? null;
  const was = line ? definitionValue(base, line, cell.field) : null;
  if (cell.field === CONFIRM_FIELD) {
    if (value === null) return { ...cell, value: was };
    if (CONFIRM_WORDS.some((w) => foldText(w) === foldText(String(value)))) return { ...cell, value: null };
    return { ...cell, unreadable: { en: `type ✓ (or x, yes, بله) to confirm what the import read, or leave it empty; not '${value}'`, fa: `برای تأیید برداشت ورود ✓ (یا x، yes، بله) وارد کنید یا خالی بگذارید؛ نه «${value}»` } };
  }
  if (cell.field === 'weight' && typeof value === 'number' && value < 0) {
    return { ...cell, unreadable: { en: `a weight is 0 or more, not ${value}`, fa: `وزن صفر یا بیشتر است، نه ${value}` } };
  }
  // A cell is read trimmed: a title held with a space at its end, shown and left so, is unchanged.
  if (typeof was === 'string' && typeof value === 'string' && was.trim() === value) return { ...cell, value: was };
  if (!isChoice(cell.field) || value === null) return cell;
  const text = String(value);
  // Unchanged: the text shown for the base value, in either language.
  if (was !== null && (['fa', 'en'] as const).some((lang) => foldText(String(definitionText(base.plan, cell.field, was, lang))) === foldText(text))) return { ...cell, value: was };
  const read = readChoice(base.plan, cell.field, text);
  return 'value' in read ? { ...cell, value: read.value } : { ...cell, unreadable: read.problem };
}

/** Why a definition edit cannot apply to a line of the current plan, if it cannot. */
export function definitionProblem(current: PlanIndex, line: Line, field: string, value: FieldValue): Bilingual | undefined {
  const isItem = !!line.item;
  if (!fieldApplies(field, isItem)) {
    const name = NAMES[field];
    return isItem
      ? { en: `an item has no ${name.en} of its own: type it in the row of ${line.entry.id}`, fa: `زیرشاخص ${name.fa} جداگانه ندارد: آن را در سطر ${line.entry.id} وارد کنید` }
      : { en: `an indicator has no ${name.en}: only its items do`, fa: `شاخص ${name.fa} ندارد: فقط زیرشاخص‌های آن دارند` };
  }
  if (field === 'title' && value === null) return { en: 'a title cannot be emptied: type the title', fa: 'عنوان را نمی‌توان خالی کرد: عنوان را وارد کنید' };
  if (field in LISTS && value !== null && !listOf(current.plan, field as ListField).some((d) => d.id === value)) {
    const name = NAMES[field];
    return { en: `the plan file has no ${name.en} "${value}" any more: choose another`, fa: `فایل برنامه دیگر ${name.fa} «${value}» را ندارد: دیگری را انتخاب کنید` };
  }
  return undefined;
}

/** Writes a definition edit into an indicator or item of a plan copy (null removes the field). */
export function writeDefinition(plan: Plan, owner: Indicator | Item, ref: string, field: string, value: FieldValue): void {
  if (field === CONFIRM_FIELD) {
    if (value !== null) return;
    const left = (plan.meta.importNotes ?? []).filter((n) => n.ref !== ref);
    if (left.length) plan.meta.importNotes = left;
    else delete plan.meta.importNotes;
    return;
  }
  const target = owner as unknown as Record<string, unknown>;
  if (field.startsWith('targets.')) {
    const targets = ((owner.targets ??= {}) as Record<string, number | null>);
    const year = field.slice('targets.'.length);
    if (value === null) delete targets[year];
    else targets[year] = value as number;
    return;
  }
  if (value === null) delete target[field];
  else target[field] = isNumberDefinition(field) ? value : String(value);
}
