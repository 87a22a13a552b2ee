// `--lang fa` everywhere (issue 13 point 5): every command, on the sample, on the Qazvin tables and
// on broken inputs, says everything in Persian with Persian digits. What stays Latin — a file name,
// an option, a code, a JSON path, a value quoted from the file — is isolated (LRI/FSI … PDI), so
// right-to-left text neither reorders it nor reads it as prose. A message added in English only,
// or with a figure left in Latin digits, fails here.
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { outsideIsolates } from '../helpers/isolates';
import { run } from '../../src/cli/main';
import { FIRST_DATA_ROW, ID_ROW } from '../../src/core/grid/layout';
import { tempFolder } from '../hostile/cli';
import { ROOT, SAMPLE_PATH } from '../helpers/plan';

const { at } = tempFolder('persian-everywhere');
const RAW = ['01', '02', '05', '08'].map((k) => path.join(ROOT, 'tests/fixtures/qazvin/raw', `${k}.tsv`));

/** A line with its isolated runs taken out: what reads as Persian prose. The program's name leads an error line as it leads every command-line tool's (`plansheets: …`). */
const prose = (line: string): string => outsideIsolates(line).replace(/^plansheets: /, '');

/** Runs `plansheets --lang fa …argv`: its exit code, every line printed, and the lines with Latin outside isolates. */
async function fa(...argv: string[]) {
  const lines: string[] = [];
  const code = await run(['--lang', 'fa', ...argv], { out: (l) => lines.push(...l.split('\n')), err: (l) => lines.push(...l.split('\n')) });
  return { code, lines, latin: lines.filter((l) => /[A-Za-z0-9]/.test(prose(l))) };
}

/** Types values into a built book's cells, by row ref and column id. */
async function fill(book: string, out: string, changes: Array<[ref: string, column: string, value: ExcelJS.CellValue]>) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book);
  wb.eachSheet((ws) => {
    const ids = (ws.getRow(ID_ROW).values as unknown[]).slice(1);
    ws.eachRow((row, r) => {
      if (r < FIRST_DATA_ROW) return;
      for (const [ref, column, value] of changes) if (row.getCell(1).value === ref) row.getCell(ids.indexOf(column) + 1).value = value;
    });
  });
  await wb.xlsx.writeFile(out);
}

const sample = () => JSON.parse(fs.readFileSync(SAMPLE_PATH, 'utf8'));

describe('plansheets --lang fa: no Latin letter or digit outside isolated runs', () => {
  test('the sample: validate, report (by group, by unit for a year), build, templates', async () => {
    const runs = [
      await fa('validate', SAMPLE_PATH),
      await fa('report', SAMPLE_PATH),
      await fa('report', SAMPLE_PATH, '--by', 'unit', '--mode', 'annual', '--year', '1403'),
      await fa('build', SAMPLE_PATH, '-o', at('sample.xlsx')),
      await fa('templates', SAMPLE_PATH, '-o', at('templates'), '--year', '1403'),
    ];
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 0]);
    for (const r of runs) expect(r.lines.length).toBeGreaterThan(0);
    expect(runs.flatMap((r) => r.latin)).toEqual([]);
  });

  test("the Qazvin book's tables: import, its account and every row it interpreted", async () => {
    const r = await fa('import', ...RAW, '-o', at('qazvin.plan.json'));
    expect(r.code).toBe(0);
    expect(fs.existsSync(at('qazvin.plan.json'))).toBe(true);
    // the success line, in Persian digits
    expect(r.lines.at(-1)).toMatch(/نوشته شد؛ [۰-۹]+ سطر تفسیر شد/);
    expect(r.latin).toEqual([]);
    const again = await fa('validate', at('qazvin.plan.json'));
    expect(again.lines.length).toBeGreaterThan(1);
    expect(again.latin).toEqual([]);
  });

  test('broken plans: bad JSON, not an object, another format, wrong types, an unknown unit', async () => {
    fs.writeFileSync(at('bad.json'), '{"format": "plansheets.plan", "version": 1,, }');
    fs.writeFileSync(at('list.json'), '[1, 2]');
    fs.writeFileSync(at('format.json'), '{"format": "x", "version": 2}');
    const p = sample();
    p.meta.years = 'x';
    p.indicators[0].targets = { 1403: '12', 1410: 5, abc: 3 };
    p.indicators[1].unit = 'nobody';
    p.indicators[2].horizon = [1, 2];
    p.indicators[3].polarity = 'up';
    fs.writeFileSync(at('types.json'), JSON.stringify(p));
    const runs = [
      await fa('validate', at('bad.json')),
      await fa('validate', at('list.json')),
      await fa('validate', at('format.json')),
      await fa('validate', at('types.json')),
      await fa('report', at('types.json')),
      // usage errors: a unit and a grouping the plan does not have
      await fa('templates', SAMPLE_PATH, '-o', at('t'), '--unit', 'nobody'),
      await fa('build', SAMPLE_PATH, '-o', at('b.xlsx'), '--by', 'district'),
    ];
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1, 1, 1, 2, 2]);
    // the wrong types are named in Persian: what was expected and what was found
    expect(runs[3].lines.join('\n')).toMatch(/فهرستی با ۲ عضو/);
    expect(runs.flatMap((r) => r.latin)).toEqual([]);
  });

  test('broken tables: a file with no plan table, a CSV whose quote never closes', async () => {
    fs.writeFileSync(at('notes.tsv'), 'یادداشت\n1403\tبدون جدول\n');
    fs.writeFileSync(at('quote.csv'), 'کد,عنوان\n"بسته نشده,1\n');
    const runs = [await fa('import', at('notes.tsv'), '-o', at('x.plan.json')), await fa('import', at('quote.csv'), '-o', at('y.plan.json'))];
    expect(runs.map((r) => r.code)).toEqual([1, 1]);
    expect(runs.flatMap((r) => r.latin)).toEqual([]);
  });

  test('a merge that meets a locked period and an unreadable value: refused, in Persian', async () => {
    expect((await fa('build', SAMPLE_PATH, '-o', at('base.xlsx'))).code).toBe(0);
    const current = sample();
    current.meta.locked = ['1402'];
    fs.writeFileSync(at('current.json'), JSON.stringify(current));
    await fill(at('base.xlsx'), at('filled.xlsx'), [
      ['1-7-5-2', 'actual:1402', 90],
      ['1-7-5-2', 'actual:1404', 'حدود ۸۰'],
      ['1-7-5-2', 'actual:1405', 77],
    ]);
    const r = await fa('merge', at('current.json'), at('filled.xlsx'), '-o', at('merged.json'), '--by', 'دبیرخانه');
    expect(r.code).toBe(3);
    expect(r.lines.filter((l) => l.startsWith('رد شد'))).toHaveLength(2);
    expect(r.latin).toEqual([]);
  });
});
