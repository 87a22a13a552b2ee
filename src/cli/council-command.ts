// `plansheets report --pdf FILE` / `--docx FILE`: the council report as a document to print.
import { councilReport, type CouncilBy } from '../core/report/council';
import { planLang } from '../core/grid/labels';
import { councilDocx } from '../docs/council-docx';
import { docStyle } from '../docs/docx-kit';
import { EXIT, checkScopeYear, reportScope } from './commands';
import { writeAtomically } from './files';
import { docxToPdf } from './pdf-convert';
import { usablePlan, UsageError } from './plan-file';
import { isolate } from '../core/numbers/bidi';
import { svgToPng } from './svg-png';
import { formatNumber } from '../core/numbers/format';
import { digitsFor, tr, type Digits, type Lang, type Output } from './output';

export interface CouncilOptions {
  by: string;
  year?: string;
  mode: string;
  pdf?: string;
  docx?: string;
  /** The document's language (default: the plan's). */
  docLang?: string;
  lang: Lang;
  digits?: Digits;
  /** The report's date (default: now). */
  now?: Date;
}

export async function councilCommand(path: string, opts: CouncilOptions, io: Output): Promise<number> {
  const scope = reportScope(opts);
  if (scope.by === 'indicator') throw new UsageError({ en: '--pdf and --docx report by workingGroup, unit, district or node, not by indicator', fa: `${isolate('--pdf')} و ${isolate('--docx')} به تفکیک کارگروه، واحد، منطقه یا گره گزارش می‌دهند، نه شاخص` });
  if (opts.pdf && opts.docx) throw new UsageError({ en: 'give --pdf or --docx, not both', fa: `${isolate('--pdf')} یا ${isolate('--docx')} را بدهید، نه هر دو` });
  const out = (opts.pdf ?? opts.docx)!;
  if (opts.docLang !== undefined && opts.docLang !== 'en' && opts.docLang !== 'fa') throw new UsageError({ en: `--doc-lang must be en or fa, not "${opts.docLang}"`, fa: `${isolate('--doc-lang')} باید en یا fa باشد، نه "${opts.docLang}"` });
  const index = usablePlan(path, opts.lang, io);
  if (typeof index === 'number') return index;
  checkScopeYear(index, scope.year);
  const rep = councilReport(index, scope.by as CouncilBy, scope.mode, scope.year);
  const style = docStyle((opts.docLang as 'en' | 'fa' | undefined) ?? planLang(index), opts.digits);
  const docx = await councilDocx(index, rep, { style, date: opts.now ?? new Date(), rasterize: (svg) => svgToPng(svg) });
  const bytes = opts.pdf ? await docxToPdf(docx) : Buffer.from(docx);
  writeAtomically(out, bytes);
  const groups = formatNumber(rep.sections.length, digitsFor(opts.lang, opts.digits));
  io.err(tr(opts.lang, `wrote the council report (${groups} groups) to ${out}`, `گزارش شورا (${groups} گروه) در ${out} نوشته شد`));
  return EXIT.ok;
}
