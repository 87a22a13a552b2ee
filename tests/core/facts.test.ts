import { loadPlan } from '../../src/core/plan/load';
import { FACT_COLUMNS, factHeaders, factRows } from '../../src/core/facts/facts';
import * as F from '../../src/core/functions/plan-functions';
import { sampleText } from '../helpers/plan';

describe('the Facts table', () => {
  const index = loadPlan(sampleText()).index!;
  const rows = factRows(index, 'fa');
  const col = (c: (typeof FACT_COLUMNS)[number]) => FACT_COLUMNS.indexOf(c);

  test('one row per measured line and plan year', () => {
    const lines = index.indicatorList.reduce((n, e) => n + e.lines.length, 0);
    expect(rows).toHaveLength(lines * index.years.length);
    expect(factHeaders('fa')).toContain('تحقق سالانه');
    expect(factHeaders('en')).toContain('Funding planned');
  });

  test('funding sums equal the plan\'s, for every year and working group', () => {
    for (const year of index.years) {
      for (const wg of index.plan.workingGroups!) {
        const inTable = rows.filter((r) => r[col('year')] === year && r[col('workingGroup')] === wg.title);
        const sum = (c: 'fundingPlanned' | 'fundingSpent') => inTable.reduce((n, r) => n + ((r[col(c)] as number | null) ?? 0), 0);
        expect(sum('fundingPlanned')).toBe(F.budget(index, `wg:${wg.id}`, year, 'planned') || 0);
        expect(sum('fundingSpent')).toBe(F.budget(index, `wg:${wg.id}`, year, 'spent') || 0);
      }
    }
  });

  test('achievement columns are the engine\'s, line by line', () => {
    for (const r of rows) {
      const ref = r[col('item')] === null ? String(r[col('id')]) : `${r[col('id')]}.${r[col('item')]}`;
      const year = r[col('year')] as number;
      expect(r[col('annualAchievement')] ?? '').toBe(F.achievement(index, ref, year, 'annual'));
      expect(r[col('cumulativeAchievement')] ?? '').toBe(F.achievement(index, ref, year, 'cumulative'));
    }
  });
});
