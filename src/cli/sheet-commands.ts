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
import { usablePlan, UsageError } from './plan-file';
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
  if (!opts.out) throw new UsageError('give the workbook to write with -o BOOK.xlsx');
  if (opts.by !== 'workingGroup' && opts.by !== 'unit') throw new UsageError(`--by must be workingGroup or unit, not "${opts.by}"`);
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
    io.err(`plansheets: ${planPath}: ${unreadable}; ${opts.out} not written`);
    return EXIT.failed;
  }
  const lang = models[0]?.lang ?? 'en';
  const facts = { name: FACTS_SHEET[lang], rtl: lang === 'fa', headers: factHeaders(lang), formats: FACT_COLUMNS.map((c) => FACT_FORMATS[c]), rows: factRows(plan.index, lang) };
  await writeAtomicallyFrom(opts.out, (stream) => writeBook(stream, models, plan.text, facts));
  const rows = models.reduce((n, m) => n + m.rows.length, 0);
  const [l, d] = [opts.lang, digitsFor(opts.lang, opts.digits)];
  const comma = tr(l, ', ', '، ');
  io.out(
    `${opts.out}: ${counted(models.length, l, d, 'sheet', 'برگه')} (${models.map((m) => m.name).join(comma)})${comma}${counted(rows, l, d, 'row', 'سطر')}${tr(l, '; ', '؛ ')}` +
      `${facts.name}: ${counted(facts.rows.length, l, d, 'row', 'سطر')}`,
  );
  return EXIT.ok;
}

/** `plansheets templates PLAN -o DIR [--unit ID] [--year Y]`: one .xlsx per unit, named after it. */
export async function templates(planPath: string, opts: { out?: string; unit?: string; year?: string; lang: Lang; digits?: Digits; sheetLang?: string }, io: Output): Promise<number> {
  if (!opts.out) throw new UsageError('give the folder to write the templates to with -o DIR');
  // Not usable(): each template carries its unit's slice, never the whole plan's text.
  const index = usablePlan(planPath, opts.lang, io, false);
  if (typeof index === 'number') return index;
  const all = templateUnits(index);
  if (opts.unit && !all.includes(opts.unit)) {
    throw new UsageError(`the plan has no indicators of unit "${opts.unit}" (units: ${all.join(', ')})`);
  }
  const units = opts.unit ? [opts.unit] : all;
  const period = opts.year ?? defaultTemplatePeriod(index).key;
  try {
    templatePeriod(index, period);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  // Names from all units, so that --unit gives a unit the name it has in a full run.
  const names = templateFileNames(all);
  const dir = path.resolve(opts.out);
  try {
    fs.mkdirSync(opts.out, { recursive: true });
  } catch (e) {
    throw new UsageError(`cannot make the folder ${opts.out}: ${(e as Error).message}`);
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
        ? `${file}: ${counted(model.rows.length, l, d, 'row', 'سطر')}، دوره ${inDigits(model.meta.period, d)}، ویرایش ${formatNumber(model.meta.revision, d)}`
        : `${file}: ${model.rows.length} rows, period ${model.meta.period}, revision ${model.meta.revision}`,
    );
  }
  return EXIT.ok;
}

interface Located<T> {
  item: T;
  at: CellRef;
}

const where = (at: CellRef) => `${at.book ?? ''}  '${at.sheet}'!${at.address}`;
/** A value as merged: texts quoted as typed, numbers in the output's digits. */
const show = (v: FieldValue | string, l: Lang, d: Digits) =>
  v === null ? tr(l, '(empty)', '(خالی)') : typeof v === 'string' ? JSON.stringify(v) : formatNumber(v, d);

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
  if (!opts.out) throw new UsageError('give the plan file to write with -o OUT.json');
  if (books.length === 0) throw new UsageError('give at least one workbook to merge');
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
      if (e instanceof XlsxRefused) throw new UsageError(e.message);
      throw e;
    }
  }
  for (const b of inputs) if (b.readings.length === 0 && b.templates.length === 0) io.err(`${b.name}: no indicator sheets or templates (nothing to merge)`);
  let merged;
  try {
    merged = mergeBooks(start.index.plan, inputs, () => 'file', by, new Date().toISOString(), given);
  } catch (e) {
    if (e instanceof BookRefused) throw new UsageError(e.message);
    if (e instanceof MergeInvalid) {
      for (const p of e.problems) io.err(problemLine(p, opts.lang));
      const n = counted(e.problems.length, opts.lang, digitsFor(opts.lang, opts.digits), 'error', 'خطا');
      io.err(tr(opts.lang, `${opts.out} not written: the merged plan would not pass validation (${n})`, `${opts.out} نوشته نشد: برنامه ادغام‌شده از بررسی نمی‌گذرد (${n})`));
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
  const lines: Array<Located<string>> =
    l === 'fa'
      ? [
          ...r.applied.map((c) => ({ at: c.at, item: `اعمال شد   ${where(c.at)}  ${c.ref}  ${c.field}: ${v(c.from)} ← ${v(c.value)}` })),
          ...r.conflicts.map((c) => ({ at: c.at, item: `ناسازگار   ${where(c.at)}  ${c.ref}  ${c.field}: پیش‌تر ${v(c.base)}، در برگه ${v(c.sheet)}، در پرونده ${v(c.file)} (مقدار پرونده ماند)` })),
          ...r.refused.map((c) => ({ at: c.at, item: `رد شد      ${where(c.at)}  ${c.ref}  ${c.field}: ${v(c.value)}: ${messageDigits(c.reason.fa, d)}` })),
        ]
      : [
          ...r.applied.map((c) => ({ at: c.at, item: `applied   ${where(c.at)}  ${c.ref}  ${c.field}: ${v(c.from)} → ${v(c.value)}` })),
          ...r.conflicts.map((c) => ({ at: c.at, item: `conflict  ${where(c.at)}  ${c.ref}  ${c.field}: was ${v(c.base)}, the sheet has ${v(c.sheet)}, the file has ${v(c.file)} (the file's value kept)` })),
          ...r.refused.map((c) => ({ at: c.at, item: `refused   ${where(c.at)}  ${c.ref}  ${c.field}: ${v(c.value)}: ${c.reason.en}` })),
        ];
  for (const line of lines) io.out(line.item);
  const problems = r.conflicts.length + r.refused.length;
  const changes = counted(r.applied.length, l, d, 'change', 'تغییر');
  const conflicts = counted(r.conflicts.length, l, d, 'conflict', 'ناسازگاری');
  const revision = formatNumber(r.revision, d);
  io.out(
    l === 'fa'
      ? `${changes} ${r.written ? `اعمال شد؛ ${r.written} نوشته شد (ویرایش ${revision})` : 'اعمال نشد و چیزی نوشته نشد (--strict)'}` +
          (problems ? `؛ ${conflicts}، ${formatNumber(r.refused.length, d)} رد شده` : '')
      : `${changes} ${r.written ? `applied; ${r.written} written (revision ${revision})` : 'not applied and nothing written (--strict)'}` +
          (problems ? `; ${conflicts}, ${r.refused.length} refused` : ''),
  );
}
