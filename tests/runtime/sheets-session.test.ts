import { PlanStore } from '../../src/runtime/plan-store';
import { addTemplateSheet, applySync, buildSheets, previewSync, writeFactsTable } from '../../src/runtime/sheets-session';
import type { Plan } from '../../src/core/plan/plan.types';
import { FakeWorkbook } from '../helpers/fake-workbook';
import { sampleText } from '../helpers/plan';

async function opened(mutate?: (p: Plan) => void) {
  const wb = new FakeWorkbook();
  const store = new PlanStore(wb);
  const plan = JSON.parse(sampleText()) as Plan;
  mutate?.(plan);
  await store.open(JSON.stringify(plan), 'qazvin.plan.json');
  return { wb, store, governance: plan.workingGroups!.find((w) => w.id === 'governance')!.title };
}

describe('building and syncing indicator sheets', () => {
  test('build, type Persian digits and a note, sync: applied with revision + 1 and audit entries', async () => {
    const { wb, store, governance } = await opened();
    const built = await buildSheets(wb, store.current!);
    expect(built.sheets).toHaveLength(4);
    expect(built.rtl).toBe('unsupported'); // the fake cannot insert the right-to-left template
    wb.type(governance, '1-7-5-2', 'actual:1404', '۸۲');
    wb.type(governance, '1-7-3-5.1', 'actual:1404', '۰/۲');
    wb.type(governance, '1-7-5-2', 'comment', 'گزارش نیمه اول');
    const preview = await previewSync(wb, store.index!);
    expect(preview.hasBase).toBe(true);
    expect(preview.merge.changes.map((c) => [c.ref, c.field, c.value])).toEqual([
      ['1-7-5-2', 'actuals.1404', 82],
      ['1-7-5-2', 'comment', 'گزارش نیمه اول'],
      ['1-7-3-5.1', 'actuals.1404', 0.2],
    ]);
    const { applied } = await applySync(wb, store, preview, () => 'sheet', 'Maryam');
    expect(applied).toHaveLength(3);
    const plan = store.current!.result.plan;
    expect(plan.meta.revision).toBe(1);
    expect(plan.changes!.map((c) => [c.by, c.ref, c.field, c.to])).toEqual([
      ['Maryam', '1-7-5-2', 'actuals.1404', 82],
      ['Maryam', '1-7-5-2', 'comment', 'گزارش نیمه اول'],
      ['Maryam', '1-7-3-5.1', 'actuals.1404', 0.2],
    ]);
    expect(JSON.parse(wb.stored!).meta.revision).toBe(1);
    expect(wb.recalcs).toBe(2); // one after opening, one after the sync
    // the rebuilt sheets show the new plan and have nothing left to sync
    expect(wb.cell(governance, '1-7-3-5.1', 'actual:1404')).toBe(0.2);
    const again = await previewSync(wb, store.index!);
    expect([again.merge.changes, again.merge.conflicts, again.refused]).toEqual([[], [], []]);
  });

  test('rebuilding after the plan file was reopened keeps every typed value, unreadable text included', async () => {
    const { wb, store, governance } = await opened();
    await buildSheets(wb, store.current!);
    wb.type(governance, '1-7-5-2', 'actual:1405', 33);
    wb.type(governance, '1-7-4-5', 'actual:1405', 'حدود ۸۰');
    const next = JSON.parse(store.current!.text) as Plan;
    next.meta.title = 'ویرایش دوم';
    next.indicators.find((i) => i.id === '1-7-4-5')!.actuals!['1404'] = 50; // changed in the file
    await store.open(JSON.stringify(next), 'reopened');
    const rebuilt = await buildSheets(wb, store.current!);
    expect(rebuilt.carried).toBe(2);
    expect(wb.cell(governance, '1-7-5-2', 'actual:1405')).toBe(33);
    expect(wb.cell(governance, '1-7-4-5', 'actual:1405')).toBe('حدود ۸۰');
    expect(wb.cell(governance, '1-7-4-5', 'actual:1404')).toBe(50);
    const preview = await previewSync(wb, store.index!);
    expect(preview.merge.changes.map((c) => [c.ref, c.field, c.value])).toEqual([['1-7-5-2', 'actuals.1405', 33]]);
    expect(preview.refused.map((r) => [r.ref, r.code, r.at.sheet, r.at.address])).toEqual([['1-7-4-5', 'unreadable', governance, expect.stringMatching(/^[A-Z]+\d+$/)]]);
    // applying keeps the unreadable cell in the sheet: nothing typed is lost
    await applySync(wb, store, preview, () => 'sheet', 'x');
    expect(wb.cell(governance, '1-7-4-5', 'actual:1405')).toBe('حدود ۸۰');
  });

  /** The sheet says 40 where the reloaded file says 45 (both were empty when the sheets were built). */
  async function conflicting() {
    const o = await opened();
    await buildSheets(o.wb, o.store.current!);
    o.wb.type(o.governance, '1-7-5-2', 'actual:1405', 40);
    const theirs = JSON.parse(o.store.current!.text) as Plan;
    theirs.indicators.find((i) => i.id === '1-7-5-2')!.actuals!['1405'] = 45;
    await o.store.open(JSON.stringify(theirs), 'reloaded');
    return o;
  }

  test('a conflict shows both values; keeping the file puts the file value back in the sheet', async () => {
    const { wb, store, governance } = await conflicting();
    const preview = await previewSync(wb, store.index!);
    expect(preview.merge.conflicts).toEqual([expect.objectContaining({ ref: '1-7-5-2', field: 'actuals.1405', base: null, sheet: 40, file: 45 })]);
    await applySync(wb, store, preview, () => 'file', 'x');
    expect(store.current!.result.plan.indicators.find((i) => i.id === '1-7-5-2')!.actuals!['1405']).toBe(45);
    expect(wb.cell(governance, '1-7-5-2', 'actual:1405')).toBe(45);
  });

  test('keeping the sheet in a conflict writes the sheet value', async () => {
    const { wb, store } = await conflicting();
    await applySync(wb, store, await previewSync(wb, store.index!), () => 'sheet', 'x');
    expect(store.current!.result.plan.indicators.find((i) => i.id === '1-7-5-2')!.actuals!['1405']).toBe(40);
  });

  test('locked periods are refused and stay as typed', async () => {
    const { wb, store, governance } = await opened((p) => (p.meta.locked = ['1402']));
    await buildSheets(wb, store.current!);
    wb.type(governance, '1-7-5-2', 'actual:1402', 10);
    const preview = await previewSync(wb, store.index!);
    expect(preview.refused.map((r) => r.code)).toEqual(['locked']);
    await applySync(wb, store, preview, () => 'sheet', 'x');
    expect(wb.cell(governance, '1-7-5-2', 'actual:1402')).toBe(10);
  });

  test('sheets not built by PlanSheets: no base, nothing to merge', async () => {
    const wb = new FakeWorkbook();
    const store = new PlanStore(wb);
    await store.open(sampleText(), 's');
    expect((await previewSync(wb, store.index!)).hasBase).toBe(false);
  });
});

describe('template sheets and the Facts table in the workbook', () => {
  test("a unit's template sheet, filled in place, syncs its own unit's lines", async () => {
    const { wb, store } = await opened();
    const { sheet } = await addTemplateSheet(wb, store.current!, 'budget-office', '1403');
    wb.type(sheet, '1-7-4-5', 'actual:1403', '۶۵');
    wb.type(sheet, '1-7-3-5.1', 'note:1403', 'برآورد');
    const preview = await previewSync(wb, store.index!);
    expect(preview.merge.changes.map((c) => [c.ref, c.field, c.value])).toEqual([
      ['1-7-3-5.1', 'notes.1403', 'برآورد'],
      ['1-7-4-5', 'actuals.1403', 65],
    ]);
    await applySync(wb, store, preview, () => 'sheet', 'x');
    expect(store.current!.result.plan.indicators.find((i) => i.id === '1-7-4-5')!.actuals!['1403']).toBe(65);
  });

  test('the Facts table goes to the workbook with the pivot fields named as its headers', async () => {
    const { wb, store } = await opened();
    const r = await writeFactsTable(wb, store.current!, 'fa');
    expect(r.rows).toBe(1400);
    const f = wb.facts!;
    expect(f.rows).toHaveLength(1400);
    for (const h of Object.values(f.fields)) expect(f.headers).toContain(h);
  });
});
