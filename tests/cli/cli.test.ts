import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadPlan } from '../../src/core/plan/load';
import { makePlan, ROOT, SAMPLE_PATH, sampleText } from '../helpers/plan';

const BIN = path.join(ROOT, 'bin', 'plansheets.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function writePlan(name: string, data: unknown): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}

describe('plansheets validate', () => {
  test('the sample: warnings with their paths, exit 0', () => {
    const r = cli('validate', SAMPLE_PATH);
    const expected = loadPlan(sampleText()).problems;
    expect(r.code).toBe(0);
    expect(r.out).toContain(`0 errors, ${expected.length} warnings`);
    expect(r.out).toMatch(/^warning {2}\/indicators\/\d+\/horizon {2}horizon \d+ disagrees with the sum of the targets/m);
  });

  test('--json lists every problem with path, severity and both languages', () => {
    const r = cli('validate', SAMPLE_PATH, '--json');
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ ok: true, errors: 0 });
    expect(json.problems.length).toBe(json.warnings);
    expect(json.problems[0]).toEqual({ severity: 'warning', code: expect.any(String), path: expect.stringMatching(/^\//), message: { en: expect.any(String), fa: expect.any(String) } });
  });

  test('a plan with errors: exit 1, each error with its path; Persian with --lang fa', () => {
    const plan = makePlan([{ code: '1', aggregation: 'last', unit: 'ghost', targets: { '1403': '۸۰' as unknown as number } }]);
    const file = writePlan('broken.json', plan);
    const r = cli('validate', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain('error    /indicators/0/targets/1403  expected a number or null, found "۸۰"');
    expect(r.out).toContain('1 error, 0 warnings');
    const fa = cli('--lang', 'fa', 'validate', file);
    expect(fa.out).toContain('عدد یا \u2066null\u2069 انتظار می‌رفت');
  });

  test('malformed JSON and a version 2 file: exit 1 with a clear message', () => {
    expect(cli('validate', writePlan('bad.json', '{"format": "plansheets.plan",')).out).toMatch(/not valid JSON at line 1, column 30/);
    const v2 = cli('validate', writePlan('v2.json', { ...JSON.parse(sampleText()), version: 2 }));
    expect(v2.code).toBe(1);
    expect(v2.out).toMatch(/version 2, newer than this PlanSheets reads/);
  });

  test('usage errors exit 2: a missing file, an unknown command or option, no arguments', () => {
    const missing = cli('validate', path.join(tmp, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read plan file .*nope\.json: no such file/);
    expect(cli('frobnicate').code).toBe(2);
    expect(cli('validate', SAMPLE_PATH, '--frob').code).toBe(2);
    expect(cli('validate').code).toBe(2);
    expect(cli().code).toBe(2);
    expect(cli('--help').code).toBe(0);
  });
});

describe('plansheets report', () => {
  // Hand-computed: wg1 = a (8/10 = 0.8, weight 1) and b (45/50 = 0.9, weight 3) → (0.8 + 2.7) / 4 = 0.875.
  const small = makePlan([
    { id: 'a', code: '1', workingGroup: 'wg1', unit: 'u1', aggregation: 'last', targets: { '1402': 10, '1403': 10 }, actuals: { '1402': 8 }, funding: { '1402': { planned: 100, spent: 90 }, '1403': { planned: 50, spent: null } } },
    { id: 'b', code: '2', workingGroup: 'wg1', unit: 'u1', aggregation: 'sum', weight: 3, targets: { '1402': 20, '1403': 30 }, actuals: { '1402': 15, '1403': 30 }, funding: { '1402': { planned: 100, spent: 110 } } },
    { id: 'c', code: '3', workingGroup: 'wg2', unit: 'u2', aggregation: 'last', targets: { '1402': 5 } },
  ]);

  test('--json: one row per working group with the hand-computed numbers', () => {
    const r = cli('report', writePlan('small.json', small), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      by: 'workingGroup',
      year: null,
      mode: 'cumulative',
      rows: [
        // all known funding (250 planned, 200 spent) beside the realization of what both are known for: 1402, 200 / 200
        { key: 'wg1', title: 'one', achievement: 0.875, status: 'amber', indicators: 2, reporting: 2, budget: { planned: 250, spent: 200, realization: 1, basis: { planned: 200, spent: 200, years: [1402] } } },
        { key: 'wg2', title: 'two', achievement: null, status: '', indicators: 1, reporting: 0, budget: { planned: null, spent: null, realization: null, basis: { planned: 0, spent: 0, years: [] } } },
      ],
    });
  });

  test('--year and --mode annual, --by unit and indicator', () => {
    const file = writePlan('small.json', small);
    const annual = JSON.parse(cli('report', file, '--json', '--year', '1402', '--mode', 'annual', '--by', 'unit').out);
    expect(annual).toMatchObject({ by: 'unit', year: 1402, mode: 'annual' });
    expect(annual.rows[0]).toMatchObject({ key: 'u1', achievement: (0.8 + 0.75 * 3) / 4, budget: { planned: 200, spent: 200, realization: 1 } });
    const byIndicator = JSON.parse(cli('report', file, '--json', '--by', 'indicator').out);
    expect(byIndicator.rows.map((r: { key: string; achievement: number | null }) => [r.key, r.achievement])).toEqual([['a', 0.8], ['b', 0.9], ['c', null]]);
  });

  test('the sample: budget sums equal the plan file added up directly', () => {
    const plan = JSON.parse(sampleText());
    const rows = JSON.parse(cli('report', SAMPLE_PATH, '--json', '--year', '1402').out).rows;
    for (const row of rows) {
      let planned = 0;
      let spent = 0;
      for (const i of plan.indicators) {
        const f = i.workingGroup === row.key ? i.funding?.['1402'] : undefined;
        if (f?.planned != null) planned += f.planned;
        if (f?.spent != null) spent += f.spent;
      }
      expect(row.budget.planned).toBeCloseTo(planned, 6);
      expect(row.budget.spent).toBeCloseTo(spent, 6);
      expect(row.indicators).toBe(plan.indicators.filter((i: { workingGroup: string }) => i.workingGroup === row.key).length);
    }
  });

  test('a text table by default, titles in English where the plan has them', () => {
    const r = cli('report', SAMPLE_PATH);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^key\s+title\s+achievement\s+status\s+indicators\s+reporting\s+planned\s+spent\s+realization$/m);
    expect(r.out).toMatch(/^transport\s+Transport & traffic\s+\d+\.\d%\s+(green|amber|red)/m);
    // realization with the spent and planned it divides and their years
    expect(r.out).toMatch(/^transport\s.*\s\d+\.\d% \([\d,]+ of [\d,]+, 1402\)$/m);
  });

  test('bad options are usage errors; a plan with errors is refused', () => {
    expect(cli('report', SAMPLE_PATH, '--by', 'colour').code).toBe(2);
    expect(cli('report', SAMPLE_PATH, '--year', '1410').code).toBe(2);
    expect(cli('report', SAMPLE_PATH, '--mode', 'yearly').code).toBe(2);
    const broken = cli('report', writePlan('broken2.json', makePlan([{ code: '1', unit: 'ghost' }])));
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('/indicators/0/unit');
  });
});

describe('plansheets eval', () => {
  test('one result per line, arrays in Excel notation, errors with their message', () => {
    const r = cli('eval', SAMPLE_PATH, '=ROUND(PLAN.TARGET("1-7-3-5.1",1403)*2,0)', '=COUNTA(PLAN.CODES("unit","bus-org"))', '=PLAN.YEARS()', '=PLAN.TARGET("nope")');
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split('\n')).toEqual(['190', '5', '{1402,1403,1404,1405,1406}', '#N/A: unknown ref "nope"']);
  });

  test('--json: [{formula, value, message}]', () => {
    const r = cli('eval', SAMPLE_PATH, '=PLAN.ACHIEVEMENT("wg:transport")', '=PLAN.TARGET("1-7-5-2","1403-H3")', '--json');
    const [a, b] = JSON.parse(r.out);
    expect(a).toEqual({ formula: '=PLAN.ACHIEVEMENT("wg:transport")', value: expect.any(Number) });
    expect(b).toEqual({ formula: '=PLAN.TARGET("1-7-5-2","1403-H3")', value: '#VALUE!', message: expect.stringContaining('is not a period') });
  });

  test('no formula is a usage error', () => {
    expect(cli('eval', SAMPLE_PATH).code).toBe(2);
  });
});

describe('plansheets import', () => {
  const DATA = path.join(ROOT, 'tests', 'fixtures', 'qazvin', 'raw');
  const run = fs.existsSync(DATA) || process.env.CI ? test : test.skip;

  run('tables in, a valid plan out, with the report; the plan works with report and build', () => {
    const files = fs.readdirSync(DATA).filter((f) => f.endsWith('.tsv')).map((f) => path.join(DATA, f));
    const out = path.join(tmp, 'imported.plan.json');
    const r = cli('import', ...files, '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^4 working groups, \d+ units, 118 tables, \d+ indicators, 280 rows$/m);
    expect(r.out).toMatch(/^02\.tsv:\d+ {2}\S+ {2}no unit for the table of \S+ \(no unit heading above it\); read as no unit: set it in the definitions sheet$/m);
    expect(r.out).toMatch(/^Account: 118 tables = 115 indicators \+ 3 continuing the table above \+ 0 without rows; 280 table rows = 280 read \+ 0 left out$/m);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).meta.id).toBe('imported');
    expect(cli('report', out, '--json').code).toBe(0);
    expect(cli('build', out, '-o', path.join(tmp, 'imported.xlsx')).code).toBe(0);
    const json = JSON.parse(cli('import', ...files, '-o', out, '--json').out);
    expect(json.stats.rows).toBe(280);
    expect(json.account).toMatchObject({ tables: 118, rows: 280, rowsRead: 280, skippedRows: [] });
    expect(json.anomalies[0]).toEqual({ source: expect.any(String), line: expect.any(Number), found: expect.any(String), reading: expect.any(String), ref: expect.any(String) });
  });

  run('the same tables as CSV and as an .xlsx sheet import to the same plan', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const tsv = path.join(DATA, '01.tsv');
    const rows = fs.readFileSync(tsv, 'utf8').split('\n').map((l) => l.split('\t'));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('tables').addRows(rows);
    await wb.xlsx.writeFile(path.join(tmp, '01.xlsx'));
    fs.writeFileSync(path.join(tmp, '01.csv'), rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n'));
    const plans = ['01.xlsx', '01.csv'].map((f) => {
      expect(cli('import', path.join(tmp, f), '-o', path.join(tmp, `${f}.json`), '--id', 'x').code).toBe(0);
      return JSON.parse(fs.readFileSync(path.join(tmp, `${f}.json`), 'utf8'));
    });
    expect(cli('import', tsv, '-o', path.join(tmp, 'tsv.json'), '--id', 'x').code).toBe(0);
    const fromTsv = JSON.parse(fs.readFileSync(path.join(tmp, 'tsv.json'), 'utf8'));
    for (const p of plans) expect(p.indicators).toEqual(fromTsv.indicators);
  });
});
