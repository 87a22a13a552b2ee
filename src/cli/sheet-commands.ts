// `plansheets build` and `plansheets merge`: the indicator sheets of core/grid over .xlsx files.
import * as os from 'os';
import * as path from 'path';
import { layoutSheets, type SheetBy } from '../core/grid/layout';
import { FACTS_SHEET } from '../core/grid/reserved-names';
import { definitionsSheet } from '../core/grid/definitions';
import type { Conflict, Edit, Refusal } from '../core/grid/merge';
import { BookRefused, MergeInvalid, mergeBooks } from '../core/grid/merge-books';
import type { CellRef, FieldValue } from '../core/grid/read';
import { stringifyPlan } from '../core/plan/canonical-json';
import type { PlanIndex } from '../core/plan/plan-index';
import { untranslated, usablePlan, UsageError } from './plan-file';
import { isolate, ltr } from '../core/numbers/bidi';
import { counted, digitsFor, messageDigits, problemLine, tr, type Digits, type Lang, type Output } from './output';
import { formatNumber, inDigits } from '../core/numbers/format';
import { readBytes, writeAtomically, writeAtomicallyFrom } from './files';
import { writeBook } from '../xlsx/write-book';
import { FACT_COLUMNS, FACT_FORMATS, factHeaders, factRows } from '../core/facts/facts';
import { writeTemplate } from '../xlsx/write-template';
import { defaultTemplatePeriod, templateFileNames, templatePeriod, templateUnits, unitTemplate } from '../core/templates/template';
import * as fs from 'fs';
import { readBook } from '../xlsx/read-book';
import { checkXlsxSize, XlsxRefused } from '../xlsx/open-xlsx';
import { unreadableBook } from '../xlsx/xlsx-limits';
import { EXIT } from './commands';

export const EXIT_NOT_ALL_APPLIED = 3;

/** A usable plan and its canonical text (what books and templates store as their base). */
function usable(planPath: string, lang: Lang, io: Output): { index: PlanIndex; text: string } | number {
  const index = usablePlan(planPath, lang, io, false);
  return typeof index === 'number' ? index : { index, text: stringifyPlan(index.plan) };
}

/** `plansheets build PLAN -o BOOK.xlsx [--by workingGroup|unit] [--definitions]`. */
export async function build(planPath: string, opts: { out?: string; by: string; lang: Lang; digits?: Digits; sheetLang?: string; definitions?: boolean }, io: Output): Promise<number> {
  if (!opts.out) throw new UsageError({ en: 'give the workbook to write with -o BOOK.xlsx', fa: `کارپوشه‌ای را که باید نوشته شود با ${isolate('-o BOOK.xlsx')} بدهید` });
  if (opts.by !== 'workingGroup' && opts.by !== 'unit') throw new UsageError({ en: `--by must be workingGroup or unit, not "${opts.by}"`, fa: `${isolate('--by')} باید ${ltr('workingGroup')} یا ${ltr('unit')} باشد، نه "${isolate(opts.by)}"` });
  const plan = usable(planPath, opts.lang, io);
  if (typeof plan === 'number') return plan;
  const sheetLang = opts.sheetLang as 'en' | 'fa' | undefined;
  const models = layoutSheets(plan.index, { by: opts.by as SheetBy, ...(sheetLang ? { lang: sheetLang } : {}) });
  // The Definitions sheet first: where a secretariat starts after an import.
  if (opts.definitions) models.unshift(definitionsSheet(plan.index, sheetLang));
  // A book merge could not read back is not written: the limit is said before the work starts.
  const factCount = plan.index.indicatorList.reduce((n, e) => n + e.lines.length, 0) * plan.index.years.length;
  const unreadable = unreadableBook(models, factCount);
  if (unreadable) {
    io.err(`plansheets: ${tr(opts.lang, `${planPath}: ${unreadable}; ${opts.out} not written`, `${isolate(planPath)}: ${isolate(unreadable)}؛ ${isolate(opts.out)} نوشته نشد`)}`);
    return EXIT.failed;
  }
  const lang = models[0]?.lang ?? 'en';
  const facts = { name: FACTS_SHEET[lang], rtl: lang === 'fa', headers: factHeaders(lang), formats: FACT_COLUMNS.map((c) => FACT_FORMATS[c]), rows: factRows(plan.index, lang) };
  await writeAtomicallyFrom(opts.out, (stream) => writeBook(stream, models, plan.text, facts));
  const rows = models.reduce((n, m) => n + m.rows.length, 0);
  const [l, d] = [opts.lang, digitsFor(opts.lang, opts.digits)];
  const comma = tr(l, ', ', '، ');
  const said = (text: string) => (l === 'fa' ? isolate(text) : text);
  io.out(
    `${said(opts.out)}: ${counted(models.length, l, d, 'sheet', 'برگه')} (${models.map((m) => said(m.name)).join(comma)})${comma}${counted(rows, l, d, 'row', 'سطر')}${tr(l, '; ', '؛ ')}` +
      `${said(facts.name)}: ${counted(facts.rows.length, l, d, 'row', 'سطر')}`,
  );
  return EXIT.ok;
}

/** `plansheets templates PLAN -o DIR [--unit ID] [--year Y]`: one .xlsx per unit, named after it. */
export async function templates(planPath: string, opts: { out?: string; unit?: string; year?: string; lang: Lang; digits?: Digits; sheetLang?: string }, io: Output): Promise<number> {
  if (!opts.out) throw new UsageError({ en: 'give the folder to write the templates to with -o DIR', fa: `پوشه‌ای را که الگوها در آن نوشته شوند با ${isolate('-o DIR')} بدهید` });
  // Not usable(): each template carries its unit's slice, never the whole plan's text.
  const index = usablePlan(planPath, opts.lang, io, false);
  if (typeof index === 'number') return index;
  const all = templateUnits(index);
  if (opts.unit && !all.includes(opts.unit)) {
    throw new UsageError({ en: `the plan has no indicators of unit "${opts.unit}" (units: ${all.join(', ')})`, fa: `برنامه شاخصی از واحد "${isolate(opts.unit)}" ندارد (واحدها: ${all.map(isolate).join('، ')})` });
  }
  const units = opts.unit ? [opts.unit] : all;
  const period = opts.year ?? defaultTemplatePeriod(index).key;
  try {
    templatePeriod(index, period);
  } catch (e) {
    throw new UsageError(untranslated((e as Error).message));
  }
  // Names from all units, so that --unit gives a unit the name it has in a full run.
  const names = templateFileNames(all);
  const dir = path.resolve(opts.out);
  try {
    fs.mkdirSync(opts.out, { recursive: true });
  } catch (e) {
    throw new UsageError({ en: `cannot make the folder ${opts.out}: ${(e as Error).message}`, fa: `پوشه ${isolate(opts.out)} ساخته نشد: ${isolate((e as Error).message)}` });
  }
  for (const unit of units) {
    const { model, base } = unitTemplate(index, unit, period, opts.sheetLang as 'en' | 'fa' | undefined);
    const file = path.join(opts.out, names.get(unit)!);
    // templateFileNames gives bare names; a unit id must never reach outside the folder.
    if (path.dirname(path.resolve(file)) !== dir) throw new Error(`template file name "${names.get(unit)}" leaves ${opts.out}`);
    writeAtomically(file, await writeTemplate(model, base));
    const [l, d] = [opts.lang, digitsFor(opts.lang, opts.digits)];
    io.out(
      l === 'fa'
        ? `${isolate(file)}: ${counted(model.rows.length, l, d, 'row', 'سطر')}، دوره ${ltr(inDigits(model.meta.period, d))}، ویرایش ${formatNumber(model.meta.revision, d)}`
        : `${file}: ${model.rows.length} rows, period ${model.meta.period}, revision ${model.meta.revision}`,
    );
  }
  return EXIT.ok;
}

interface Located<T> {
  item: T;
  at: CellRef;
}

/** Book, sheet and cell; in Persian the book isolated and `'sheet'!A1` one left-to-right run. */
const where = (at: CellRef, l: Lang) =>
  l === 'fa' ? `${isolate(at.book ?? '')}  ${ltr(`'${at.sheet}'!${at.address}`)}` : `${at.book ?? ''}  '${at.sheet}'!${at.address}`;
/** A value as merged: texts quoted as typed (isolated in Persian), numbers in the output's digits. */
const show = (v: FieldValue | string, l: Lang, d: Digits) =>
  v === null ? tr(l, '(empty)', '(خالی)') : typeof v === 'string' ? (l === 'fa' ? isolate(JSON.stringify(v)) : JSON.stringify(v)) : formatNumber(v, d);

export interface MergeOptions {
  out?: string;
  /** The plan the books were built from, for books that no longer carry it. */
  base?: string;
  by?: string;
  strict?: boolean;
  json?: boolean;
  lang: Lang;
  digits?: Digits;
}

/**
 * `plansheets merge PLAN BOOK.xlsx… -o OUT.json`: each book's edits against the plan it was
 * built from, merged three ways into the plan, book after book. Exit 0 when every edit applied,
 * 3 when some could not (each reported with file, sheet and cell).
 */
export async function merge(planPath: string, books: string[], opts: MergeOptions, io: Output): Promise<number> {
  if (!opts.out) throw new UsageError({ en: 'give the plan file to write with -o OUT.json', fa: `پرونده برنامه‌ای را که باید نوشته شود با ${isolate('-o OUT.json')} بدهید` });
  if (books.length === 0) throw new UsageError({ en: 'give at least one workbook to merge', fa: 'دست‌کم یک کارپوشه برای ادغام بدهید' });
  const start = usable(planPath, opts.lang, io);
  if (typeof start === 'number') return start;
  let given: PlanIndex | undefined;
  if (opts.base) {
    const b = usable(opts.base, opts.lang, io);
    if (typeof b === 'number') return b;
    given = b.index;
  }
  const by = opts.by ?? os.userInfo().username;
  const inputs = [];
  for (const file of books) {
    // A book that cannot be opened (not an .xlsx, damaged, over a limit) stops the merge before anything is written.
    try {
      // The size is refused before reading a byte; readBytes says what a non-file is (a pipe reports 0 bytes).
      if (fs.existsSync(file) && fs.statSync(file).isFile()) checkXlsxSize(fs.statSync(file).size, path.basename(file));
      inputs.push(await readBook(readBytes(file), path.basename(file)));
    } catch (e) {
      if (e instanceof XlsxRefused) throw new UsageError(untranslated(e.message));
      throw e;
    }
  }
  for (const b of inputs) if (b.readings.length === 0 && b.templates.length === 0) io.err(tr(opts.lang, `${b.name}: no indicator sheets or templates (nothing to merge)`, `${isolate(b.name)}: برگهٔ شاخص یا الگویی ندارد (چیزی برای ادغام نیست)`));
  let merged;
  try {
    merged = mergeBooks(start.index.plan, inputs, () => 'file', by, new Date().toISOString(), given);
  } catch (e) {
    if (e instanceof BookRefused) throw new UsageError(untranslated(e.message));
    if (e instanceof MergeInvalid) {
      for (const p of e.problems) io.err(problemLine(p, opts.lang));
      const n = counted(e.problems.length, opts.lang, digitsFor(opts.lang, opts.digits), 'error', 'خطا');
      io.err(tr(opts.lang, `${opts.out} not written: the merged plan would not pass validation (${n})`, `${isolate(opts.out)} نوشته نشد: برنامه ادغام‌شده از بررسی نمی‌گذرد (${n})`));
      return EXIT.failed;
    }
    throw e;
  }
  const { applied, conflicts, refused } = merged;
  const problems = conflicts.length + refused.length;
  // The output is always written (unchanged, same revision, when nothing applied), except that
  // --strict writes nothing at all when anything could not be applied.
  const write = !(opts.strict && problems > 0);
  const result = merged.plan;
  if (write) writeAtomically(opts.out, stringifyPlan(result));
  report(io, opts, { applied, conflicts, refused, written: write ? opts.out : null, revision: result.meta.revision ?? 0 });
  return problems > 0 ? EXIT_NOT_ALL_APPLIED : EXIT.ok;
}

function report(
  io: Output,
  opts: MergeOptions,
  r: { applied: Array<Edit & { from: FieldValue }>; conflicts: Conflict[]; refused: Refusal[]; written: string | null; revision: number },
): void {
  if (opts.json) {
    io.out(
      JSON.stringify(
        {
          written: r.written,
          revision: r.revision,
          applied: r.applied.map((c) => ({ where: c.at, ref: c.ref, field: c.field, from: c.from, to: c.value })),
          conflicts: r.conflicts.map((c) => ({ where: c.at, ref: c.ref, field: c.field, base: c.base, sheet: c.sheet, file: c.file })),
          refused: r.refused.map((c) => ({ where: c.at, ref: c.ref, field: c.field, value: c.value, code: c.code, message: c.reason })),
        },
        null,
        2,
      ),
    );
    return;
  }
  const [l, d] = [opts.lang, digitsFor(opts.lang, opts.digits)];
  const v = (x: FieldValue | string) => show(x, l, d);
  // in Persian the ref (`1-7-5-2`) and the field (`actuals.1402`) as written, isolated left to right
  const at = (c: { at: CellRef; ref: string; field: string }) => (l === 'fa' ? `${where(c.at, l)}  ${ltr(c.ref)}  ${ltr(c.field)}` : `${where(c.at, l)}  ${c.ref}  ${c.field}`);
  const lines: Array<Located<string>> =
    l === 'fa'
      ? [
          ...r.applied.map((c) => ({ at: c.at, item: `اعمال شد   ${at(c)}: ${v(c.from)} ← ${v(c.value)}` })),
          ...r.conflicts.map((c) => ({ at: c.at, item: `ناسازگار   ${at(c)}: پیش‌تر ${v(c.base)}، در برگه ${v(c.sheet)}، در پرونده ${v(c.file)} (مقدار پرونده ماند)` })),
          ...r.refused.map((c) => ({ at: c.at, item: `رد شد      ${at(c)}: ${v(c.value)}: ${messageDigits(c.reason.fa, d)}` })),
        ]
      : [
          ...r.applied.map((c) => ({ at: c.at, item: `applied   ${at(c)}: ${v(c.from)} → ${v(c.value)}` })),
          ...r.conflicts.map((c) => ({ at: c.at, item: `conflict  ${at(c)}: was ${v(c.base)}, the sheet has ${v(c.sheet)}, the file has ${v(c.file)} (the file's value kept)` })),
          ...r.refused.map((c) => ({ at: c.at, item: `refused   ${at(c)}: ${v(c.value)}: ${c.reason.en}` })),
        ];
  for (const line of lines) io.out(line.item);
  const problems = r.conflicts.length + r.refused.length;
  const changes = counted(r.applied.length, l, d, 'change', 'تغییر');
  const conflicts = counted(r.conflicts.length, l, d, 'conflict', 'ناسازگاری');
  const revision = formatNumber(r.revision, d);
  io.out(
    l === 'fa'
      ? `${changes} ${r.written ? `اعمال شد؛ ${isolate(r.written)} نوشته شد (ویرایش ${revision})` : `اعمال نشد و چیزی نوشته نشد (${ltr('--strict')})`}` +
          (problems ? `؛ ${conflicts}، ${formatNumber(r.refused.length, d)} رد شده` : '')
      : `${changes} ${r.written ? `applied; ${r.written} written (revision ${revision})` : 'not applied and nothing written (--strict)'}` +
          (problems ? `; ${conflicts}, ${r.refused.length} refused` : ''),
  );
}
