// The double's own rules, on a probe function whose metadata is written out as functions.json
// would hold it.
import { CustomFunctionError, EMPTY_CELL, ExcelHost, HOSTS, installCustomFunctionsRuntime, NotModelled, num, OMITTED, RULES, text, bool, type Metadata } from './excel-host';

installCustomFunctionsRuntime();

const metadata: Metadata = {
  functions: [
    {
      id: 'PROBE',
      name: 'PROBE',
      parameters: [
        { name: 'any', type: 'any' },
        { name: 'word', type: 'string' },
        { name: 'opt', type: 'any', optional: true },
        { name: 'last', optional: true },
      ],
      result: {},
    },
    { id: 'FAIL', name: 'FAIL', parameters: [{ name: 'code', type: 'string' }], result: {} },
    { id: 'RANGE', name: 'RANGE', parameters: [{ name: 'cells', type: 'number', dimensionality: 'matrix' }], result: {} },
  ],
  associate: [
    { id: 'PROBE', functionName: 'probe' },
    { id: 'FAIL', functionName: 'fail' },
    { id: 'RANGE', functionName: 'range' },
  ],
};

const script = {
  probe: (...args: unknown[]) => args.length,
  fail: (code: string) => {
    throw new CustomFunctions.Error(code as CustomFunctions.ErrorCode, 'why');
  },
  range: () => 0,
};

const hosts = { desktop: new ExcelHost('desktop', metadata, script), web: new ExcelHost('web', metadata, script) };

describe('the custom-functions double', () => {
  test('every rule names its source', () => {
    for (const rule of Object.values(RULES)) expect(rule.source).toMatch(/^https:\/\/(learn\.microsoft\.com|github\.com\/OfficeDev\/office-js\/issues)\//);
  });

  test('an empty cell is 0 on Windows and null on the web, whatever the parameter type (issue 4702)', () => {
    const args = [EMPTY_CELL, EMPTY_CELL, EMPTY_CELL, EMPTY_CELL];
    expect(hosts.desktop.argumentsFor('PROBE', args).slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(hosts.web.argumentsFor('PROBE', args).slice(0, 4)).toEqual([null, null, null, null]);
  });

  test('an omitted optional argument is null on both hosts, left off at the end or between commas', () => {
    for (const host of HOSTS) {
      expect(hosts[host].argumentsFor('PROBE', [num(1), text('a')]).slice(0, 4)).toEqual([1, 'a', null, null]);
      expect(hosts[host].argumentsFor('PROBE', [num(1), text('a'), OMITTED, num(2)]).slice(0, 4)).toEqual([1, 'a', null, 2]);
    }
  });

  test('values pass as they are, empty text too; the invocation object comes last', async () => {
    for (const host of HOSTS) {
      const passed = hosts[host].argumentsFor('PROBE', [bool(true), text(''), text('x'), num(0)]);
      expect(passed.slice(0, 4)).toEqual([true, '', 'x', 0]);
      expect(passed[4]).toEqual({ functionName: 'PROBE' });
      expect(await hosts[host].compute('PROBE', [num(1), text('a')])).toEqual({ value: 5 });
    }
  });

  test('what no source describes is refused, not guessed', () => {
    const h = hosts.desktop;
    expect(() => h.argumentsFor('PROBE', [num(1)])).toThrow(NotModelled); // a required argument left out
    expect(() => h.argumentsFor('PROBE', [num(1), num(2)])).toThrow(NotModelled); // a number for a string parameter
    expect(() => h.argumentsFor('PROBE', [num(1), text('a'), num(2), num(3), num(4)])).toThrow(NotModelled); // too many
    expect(() => h.argumentsFor('RANGE', [num(1)])).toThrow(NotModelled);
    expect(() => h.argumentsFor('NOPE', [])).toThrow(NotModelled);
    expect(() => new CustomFunctionError('#NUM!', 'why')).toThrow(NotModelled);
  });

  test('a thrown CustomFunctions.Error shows its code and message', async () => {
    expect(await hosts.web.compute('FAIL', [text('#N/A')])).toEqual({ error: '#N/A', message: 'why' });
    expect(await hosts.web.compute('FAIL', [text('#VALUE!')])).toEqual({ error: '#VALUE!', message: 'why' });
  });

  test('a script without the function the metadata names is refused', () => {
    expect(() => new ExcelHost('web', metadata, { probe: script.probe })).toThrow('FAIL: the script has no function fail');
  });
});
