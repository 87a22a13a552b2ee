// The Definitions sheet through the pane's build and sync, on the strict Excel double: built with
// the indicator sheets, typed into as a person types, previewed and applied as a sync, and kept
// (with what could not apply) by the rebuild that follows.
import { officeGateway } from '../../src/excel/office-gateway';
import { loadPlan } from '../../src/core/plan/load';
import { stringifyPlan } from '../../src/core/plan/canonical-json';
import type { Plan } from '../../src/core/plan/plan.types';
import { applySync, buildSheets, previewSync } from '../../src/runtime/sheets-session';
import type { PlanStore, OpenedPlan } from '../../src/runtime/plan-store';
import { sampleText } from '../helpers/plan';
import { cellOf, excelDouble, hostPresets, indicatorSheets, opened, restoreOffice, RTL_TEMPLATE } from './helpers';

afterEach(restoreOffice);

const SHEET = 'تعاریف شاخص‌ها';

/** The little of a PlanStore a sync needs: the current plan, replaced when a sync applies. */
function store(text: string): PlanStore {
  const s = {
    current: opened(text) as OpenedPlan | undefined,
    async open(json: string) {
      s.current = opened(json);
      return s.current.result;
    },
  };
  return s as unknown as PlanStore;
}

describe('the Definitions sheet in Excel', () => {
  test('built first beside the indicator sheets: protected, lists from hidden columns, item rows closed where items have no such field', async () => {
    const d = excelDouble(hostPresets.web);
    const result = await buildSheets(officeGateway, opened(sampleText()), { definitions: true, rtlTemplate: RTL_TEMPLATE });
    expect(result.missing).toEqual([]);
    expect(result.sheets[0]).toBe(SHEET);
    expect(indicatorSheets(d)[0]).toBe(SHEET);
    const s = d.sheet(SHEET);
    expect(s.protected).toBe(true);
    expect(s.rtl).toBe(true);
    const unitCell = cellOf(d, SHEET, '1-7-5-2', 'def:unit');
    expect(d.value(SHEET, unitCell)).toBe('مدیریت برنامه و بودجه');
    // The unit's list: a range of a hidden column holding the plan's unit titles.
    const list = s.validations.map((v) => v.rule?.list as { source: string } | undefined).find((l) => l && d.value(SHEET, l.source.replace(/\$/g, '').slice(1).split(':')[0]) === 'مدیریت برنامه و بودجه')!;
    expect(list).toBeDefined();
    expect(s.validations.find((v) => v.rule?.list === list)!.errorAlert).toMatchObject({ style: 'Warning' });
    expect(s.hiddenColumns).toContain(list.source.replace(/[$=]/g, '').replace(/\d.*/, ''));
    // Typing where an item has no unit, or on a header row's target, is refused by Excel itself.
    expect(() => d.type(SHEET, cellOf(d, SHEET, '1-7-3-5.1', 'def:unit'), 'x')).toThrow(/locked/);
    expect(() => d.type(SHEET, cellOf(d, SHEET, '1-7-3-5', 'def:target:1403'), '1')).toThrow(/locked/);
    // A budget code typed like a date stays text.
    d.type(SHEET, cellOf(d, SHEET, '1-7-5-2', 'def:budgetCode'), '12-34');
    expect(d.value(SHEET, cellOf(d, SHEET, '1-7-5-2', 'def:budgetCode'))).toBe('12-34');
  });

  test('typed definitions sync three ways: preview, apply with audit entries, a rebuild that keeps the sheet and the refused value', async () => {
    const d = excelDouble(hostPresets.m365);
    const s = store(sampleText());
    await buildSheets(officeGateway, s.current!, { definitions: true });
    d.type(SHEET, cellOf(d, SHEET, '1-7-5-2', 'def:unit'), 'مدیریت سرمایه انسانی');
    d.type(SHEET, cellOf(d, SHEET, '1-7-5-2', 'def:polarity'), 'منفی');
    d.type(SHEET, cellOf(d, SHEET, '1-7-3-5.2', 'def:target:1404'), '۹۷٫۵');
    d.type(SHEET, cellOf(d, SHEET, '1-7-4-5', 'def:unit'), 'واحد ناموجود');
    const preview = await previewSync(officeGateway, s.current!.result.index!);
    expect(preview.merge.changes.map((c) => [c.ref, c.field, c.from, c.value])).toEqual([
      ['1-7-5-2', 'unit', 'budget-office', 'human-capital'],
      ['1-7-5-2', 'polarity', 'positive', 'negative'],
      ['1-7-3-5.2', 'targets.1404', 95, 97.5],
    ]);
    expect(preview.refused.map((r) => [r.ref, r.field, `${r.at.sheet}!${r.at.address}`])).toEqual([['1-7-4-5', 'unit', `${SHEET}!${cellOf(d, SHEET, '1-7-4-5', 'def:unit')}`]]);
    expect(preview.refused[0].reason.fa).toMatch(/^واحد ناشناخته «واحد ناموجود»: یکی از /);
    const { applied, build } = await applySync(officeGateway, s, preview, () => 'sheet', 'دبیرخانه');
    expect(applied.map((c) => [c.ref, c.field, c.to, c.by])).toEqual([
      ['1-7-5-2', 'unit', 'human-capital', 'دبیرخانه'],
      ['1-7-5-2', 'polarity', 'negative', 'دبیرخانه'],
      ['1-7-3-5.2', 'targets.1404', 97.5, 'دبیرخانه'],
    ]);
    const plan = s.current!.result.plan as Plan;
    expect(plan.meta.revision).toBe(1);
    expect(plan.indicators.find((i) => i.id === '1-7-5-2')).toMatchObject({ unit: 'human-capital', polarity: 'negative' });
    // The rebuild kept the Definitions sheet; it shows the new plan and still holds the refused text.
    expect(build.sheets[0]).toBe(SHEET);
    expect(d.value(SHEET, cellOf(d, SHEET, '1-7-5-2', 'def:unit'))).toBe('مدیریت سرمایه انسانی');
    expect(d.value(SHEET, cellOf(d, SHEET, '1-7-4-5', 'def:unit'))).toBe('واحد ناموجود');
    const again = await previewSync(officeGateway, s.current!.result.index!);
    expect(again.merge.changes).toEqual([]);
    expect(again.refused.map((r) => r.ref)).toEqual(['1-7-4-5']);
  });

  test('a conflict: the plan changed the same title since the sheets were built', async () => {
    const d = excelDouble(hostPresets.m365);
    await buildSheets(officeGateway, opened(sampleText()), { definitions: true });
    d.type(SHEET, cellOf(d, SHEET, '1-7-5-2', 'def:title'), 'عنوان در برگه');
    const current = JSON.parse(sampleText()) as Plan;
    current.indicators.find((i) => i.id === '1-7-5-2')!.title = 'عنوان در فایل';
    current.meta.revision = 1;
    const preview = await previewSync(officeGateway, loadPlan(stringifyPlan(current)).index!);
    expect(preview.merge.conflicts).toEqual([expect.objectContaining({ ref: '1-7-5-2', field: 'title', sheet: 'عنوان در برگه', file: 'عنوان در فایل' })]);
  });

  test('Excel 2019 (ExcelApi 1.7) builds it without drop-down lists and says so', async () => {
    const d = excelDouble({ ...hostPresets.office2019, apiNotFound: 'call' });
    const result = await buildSheets(officeGateway, opened(sampleText()), { definitions: true });
    expect(result.missing).toEqual(['print', 'numberChecks']);
    expect(d.sheet(result.sheets[0]).validations).toEqual([]);
  });

  test('without the option no Definitions sheet; a plain Build drops one that was there', async () => {
    const d = excelDouble(hostPresets.m365);
    await buildSheets(officeGateway, opened(sampleText()), { definitions: true });
    await buildSheets(officeGateway, opened(sampleText()));
    expect(indicatorSheets(d)).not.toContain(SHEET);
    expect(d.sheetNames().map((x) => x.name)).not.toContain(SHEET);
  });
});
