import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { Plan } from '../../src/core/plan/plan.types';
import { loadPlan } from '../../src/core/plan/load';
import { templateUnits, T_FIRST_ROW, T_IDS_ROW, T_META_ROW, TEMPLATE_ID } from '../../src/core/templates/template';
import { ROOT, SAMPLE_PATH, sampleText } from '../helpers/plan';
import { typeIntoTemplate, type TypedCell } from '../helpers/type-into-template';

const BIN = path.join(ROOT, 'bin', 'plansheets.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-templates-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const at = (f: string) => path.join(tmp, f);
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const plan = () => JSON.parse(sampleText()) as Plan;
const index = loadPlan(sampleText()).index!;

describe('plansheets templates', () => {
  beforeAll(() => {
    const r = cli('templates', SAMPLE_PATH, '-o', at('t1403'), '--year', '1403');
    expect(r.code).toBe(0);
  });

  test('one template per unit with indicators, named after the unit id', () => {
    const units = templateUnits(index);
    expect(units.length).toBe(new Set(plan().indicators.map((i) => i.unit)).size);
    expect(fs.readdirSync(at('t1403')).sort()).toEqual(units.map((u) => `${u}.xlsx`).sort());
  });

  test('each template: header, the form\'s columns, only inputs unlocked, a number check, right to left', async () => {
    for (const unit of templateUnits(index)) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(at(`t1403/${unit}.xlsx`));
      const ws = wb.worksheets[0];
      expect(ws.views[0]).toMatchObject({ rightToLeft: true });
      expect((ws.getRow(T_META_ROW).values as unknown[]).slice(1, 6)).toEqual([TEMPLATE_ID, 'qazvin-3-sample', unit, '1403', 0]);
      expect(String(ws.getCell('B4').value)).toMatch(/دوره: ۱۴۰۳ · ویرایش برنامه ۰/);
      expect(String(ws.getCell('B5').value)).toMatch(/ارقام فارسی پذیرفته است/);
      const ids = (ws.getRow(T_IDS_ROW).values as string[]).slice(1);
      expect(ids).toEqual([TEMPLATE_ID, 'code', 'title', 'measure', 'polarity', 'target:1403', 'horizon', 'sofar', 'actual:1403', 'evidence:1403', 'note:1403']);
      const entries = index.indicatorList.filter((e) => e.indicator.unit === unit);
      const rows: string[] = [];
      ws.eachRow((row, r) => {
        if (r >= T_FIRST_ROW) rows.push(String(row.getCell(1).value));
      });
      expect(rows).toEqual(entries.flatMap((e) => (e.hasItems ? [e.id, ...e.lines.map((l) => l.ref)] : [e.id])));
      const first = ws.getRow(T_FIRST_ROW);
      const locked = ids.map((_id, c) => first.getCell(c + 1).protection?.locked !== false);
      const header = entries[0].hasItems;
      expect(locked).toEqual(ids.map((id) => !(id === 'evidence:1403' || id === 'note:1403' || (id === 'actual:1403' && !header))));
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at('t1403/budget-office.xlsx'));
    const cell = wb.worksheets[0].getRow(T_FIRST_ROW).getCell(9);
    expect(cell.dataValidation).toMatchObject({ type: 'custom', allowBlank: true, errorStyle: 'stop' });
    expect(cell.dataValidation.formulae[0]).toContain('۰۱۲۳۴۵۶۷۸۹');
  });

  test('usage errors: an unknown unit, a period outside the plan, no -o', () => {
    expect(cli('templates', SAMPLE_PATH, '-o', at('x'), '--unit', 'nobody').code).toBe(2);
    expect(cli('templates', SAMPLE_PATH, '-o', at('x'), '--year', '1410').code).toBe(2);
    expect(cli('templates', SAMPLE_PATH).code).toBe(2);
  });
});

/** Types into a template: by row key and column id; `add` appends rows. */
async function fill(file: string, out: string, cells: TypedCell[], add: Array<Record<string, ExcelJS.CellValue>> = []) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  typeIntoTemplate(wb.worksheets[0], cells, add);
  await wb.xlsx.writeFile(out);
}

describe('a filled template merges back', () => {
  test('Persian digits, -, a note and evidence, a stale revision, a row of another unit: exactly the expected result and report', async () => {
    cli('templates', SAMPLE_PATH, '-o', at('t'), '--year', '1403', '--unit', 'budget-office');
    // Meanwhile the plan file moved on: revision 2, two actuals of the unit changed.
    const current = plan();
    current.meta.revision = 2;
    const byId = (p: Plan, id: string) => p.indicators.find((i) => i.id === id)!;
    byId(current, '1-7-3-5').items![1].actuals!['1403'] = 100; // the template will say 110: conflict
    byId(current, '1-7-3-5').items![2].actuals!['1403'] = 60; // the template keeps 53: the file wins quietly
    fs.writeFileSync(at('current.json'), JSON.stringify(current));
    await fill(
      at('t/budget-office.xlsx'),
      at('filled.xlsx'),
      [
        ['1-7-4-5', 'actual:1403', '۶۵'],
        ['1-7-5-2', 'actual:1403', '-'],
        ['1-7-3-5.1', 'note:1403', 'برآورد تا پایان سال'],
        ['1-7-3-5.1', 'evidence:1403', 'گزارش مالی شماره ۱۲'],
        ['1-7-3-5.2', 'actual:1403', 110],
      ],
      [{ [TEMPLATE_ID]: '1-8-7-1', 'actual:1403': 5 }],
    );
    const r = cli('merge', at('current.json'), at('filled.xlsx'), '-o', at('merged.json'), '--by', 'budget office');
    expect(r.code).toBe(3);
    const lines = r.out.trim().split('\n').map((l) => l.replace(/'[^']+'![A-Z]+\d+/, 'CELL'));
    expect(lines).toEqual([
      `applied   filled.xlsx  CELL  1-7-5-2  actuals.1403: ${byId(current, '1-7-5-2').actuals!['1403']} → (empty)`,
      'applied   filled.xlsx  CELL  1-7-3-5.1  evidenceSubmitted.1403: (empty) → "گزارش مالی شماره ۱۲"',
      'applied   filled.xlsx  CELL  1-7-3-5.1  notes.1403: (empty) → "برآورد تا پایان سال"',
      'applied   filled.xlsx  CELL  1-7-4-5  actuals.1403: (empty) → 65',
      'conflict  filled.xlsx  CELL  1-7-3-5.2  actuals.1403: was 104, the sheet has 110, the file has 100 (the file\'s value kept)',
      'refused   filled.xlsx  CELL  1-8-7-1  actuals.1403: 5: 1-8-7-1 belongs to unit "admin-reform", not to this template\'s unit "budget-office"',
      `4 changes applied; ${at('merged.json')} written (revision 3); 1 conflict, 1 refused`,
    ]);
    const merged = JSON.parse(fs.readFileSync(at('merged.json'), 'utf8')) as Plan;
    const expected = JSON.parse(JSON.stringify(current)) as Plan;
    delete byId(expected, '1-7-5-2').actuals!['1403'];
    byId(expected, '1-7-4-5').actuals!['1403'] = 65;
    const item = byId(expected, '1-7-3-5').items![0];
    item.notes = { '1403': 'برآورد تا پایان سال' };
    item.evidenceSubmitted = { '1403': 'گزارش مالی شماره ۱۲' };
    expected.meta.revision = 3;
    expect({ ...merged, changes: undefined }).toEqual({ ...expected, changes: undefined });
    expect(merged.changes!.map((c) => [c.by, c.ref, c.field, c.from, c.to])).toEqual([
      ['budget office', '1-7-5-2', 'actuals.1403', byId(current, '1-7-5-2').actuals!['1403'], null],
      ['budget office', '1-7-3-5.1', 'evidenceSubmitted.1403', null, 'گزارش مالی شماره ۱۲'],
      ['budget office', '1-7-3-5.1', 'notes.1403', null, 'برآورد تا پایان سال'],
      ['budget office', '1-7-4-5', 'actuals.1403', null, 65],
    ]);
    expect(loadPlan(fs.readFileSync(at('merged.json'), 'utf8')).ok).toBe(true);
  });

  test('a template of another plan is refused', async () => {
    cli('templates', SAMPLE_PATH, '-o', at('t2'), '--year', '1403', '--unit', 'budget-office');
    const other = plan();
    other.meta.id = 'another';
    fs.writeFileSync(at('other.json'), JSON.stringify(other));
    const r = cli('merge', at('other.json'), at('t2/budget-office.xlsx'), '-o', at('o.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/built from plan "qazvin-3-sample", not "another"/);
  });
});
