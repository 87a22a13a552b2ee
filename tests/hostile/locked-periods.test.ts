// A closed period stays closed: a lock holds for every period inside it and every period that
// contains it (plan-format.md, meta.locked), whichever way the value arrives.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { run } from '../../src/cli/main';
import { isLocked } from '../../src/core/grid/merge';
import type { Plan } from '../../src/core/plan/plan.types';
import { stringifyPlan } from '../../src/core/plan/canonical-json';
import { T_FIRST_ROW, T_IDS_ROW } from '../../src/core/templates/template';
import { sampleText } from '../helpers/plan';

jest.setTimeout(180000);

/** The months a period key covers, listed one by one (the contract's words, not the code's arithmetic). */
function months(key: string): Set<string> {
  const [year, part] = key.split('-');
  const list = (from: number, to: number) => new Set(Array.from({ length: to - from + 1 }, (_, i) => `${year}/${from + i}`));
  if (!part) return list(1, 12);
  const n = Number(part.slice(1));
  if (part[0] === 'H') return list(6 * n - 5, 6 * n);
  if (part[0] === 'Q') return list(3 * n - 2, 3 * n);
  return list(n, n);
}

const period = fc.tuple(fc.constantFrom(1402, 1403), fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 2 }).map((n) => `-H${n}`), fc.integer({ min: 1, max: 4 }).map((n) => `-Q${n}`), fc.integer({ min: 1, max: 12 }).map((n) => `-M${String(n).padStart(2, '0')}`))).map(([y, p]) => `${y}${p}`);

const planLocked = (locked: string[]) => ({ meta: { locked } }) as unknown as Plan;

describe('which periods a lock closes', () => {
  test('the examples of plan-format.md', () => {
    for (const key of ['1402', '1402-H1', '1402-Q3', '1402-M07']) expect(isLocked(planLocked(['1402']), `actuals.${key}`)).toBe(true);
    for (const key of ['1403', '1403-H1', '1403-Q1', '1403-Q2', '1403-M03', '1403-M04']) expect(isLocked(planLocked(['1403-H1']), `actuals.${key}`)).toBe(true);
    for (const key of ['1403-H2', '1403-Q3', '1403-M07', '1404', '1402-H1']) expect(isLocked(planLocked(['1403-H1']), `actuals.${key}`)).toBe(false);
    expect(isLocked(planLocked(['1403-Q2']), 'actuals.1403-M05')).toBe(true);
    expect(isLocked(planLocked(['1403-Q2']), 'actuals.1403-M07')).toBe(false);
  });

  test('a period is closed exactly when it shares a month with a locked one (property)', () => {
    fc.assert(
      fc.property(fc.array(period, { maxLength: 3 }), period, (locked, key) => {
        const shares = locked.some((p) => [...months(p)].some((m) => months(key).has(m)));
        expect(isLocked(planLocked(locked), `actuals.${key}`)).toBe(shares);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a template for part of a closed period', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-locks-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const at = (f: string) => path.join(tmp, f);
  async function cli(...argv: string[]) {
    const out: string[] = [];
    const code = await run(argv, { out: (l) => out.push(l), err: (l) => out.push(l) });
    return { code, out: out.join('\n') };
  }

  test.each(['1403-Q1', '1403-Q2', '1403-M03'])('with 1403-H1 locked, %s values are refused and the plan keeps its values', async (key) => {
    const plan = JSON.parse(sampleText()) as Plan;
    plan.meta.locked = ['1403-H1'];
    fs.writeFileSync(at('locked.json'), stringifyPlan(plan));
    const dir = at(`t-${key}`);
    expect((await cli('templates', at('locked.json'), '-o', dir, '--unit', 'bus-org', '--year', key)).code).toBe(0);
    const file = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.xlsx'))!);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    const col = (ws.getRow(T_IDS_ROW).values as string[]).slice(1).indexOf(`actual:${key}`) + 1;
    expect(col).toBeGreaterThan(0);
    let typed = 0;
    for (let r = T_FIRST_ROW; r <= ws.rowCount && typed < 2; r++) {
      const cell = ws.getRow(r).getCell(col);
      if (cell.protection?.locked === false) {
        cell.value = '۱۲';
        typed++;
      }
    }
    expect(typed).toBe(2);
    await wb.xlsx.writeFile(file);
    const r = await cli('merge', at('locked.json'), file, '-o', at(`merged-${key}.json`));
    expect(r.code).toBe(3);
    const refused = r.out.split('\n').filter((l) => l.startsWith('refused'));
    expect(refused).toHaveLength(2);
    for (const l of refused) expect(l).toContain(`actuals.${key}: 12: ${key} is closed (meta.locked)`);
    const merged = JSON.parse(fs.readFileSync(at(`merged-${key}.json`), 'utf8')) as Plan;
    expect(merged.indicators).toEqual(plan.indicators);
  });
});
