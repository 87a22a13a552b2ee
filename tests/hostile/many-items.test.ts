// An indicator measured by 200 items (every district's every neighbourhood, say): its header row's
// achievement formulas stay within Excel's 8,192 characters a formula and compute the engine's
// numbers in a second spreadsheet program, with equal and with unequal weights.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { run } from '../../src/cli/main';
import * as F from '../../src/core/functions/plan-functions';
import { FIRST_DATA_ROW, ID_ROW } from '../../src/core/grid/layout';
import { stringifyPlan } from '../../src/core/plan/canonical-json';
import type { Indicator } from '../../src/core/plan/plan.types';
import { indexOf, makePlan } from '../helpers/plan';
import { soffice, throughLibreOffice } from '../helpers/libreoffice';

jest.setTimeout(240000);
const LO = soffice();
if (!LO && process.env.CI) throw new Error('LibreOffice is needed for these tests: apt-get install -y libreoffice-calc-nogui');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-items-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function indicator(code: string, weight: (i: number) => number): Indicator {
  return {
    code,
    title: `indicator ${code}`,
    workingGroup: 'wg1',
    unit: 'u1',
    measure: 'percent',
    polarity: 'positive',
    items: Array.from({ length: 200 }, (_, i) => ({
      id: String(i + 1),
      title: `neighbourhood ${i + 1}`,
      weight: weight(i),
      targets: { '1402': 10 + (i % 7), '1403': 20 + (i % 5) },
      // Every third item has not reported: the mean is over those that have.
      ...(i % 3 === 0 ? {} : { actuals: { '1402': 5 + ((i * 7) % 13), '1403': 18 + ((i * 3) % 11) } }),
    })),
  } as Indicator;
}

test('200 items: header formulas fit Excel and compute the weighted mean of the items', async () => {
  const plan = makePlan([indicator('3-6-3-1', () => 1), indicator('3-6-3-2', (i) => 1 + (i % 4))]);
  const index = indexOf(plan);
  fs.writeFileSync(path.join(tmp, 'p.json'), stringifyPlan(plan));
  const out: string[] = [];
  const code = await run(['build', path.join(tmp, 'p.json'), '-o', path.join(tmp, 'p.xlsx')], { out: (l) => out.push(l), err: (l) => out.push(l) });
  expect({ code, out }).toEqual({ code: 0, out: [expect.stringMatching(/1 sheet/)] });

  const built = new ExcelJS.Workbook();
  await built.xlsx.readFile(path.join(tmp, 'p.xlsx'));
  let longest = 0;
  built.worksheets[0].eachRow((row) => row.eachCell((c) => {
    const f = (c.value as ExcelJS.CellFormulaValue | null)?.formula;
    if (typeof f === 'string') longest = Math.max(longest, f.length + 1);
  }));
  expect(longest).toBeGreaterThan(100);
  expect(longest).toBeLessThanOrEqual(8192);

  if (!LO) return;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(throughLibreOffice(LO, path.join(tmp, 'p.xlsx'), tmp));
  const ws = wb.worksheets[0];
  const ids = (ws.getRow(ID_ROW).values as unknown[]).slice(1) as string[];
  let compared = 0;
  ws.eachRow((row, r) => {
    if (r < FIRST_DATA_ROW) return;
    const ref = String(row.getCell(1).value);
    if (!index.indicators.get(ref)?.hasItems) return;
    for (const [id, want] of [
      ['achievement:1402', F.achievement(index, ref, 1402, 'annual')],
      ['achievement:1403', F.achievement(index, ref, 1403, 'annual')],
      ['cumulative', F.achievement(index, ref)],
    ] as const) {
      const v = row.getCell(ids.indexOf(id) + 1).value as ExcelJS.CellFormulaValue;
      expect(typeof want).toBe('number');
      expect({ ref, id, got: Math.round((v.result as number) * 1e9) }).toEqual({ ref, id, got: Math.round((want as number) * 1e9) });
      compared++;
    }
  });
  expect(compared).toBe(6);
});
