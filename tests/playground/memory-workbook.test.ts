import { MemoryWorkbook } from '../../src/playground/memory-workbook';
import { PlanStore } from '../../src/runtime/plan-store';
import { buildSheets, previewSync, applySync } from '../../src/runtime/sheets-session';
import * as F from '../../src/core/functions/plan-functions';
import { sampleText } from '../helpers/plan';

describe('the in-memory workbook (the playground)', () => {
  test('PLAN formulas compute there, spills included, and follow the plan after a recalculation', async () => {
    const wb = new MemoryWorkbook({ name: 'D', cells: [['=PLAN.ACHIEVEMENT("wg:civil")'], ['=PLAN.YEARS()'], ['=ROUND(PLAN.TARGET("1-7-5-2",1403)*2,0)']] });
    expect(wb.values('D')[0][0]).toEqual({ error: '#N/A' });
    const store = new PlanStore(wb);
    await store.open(sampleText(), 's');
    expect(wb.values('D')[0][0]).toBe(F.achievement(store.index, 'wg:civil'));
    expect(wb.values('D')[1].slice(0, 5)).toEqual([1402, 1403, 1404, 1405, 1406]);
    expect(wb.values('D')[2][0]).toBe(190);
    await wb.recalculate();
    expect(wb.values('D')[1].slice(0, 5)).toEqual([1402, 1403, 1404, 1405, 1406]);
  });

  test('indicator sheets: native achievement formulas compute; typing, sync and apply go through', async () => {
    const wb = new MemoryWorkbook();
    const store = new PlanStore(wb);
    await store.open(sampleText(), 's');
    const { sheets } = await buildSheets(wb, store.current!);
    const sheet = sheets[0];
    const ids = wb.values(sheet)[0] as string[];
    const row = wb.values(sheet).findIndex((r) => r[0] === '1-7-5-2');
    // keys such as 1-2-3 stay text (not dates)
    expect(wb.values(sheet).map((r) => r[0]).filter((k) => typeof k === 'number')).toEqual([]);
    expect(wb.values(sheet)[row][ids.indexOf('achievement:1403')]).toBe(F.achievement(store.index, '1-7-5-2', 1403, 'annual'));
    expect(() => wb.type(sheet, row, ids.indexOf('target:1403'), '1')).toThrow('locked');
    wb.type(sheet, row, ids.indexOf('actual:1404'), '۸۲');
    const preview = await previewSync(wb, store.index!);
    expect(preview.merge.changes.map((c) => [c.ref, c.field, c.value])).toEqual([['1-7-5-2', 'actuals.1404', 82]]);
    await applySync(wb, store, preview, () => 'sheet', 'x');
    const after = wb.values(sheet);
    const r2 = after.findIndex((r) => r[0] === '1-7-5-2');
    expect(after[r2][ids.indexOf('achievement:1404')]).toBeCloseTo(82 / 95, 12);
  });
});
