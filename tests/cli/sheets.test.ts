import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { loadPlan } from '../../src/core/plan/load';
import type { Plan } from '../../src/core/plan/plan.types';
import { readBook } from '../../src/xlsx/read-book';
import { FIRST_DATA_ROW, ID_ROW } from '../../src/core/grid/layout';
import { makePlan, ROOT, SAMPLE_PATH, sampleText } from '../helpers/plan';

const BIN = path.join(ROOT, 'bin', 'plansheets.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-sheets-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const at = (f: string) => path.join(tmp, f);

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Opens a built book, lets a test type into cells by ref and column id, saves it. */
async function edit(book: string, changes: Array<[ref: string, column: string, value: ExcelJS.CellValue]>, out = book) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book);
  const left = new Set(changes.map((c) => c.join('|')));
  wb.eachSheet((ws) => {
    const ids = (ws.getRow(ID_ROW).values as unknown[]).slice(1);
    ws.eachRow((row, r) => {
      if (r < FIRST_DATA_ROW) return;
      for (const c of changes) {
        if (row.getCell(1).value !== c[0]) continue;
        row.getCell(ids.indexOf(c[1]) + 1).value = c[2];
        left.delete(c.join('|'));
      }
    });
  });
  if (left.size) throw new Error(`not found: ${[...left].join(', ')}`);
  await wb.xlsx.writeFile(out);
}

const plan = () => JSON.parse(sampleText()) as Plan;

describe('plansheets build', () => {
  test('writes one protected, right-to-left sheet per working group with native formulas and the plan inside', async () => {
    const r = cli('build', SAMPLE_PATH, '-o', at('q.xlsx'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/q\.xlsx: 4 sheets .*, 331 rows; داده‌ها: 1400 rows/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at('q.xlsx'));
    expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual([...plan().workingGroups!.map((g) => g.title), 'داده‌ها']);
    expect(wb.getWorksheet('PlanSheets')!.state).toBe('veryHidden');
    const ws = wb.worksheets[0];
    expect(ws.views[0]).toMatchObject({ rightToLeft: true, state: 'frozen', ySplit: 2 });
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    expect(ws.getColumn(1).hidden).toBe(true);
    const row = ws.getRow(FIRST_DATA_ROW);
    const ids = (ws.getRow(ID_ROW).values as unknown[]).slice(1);
    expect(row.getCell(ids.indexOf('actual:1403') + 1).protection).toMatchObject({ locked: false });
    expect(row.getCell(ids.indexOf('target:1403') + 1).protection?.locked).not.toBe(false);
    expect(String((row.getCell(ids.indexOf('achievement:1403') + 1).value as ExcelJS.CellFormulaValue).formula)).toMatch(/^IF\(AND\(ISNUMBER/);
    const back = await readBook(fs.readFileSync(at('q.xlsx')), 'q.xlsx');
    expect(JSON.parse(back.storedPlan!)).toEqual(plan());
  });

  test('--by unit gives one sheet per unit; usage errors exit 2', () => {
    const r = cli('build', SAMPLE_PATH, '-o', at('u.xlsx'), '--by', 'unit', '--sheet-lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`${new Set(plan().indicators.map((i) => i.unit)).size} sheets`));
    expect(cli('build', SAMPLE_PATH).code).toBe(2);
    expect(cli('build', SAMPLE_PATH, '-o', at('x.xlsx'), '--by', 'district').code).toBe(2);
  });
});

describe('plansheets merge', () => {
  beforeAll(() => {
    expect(cli('build', SAMPLE_PATH, '-o', at('base.xlsx')).code).toBe(0);
  });

  test('typed values (Persian digits, ۰/۲, -, a note) merge exactly; the revision rises and the changes are recorded', async () => {
    const p = plan();
    const line = p.indicators.find((i) => i.id === '1-7-5-2')!;
    const item = p.indicators.find((i) => i.id === '1-7-3-5')!;
    await edit(at('base.xlsx'), [
      ['1-7-5-2', 'actual:1404', '۸۲'],
      ['1-7-3-5.1', 'actual:1404', '۰/۲'],
      ['1-7-3-5.2', 'actual:1403', '-'],
      ['1-7-3-5.3', 'actual:1404', 68.68],
      ['1-7-5-2', 'comment', 'گزارش نیمه اول'],
    ], at('filled.xlsx'));
    const r = cli('merge', SAMPLE_PATH, at('filled.xlsx'), '-o', at('merged.json'), '--by', 'Secretariat');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/5 changes applied; .*merged\.json written \(revision 1\)/);
    const merged = JSON.parse(fs.readFileSync(at('merged.json'), 'utf8')) as Plan;
    const m = (id: string) => merged.indicators.find((i) => i.id === id)!;
    expect(m('1-7-5-2').actuals).toEqual({ ...line.actuals, '1404': 82 });
    expect(m('1-7-5-2').comment).toBe('گزارش نیمه اول');
    expect(m('1-7-3-5').items![0].actuals!['1404']).toBe(0.2);
    expect(m('1-7-3-5').items![1].actuals!['1403']).toBeUndefined();
    expect(m('1-7-3-5').items![2].actuals!['1404']).toBe(68.68);
    expect(merged.meta.revision).toBe(1);
    expect(merged.changes).toHaveLength(5);
    expect(merged.changes![0]).toMatchObject({ by: 'Secretariat', ref: '1-7-5-2', field: 'actuals.1404', from: null, to: 82 });
    expect(merged.changes![0].at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(item.items![1].actuals!['1403']).not.toBeUndefined();
    // everything else is the plan as it was
    const strip = (x: Plan) => ({ ...x, meta: { ...x.meta, revision: 0 }, changes: undefined, indicators: x.indicators.filter((i) => i.id !== '1-7-5-2' && i.id !== '1-7-3-5') });
    expect(strip(merged)).toEqual(strip(p));
    expect(loadPlan(fs.readFileSync(at('merged.json'), 'utf8')).ok).toBe(true);
    expect(fs.readFileSync(at('merged.json'), 'utf8')).toMatch(/^\{\n {2}"format": "plansheets\.plan",/);
  });

  test('conflicts, locked periods, unreadable cells and unknown rows are listed with file, sheet and cell; exit 3', async () => {
    const current = plan();
    current.meta.locked = ['1402'];
    current.indicators.find((i) => i.id === '1-7-4-5')!.actuals!['1403'] = 70; // changed in the file meanwhile
    current.meta.revision = 1; // and saved, as every save does (plan-format.md, meta.revision)
    fs.writeFileSync(at('current.json'), JSON.stringify(current));
    await edit(at('base.xlsx'), [
      ['1-7-4-5', 'actual:1403', 75], // conflict: the file says 70
      ['1-7-5-2', 'actual:1402', 90], // locked
      ['1-7-5-2', 'actual:1404', 'حدود ۸۰'], // unreadable
      ['1-7-5-2', 'actual:1405', 77], // fine
    ], at('mixed.xlsx'));
    const r = cli('merge', at('current.json'), at('mixed.xlsx'), '-o', at('out.json'));
    expect(r.code).toBe(3);
    const sheet = current.workingGroups!.find((w) => w.id === 'governance')!.title;
    expect(r.out).toMatch(new RegExp(`conflict  mixed\\.xlsx  '${sheet}'![A-Z]+\\d+  1-7-4-5  actuals\\.1403: was \\(empty\\), the sheet has 75, the file has 70`));
    expect(r.out).toMatch(/refused {3}mixed\.xlsx {2}'.+'![A-Z]+\d+ {2}1-7-5-2 {2}actuals\.1402: 90: 1402 is closed \(meta\.locked\)/);
    expect(r.out).toMatch(/refused {3}mixed\.xlsx {2}'.+'![A-Z]+\d+ {2}1-7-5-2 {2}actuals\.1404: "حدود ۸۰": expected a number/);
    expect(r.out).toMatch(/1 change applied; .*out\.json written \(revision 2\); 1 conflict, 2 refused/);
    const out = JSON.parse(fs.readFileSync(at('out.json'), 'utf8')) as Plan;
    const line = out.indicators.find((i) => i.id === '1-7-5-2')!;
    expect(line.actuals!['1405']).toBe(77);
    expect(line.actuals!['1402']).toBe(current.indicators.find((i) => i.id === '1-7-5-2')!.actuals!['1402']);
    expect(out.indicators.find((i) => i.id === '1-7-4-5')!.actuals!['1403']).toBe(70);

    const json = JSON.parse(cli('merge', at('current.json'), at('mixed.xlsx'), '-o', at('out2.json'), '--json').out);
    expect(json.conflicts).toEqual([{ where: { book: 'mixed.xlsx', sheet, address: expect.stringMatching(/^[A-Z]+\d+$/) }, ref: '1-7-4-5', field: 'actuals.1403', base: null, sheet: 75, file: 70 }]);
    expect(json.refused.map((x: { code: string }) => x.code).sort()).toEqual(['locked', 'unreadable']);

    fs.rmSync(at('strict.json'), { force: true });
    const strict = cli('merge', at('current.json'), at('mixed.xlsx'), '-o', at('strict.json'), '--strict');
    expect(strict.code).toBe(3);
    expect(strict.out).toMatch(/not applied and nothing written \(--strict\)/);
    expect(fs.existsSync(at('strict.json'))).toBe(false);
  });

  test('rows for ids the plan does not have are refused; a book from another plan is a usage error', async () => {
    const current = plan();
    current.indicators = current.indicators.filter((i) => i.id !== '1-7-5-2');
    fs.writeFileSync(at('fewer.json'), JSON.stringify(current));
    await edit(at('base.xlsx'), [['1-7-5-2', 'actual:1405', 1]], at('orphan.xlsx'));
    const r = cli('merge', at('fewer.json'), at('orphan.xlsx'), '-o', at('o.json'));
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/refused {3}orphan\.xlsx .* 1-7-5-2 {2}actuals\.1405: 1: the plan has no "1-7-5-2"/);
    const other = makePlan([{ code: '1', aggregation: 'last' }]);
    fs.writeFileSync(at('other.json'), JSON.stringify(other));
    const wrong = cli('merge', at('other.json'), at('orphan.xlsx'), '-o', at('w.json'));
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/was built from plan "qazvin-3-sample", not "t"/);
  });

  test('two books merge one after the other; the second sees the first', async () => {
    await edit(at('base.xlsx'), [['1-7-5-2', 'actual:1405', 10]], at('a.xlsx'));
    await edit(at('base.xlsx'), [['1-7-5-2', 'actual:1405', 20], ['1-7-4-5', 'actual:1405', 5]], at('b.xlsx'));
    const r = cli('merge', SAMPLE_PATH, at('a.xlsx'), at('b.xlsx'), '-o', at('ab.json'));
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/conflict {2}b\.xlsx .* 1-7-5-2 {2}actuals\.1405: was \(empty\), the sheet has 20, the file has 10/);
    const out = JSON.parse(fs.readFileSync(at('ab.json'), 'utf8')) as Plan;
    expect(out.indicators.find((i) => i.id === '1-7-5-2')!.actuals!['1405']).toBe(10);
    expect(out.indicators.find((i) => i.id === '1-7-4-5')!.actuals!['1405']).toBe(5);
    expect(out.meta.revision).toBe(1);
  });

  test('a book that lost the plan it was built from is refused unless --base gives it', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at('filled.xlsx'));
    wb.removeWorksheet(wb.getWorksheet('PlanSheets')!.id);
    await wb.xlsx.writeFile(at('bare.xlsx'));
    const r = cli('merge', SAMPLE_PATH, at('bare.xlsx'), '-o', at('bare.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bare\.xlsx does not carry the plan it was built from .*--base PLAN/);
    expect(fs.existsSync(at('bare.json'))).toBe(false);
    expect(cli('merge', SAMPLE_PATH, at('bare.xlsx'), '-o', at('bare.json'), '--base', SAMPLE_PATH).code).toBe(0);
  });

  test('a book built and returned unchanged merges to the same plan', () => {
    const r = cli('merge', SAMPLE_PATH, at('base.xlsx'), '-o', at('same.json'));
    expect(r.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(at('same.json'), 'utf8'))).toEqual(plan());
  });
});
