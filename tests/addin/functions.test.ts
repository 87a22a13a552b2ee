import { evaluateFormulas } from '../../src/core/formulas/hyperformula-plan';
import { planStore } from '../../src/runtime/plan-store';
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
