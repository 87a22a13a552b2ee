// The council report as a Word document: the plan at a glance (every group's achievement beside
// its budget realization, in a table and a chart), then a page part per group with its trend
// chart, its red indicators and the lines not reported. Every percentage stands beside the figures
// it is made of, so a reader can check it by hand. Charts come as SVG with a PNG for programs
// that cannot show SVG; `rasterize` makes the PNG (resvg in Node, a canvas in the browser).
import { ImageRun, type Paragraph, type Table } from 'docx';
import type { PlanIndex } from '../core/plan/plan-index';
import type { CouncilReport, CouncilSection, NamedLine } from '../core/report/council';
import { realizationText } from '../core/report/realization-text';
import { currencyWord, realizationRule, reportColumns, scopeLine, statusWord } from '../core/report/report-words';
import { formatAmount, formatNumber, formatPercent, inDigits, jalaliDate } from '../core/numbers/format';
import { overviewChartSvg, trendChartSvg, type ChartText } from '../charts/council-charts';
import { contentWidth, gridTable, heading, makeDocument, paragraph, section, toBuffer, type DocStyle } from './docx-kit';

export type Rasterize = (svg: string) => Uint8Array | Promise<Uint8Array>;

export interface CouncilDocOptions {
  style: DocStyle;
  date: Date;
  rasterize: Rasterize;
}

const WORDS = {
  en: {
    title: 'Plan monitoring report for the city council',
    date: 'Report date',
    overview: 'The plan at a glance',
    total: 'Whole plan',
    achievement: 'Achievement',
    realization: 'Budget realization',
    red: 'Indicators below the amber threshold (red)',
    noRed: 'No indicator of this group is red.',
    unreported: (y: string) => `Lines with no actual reported for ${y}`,
    allReported: (y: string) => `Every line of this group has an actual for ${y}.`,
    lineColumns: ['Code', 'Title', 'Responsible unit', 'Achievement'],
    unreportedColumns: ['Code', 'Title', 'Responsible unit'],
    summary: (a: string, s: string, rep: string, ind: string, r: string) =>
      `Achievement ${a || '—'}${s ? ` (${s})` : ''}; ${rep} of ${ind} indicators have an achievement; budget realization ${r || '—'}.`,
    currency: (c: string) => `Amounts in ${c}.`,
    noGroup: 'Funding of indicators whose lines are in more than one district (or in none).',
  },
  fa: {
    title: 'گزارش پایش برنامه برای شورای اسلامی شهر',
    date: 'تاریخ گزارش',
    overview: 'نگاه کلی به برنامه',
    total: 'کل برنامه',
    achievement: 'دستیابی',
    realization: 'تحقق بودجه',
    red: 'شاخص‌های با وضعیت نامطلوب',
    noRed: 'هیچ شاخصی از این گروه در وضعیت نامطلوب نیست.',
    unreported: (y: string) => `سطرهایی که عملکرد ${y} آن‌ها گزارش نشده است`,
    allReported: (y: string) => `عملکرد ${y} همه سطرهای این گروه گزارش شده است.`,
    lineColumns: ['کد', 'عنوان', 'حوزه اجرایی', 'دستیابی'],
    unreportedColumns: ['کد', 'عنوان', 'حوزه اجرایی'],
    summary: (a: string, s: string, rep: string, ind: string, r: string) =>
      `دستیابی ${a || '—'}${s ? ` (${s})` : ''}؛ ${rep} از ${ind} شاخص دارای دستیابی؛ تحقق بودجه ${r || '—'}.`,
    currency: (c: string) => `مبالغ به ${c}.`,
    noGroup: 'اعتبار شاخص‌هایی که سطرهایشان در بیش از یک منطقه (یا در هیچ منطقه‌ای) است.',
  },
} as const;

const CHART = { width: 900, height: 320 };

/** The .docx bytes of a council report. */
export async function councilDocx(index: PlanIndex, rep: CouncilReport, o: CouncilDocOptions): Promise<Uint8Array> {
  const s = o.style;
  const w = WORDS[s.lang];
  const planTitle = s.lang === 'en' ? index.plan.meta.titleEn ?? index.plan.meta.title : index.plan.meta.title;
  const title = (x: { title: string; titleEn?: string }) => (s.lang === 'en' ? x.titleEn ?? x.title : x.title);
  const chartText = (t: string): ChartText => ({ lang: s.lang, digits: s.digits, title: t, achievement: w.achievement, realization: w.realization });
  const picture = async (svg: string): Promise<Paragraph> => {
    const png = await o.rasterize(svg);
    // 900×320 px drawn in the page's width: the picture keeps its proportions.
    const width = Math.round((contentWidth('landscape') / 20) * (96 / 72));
    const height = Math.round((width * CHART.height) / CHART.width);
    return paragraph(s, [new ImageRun({ type: 'svg', data: new TextEncoder().encode(svg), fallback: { type: 'png', data: png }, transformation: { width, height } })], { align: 'center' });
  };

  const children: Array<Paragraph | Table> = [];
  children.push(heading(s, w.title, 1));
  children.push(paragraph(s, planTitle, { bold: true, align: 'center' }));
  children.push(paragraph(s, `${w.date}: ${jalaliDate(o.date, s.digits)}`, { align: 'center' }));
  children.push(paragraph(s, scopeLine(index, rep.by, rep.mode, rep.year, s.lang, s.digits)));
  children.push(paragraph(s, realizationRule(s.lang)));
  const currency = currencyWord(index, s.lang);
  if (currency) children.push(paragraph(s, w.currency(currency)));

  children.push(heading(s, w.overview, 2));
  children.push(overviewTable(rep, s));
  const charted = rep.sections.filter((x) => x.trend.length > 0);
  if (charted.length > 0) {
    children.push(await picture(overviewChartSvg(charted.map((x) => ({ title: title(x.row), achievement: x.row.achievement, realization: x.row.budget.realization })), chartText(w.overview), CHART)));
  }

  const reportYear = formatNumber(rep.reportYear, s.digits);
  for (const sec of rep.sections) {
    children.push(heading(s, title(sec.row), 2, { pageBreakBefore: true }));
    if (sec.trend.length === 0) {
      // The "not by district" row: funding only.
      children.push(paragraph(s, w.noGroup));
      children.push(paragraph(s, summaryLine(sec, s)));
      continue;
    }
    children.push(paragraph(s, summaryLine(sec, s)));
    children.push(await picture(trendChartSvg(sec.trend, chartText(title(sec.row)), CHART)));
    children.push(heading(s, w.red, 2));
    children.push(sec.red.length === 0 ? paragraph(s, w.noRed) : linesTable(sec.red, s, true));
    children.push(heading(s, w.unreported(reportYear), 2));
    children.push(sec.unreported.length === 0 ? paragraph(s, w.allReported(reportYear)) : linesTable(sec.unreported, s, false));
  }

  const doc = makeDocument(s, [section(s, { orientation: 'landscape', title: planTitle, date: o.date, children })], { title: `${w.title} — ${planTitle}` });
  return toBuffer(doc);
}

function summaryLine(sec: CouncilSection, s: DocStyle): string {
  const r = sec.row;
  return WORDS[s.lang].summary(
    formatPercent(r.achievement, s.digits),
    statusWord(r.status, s.lang),
    formatNumber(r.reporting, s.digits),
    formatNumber(r.indicators, s.digits),
    realizationText(r.budget.realization, r.budget.basis, s.lang, s.digits),
  );
}

function overviewTable(rep: CouncilReport, s: DocStyle): Table {
  const cols = reportColumns(s.lang).slice(1);
  const t = rep.total;
  const row = (name: string, x: { achievement: number | null; status: CouncilReport['total']['status']; indicators: number; reporting: number; budget: CouncilReport['total']['budget'] }) => [
    name,
    formatPercent(x.achievement, s.digits),
    statusWord(x.status, s.lang),
    formatNumber(x.indicators, s.digits),
    formatNumber(x.reporting, s.digits),
    formatAmount(x.budget.planned, s.digits),
    formatAmount(x.budget.spent, s.digits),
    realizationText(x.budget.realization, x.budget.basis, s.lang, s.digits),
  ];
  const rows = rep.sections.map((x) => row(s.lang === 'en' ? x.row.titleEn ?? x.row.title : x.row.title, x.row));
  rows.push(row(WORDS[s.lang].total, t));
  return gridTable(s, cols, rows, { orientation: 'landscape', weights: [4, 1.3, 1.2, 1, 1, 1.6, 1.6, 3.2], numeric: [false, true, false, true, true, true, true, false] });
}

function linesTable(lines: readonly NamedLine[], s: DocStyle, withAchievement: boolean): Table {
  const w = WORDS[s.lang];
  const rows = lines.map((l) => {
    const cells = [inDigits(l.code, s.digits), s.lang === 'en' ? l.titleEn ?? l.title : l.title, s.lang === 'en' ? l.unitEn ?? l.unit : l.unit];
    return withAchievement ? [...cells, formatPercent(l.achievement, s.digits)] : cells;
  });
  return withAchievement
    ? gridTable(s, w.lineColumns, rows, { orientation: 'landscape', weights: [1.2, 5, 2.5, 1], numeric: [true, false, false, true] })
    : gridTable(s, w.unreportedColumns, rows, { orientation: 'landscape', weights: [1.2, 5.5, 2.5], numeric: [true, false, false] });
}
