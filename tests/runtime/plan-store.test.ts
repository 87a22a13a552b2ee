import { PlanStore } from '../../src/runtime/plan-store';
import { FakeWorkbook } from '../helpers/fake-workbook';
import { sampleText } from '../helpers/plan';

describe('the runtime plan store', () => {
  test('opening a usable plan keeps it, stores it in the workbook and recalculates once', async () => {
    const wb = new FakeWorkbook();
    const store = new PlanStore(wb);
    let changes = 0;
    store.subscribe(() => changes++);
    const result = await store.open(sampleText(), 'qazvin.plan.json');
    expect(result.ok).toBe(true);
    expect(store.index?.indicatorList.length).toBe(JSON.parse(sampleText()).indicators.length);
    expect(wb.stored).toBe(sampleText());
    expect([wb.stores, wb.recalcs, changes]).toEqual([1, 1, 1]);
  });

  test('a plan with errors changes nothing: not kept, not stored, no recalculation', async () => {
    const wb = new FakeWorkbook();
    const store = new PlanStore(wb);
    await store.open(sampleText(), 'good');
    const bad = JSON.parse(sampleText());
    bad.version = 2;
    const result = await store.open(JSON.stringify(bad), 'bad');
    expect(result.ok).toBe(false);
    expect(store.current?.source).toBe('good');
    expect([wb.stores, wb.recalcs]).toEqual([1, 1]);
    expect((await store.open('{not json', 'broken')).problems[0].code).toBe('not-json');
  });

  test('a reopened workbook: the first function call reads the stored plan, once, however many cells ask', async () => {
    const wb = new FakeWorkbook();
    wb.stored = sampleText();
    const store = new PlanStore(wb);
    const [a, b, c] = await Promise.all([store.ensureLoaded(), store.ensureLoaded(), store.ensureLoaded()]);
    expect(a).toBeDefined();
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(wb.reads).toBe(1);
    expect(store.current?.source).toBe('workbook');
    await store.ensureLoaded();
    expect(wb.reads).toBe(1);
  });

  test('a workbook without a plan gives no index (the functions then say "no plan loaded")', async () => {
    const store = new PlanStore(new FakeWorkbook());
    expect(await store.ensureLoaded()).toBeUndefined();
  });
});
