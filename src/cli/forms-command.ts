// `plansheets forms PLAN [--unit ID] -o FILE.docx|FILE.pdf`: the indicator ID forms, one a page,
// for the secretariat to print and have signed instead of retyping them.
import type { Command } from 'commander';
import { formEntries } from '../core/forms/indicator-form';
import { planLang } from '../core/grid/labels';
import { planFormsDocx } from '../docs/form-docx';
import { EXIT } from './commands';
import { writeAtomically } from './files';
import { counted, digitsFor, tr, type Digits, type Lang, type Output } from './output';
import { docxToPdf, type PdfConvertIo } from './pdf-convert';
import { usablePlan, UsageError } from './plan-file';
import { isolate } from '../core/numbers/bidi';

export interface FormsOptions {
  out?: string;
  unit?: string;
  /** The forms' language: en or fa (default: the plan's). */
  docLang?: string;
  /** The language of messages. */
  lang: Lang;
  digits?: Digits;
  /** The date in the footer (default: now). */
  now?: Date;
  /** How LibreOffice is run for .pdf. */
  pdf?: PdfConvertIo;
}

/** Known unit ids for a message: the first ten, and how many more. */
function someUnits(ids: readonly string[]): string {
  const shown = ids.slice(0, 10).join(', ');
  return ids.length > 10 ? `${shown}, … (${ids.length} in all)` : shown || '(none)';
}

export async function formsCommand(planPath: string, opts: FormsOptions, io: Output): Promise<number> {
  const out = opts.out;
  if (!out) throw new UsageError({ en: 'give the file to write with -o FILE.docx or -o FILE.pdf', fa: `پرونده‌ای را که باید نوشته شود با ${isolate('-o FILE.docx')} یا ${isolate('-o FILE.pdf')} بدهید` });
  const kind = /\.(docx|pdf)$/i.exec(out)?.[1].toLowerCase();
  if (!kind) throw new UsageError({ en: `-o must name a .docx or .pdf file, not "${out}"`, fa: `${isolate('-o')} باید پرونده‌ای ${isolate('.docx')} یا ${isolate('.pdf')} باشد، نه ${isolate(`"${out}"`)}` });
  if (opts.docLang !== undefined && opts.docLang !== 'en' && opts.docLang !== 'fa') throw new UsageError({ en: `--doc-lang must be en or fa, not "${opts.docLang}"`, fa: `${isolate('--doc-lang')} باید en یا fa باشد، نه ${isolate(`"${opts.docLang}"`)}` });
  const index = usablePlan(planPath, opts.lang, io, false);
  if (typeof index === 'number') return index;
  const units = index.plan.units ?? [];
  const unit = opts.unit === undefined ? undefined : units.find((u) => u.id === opts.unit);
  if (opts.unit !== undefined && !unit) throw new UsageError({ en: `${planPath} has no unit "${opts.unit}"; its units: ${someUnits(units.map((u) => u.id))}`, fa: `${isolate(planPath)} واحدی با شناسه ${isolate(`"${opts.unit}"`)} ندارد؛ واحدهای آن: ${isolate(someUnits(units.map((u) => u.id)))}` });
  const count = formEntries(index, opts.unit).length;
  const [l, d] = [opts.lang, digitsFor(opts.lang, opts.digits)];
  if (count === 0) {
    const whose = unit ? tr(l, `unit "${unit.id}" (${unit.title}) has no indicators`, `حوزه «${unit.id}» (${unit.title}) شاخصی ندارد`) : tr(l, 'the plan has no indicators', 'برنامه شاخصی ندارد');
    io.err(`plansheets: ${planPath}: ${whose}${tr(l, `; ${out} not written`, `؛ ${out} نوشته نشد`)}`);
    return EXIT.failed;
  }
  const docLang = (opts.docLang as Lang | undefined) ?? planLang(index);
  const docx = await planFormsDocx(index, { unit: opts.unit, lang: docLang, digits: digitsFor(docLang, opts.digits), now: opts.now });
  const bytes = kind === 'pdf' ? await docxToPdf(docx, opts.pdf) : Buffer.from(docx.buffer, docx.byteOffset, docx.byteLength);
  writeAtomically(out, bytes);
  const whose = unit ? ` (${docLang === 'en' ? unit.titleEn ?? unit.title : unit.title})` : '';
  io.out(`${out}: ${counted(count, l, d, 'form', 'فرم')}${whose}`);
  return EXIT.ok;
}

/**
 * Adds `forms` to the program; main.ts calls it with its global --lang and --digits readers.
 * Kept here so that registering is one line there.
 */
export function addFormsCommand(cli: Command, io: Output, setCode: (code: number) => void, lang: () => Lang, digits: () => Digits | undefined): void {
  cli
    .command('forms')
    .description("write the indicator ID forms (one a page, with the plan's figures and blanks to fill and sign) as .docx, or .pdf through LibreOffice")
    .argument('<plan>', 'plan JSON file')
    .requiredOption('-o, --out <file>', 'the .docx or .pdf file to write')
    .option('--unit <id>', "one unit's indicators only")
    .option('--doc-lang <lang>', "the forms' language: en or fa (default: the plan's)")
    .action(async (plan: string, o: { out: string; unit?: string; docLang?: string }) => setCode(await formsCommand(plan, { ...o, lang: lang(), digits: digits() }, io)));
}
