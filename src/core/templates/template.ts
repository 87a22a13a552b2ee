// Standard data-entry templates: one unit, one year (or period). Rows follow the indicator ID
// form: code, title, measure, polarity, the target, the horizon, the value reported so far, and
// input cells for the actual, the evidence submitted and a note. They carry their unit's slice of
// the plan they were made from (in the base sheet; see slice.ts), its id and revision, and merge
// back three ways.
import { buildIndex, type PlanIndex, type Line } from '../plan/plan-index';
import { stringifyPlan } from '../plan/canonical-json';
import type { Bilingual } from '../plan/problems';
import { unitSlice } from './slice';
import { parsePeriod, type Period } from '../numbers/periods';
import { toPersianDigits } from '../numbers/digits';
import { isFormula, sheetName, VALUE_FORMAT, type Cell, type Column, type SheetRow } from '../grid/layout';
import { planLang, POLARITY_WORDS, type SheetLang } from '../grid/labels';
import { fieldOfColumn, readRows, type RawCell, type SheetReading } from '../grid/read';
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
  const defined = new Set(units);
  const used = new Set(index.indicatorList.map((e) => e.indicator.unit).filter((u): u is string => !!u));
  return [...new Set(units.filter((u) => used.has(u))), ...[...used].filter((u) => !defined.has(u))];
}

/** Code points a file name must not have: controls, separators, what Windows refuses, bidi overrides. */
const UNSAFE_IN_NAME = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}<>:"/\\|?*]|(?![\u200c\u200d])\p{Cf}/gu;
/** Device names Windows reserves, with any extension (`CON.xlsx`, `com1.x.xlsx`). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]|conin\$|conout\$)$/i;
/** UTF-8 bytes of a name before `.xlsx` and a suffix: well within every file system's 255. */
const NAME_BYTES = 120;

/** A file name from a unit id that stays in its folder on every system, or '' when nothing is left. */
function safeStem(id: string): string {
  let s = id.normalize('NFC').replace(UNSAFE_IN_NAME, '_');
  // No `.`/`..`, no hidden file; Windows drops trailing dots and spaces.
  const trim = (t: string) => t.replace(/^[.\s]+|[.\s]+$/gu, '');
  s = trim(s);
  let bytes = 0;
  let cut = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes > NAME_BYTES) break;
    cut += ch;
  }
  s = trim(cut);
  return WINDOWS_DEVICE.test(s.split('.')[0].trimEnd()) ? `_${s}` : s;
}

/**
 * The template file name of each unit: its id where that is a safe name (`budget-office.xlsx`),
 * otherwise the id with unsafe characters replaced, cut and de-reserved; distinct without regard
 * to case or Unicode normalization (as Windows and macOS compare names), suffixed -2, -3… in
 * plan order when two would meet. A name has no path separator and never names `.` or `..`.
 */
export function templateFileNames(units: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const unit of units) {
    if (names.has(unit)) continue;
    const stem = safeStem(unit) || 'unit';
    let name = stem;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem}-${n}`;
    taken.add(name.toLowerCase());
    names.set(unit, `${name}.xlsx`);
  }
  return names;
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

/** The period a template of the plan can be for. Throws for one the plan does not have. */
export function templatePeriod(index: PlanIndex, periodText: string | number): Period {
  const period = parsePeriod(periodText);
  if (!period || !index.yearPos.has(period.year)) throw new RangeError(`"${periodText}" is not a period of this plan (${index.years.join(', ')})`);
  return period;
}

/**
 * A template to send to a unit: laid out from the unit's slice of the plan, with that slice's
 * canonical text as its base. Throws for a unit or period the plan does not have.
 */
export function unitTemplate(index: PlanIndex, unit: string, periodText: string | number, lang?: SheetLang): { model: TemplateModel; base: string } {
  templatePeriod(index, periodText);
  const slice = unitSlice(index, unit);
  return { model: layoutTemplate(buildIndex(slice), unit, periodText, lang), base: stringifyPlan(slice) };
}

/** The template of one unit for one period. Throws for a unit or period the plan does not have. */
export function layoutTemplate(index: PlanIndex, unit: string, periodText: string | number, lang?: SheetLang): TemplateModel {
  const period = templatePeriod(index, periodText);
  const entries = index.indicatorList.filter((e) => e.indicator.unit === unit);
  const unitDef = index.plan.units?.find((u) => u.id === unit);
  if (!unitDef && entries.length === 0) throw new RangeError(`the plan has no unit "${unit}"`);
  const l: SheetLang = lang ?? planLang(index);
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
  const period = parsePeriod(String(meta[3] ?? ''));
  return {
    meta: { planId: String(meta[1] ?? ''), unit: String(meta[2] ?? ''), period: String(meta[3] ?? ''), revision: Number(meta[4] ?? 0) },
    // The columns a template of its period has: anything else in the id row was altered.
    reading: readRows(sheet, matrix, T_FIRST_ROW, book, period ? columns('en', period).map((c) => c.id) : []),
  };
}

/**
 * A filled template's edits against the plan it was made from. Lines of other units are refused:
 * a template changes only its own unit's indicators.
 */
/**
 * Why a template's hidden meta (plan, unit, revision) disagrees with the plan it carries, if it
 * does: a unit's slice names that unit alone, so a unit cell changed to another unit shows.
 */
function metaMismatch(base: PlanIndex, meta: TemplateMeta): Bilingual | undefined {
  const plan = base.plan;
  const sliceUnit = plan.units?.length === 1 && plan.indicators.every((i) => i.unit === plan.units![0].id) ? plan.units[0].id : undefined;
  const found =
    meta.planId !== plan.meta.id ? `plan "${meta.planId}", but it carries plan "${plan.meta.id}"`
    : meta.revision !== (plan.meta.revision ?? 0) ? `revision ${meta.revision}, but it carries revision ${plan.meta.revision ?? 0}`
    : sliceUnit !== undefined && meta.unit !== sliceUnit ? `unit "${meta.unit}", but it carries the plan of unit "${sliceUnit}"`
    : undefined;
  return found === undefined ? undefined : { en: `the template's hidden details were altered (they say ${found}): nothing typed in it is applied`, fa: `مشخصات پنهان قالب تغییر داده شده است (${found}): چیزی از آنچه در آن وارد شده اعمال نمی‌شود` };
}

export function templateEdits(base: PlanIndex, current: PlanIndex, t: TemplateReading): { edits: Edit[]; refused: Refusal[] } {
  const unitOf = (ref: string) => {
    const dot = ref.lastIndexOf('.');
    const id = current.indicators.has(ref) || dot < 0 ? ref : ref.slice(0, dot);
    return (current.indicators.get(id) ?? base.indicators.get(id))?.indicator.unit;
  };
  const otherUnit = (ref: string) => {
    const unit = unitOf(ref);
    return unit !== undefined && unit !== t.meta.unit ? unit : undefined;
  };
  const refuse = (c: Pick<Refusal, 'ref' | 'field' | 'value' | 'at'>, unit: string): Refusal => ({
    ref: c.ref,
    field: c.field,
    value: c.value,
    at: c.at,
    code: 'other-unit',
    reason: { en: `${c.ref} belongs to unit "${unit}", not to this template's unit "${t.meta.unit}"`, fa: `${c.ref} متعلق به واحد «${unit}» است، نه واحد این قالب («${t.meta.unit}»)` },
  });
  const found = sheetEdits(base, [t.reading]);
  const mismatch = metaMismatch(base, t.meta);
  if (mismatch) {
    // The hidden meta row was altered (another unit, plan or revision): nothing of it applies.
    return { edits: [], refused: [...found.refused, ...found.edits.map((e) => ({ ...e, code: 'tampered' as const, reason: mismatch }))] };
  }
  // The base is the unit's slice: a row keyed to another unit's line is not in it, and whatever
  // else is wrong with such a row, what the person needs to know is that it is not theirs.
  const refused = found.refused.map((r) => {
    const unit = otherUnit(r.ref);
    return unit === undefined ? r : refuse(r, unit);
  });
  const mine: Edit[] = [];
  for (const e of found.edits) {
    const unit = otherUnit(e.ref);
    if (unit === undefined) mine.push(e);
    else refused.push(refuse(e, unit));
  }
  return { edits: mine, refused };
}
