// Standard data-entry templates: one unit, one year (or period). Rows follow the indicator ID
// form: code, title, measure, polarity, the target, the horizon, the value reported so far, and
// input cells for the actual, the evidence submitted and a note. They carry the plan they were
// made from (in the base sheet), its id and revision, and merge back three ways.
import type { PlanIndex, Line } from '../plan/plan-index';
import { parsePeriod, type Period } from '../numbers/periods';
import { toPersianDigits } from '../numbers/digits';
import { isFormula, sheetName, VALUE_FORMAT, type Cell, type Column, type SheetRow } from '../grid/layout';
import { POLARITY_WORDS, type SheetLang } from '../grid/labels';
import { cellAddress, fieldOfColumn, readCell, type RawCell, type SheetReading } from '../grid/read';
import { fieldValue, sheetEdits, type Edit, type Refusal } from '../grid/merge';

export const TEMPLATE_ID = 'plansheets:template';
export const T_IDS_ROW = 1;
export const T_META_ROW = 2;
export const T_HEADER_ROW = 6;
export const T_FIRST_ROW = 7;

/** Characters a typed actual may have: Latin, Persian and Arabic-Indic digits, separators, %, -. */
const NUMBER_CHARS = '0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩.,/٫٬%-+ ';

/**
 * A data-validation formula for cell `c`: a number, or text made only of number characters, so
 * Persian digits typed as text pass (they are read on merge) and words do not.
 */
export function numberCheck(c: string): string {
  return `OR(ISNUMBER(${c}),SUMPRODUCT(--ISNUMBER(FIND(MID(${c},ROW(INDIRECT("1:"&LEN(${c}))),1),"${NUMBER_CHARS}")))=LEN(${c}))`;
}

export interface TemplateMeta {
  planId: string;
  unit: string;
  /** `1403`, or a period key `1403-H1`. */
  period: string;
  revision: number;
}

export interface TemplateModel {
  name: string;
  rtl: boolean;
  lang: SheetLang;
  meta: TemplateMeta;
  title: string;
  subtitle: string;
  instructions: string;
  columns: Column[];
  rows: SheetRow[];
}

const LABELS = {
  en: {
    key: 'Key', code: 'Code', title: 'Indicator', measure: 'Measure', polarity: 'Polarity', target: 'Target', horizon: 'Five-year horizon',
    sofar: 'Reported so far', actual: 'Actual', evidence: 'Evidence submitted', note: 'Note',
    subtitle: (unit: string, period: string, rev: number) => `Unit: ${unit} · Period: ${period} · Plan revision ${rev}`,
    instructions: (period: string) => `Type the actual of ${period} for each line (Persian digits are fine; - for none), the evidence you submit, and a note. Grey cells are locked. Send the file back as it is.`,
  },
  fa: {
    key: 'کلید', code: 'کد', title: 'شاخص', measure: 'واحد اندازه‌گیری', polarity: 'ماهیت', target: 'هدف', horizon: 'افق پنج ساله',
    sofar: 'گزارش‌شده تاکنون', actual: 'عملکرد', evidence: 'مستندات ارائه‌شده', note: 'توضیحات',
    subtitle: (unit: string, period: string, rev: number) => `واحد: ${unit} · دوره: ${toPersianDigits(period)} · ویرایش برنامه ${toPersianDigits(String(rev))}`,
    instructions: (period: string) => `برای هر سطر عملکرد ${toPersianDigits(period)} را وارد کنید (ارقام فارسی پذیرفته است؛ - برای «بدون مقدار»)، به همراه مستندات و توضیحات. خانه‌های خاکستری قفل هستند. فایل را همان‌گونه که هست بازگردانید.`,
  },
} as const;

/** The period a template is for by default: today's Jalali year, within the plan's years. */
export function defaultTemplatePeriod(index: PlanIndex, today: Date = new Date()): Period {
  const text = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { year: 'numeric' }).format(today);
  const year = Number(/\d{4}/.exec(text)?.[0]);
  const y = index.yearPos.has(year) ? year : year > index.lastYear ? index.lastYear : index.years[0];
  return { year: y, key: String(y), endMonth: 12 };
}

/** Units that have indicators, in plan order. */
export function templateUnits(index: PlanIndex): string[] {
  const units = (index.plan.units ?? []).map((u) => u.id);
  const used = new Set(index.indicatorList.map((e) => e.indicator.unit).filter((u): u is string => !!u));
  return [...units.filter((u) => used.has(u)), ...[...used].filter((u) => !units.includes(u))];
}

function columns(lang: SheetLang, period: Period): Column[] {
  const L = LABELS[lang];
  const p = lang === 'fa' ? toPersianDigits(period.key) : period.key;
  const col = (id: string, header: string, editable: boolean, width: number, extra: Partial<Column> = {}): Column => ({ kind: 'code', id, header, editable, width, ...extra });
  return [
    // Not the indicator sheets' key id: a template must not read as an indicator sheet.
    col(TEMPLATE_ID, L.key, false, 14, { kind: 'key', hidden: true }),
    col('code', L.code, false, 12),
    col('title', L.title, false, 44),
    col('measure', L.measure, false, 12),
    col('polarity', L.polarity, false, 9),
    col(`target:${period.year}`, `${L.target} ${lang === 'fa' ? toPersianDigits(String(period.year)) : period.year}`, false, 11, { kind: 'target', year: period.year, format: VALUE_FORMAT }),
    col('horizon', L.horizon, false, 11, { kind: 'horizon', format: VALUE_FORMAT }),
    col('sofar', L.sofar, false, 11, { kind: 'actual', format: VALUE_FORMAT }),
    col(`actual:${period.key}`, `${L.actual} ${p}`, true, 12, { kind: 'actual', format: VALUE_FORMAT }),
    col(`evidence:${period.key}`, L.evidence, true, 26, { kind: 'comment' }),
    col(`note:${period.key}`, L.note, true, 30, { kind: 'comment' }),
  ];
}

/** The latest annual actual up to the period's year (what the unit reported before). */
function soFar(index: PlanIndex, line: Line, period: Period): number | null {
  for (let i = index.yearPos.get(period.year)!; i >= 0; i--) if (line.actualByYear[i] !== null) return line.actualByYear[i];
  return null;
}

/** The template of one unit for one period. Throws for a unit or period the plan does not have. */
export function layoutTemplate(index: PlanIndex, unit: string, periodText: string | number, lang?: SheetLang): TemplateModel {
  const period = parsePeriod(periodText);
  if (!period || !index.yearPos.has(period.year)) throw new RangeError(`"${periodText}" is not a period of this plan (${index.years.join(', ')})`);
  const entries = index.indicatorList.filter((e) => e.indicator.unit === unit);
  const unitDef = index.plan.units?.find((u) => u.id === unit);
  if (!unitDef && entries.length === 0) throw new RangeError(`the plan has no unit "${unit}"`);
  const l: SheetLang = lang ?? (index.locale.toLowerCase().startsWith('fa') ? 'fa' : 'en');
  const cols = columns(l, period);
  const pos = index.yearPos.get(period.year)!;
  const row = (line: Line | undefined, ref: string, code: string, title: string, header: boolean): SheetRow => {
    const cells = cols.map((c): Cell => {
      if (c.id === TEMPLATE_ID) return ref;
      if (c.id === 'code') return code;
      if (c.id === 'title') return title || null;
      if (!line || header) {
        // an indicator measured by items: only its note and evidence are its own
        if (c.id.startsWith('note:') || c.id.startsWith('evidence:')) return fieldValue(index, ref, fieldOfColumn(c.id)!);
        return null;
      }
      switch (c.kind) {
        case 'target': return line.targetByYear[pos];
        case 'horizon': return line.horizon;
        case 'actual': return c.id === 'sofar' ? soFar(index, line, period) : fieldValue(index, ref, fieldOfColumn(c.id)!);
        case 'comment': return fieldValue(index, ref, fieldOfColumn(c.id)!);
        default:
          if (c.id === 'measure') return line.measure || null;
          if (c.id === 'polarity') return POLARITY_WORDS[l][line.polarity];
          return null;
      }
    });
    return { ref, kind: header ? 'header' : 'line', cells };
  };
  const rows: SheetRow[] = [];
  for (const e of entries) {
    if (e.hasItems) {
      rows.push(row(e.self, e.id, e.indicator.code, e.indicator.title ?? '', true));
      for (const line of e.lines) rows.push(row(line, line.ref, `${e.indicator.code}.${line.item!.id}`, line.title, false));
    } else {
      rows.push(row(e.self, e.id, e.indicator.code, e.indicator.title ?? '', false));
    }
  }
  const unitTitle = unitDef ? (l === 'en' ? unitDef.titleEn ?? unitDef.title : unitDef.title) : unit;
  const revision = index.plan.meta.revision ?? 0;
  return {
    name: sheetName(unitTitle || unit, new Set()),
    rtl: l === 'fa',
    lang: l,
    meta: { planId: index.plan.meta.id, unit, period: period.key, revision },
    title: l === 'en' ? index.plan.meta.titleEn ?? index.plan.meta.title : index.plan.meta.title,
    subtitle: LABELS[l].subtitle(unitTitle, period.key, revision),
    instructions: LABELS[l].instructions(period.key),
    columns: cols,
    rows,
  };
}

/** The whole template as rows: ids, meta (hidden), title, subtitle, instructions, headers, lines. */
export function templateMatrix(model: TemplateModel): Array<Array<string | number | null>> {
  const n = model.columns.length;
  const pad = (first: Array<string | number | null>) => [...first, ...Array(n - first.length).fill(null)];
  return [
    model.columns.map((c) => c.id),
    pad([TEMPLATE_ID, model.meta.planId, model.meta.unit, model.meta.period, model.meta.revision]),
    pad([null, model.title]),
    pad([null, model.subtitle]),
    pad([null, model.instructions]),
    model.columns.map((c) => c.header),
    ...model.rows.map((r) => r.cells.map((c) => (isFormula(c) ? c.formula : c))),
  ];
}

export interface TemplateReading {
  meta: TemplateMeta;
  reading: SheetReading;
}

/** A filled template's meta and input cells; undefined when the sheet is not a template. */
export function readTemplate(sheet: string, matrix: readonly (readonly RawCell[])[], book?: string): TemplateReading | undefined {
  const ids = matrix[T_IDS_ROW - 1];
  const meta = matrix[T_META_ROW - 1];
  if (!ids || !meta || ids[0] !== TEMPLATE_ID || meta[0] !== TEMPLATE_ID) return undefined;
  const fields = ids.map(fieldOfColumn);
  const cells: SheetReading['cells'] = [];
  for (let r = T_FIRST_ROW - 1; r < matrix.length; r++) {
    const row = matrix[r] ?? [];
    const ref = row[0] == null ? '' : String(row[0]).trim();
    if (!ref) continue;
    fields.forEach((field, c) => {
      if (field) cells.push(readCell(ref, field, { sheet, address: cellAddress(r, c), ...(book ? { book } : {}) }, row[c]));
    });
  }
  return {
    meta: { planId: String(meta[1] ?? ''), unit: String(meta[2] ?? ''), period: String(meta[3] ?? ''), revision: Number(meta[4] ?? 0) },
    reading: { sheet, cells },
  };
}

/**
 * A filled template's edits against the plan it was made from. Lines of other units are refused:
 * a template changes only its own unit's indicators.
 */
export function templateEdits(base: PlanIndex, current: PlanIndex, t: TemplateReading): { edits: Edit[]; refused: Refusal[] } {
  const { edits, refused } = sheetEdits(base, [t.reading]);
  const unitOf = (ref: string) => {
    const id = current.indicators.has(ref) ? ref : ref.slice(0, ref.lastIndexOf('.'));
    return (current.indicators.get(id) ?? base.indicators.get(id))?.indicator.unit;
  };
  const mine: Edit[] = [];
  for (const e of edits) {
    const unit = unitOf(e.ref);
    if (unit === undefined || unit === t.meta.unit) mine.push(e);
    else
      refused.push({
        ...e,
        code: 'other-unit',
        reason: { en: `${e.ref} belongs to unit "${unit}", not to this template's unit "${t.meta.unit}"`, fa: `${e.ref} متعلق به واحد «${unit}» است، نه واحد این قالب («${t.meta.unit}»)` },
      });
  }
  return { edits: mine, refused };
}
