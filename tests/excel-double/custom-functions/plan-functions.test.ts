// The PLAN functions as Excel on Windows and Excel on the web call them (excel-host.ts): an
// empty cell gives the same answer on both hosts, and for an optional parameter the same
// answer as leaving the argument out (OfficeDev/office-js issue 4702).
import * as path from 'path';
import { PLAN_FUNCTIONS } from '../../../src/core/functions/catalog';
import { planStore } from '../../../src/runtime/plan-store';
import { sampleText } from '../../helpers/plan';
import { EMPTY_CELL, ExcelHost, HOSTS, installCustomFunctionsRuntime, literal, metadataOf, num, OMITTED, type Arg, type Host, type Metadata, type Shown } from './excel-host';

installCustomFunctionsRuntime();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const script = require('../../../src/functions/functions') as Record<string, unknown>;
const SOURCE = path.join(__dirname, '../../../src/functions/functions.ts');

let metadata: Metadata;
let excel: Record<Host, ExcelHost>;

beforeAll(async () => {
  metadata = await metadataOf(SOURCE);
  excel = { desktop: new ExcelHost('desktop', metadata, script), web: new ExcelHost('web', metadata, script) };
  await planStore.open(sampleText(), 'test');
});

/** Calls with every argument given, for each PLAN function: each argument is then emptied in turn. */
const CALLS: Record<string, Array<Array<number | string>>> = {
  TARGET: [['1-7-5-2', 1403], ['1-7-3-5.1', '1403-H1'], ['wg:transport', 1403], ['no-such', 1403]],
  ACTUAL: [['1-7-5-2', 1402], ['1-7-3-5', 1403], ['1-7-3-5.1', '1403-Q2']],
  ACHIEVEMENT: [['1-7-5-2', 1403, 'annual'], ['wg:transport', 1404, 'horizon'], ['district:d1', '1403', 'cumulative']],
  STATUS: [['wg:governance', 1403, 'annual'], ['1-7-5-2', 1402, 'horizon']],
  BUDGET: [['wg:civil', 1402, 'spent'], ['unit:bus-org', 1403, 'planned'], ['1-7-3-5.1', 1402, 'realization']],
  INFO: [['1-7-5-2', 'title'], ['wg:transport', 'title'], ['1-7-3-5.1', 'aggregation']],
  CODES: [['unit', 'bus-org'], ['wg', 'finance']],
  YEARS: [[]],
};

const optional = (id: string) => metadata.functions.find((f) => f.id === id)!.parameters.map((p) => !!p.optional);

/** The answer on each host, with `at` replaced by `arg`. */
async function onBothHosts(id: string, given: Arg[], at: number[], arg: Arg): Promise<Record<Host, Shown>> {
  const args = given.map((a, i) => (at.includes(i) ? arg : a));
  return { desktop: await excel.desktop.compute(id, args), web: await excel.web.compute(id, args) };
}

describe('PLAN functions in Excel on Windows and on the web', () => {
  test('the metadata the build registers is the catalog: same functions, parameters, optional ones', () => {
    expect(metadata.functions.map((f) => [f.id, f.parameters.map((p) => [p.name, !!p.optional])])).toEqual(PLAN_FUNCTIONS.map((f) => [f.name, f.params.map((p) => [p.name, p.optional])]));
    expect(Object.keys(CALLS).sort()).toEqual(PLAN_FUNCTIONS.map((f) => f.name).sort());
  });

  test('the issue: =PLAN.ACHIEVEMENT(A2,B2) with B2 empty is the last plan year on Windows, as on the web', async () => {
    const desktop = await excel.desktop.compute('ACHIEVEMENT', [literal('1-7-5-2'), EMPTY_CELL]);
    expect(excel.desktop.lastPassed.slice(0, 3)).toEqual(['1-7-5-2', 0, null]); // what Windows passes
    expect(desktop).toEqual(await excel.web.compute('ACHIEVEMENT', [literal('1-7-5-2'), EMPTY_CELL]));
    expect(desktop).toEqual(await excel.desktop.compute('ACHIEVEMENT', [literal('1-7-5-2')]));
    expect(typeof (desktop as { value: unknown }).value).toBe('number');
  });

  test('every function, every argument: an empty cell answers the same on both hosts, and as leaving it out', async () => {
    let compared = 0;
    for (const [id, calls] of Object.entries(CALLS)) {
      const opt = optional(id);
      for (const call of calls) {
        const given = call.map(literal);
        const positions = given.map((_, i) => [i]);
        const optionals = opt.map((o, i) => (o ? i : -1)).filter((i) => i >= 0);
        if (optionals.length > 1) positions.push(optionals); // all optional cells empty together
        if (given.length === 0) positions.push([]);
        for (const at of positions) {
          const empty = await onBothHosts(id, given, at, EMPTY_CELL);
          const where = `=PLAN.${id}(${given.map((a, i) => (at.includes(i) ? 'empty' : JSON.stringify((a as { value: unknown }).value))).join(',')})`;
          expect({ where, shown: empty.desktop }).toEqual({ where, shown: empty.web });
          if (at.every((i) => opt[i])) {
            const left = await onBothHosts(id, given, at, OMITTED);
            expect({ where, shown: empty.web }).toEqual({ where, shown: left.web });
            expect({ where, shown: left.desktop }).toEqual({ where, shown: left.web });
          }
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(40);
  });

  test('a required argument in an empty cell says what is missing, the same on both hosts', async () => {
    for (const host of HOSTS) {
      expect(await excel[host].compute('TARGET', [EMPTY_CELL, num(1403)])).toEqual({ error: '#N/A', message: 'ref is empty: give an indicator id or code, ID.ITEM, or wg:ID' });
      expect(await excel[host].compute('INFO', [literal('1-7-5-2'), EMPTY_CELL])).toMatchObject({ error: '#VALUE!', message: expect.stringMatching(/^PLAN\.INFO needs a field: title, measure/) });
      expect(await excel[host].compute('CODES', [literal('unit'), EMPTY_CELL])).toEqual({ error: '#VALUE!', message: 'PLAN.CODES("unit") needs a key: which unit?' });
    }
  });

  test('a 0 typed in a year, ref or keyword cell reads as empty: Windows cannot tell it from an empty cell', async () => {
    for (const host of HOSTS) {
      expect(await excel[host].compute('TARGET', [literal('1-7-5-2'), num(0)])).toEqual(await excel[host].compute('TARGET', [literal('1-7-5-2')]));
      expect(await excel[host].compute('ACHIEVEMENT', [literal('1-7-5-2'), num(0), OMITTED])).toEqual(await excel[host].compute('ACHIEVEMENT', [literal('1-7-5-2')]));
    }
  });
});
