// The playground's Dashboard sheet: in the plan's language and direction, ratios as percentages.
import { MemoryWorkbook } from '../../src/playground/memory-workbook';
import { dashboardSheet } from '../../src/playground/dashboard';
import { show } from '../../src/playground/GridView';
import { PlanStore } from '../../src/runtime/plan-store';
import * as F from '../../src/core/functions/plan-functions';
import { toAsciiDigits } from '../../src/core/numbers/digits';
import type { Plan } from '../../src/core/plan/plan.types';
import { sampleText } from '../helpers/plan';

/** The sheet as the playground shows it: each cell's text with its format and digits. */
function shown(wb: MemoryWorkbook, name: string): string[][] {
  const view = wb.view(name);
  return wb.values(name).map((row, r) => row.map((v, c) => show(v, view.formatOf?.(r, c) ?? view.formats.get(c), view.lang)));
}

async function open(plan: Plan) {
  const sheet = dashboardSheet(plan);
  const wb = new MemoryWorkbook(sheet);
  const store = new PlanStore(wb);
  await store.open(JSON.stringify(plan), 'p');
  return { wb, store, sheet };
}

describe('the playground Dashboard', () => {
  test('a fa-IR plan: Persian name, labels, words and digits, right to left, percentages equal to the ratios', async () => {
    const plan = JSON.parse(sampleText()) as Plan;
    const { wb, store, sheet } = await open(plan);
    expect(sheet.name).toBe('داشبورد');
    expect(wb.view(sheet.name).rtl).toBe(true);
    const cells = shown(wb, sheet.name);
    expect(cells[0]).toEqual(['کارگروه', 'میزان تحقق', 'وضعیت', 'تحقق بودجه ۱۴۰۲']);
    const groups = plan.workingGroups!;
    expect(groups.length).toBeGreaterThan(0);
    groups.forEach((g, i) => {
      const [title, achievement, status, budget] = cells[i + 1];
      expect(title).toBe(g.title);
      for (const [text, ratio] of [
        [achievement, F.achievement(store.index, `wg:${g.id}`)],
        [budget, F.budget(store.index, `wg:${g.id}`, plan.meta.years[0])],
      ] as const) {
        if (typeof ratio !== 'number') continue;
        // a percentage in Persian digits whose figure is the ratio × 100 (to the shown decimal)
        expect(text).toMatch(/^[۰-۹]+٫[۰-۹]٪$/);
        expect(Number(toAsciiDigits(text).replace('٫', '.').replace('٪', ''))).toBeCloseTo(ratio * 100, 1);
      }
      expect(['مطلوب', 'در معرض خطر', 'نامطلوب', '']).toContain(status);
    });
    // the status formula gives words, not blanks everywhere
    expect(cells.slice(1, groups.length + 1).some((r) => r[2] !== '')).toBe(true);
    const years = cells[groups.length + 2];
    expect(years).toEqual(['سال‌های برنامه', '۱۴۰۲', '۱۴۰۳', '۱۴۰۴', '۱۴۰۵', '۱۴۰۶']);
    expect(cells.flat().join(' ')).not.toMatch(/[0-9]|#/);
  });

  test('an English plan: English labels and words, left to right, Latin percentages', async () => {
    const plan = JSON.parse(sampleText()) as Plan;
    plan.meta.locale = 'en';
    const { wb, sheet } = await open(plan);
    expect(sheet.name).toBe('Dashboard');
    expect(wb.view(sheet.name).rtl).toBe(false);
    const cells = shown(wb, sheet.name);
    expect(cells[0]).toEqual(['Working group', 'Achievement', 'Status', 'Budget realization 1402']);
    expect(cells[1][1]).toMatch(/^\d+\.\d%$/);
    expect(['on track', 'at risk', 'off track', '']).toContain(cells[1][2]);
  });
});
