// `plansheets build --definitions` and `merge` of the Definitions sheet, on real files: the
// sample plan and a plan imported from Qazvin's tables, typed into with exceljs as a person would.
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { Plan } from '../../src/core/plan/plan.types';
import { loadPlan } from '../../src/core/plan/load';
import { stringifyPlan } from '../../src/core/plan/canonical-json';
import { FIRST_DATA_ROW, ID_ROW } from '../../src/core/grid/layout';
import { importTables, type SourceLines } from '../../src/core/importer/importer';
import { cli, tempFolder } from '../hostile/cli';
import { soffice, throughLibreOffice } from '../helpers/libreoffice';
import { ROOT, SAMPLE_PATH, sampleText } from '../helpers/plan';

jest.setTimeout(180_000);
const { at, tmp } = tempFolder('definitions');
const SHEET = 'تعاریف شاخص‌ها';
const sample = () => JSON.parse(sampleText()) as Plan;
const ind = (p: Plan, id: string) => p.indicators.find((i) => (i.id ?? i.code) === id)!;
const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Plan;

/** Opens a book, types into its Definitions sheet by row key and column id, saves it as `out`. */
async function type(book: string, out: string, cells: Array<[ref: string, column: string, value: ExcelJS.CellValue]>) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book);
  const ws = wb.worksheets.find((w) => w.name === SHEET || w.name === 'Definitions')!;
  const ids = (ws.getRow(ID_ROW).values as unknown[]).slice(1);
  for (const [ref, column, value] of cells) {
    let row = 0;
    ws.eachRow((r, n) => {
      if (n >= FIRST_DATA_ROW && r.getCell(1).value === ref) row = n;
    });
    const col = ids.indexOf(column) + 1;
    if (!row || !col) throw new Error(`no ${ref} / ${column}`);
    ws.getRow(row).getCell(col).value = value;
  }
  await wb.xlsx.writeFile(out);
}

/** The address a cell of the Definitions sheet has, as merge reports it. */
async function address(book: string, ref: string, column: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book);
  const ws = wb.getWorksheet(SHEET)!;
  const ids = (ws.getRow(ID_ROW).values as unknown[]).slice(1);
  let found = '';
  ws.eachRow((r, n) => {
    if (n >= FIRST_DATA_ROW && r.getCell(1).value === ref) found = r.getCell(ids.indexOf(column) + 1).address;
  });
  return found;
}

describe('plansheets build --definitions', () => {
  test('adds the Definitions sheet first: protected, right to left, definitions open where a line has them, drop-down lists', async () => {
    const r = await cli('build', SAMPLE_PATH, '-o', at('d.xlsx'), '--definitions');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/d\.xlsx: 5 sheets \(تعاریف شاخص‌ها, /);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at('d.xlsx'));
    const ws = wb.worksheets[0];
    expect(ws.name).toBe(SHEET);
    expect(ws.views[0]).toMatchObject({ rightToLeft: true, state: 'frozen' });
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    const ids = (ws.getRow(ID_ROW).values as unknown[]).slice(1);
    const cell = (ref: string, id: string) => {
      let c: ExcelJS.Cell | undefined;
      ws.eachRow((row, n) => {
        if (n >= FIRST_DATA_ROW && row.getCell(1).value === ref) c = row.getCell(ids.indexOf(id) + 1);
      });
      return c!;
    };
    expect(cell('1-7-5-2', 'def:unit').value).toBe('مدیریت برنامه و بودجه');
    expect(cell('1-7-5-2', 'def:unit').protection).toMatchObject({ locked: false });
    expect(cell('1-7-3-5.1', 'def:unit').protection?.locked).not.toBe(false);
    expect(cell('1-7-3-5', 'def:target:1403').protection?.locked).not.toBe(false);
    expect(cell('1-7-3-5.1', 'def:target:1403').protection).toMatchObject({ locked: false });
    expect(cell('1-7-5-2', 'code').protection?.locked).not.toBe(false);
    // A unit's cell offers the plan's units from a hidden column.
    const rule = cell('1-7-5-2', 'def:unit').dataValidation;
    expect(rule).toMatchObject({ type: 'list', errorStyle: 'warning' });
    const [from] = String(rule.formulae[0]).replace(/\$/g, '').split(':');
    expect(ws.getCell(from).value).toBe(sample().units![0].title);
    expect(ws.getColumn(ws.getCell(from).col).hidden).toBe(true);
    // Without the option, no Definitions sheet.
    expect((await cli('build', SAMPLE_PATH, '-o', at('plain.xlsx'))).out).not.toContain(SHEET);
  });
});

describe('merging the Definitions sheet', () => {
  beforeAll(async () => {
    expect((await cli('build', SAMPLE_PATH, '-o', at('base.xlsx'), '--definitions')).code).toBe(0);
  });

  test('corrections typed in Excel land exactly there, with the revision raised and audit entries', async () => {
    await type(at('base.xlsx'), at('fixed.xlsx'), [
      ['1-7-5-2', 'def:unit', 'مدیریت سرمایه انسانی'],
      ['1-7-4-5', 'def:unit', 'ict-org'],
      ['1-7-5-2', 'def:polarity', 'منفی'],
      ['1-7-3-5.2', 'def:target:1404', '۹۷٫۵'],
      ['1-7-3-5.2', 'def:title', 'هزینه‌های جاری'],
      ['1-7-5-2', 'def:budgetCode', '12-34'],
    ]);
    const r = await cli('merge', SAMPLE_PATH, at('fixed.xlsx'), '-o', at('fixed.json'), '--by', 'Secretariat');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/6 changes applied; .*fixed\.json written \(revision 1\)/);
    expect(r.out).toContain(`applied   fixed.xlsx  '${SHEET}'!${await address(at('base.xlsx'), '1-7-5-2', 'def:unit')}  1-7-5-2  unit: "budget-office" → "human-capital"`);
    const merged = read(at('fixed.json'));
    expect(ind(merged, '1-7-5-2')).toMatchObject({ unit: 'human-capital', polarity: 'negative', budgetCode: '12-34' });
    expect(ind(merged, '1-7-4-5').unit).toBe('ict-org');
    expect(ind(merged, '1-7-3-5').items![1]).toMatchObject({ title: 'هزینه‌های جاری', targets: { 1404: 97.5 } });
    expect(merged.changes!.map((c) => [c.ref, c.field, c.to])).toEqual(
      expect.arrayContaining([['1-7-5-2', 'unit', 'human-capital'], ['1-7-3-5.2', 'targets.1404', 97.5], ['1-7-5-2', 'budgetCode', '12-34']]),
    );
    expect(merged.changes!.every((c) => c.by === 'Secretariat')).toBe(true);
    const strip = (x: Plan) => ({ ...x, meta: { ...x.meta, revision: 0 }, changes: undefined, indicators: x.indicators.filter((i) => !['1-7-5-2', '1-7-4-5', '1-7-3-5'].includes(i.id!)) });
    expect(strip(merged)).toEqual(strip(sample()));
    expect(loadPlan(fs.readFileSync(at('fixed.json'), 'utf8')).ok).toBe(true);
  });

  test('bad values are refused with file, sheet and cell and leave the plan unchanged there; exit 3', async () => {
    const current = sample();
    current.meta.locked = ['1403'];
    fs.writeFileSync(at('locked.json'), stringifyPlan(current));
    await type(at('base.xlsx'), at('bad.xlsx'), [
      ['1-7-5-2', 'def:unit', 'واحد ناموجود'],
      ['1-7-4-5', 'def:polarity', 'زیاد'],
      ['1-7-5-2', 'def:target:1404', 'مطالعات امکان سنجی'],
      ['1-7-5-2', 'def:target:1403', 99],
      ['1-7-3-5', 'def:horizon', 90],
      ['1-7-3-5.1', 'def:workingGroup', 'مالی و اقتصادی'],
    ]);
    const r = await cli('merge', at('locked.json'), at('bad.xlsx'), '-o', at('bad.json'));
    expect(r.code).toBe(3);
    const lines = r.out.split('\n').filter((l) => l.startsWith('refused'));
    expect(lines).toHaveLength(6);
    const line = async (ref: string, column: string) => {
      const cell = await address(at('base.xlsx'), ref, column);
      return lines.find((l) => l.includes(`'${SHEET}'!${cell}  ${ref}  `));
    };
    expect(await line('1-7-5-2', 'def:unit')).toMatch(/unit: "واحد ناموجود": unknown unit 'واحد ناموجود': one of مدیریت برنامه و بودجه \(budget-office\)/);
    expect(await line('1-7-4-5', 'def:polarity')).toMatch(/unknown polarity 'زیاد': one of positive, negative$/);
    expect(await line('1-7-5-2', 'def:target:1404')).toMatch(/targets\.1404: "مطالعات امکان سنجی": expected a number/);
    expect(await line('1-7-5-2', 'def:target:1403')).toMatch(/1403 is closed \(meta\.locked\): its targets cannot change$/);
    expect(await line('1-7-3-5', 'def:horizon')).toMatch(/is measured by its items/);
    expect(await line('1-7-3-5.1', 'def:workingGroup')).toMatch(/an item has no working group of its own: type it in the row of 1-7-3-5$/);
    expect(read(at('bad.json'))).toEqual(current);
  });

  test('three ways: a title the file changed meanwhile (and saved) is a conflict, the file kept; other edits apply', async () => {
    const current = sample();
    ind(current, '1-7-5-2').title = 'عنوان تازه در فایل';
    current.meta.revision = 1;
    fs.writeFileSync(at('newer.json'), stringifyPlan(current));
    await type(at('base.xlsx'), at('both.xlsx'), [['1-7-5-2', 'def:title', 'عنوان تازه در برگه'], ['1-7-5-2', 'def:measure', 'نفر']]);
    const r = await cli('merge', at('newer.json'), at('both.xlsx'), '-o', at('both.json'));
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/conflict .* 1-7-5-2 {2}title: was ".*", the sheet has "عنوان تازه در برگه", the file has "عنوان تازه در فایل" \(the file's value kept\)/);
    const merged = read(at('both.json'));
    expect(ind(merged, '1-7-5-2')).toMatchObject({ title: 'عنوان تازه در فایل', measure: 'نفر' });
    expect(merged.meta.revision).toBe(2);
  });
});

describe('an imported plan corrected in Excel, without opening its JSON', () => {
  const DATA = path.join(ROOT, 'tests', 'fixtures', 'qazvin');
  const sources = (): SourceLines[] => {
    const files = JSON.parse(fs.readFileSync(path.join(DATA, 'raw', 'index.json'), 'utf8')) as Record<string, { file: string }>;
    return Object.values(files).map((v) => ({ source: path.basename(v.file), rows: fs.readFileSync(path.join(DATA, v.file), 'utf8').split('\n').map((l) => l.split('\t')) }));
  };

  test("the import's guesses are confirmed line by line and its unit corrected; the plan loads", async () => {
    const imported = importTables(sources(), { id: 'qazvin-import' }).plan;
    fs.writeFileSync(at('imported.json'), stringifyPlan(imported));
    expect((await cli('build', at('imported.json'), '-o', at('imported.xlsx'), '--definitions')).code).toBe(0);
    const notes = imported.meta.importNotes ?? [];
    const refs = new Set(imported.indicators.flatMap((i) => [i.id ?? i.code, ...(i.items ?? []).map((it) => `${i.id ?? i.code}.${it.id}`)]));
    const noted = [...new Set(notes.map((n) => n.ref).filter((r): r is string => !!r && refs.has(r)))];
    expect(noted.length).toBeGreaterThan(1);
    const plain = imported.indicators.find((i) => !i.items?.length && i.unit !== imported.units![0].id)!;
    await type(at('imported.xlsx'), at('confirmed.xlsx'), [
      [noted[0], 'def:confirm', '✓'],
      [noted[1], 'def:confirm', 'x'],
      [plain.id ?? plain.code, 'def:unit', imported.units![0].title],
    ]);
    const r = await cli('merge', at('imported.json'), at('confirmed.xlsx'), '-o', at('confirmed.json'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const merged = read(at('confirmed.json'));
    expect(merged.meta.importNotes ?? []).toEqual(notes.filter((n) => n.ref !== noted[0] && n.ref !== noted[1]));
    expect(ind(merged, plain.id ?? plain.code).unit).toBe(imported.units![0].id);
    expect(merged.changes!.filter((c) => c.field === 'importNotes').map((c) => [c.ref, c.to])).toEqual([[noted[0], null], [noted[1], null]].sort((a, b) => [...refs].indexOf(a[0] as string) - [...refs].indexOf(b[0] as string)));
    expect(loadPlan(fs.readFileSync(at('confirmed.json'), 'utf8')).ok).toBe(true);
  });
});

const LO = soffice();
if (!LO && process.env.CI) throw new Error('LibreOffice is needed for these tests: apt-get install -y libreoffice-calc-nogui');
(LO ? describe : describe.skip)('in LibreOffice', () => {
  test('the book with its Definitions sheet opens, and saved again it merges as untouched', async () => {
    expect((await cli('build', SAMPLE_PATH, '-o', at('lo.xlsx'), '--definitions')).code).toBe(0);
    const saved = throughLibreOffice(LO!, at('lo.xlsx'), tmp);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const ws = wb.getWorksheet(SHEET)!;
    expect(ws).toBeDefined();
    expect((ws.getRow(ID_ROW).values as unknown[]).slice(1, 4)).toEqual(['plansheets:key', 'code', 'def:title']);
    const r = await cli('merge', SAMPLE_PATH, saved, '-o', at('lo.json'));
    expect(r.out).toMatch(/^0 changes applied/m);
    // Nothing reads as typed: not the Definitions sheet (LibreOffice kept its texts, numbers and
    // ids), nor the Facts sheet's ratios LibreOffice rounds at their 15th digit its own way.
    expect(r.out).not.toMatch(/^refused/m);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain(SHEET);
  });
});
