import { evaluateFormulas } from '../../src/core/formulas/hyperformula-plan';
import { loadPlan } from '../../src/core/plan/load';
import * as F from '../../src/core/functions/plan-functions';
import type { PlanStorage } from '../../src/excel/gateway';
import { PlanStore, planStore } from '../../src/runtime/plan-store';
import { FORMULA_CASES, formulaOf } from '../helpers/formula-cases';
import { sampleText } from '../helpers/plan';

// Excel's custom-functions runtime, as far as the wrappers use it.
class CustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}
(global as unknown as { CustomFunctions: unknown }).CustomFunctions = {
  Error: CustomFunctionError,
  ErrorCode: { notAvailable: '#N/A', invalidValue: '#VALUE!' },
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const wrappers = require('../../src/functions/functions') as Record<string, (...args: unknown[]) => unknown>;

async function callWrapper(name: string, args: unknown[]): Promise<{ value: unknown; message?: string }> {
  try {
    return { value: await wrappers[name.toLowerCase()](...args) };
  } catch (e) {
    if (e instanceof CustomFunctionError) return { value: e.code, message: e.message };
    throw e;
  }
}

describe('the Excel custom functions', () => {
  test('without a plan: #N/A "no plan loaded"', async () => {
    expect(await callWrapper('TARGET', ['1-7-5-2'])).toEqual({ value: '#N/A', message: 'no plan loaded' });
  });

  test('return what plansheets eval returns for the same formulas', async () => {
    await planStore.open(sampleText(), 'test');
    const evaluated = evaluateFormulas(planStore.index, FORMULA_CASES.map(([n, a]) => formulaOf(n, a)));
    for (let i = 0; i < FORMULA_CASES.length; i++) {
      const [name, args] = FORMULA_CASES[i];
      const got = await callWrapper(name, args);
      const want = evaluated[i];
      expect({ call: formulaOf(name, args), ...got }).toEqual({ call: want.formula, value: want.value, ...(want.message ? { message: want.message } : {}) });
    }
  });

  test('every wrapper is a function the metadata names, one per engine function', () => {
    const names = Object.keys(wrappers).sort();
    expect(names).toEqual(['achievement', 'actual', 'budget', 'codes', 'info', 'status', 'target', 'years']);
  });

  test('error messages follow the pane language', async () => {
    await planStore.open(sampleText(), 'test');
    planStore.lang = 'fa';
    expect((await callWrapper('TARGET', ['x'])).message).toBe('مرجع "x" ناشناخته است');
    planStore.lang = 'en';
  });
});

type Wrappers = Record<string, (...args: unknown[]) => unknown>;
type Globals = { Excel?: unknown; Office?: unknown };
const globals = globalThis as unknown as Globals;

/**
 * The functions' script and its store loaded afresh, as the shared runtime evaluates it, with the
 * workbook's storage replaced by one that reads `Excel` (as the Office.js storage does): it fails
 * when called while `Excel` does not exist.
 */
function loadScript(stored: string | null) {
  const reads = { count: 0 };
  const storage: PlanStorage = {
    async readStoredPlan() {
      if (globals.Excel === undefined) throw new Error('Excel is not defined');
      reads.count++;
      return stored;
    },
    async storePlan() {},
    async recalculate() {},
  };
  let script: Wrappers = {};
  let store: PlanStore | undefined;
  jest.isolateModules(() => {
    jest.doMock('../../src/excel/office-storage', () => ({ officeStorage: storage }));
    /* eslint-disable @typescript-eslint/no-require-imports -- a fresh copy of both modules */
    script = require('../../src/functions/functions') as Wrappers;
    store = (require('../../src/runtime/plan-store') as { planStore: PlanStore }).planStore;
    /* eslint-enable @typescript-eslint/no-require-imports */
  });
  return { script, store: store!, reads };
}

async function shown(p: unknown): Promise<unknown> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof CustomFunctionError) return `${e.code} ${e.message}`;
    throw e;
  }
}

describe('the functions find the workbook when first called, not when their script loads', () => {
  const ix = loadPlan(sampleText()).index!;
  afterEach(() => {
    delete globals.Excel;
    delete globals.Office;
  });

  test('script evaluated before Excel exists; a call after Excel appears reads the stored plan', async () => {
    const { script, store, reads } = loadScript(sampleText());
    globals.Excel = {}; // Office.js has set up the Excel namespace since
    expect(await shown(script.target('1-7-5-2', 1403))).toBe(F.target(ix, '1-7-5-2', 1403));
    expect([reads.count, store.current?.source]).toEqual([1, 'workbook']);
  });

  test('a call while Office.js is still starting waits for Office.onReady, then reads the stored plan', async () => {
    const { script, reads } = loadScript(sampleText());
    let readyCalls = 0;
    globals.Office = {
      onReady: () => {
        readyCalls++;
        return new Promise((resolve) =>
          setTimeout(() => {
            globals.Excel = {};
            resolve({ host: 'Excel', platform: 'PC' });
          }, 5),
        );
      },
    };
    const [a, b] = await Promise.all([shown(script.achievement('wg:transport', null, null)), shown(script.years())]);
    expect(a).toBe(F.achievement(ix, 'wg:transport'));
    expect(b).toEqual(F.years(ix));
    expect([reads.count, readyCalls]).toEqual([1, 1]);
  });

  test('once the plan is loaded a call answers at once: no lookup, no read, no promise', async () => {
    const { script, reads } = loadScript(sampleText());
    let readyCalls = 0;
    globals.Excel = {};
    globals.Office = { onReady: async () => void readyCalls++ };
    await script.target('1-7-5-2', 1403);
    for (let i = 0; i < 100; i++) expect(script.target('1-7-5-2', 1403)).toBe(F.target(ix, '1-7-5-2', 1403));
    expect([reads.count, readyCalls]).toEqual([1, 1]);
  });

  test('no Office at all: #N/A "no plan loaded"; when Excel turns up later the next call reads the plan', async () => {
    const { script, reads } = loadScript(sampleText());
    expect(await shown(script.target('1-7-5-2', 1403))).toBe('#N/A no plan loaded');
    expect(reads.count).toBe(0);
    globals.Excel = {};
    expect(await shown(script.target('1-7-5-2', 1403))).toBe(F.target(ix, '1-7-5-2', 1403));
  });

  test('a workbook without a stored plan: #N/A "no plan loaded"', async () => {
    const { script } = loadScript(null);
    globals.Excel = {};
    expect(await shown(script.info('1-7-5-2', 'title'))).toBe('#N/A no plan loaded');
  });

  test("the pane's gateway, set while the lookup waits, is kept", async () => {
    const pane = { reads: 0, readStoredPlan: async () => (pane.reads++, sampleText()), storePlan: async () => {}, recalculate: async () => {} };
    const store = new PlanStore();
    let release: (s: PlanStorage | undefined) => void = () => {};
    store.setGatewayLookup(() => new Promise((resolve) => (release = resolve)));
    const loading = store.ensureLoaded();
    store.setGateway(pane);
    release(undefined);
    expect(await loading).toBeDefined();
    expect(pane.reads).toBe(1);
  });
});
