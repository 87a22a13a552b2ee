// The Facts table: one row per measured line and plan year, for pivots of achievement by working
// group, unit, district and year beside budget realization. Computed by the engine.
import type { PlanIndex } from '../plan/plan-index';
import { lineAchievement, status } from '../achievement/achievement';
import { STATUS_WORDS, type SheetLang } from '../grid/labels';
import { VALUE_FORMAT } from '../grid/layout';

export const FACT_COLUMNS = [
  'workingGroup', 'unit', 'district', 'id', 'item', 'code', 'title', 'measure', 'year', 'target', 'actual',
  'annualAchievement', 'cumulativeAchievement', 'status', 'fundingPlanned', 'fundingSpent',
] as const;
export type FactColumn = (typeof FACT_COLUMNS)[number];

const HEADERS: Record<SheetLang, Record<FactColumn, string>> = {
  en: {
    workingGroup: 'Working group', unit: 'Unit', district: 'District', id: 'Id', item: 'Item', code: 'Code', title: 'Title', measure: 'Measure',
    year: 'Year', target: 'Target', actual: 'Actual', annualAchievement: 'Annual achievement', cumulativeAchievement: 'Cumulative achievement',
    status: 'Status', fundingPlanned: 'Funding planned', fundingSpent: 'Funding spent',
  },
  fa: {
    workingGroup: 'کارگروه', unit: 'واحد', district: 'منطقه', id: 'شناسه', item: 'زیرشاخص', code: 'کد', title: 'عنوان', measure: 'واحد اندازه‌گیری',
    year: 'سال', target: 'هدف', actual: 'عملکرد', annualAchievement: 'تحقق سالانه', cumulativeAchievement: 'تحقق تجمعی',
    status: 'وضعیت', fundingPlanned: 'اعتبار مصوب', fundingSpent: 'اعتبار هزینه‌شده',
  },
};

/**
 * Text columns are formatted as text (`@`) before values are written: Excel parses text written
 * through `Range.values` as if typed, so a code `1-2-3` would become a date.
 */
export const FACT_FORMATS: Partial<Record<FactColumn, string>> = {
  workingGroup: '@', unit: '@', district: '@', id: '@', item: '@', code: '@', title: '@', measure: '@', status: '@',
  target: VALUE_FORMAT, actual: VALUE_FORMAT, annualAchievement: '0.0%', cumulativeAchievement: '0.0%', fundingPlanned: '#,##0', fundingSpent: '#,##0',
};

export type FactValue = string | number | null;

export function factHeaders(lang: SheetLang): string[] {
  return FACT_COLUMNS.map((c) => HEADERS[lang][c]);
}

/**
 * The rows of the Facts table, in plan order, years inside. Funding is kept per indicator, so it
 * stands on the indicator's first line only: sums over the table are the plan's sums.
 */
export function factRows(index: PlanIndex, lang: SheetLang): FactValue[][] {
  const plan = index.plan;
  const title = (defs: ReadonlyArray<{ id: string; title: string; titleEn?: string }> | undefined) =>
    new Map((defs ?? []).map((d) => [d.id, lang === 'en' ? d.titleEn ?? d.title : d.title]));
  const wgs = title(plan.workingGroups);
  const units = title(plan.units);
  const districts = title(plan.districts);
  const rows: FactValue[][] = [];
  for (const e of index.indicatorList) {
    const ind = e.indicator;
    e.lines.forEach((line, li) => {
      index.years.forEach((year, pos) => {
        const annual = lineAchievement(index, line, pos, 'annual');
        const s = status(index, annual);
        const f = li === 0 ? ind.funding?.[String(year)] : undefined;
        const row: Record<FactColumn, FactValue> = {
          workingGroup: ind.workingGroup ? wgs.get(ind.workingGroup) ?? ind.workingGroup : null,
          unit: ind.unit ? units.get(ind.unit) ?? ind.unit : null,
          district: line.district ? districts.get(line.district) ?? line.district : null,
          id: e.id,
          item: line.item?.id ?? null,
          code: ind.code,
          title: line.title || null,
          measure: line.measure || null,
          year,
          target: line.targetByYear[pos],
          actual: line.actualByYear[pos],
          annualAchievement: annual,
          cumulativeAchievement: lineAchievement(index, line, pos, 'cumulative'),
          status: s ? STATUS_WORDS[lang][s] : null,
          fundingPlanned: typeof f?.planned === 'number' ? f.planned : null,
          fundingSpent: typeof f?.spent === 'number' ? f.spent : null,
        };
        rows.push(FACT_COLUMNS.map((c) => row[c]));
      });
    });
  }
  return rows;
}
