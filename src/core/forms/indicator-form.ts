// The indicator ID form (فرم شناسنامه شاخص هدف عملیاتی) of domain.md, one per indicator, as
// labelled sections a document writer lays out. What the plan does not say stays on the form as
// an empty value (a blank line), since a printed form is filled in by hand and signed.
import type { Indicator, Plan } from '../plan/plan.types';
import type { IndicatorEntry, PlanIndex } from '../plan/plan-index';
import { planLang, POLARITY_WORDS } from '../grid/labels';
import { ltr } from '../numbers/bidi';
import { formatAmount, formatNumber, inDigits, type Digits } from '../numbers/format';
import { currencyWord } from '../report/report-words';
import { BOX, FORM_WORDS, LEVEL_WORDS_EN, TYPE_WORDS, type FormLang } from './form-labels';

export type { FormLang };

/** One labelled value; '' is a blank to fill by hand. */
export interface FormField {
  label: string;
  value: string;
}

/** A table of the form: a header row and rows of cells ('' blank). */
export interface FormGrid {
  header: string[];
  rows: string[][];
  /** Columns of figures (centred). */
  numeric: boolean[];
  /** Relative column widths. */
  weights: number[];
}

export type SectionKey = 'identity' | 'responsibility' | 'definition' | 'values' | 'items' | 'projects' | 'funding' | 'partners' | 'evaluation' | 'signatures';

export interface FormSection {
  key: SectionKey;
  title: string;
  fields: FormField[];
  grid?: FormGrid;
}

export interface IndicatorForm {
  id: string;
  /** The code in the form's digits, isolated left to right (`۳-۶-۳-۴` never prints as `۴-۳-۶-۳`). */
  code: string;
  /** The form's name, its heading. */
  heading: string;
  lang: FormLang;
  digits: Digits;
  sections: FormSection[];
}

export interface FormOptions {
  /** Default: the plan's language. */
  lang?: FormLang;
  /** Default: Persian digits for Persian forms. */
  digits?: Digits;
}

type Named = { title: string; titleEn?: string };

/** The indicators of one unit (or all), in plan order. */
export function formEntries(index: PlanIndex, unit?: string): IndicatorEntry[] {
  return index.indicatorList.filter((e) => unit === undefined || e.indicator.unit === unit);
}

/** The forms of a unit's indicators (or of all indicators). */
export function indicatorForms(index: PlanIndex, o: FormOptions & { unit?: string } = {}): IndicatorForm[] {
  return formEntries(index, o.unit).map((e) => indicatorForm(index, e, o));
}

/** The form of one indicator. */
export function indicatorForm(index: PlanIndex, entry: IndicatorEntry, o: FormOptions = {}): IndicatorForm {
  const lang = o.lang ?? planLang(index);
  const digits = o.digits ?? (lang === 'fa' ? 'fa' : 'latn');
  const w = FORM_WORDS[lang];
  const plan = index.plan;
  const ind = entry.indicator;
  const name = (x: Named | undefined) => (x ? (lang === 'en' ? x.titleEn ?? x.title : x.title) : '');
  const num = (v: number | null | undefined) => (typeof v === 'number' ? formatNumber(v, digits) : '');
  const code = (c: string) => ltr(inDigits(c, digits));
  const text = (s: string | null | undefined) => s?.trim() ?? '';
  const unit = plan.units?.find((u) => u.id === ind.unit);
  const group = plan.workingGroups?.find((g) => g.id === ind.workingGroup);
  const years = index.years;
  const baseYear = plan.meta.baselineYear ?? years[0] - 1;

  const sections: FormSection[] = [
    {
      key: 'identity',
      title: w.identity,
      fields: [
        { label: w.code, value: code(entry.code) },
        ...levelFields(plan, ind, lang, code),
        { label: w.title, value: lang === 'en' ? text(ind.titleEn ?? ind.title) : text(ind.title) },
        { label: w.description, value: text(ind.description) },
      ],
    },
    {
      key: 'responsibility',
      title: w.responsibility,
      fields: [
        { label: w.unit, value: name(unit) },
        { label: w.unitCode, value: unit?.code ? code(unit.code) : '' },
        { label: w.budgetCode, value: ind.budgetCode ? code(ind.budgetCode) : '' },
        { label: w.workingGroup, value: name(group) },
      ],
    },
    {
      key: 'definition',
      title: w.definition,
      fields: [
        { label: w.polarity, value: choice(POLARITY_WORDS[lang], ind.polarity) },
        { label: w.standard, value: '' },
        { label: w.measure, value: text(ind.measure) },
        { label: w.type, value: choice(TYPE_WORDS[lang], ind.type) },
      ],
    },
  ];
  const own = [num(ind.baseline?.cumulative), num(ind.baseline?.previous), ...years.map((y) => num(ind.targets?.[y])), num(ind.horizon)];
  // A composite indicator's figures are its items'; its own row is shown only when it has figures.
  if (!entry.hasItems || own.some(Boolean)) sections.push({ key: 'values', title: w.values, fields: [], grid: valuesGrid([w.measure], [[text(ind.measure), ...own]]) });
  if (entry.hasItems) {
    const rows = (ind.items ?? []).map((it) => [name({ title: it.title ?? '', titleEn: it.titleEn }), text(it.measure ?? ind.measure), num(it.baseline?.cumulative), num(it.baseline?.previous), ...years.map((y) => num(it.targets?.[y])), num(it.horizon)]);
    sections.push({ key: 'items', title: w.items, fields: [], grid: valuesGrid([w.item, w.measure], rows) });
  }
  const notes = Object.keys(ind.notes ?? {})
    .sort()
    .map((k) => `${inDigits(k, digits)}: ${ind.notes![k]}`);
  sections.push({ key: 'projects', title: w.projectsTitle, fields: [{ label: w.projects, value: [text(ind.comment), ...notes].filter(Boolean).join('\n') }] });

  const planned = years.map((y) => ind.funding?.[y]?.planned ?? null);
  const total = planned.every((v) => v !== null) ? planned.reduce<number>((a, v) => a + v!, 0) : null;
  const currency = currencyWord(index, lang) ? ` (${currencyWord(index, lang)})` : '';
  sections.push({
    key: 'funding',
    title: w.funding + currency,
    fields: [],
    grid: {
      header: ['', ...years.map((y) => formatNumber(y, digits)), w.total],
      rows: [[w.planned, ...planned.map((v) => formatAmount(v, digits)), formatAmount(total, digits)]],
      numeric: [false, ...years.map(() => true), true],
      weights: [2, ...years.map(() => 1), 1],
    },
  });

  const partners = (ind.partners ?? []).map((p) => [name(plan.units?.find((u) => u.id === p.unit)) || p.unit, text(p.role)]);
  // Room to add cooperating units by hand, whatever the plan already lists.
  const blanks = Math.max(1, 2 - partners.length);
  sections.push({
    key: 'partners',
    title: w.partners,
    fields: [],
    grid: { header: [w.partner, w.role], rows: [...partners, ...Array.from({ length: blanks }, () => ['', ''])], numeric: [false, false], weights: [2, 3] },
  });
  sections.push({ key: 'evaluation', title: w.evaluation, fields: [{ label: w.evidence, value: text(ind.evidence) }, { label: w.method, value: text(ind.method) }] });
  sections.push({
    key: 'signatures',
    title: w.signatures,
    fields: [],
    grid: { header: ['', w.preparedBy, w.approvedBy], rows: [w.name, w.signature, w.date].map((l) => [l, '', '']), numeric: [false, false, false], weights: [1, 2, 2] },
  });

  return { id: entry.id, code: code(entry.code), heading: w.form, lang, digits, sections };

  function valuesGrid(lead: string[], rows: string[][]): FormGrid {
    return {
      header: [...lead, w.cumulative(formatNumber(baseYear - 1, digits)), w.previous(formatNumber(baseYear, digits)), ...years.map((y) => formatNumber(y, digits)), w.horizon(formatNumber(years.length, digits))],
      rows,
      numeric: [...lead.map(() => false), true, true, ...years.map(() => true), true],
      weights: [...lead.map((_, i) => (i === 0 && lead.length > 1 ? 3 : 1.6)), 1.4, 1.2, ...years.map(() => 1), 1.2],
    };
  }
}

/** The word of a set choice, or every choice with a box to tick when the plan leaves it open. */
function choice<K extends string>(words: Readonly<Record<K, string>>, value: K | undefined): string {
  if (value !== undefined) return words[value];
  return (Object.values(words) as string[]).map((x) => `${BOX} ${x}`).join('   ');
}

/**
 * The tree above an indicator, one field per level of the plan (vision, strategy, executive
 * policy in Qazvin): the node's code and title, or a blank where the indicator hangs higher up.
 */
function levelFields(plan: Plan, ind: Indicator, lang: FormLang, code: (c: string) => string): FormField[] {
  const nodes = new Map((plan.nodes ?? []).map((n) => [n.id, n]));
  const byLevel = new Map<string, { id: string; title: string; titleEn?: string }>();
  let steps = nodes.size;
  for (let id = ind.parent; id !== undefined && steps-- >= 0; id = nodes.get(id)?.parent) {
    const node = nodes.get(id);
    if (!node) break;
    if (!byLevel.has(node.level)) byLevel.set(node.level, node);
  }
  const levels = plan.meta.levels ?? [...new Set((plan.nodes ?? []).map((n) => n.level))].map((id) => ({ id, title: id, titleEn: undefined as string | undefined }));
  return levels.map((level) => {
    const node = byLevel.get(level.id);
    const title = node ? (lang === 'en' ? node.titleEn ?? node.title : node.title) : '';
    return { label: lang === 'en' ? level.titleEn ?? LEVEL_WORDS_EN[level.id] ?? level.title : level.title, value: node ? `${code(node.id)} ${title}`.trim() : '' };
  });
}
