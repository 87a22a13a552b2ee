// The indicator ID forms as one Word document: A4 portrait, one form a page (a form with many
// sub-indicators runs on), the plan's title above and the page counter and date below.
import type { Paragraph, Table } from 'docx';
import { indicatorForms, type FormOptions, type IndicatorForm, type SectionKey } from '../core/forms/indicator-form';
import { planLang } from '../core/grid/labels';
import type { PlanIndex } from '../core/plan/plan-index';
import { docStyle, gridTable, heading, labelValueTable, makeDocument, section, toBuffer, type DocStyle } from './docx-kit';

/** Sections of short fields, laid two pairs a row so that a form keeps to its page. */
const PAIRED = new Set<SectionKey>(['responsibility', 'definition']);

/** The blocks of one form; `first` is false for every form after the first, which starts a new page. */
function formBlocks(s: DocStyle, form: IndicatorForm, first: boolean): Array<Paragraph | Table> {
  const blocks: Array<Paragraph | Table> = [heading(s, `${form.heading} ${form.code}`, 1, { pageBreakBefore: !first })];
  for (const sec of form.sections) {
    blocks.push(heading(s, sec.title, 2));
    if (sec.fields.length) blocks.push(labelValueTable(s, sec.fields.map((f) => [f.label, f.value] as const), { pairs: PAIRED.has(sec.key) }));
    if (sec.grid) blocks.push(gridTable(s, sec.grid.header, sec.grid.rows, { weights: sec.grid.weights, numeric: sec.grid.numeric, tallRows: sec.key === 'signatures' }));
  }
  return blocks;
}

/** The .docx bytes of forms already made (all in one language). */
export async function formsDocx(forms: readonly IndicatorForm[], meta: { title: string; date: Date }): Promise<Uint8Array> {
  if (forms.length === 0) throw new Error('no forms to write');
  const s = docStyle(forms[0].lang, forms[0].digits);
  const children = forms.flatMap((f, i) => formBlocks(s, f, i === 0));
  const doc = makeDocument(s, [section(s, { orientation: 'portrait', title: meta.title, date: meta.date, children })], { title: `${forms[0].heading} — ${meta.title}` });
  return toBuffer(doc);
}

/** The forms of a plan's indicators (one unit's, or all) as .docx bytes; the pane and the CLI both call this. */
export async function planFormsDocx(index: PlanIndex, o: FormOptions & { unit?: string; now?: Date } = {}): Promise<Uint8Array> {
  const lang = o.lang ?? planLang(index);
  const meta = index.plan.meta;
  const forms = indicatorForms(index, { ...o, lang });
  return formsDocx(forms, { title: lang === 'en' ? meta.titleEn ?? meta.title : meta.title, date: o.now ?? new Date() });
}
