// `plansheets import` over the layouts a secretariat has: the book's tables in an .xlsx with one
// sheet per working group (and a cover sheet), a flat CSV with English headers, the known units
// from a file; and the errors: a file given that holds no table, a units file that is not one.
import * as fs from 'fs';
import ExcelJS from 'exceljs';
import { cli, tempFolder } from '../hostile/cli';
import { rawSources, truth } from '../helpers/qazvin-tables';
import { toPersianDigits } from '../../src/core/numbers/digits';

const { at } = tempFolder('import-layouts');
const sources = rawSources();
const plan = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

// The book's text files, as the tests below give them to the command.
const files = sources.map((s) => {
  fs.writeFileSync(at(s.source), s.rows.map((r) => r.join('\t')).join('\n'));
  return at(s.source);
});

async function tsvPlan() {
  expect((await cli('import', ...files, '-o', at('tsv.plan.json'), '--id', 'q')).code).toBe(0);
  return plan(at('tsv.plan.json'));
}

describe('plansheets import: layouts', () => {
  test('an .xlsx with one sheet per working group and a cover sheet reads as the text files do, every table accounted for', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('جلد').addRows([['برنامه راهبردی عملیاتی پنج‌ساله سوم شهرداری قزوین'], ['۱۴۰۲ تا ۱۴۰۶']]);
    for (const s of sources) wb.addWorksheet(s.source.replace('.tsv', '')).addRows(s.rows);
    await wb.xlsx.writeFile(at('book.xlsx'));
    const r = await cli('import', at('book.xlsx'), '-o', at('xlsx.plan.json'), '--id', 'q');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Account: 118 tables = 115 indicators \+ 3 continuing the table above \+ 0 without rows; 280 table rows = 280 read \+ 0 left out$/m);
    const fromTsv = await tsvPlan();
    expect(plan(at('xlsx.plan.json')).indicators).toEqual(fromTsv.indicators);
    expect(plan(at('xlsx.plan.json')).units).toEqual(fromTsv.units);
    // each unit with the sheet and line that gave it
    expect(r.out).toMatch(/^ {2}book\.xlsx!01:5 {2}مدیریت برنامه و بودجه$/m);
  });

  test('a flat CSV, one row per indicator with English headers in its own order, gives a plan (not an empty one)', async () => {
    const blocks = truth().filter((b) => b.rows.length === 1 && !b.rows[0].anomaly);
    const header = ['Horizon', 'Indicator', '1406', '1405', '1404', '1403', '1402', 'Unit of measure', 'Code'];
    const num = (v: number | null) => (v === null ? '-' : String(v));
    const rows = blocks.map((b) => {
      const r = b.rows[0];
      return [num(r.horizon), b.title ?? r.title ?? '', ...['1406', '1405', '1404', '1403', '1402'].map((y) => num(r.targets[y])), r.measure ?? '', b.codeAsPrinted];
    });
    const q = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    fs.writeFileSync(at('flat.csv'), [header, ...rows].map((r) => r.map(q).join(',')).join('\r\n'));
    const r = await cli('import', at('flat.csv'), '-o', at('flat.plan.json'), '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.account).toMatchObject({ rows: blocks.length, rowsRead: blocks.length, skippedRows: [] });
    const p = plan(at('flat.plan.json'));
    expect(p.indicators.flatMap((i: { items?: unknown[] }) => i.items ?? [i])).toHaveLength(blocks.length);
    expect(p.indicators[0]).toMatchObject({ code: blocks[0].codeAsPrinted, targets: blocks[0].rows[0].targets, horizon: blocks[0].rows[0].horizon });
  });

  test('--units maps headings onto the known units and makes no other; a heading that is not one is listed', async () => {
    fs.writeFileSync(at('units.tsv'), ['# id\ttitle', 'budget\tمدیریت برنامه‌ و بودجه', 'hr\tمديريت سرمايه انساني', 'ict\tسازمان فناوری اطلاعات و ارتباطات', 'fire\tسازمان آتش‌نشانی و خدمات ایمنی'].join('\n'));
    const r = await cli('import', at('01.tsv'), '-o', at('units.plan.json'), '--units', at('units.tsv'));
    expect(r.code).toBe(0);
    const p = plan(at('units.plan.json'));
    expect(p.units.map((u: { id: string }) => u.id)).toEqual(['budget', 'hr', 'ict', 'fire']);
    expect(new Set(p.indicators.map((i: { unit?: string }) => i.unit))).toEqual(new Set(['budget', 'hr', 'ict', undefined]));
    expect(r.out).toMatch(/^Not taken for units:\n {2}01\.tsv:54 {2}'مدیریت نوسازی و تحول اداری': not one of the known units \(--units\)/m);
    // the same list as JSON, and a plan's units, work as well
    fs.writeFileSync(at('units.json'), JSON.stringify({ units: [{ id: 'hr', title: 'مدیریت سرمایه انسانی' }] }));
    expect((await cli('import', at('01.tsv'), '-o', at('units2.plan.json'), '--units', at('units.json'))).code).toBe(0);
    expect(plan(at('units2.plan.json')).units.map((u: { id: string }) => u.id)).toEqual(['hr']);
  });

  test('a units file that is not one: exit 1, the file and what was expected, nothing written', async () => {
    fs.writeFileSync(at('bad-units.json'), '{"units": [{"id": "a"}]}');
    const r = await cli('import', at('01.tsv'), '-o', at('never.json'), '--units', at('bad-units.json'));
    expect(r.code).toBe(1);
    expect(r.err).toBe('plansheets: bad-units.json /units/0: expected a unit with a "title"');
    fs.writeFileSync(at('dup-units.tsv'), 'a\tیک\na\tدو\n');
    const d = await cli('import', at('01.tsv'), '-o', at('never.json'), '--units', at('dup-units.tsv'), '--lang', 'fa');
    expect(d.code).toBe(1);
    expect(d.err).toMatch(/^plansheets: dup-units\.tsv \(a\): شناسه دو بار آمده است/);
    expect(fs.existsSync(at('never.json'))).toBe(false);
  });

  test('a file given that holds no table is an error naming it, even beside files that do', async () => {
    fs.writeFileSync(at('notes.txt'), `یادداشت جلسه\nمصوبه ${toPersianDigits('12')}\n`);
    const r = await cli('import', at('01.tsv'), at('notes.txt'), '-o', at('never.json'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^plansheets: no plan table found in notes\.txt/);
    expect(fs.existsSync(at('never.json'))).toBe(false);
  });
});
