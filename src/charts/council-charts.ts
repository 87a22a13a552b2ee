// Charts of the council report, drawn by ECharts' server-side SVG renderer: the same code runs in
// Node (command line) and in the browser (the pane), with no canvas. Texts come in already in the
// report's language; numbers are written with the report's digits.
import * as echarts from 'echarts';
import { formatNumber, formatPercent, type Digits } from '../core/numbers/format';
import type { TrendPoint } from '../core/report/council';

export interface ChartText {
  lang: 'en' | 'fa';
  digits: Digits;
  title: string;
  /** Names of the two series: achievement, budget realization. */
  achievement: string;
  realization: string;
}

export interface ChartSize {
  width: number;
  height: number;
}

/** Fonts with Persian glyphs first; the SVG names them, the renderer picks what it has. */
export const CHART_FONT = "Vazirmatn, 'DejaVu Sans', 'Noto Sans Arabic', Tahoma, sans-serif";

// Colours that also read in grey: a dark and a light bar, told apart by the legend's order too.
const ACHIEVEMENT_COLOUR = '#1f4e79';
const REALIZATION_COLOUR = '#9dc3e6';

/** A group's achievement and budget realization per plan year, as paired bars. */
export function trendChartSvg(points: readonly TrendPoint[], text: ChartText, size: ChartSize): string {
  return pairedBars(
    points.map((p) => formatNumber(p.year, text.digits)),
    points.map((p) => p.achievement),
    points.map((p) => p.realization),
    text,
    size,
  );
}

/** Every group's achievement beside its budget realization. */
export function overviewChartSvg(groups: ReadonlyArray<{ title: string; achievement: number | null; realization: number | null }>, text: ChartText, size: ChartSize): string {
  return pairedBars(
    groups.map((g) => shorten(g.title, 28)),
    groups.map((g) => g.achievement),
    groups.map((g) => g.realization),
    text,
    size,
  );
}

function pairedBars(categories: string[], achievement: Array<number | null>, realization: Array<number | null>, text: ChartText, size: ChartSize): string {
  const rtl = text.lang === 'fa';
  // Whole percentages without their ".0" (in either digits): axis ticks read 80%, not 80.0%.
  const pct = (v: number) => formatPercent(v / 100, text.digits).replace(/[.٫][0۰](?=[%٪])/, '');
  const series = (name: string, values: Array<number | null>, color: string) => ({
    type: 'bar' as const,
    name,
    color,
    barMaxWidth: 36,
    // Missing values stay gaps, never bars of 0.
    data: values.map((v) => (v === null ? '-' : Math.round(v * 1000) / 10)),
    label: { show: true, position: 'top' as const, fontSize: 10, formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? pct(p.value) : '') },
  });
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: CHART_FONT },
      title: { text: text.title, [rtl ? 'right' : 'left']: 8, textStyle: { fontSize: 14, fontFamily: CHART_FONT } },
      legend: { top: 36, [rtl ? 'right' : 'left']: 8, data: [text.achievement, text.realization], textStyle: { fontFamily: CHART_FONT } },
      grid: { top: 78, bottom: 60, left: 56, right: 56 },
      // Right to left: the first category on the right, the value axis on the right.
      xAxis: { type: 'category', data: categories, inverse: rtl, axisLabel: { interval: 0, fontSize: 10, width: Math.max(60, size.width / Math.max(1, categories.length) - 8), overflow: 'break' } },
      yAxis: { type: 'value', position: rtl ? 'right' : 'left', min: 0, axisLabel: { formatter: (v: number) => pct(v) } },
      series: [series(text.achievement, achievement, ACHIEVEMENT_COLOUR), series(text.realization, realization, REALIZATION_COLOUR)],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
