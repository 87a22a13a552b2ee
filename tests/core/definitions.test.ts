// The Definitions sheet in core: its layout, what typed text reads as, the three-way merge of
// definitions with its refusals and audit trail, and confirming what an import guessed.
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import type { Plan } from '../../src/core/plan/plan.types';
import { loadPlan } from '../../src/core/plan/load';
import { stringifyPlan } from '../../src/core/plan/canonical-json';
import { FIRST_DATA_ROW, KEY_ID, cellOpen, columnLetter, layoutSheets, toMatrix, type SheetModel } from '../../src/core/grid/layout';
import { choiceLists, definitionsSheet } from '../../src/core/grid/definitions';
import { readSheet, type RawCell } from '../../src/core/grid/read';
import { mergeBooks } from '../../src/core/grid/merge-books';
import { carryOver, typedCells } from '../../src/core/grid/rebuild';
import { unreadRefusals } from '../../src/core/grid/unread-sheets';
import { isReservedSheetName } from '../../src/core/grid/reserved-names';
import { importTables, type SourceLines } from '../../src/core/importer/importer';
import { clone, indexOf, makePlan, ROOT, sampleText } from '../helpers/plan';

const sample = () => JSON.parse(sampleText()) as Plan;
const AT = '2026-01-02T03:04:05.000Z';

/** The sheet of a plan as a host hands it back, with cells typed by row key and column id. */
function typed(model: SheetModel, cells: Array<[ref: string, column: string, value: RawCell]>): RawCell[][] {
  const matrix: RawCell[][] = toMatrix(model);
  for (const [ref, column, value] of cells) {
    const r = matrix.findIndex((row, i) => i >= FIRST_DATA_ROW - 1 && row[0] === ref);
    const c = matrix[0].indexOf(column);
    if (r < 0 || c < 0) throw new Error(`no ${ref} / ${column}`);
    matrix[r][c] = value;
  }
  return matrix;
}

/** Merges a typed Definitions sheet (built from `base`) into `current`, as the CLI and the pane do. */
function merge(base: Plan, current: Plan, cells: Array<[string, string, RawCell]>, choose: 'sheet' | 'file' = 'file') {
  const model = definitionsSheet(indexOf(base));
  const reading = readSheet(model.name, typed(model, cells), 'book.xlsx')!;
  return mergeBooks(current, [{ name: 'book.xlsx', readings: [reading], templates: [], storedPlan: stringifyPlan(base) }], () => choose, 'secretariat', AT);
}

const ind = (p: Plan, id: string) => p.indicators.find((i) => i.id === id)!;
const cellName = (r: { at: { sheet: string; address: string } }) => `${r.at.sheet}!${r.at.address}`;

describe('the Definitions sheet', () => {
  const index = indexOf(sample());
  const model = definitionsSheet(index);

  test('one row per indicator and per item, keyed as the indicator sheets are, right to left in Persian', () => {
    const refs = index.indicatorList.flatMap((e) => [e.id, ...(e.hasItems ? e.lines.map((l) => l.ref) : [])]);
    expect(model.rows.map((r) => r.ref)).toEqual(refs);
    expect(model).toMatchObject({ name: 'تعاریف شاخص‌ها', rtl: true, lang: 'fa', kind: 'definitions' });
    expect(model.columns[0]).toMatchObject({ id: KEY_ID, hidden: true });
    expect(model.columns.map((c) => c.id)).toEqual([
      KEY_ID, 'code', 'def:title', 'def:workingGroup', 'def:unit', 'def:district', 'def:measure', 'def:polarity', 'def:aggregation', 'def:scoring', 'def:weight', 'def:budgetCode',
      'def:target:1402', 'def:target:1403', 'def:target:1404', 'def:target:1405', 'def:target:1406', 'def:horizon', 'def:found', 'def:confirm',
    ]);
    expect(model.columns.find((c) => c.id === 'def:target:1403')!.header).toBe('هدف ۱۴۰۳');
    expect(isReservedSheetName('Definitions') && isReservedSheetName('تعاریف شاخص‌ها')).toBe(true);
  });

  test('cells show what a person reads: unit and working group by title, polarity and aggregation as Persian words', () => {
    const row = toMatrix(model).find((r) => r[0] === '1-7-5-2')!;
    const at = (id: string) => row[model.columns.findIndex((c) => c.id === id)];
    expect([at('code'), at('def:title'), at('def:workingGroup'), at('def:unit'), at('def:polarity'), at('def:aggregation'), at('def:target:1403'), at('def:horizon')]).toEqual([
      '1-7-5-2', 'تحقق بودجه ریزی بر مبنای عملکرد (عملیاتی)', 'حکمروائی و هوشمندسازی', 'مدیریت برنامه و بودجه', 'مثبت', 'آخرین', 95, 95,
    ]);
    const en = definitionsSheet(index, 'en');
    expect(en.name).toBe('Definitions');
    expect(toMatrix(en).find((r) => r[0] === '1-7-5-2')).toContain('positive');
  });

  test('an item row has no unit, working group or budget code; an indicator row no district; a header row no targets', () => {
    const item = model.rows.find((r) => r.ref === '1-7-3-5.1')!;
    const header = model.rows.find((r) => r.ref === '1-7-3-5')!;
    const line = model.rows.find((r) => r.ref === '1-7-5-2')!;
    const open = (row: typeof item, id: string) => cellOpen(row, model.columns.find((c) => c.id === id)!);
    expect(['def:unit', 'def:workingGroup', 'def:budgetCode'].map((id) => open(item, id))).toEqual([false, false, false]);
    expect(['def:title', 'def:district', 'def:target:1403', 'def:polarity', 'def:confirm'].map((id) => open(item, id))).toEqual([true, true, true, true, true]);
    expect(['def:district', 'def:target:1403', 'def:horizon', 'def:unit'].map((id) => open(header, id))).toEqual([false, false, false, true]);
    expect(['def:district', 'def:target:1403', 'def:unit', 'def:found'].map((id) => open(line, id))).toEqual([false, true, true, false]);
  });

  test('drop-down lists keep their choices in hidden columns after the generation mark', () => {
    const lists = choiceLists(model);
    const unit = lists.find((l) => model.columns[l.column].id === 'def:unit')!;
    expect(unit.values).toEqual(index.plan.units!.map((u) => u.title));
    expect(unit.listColumn).toBeGreaterThan(model.columns.length);
    expect(lists.map((l) => model.columns[l.column].id)).toEqual(['def:workingGroup', 'def:unit', 'def:district', 'def:polarity', 'def:aggregation', 'def:scoring']);
    expect(unit.source).toMatch(/^=\$[A-Z]+\$3:\$[A-Z]+\$17$/);
  });
});

describe('merging definitions', () => {
  test('an untouched sheet changes nothing, even where the plan holds a title with a space at its end', () => {
    const p = sample();
    ind(p, '1-7-5-2').title += ' ';
    const m = merge(p, p, []);
    expect(m.applied).toEqual([]);
    expect(m.refused).toEqual([]);
  });

  test('unit by title and by id, a Persian polarity word, a title, a target typed in Persian digits, a weight: applied exactly, with audit entries', () => {
    const m = merge(sample(), sample(), [
      ['1-7-5-2', 'def:unit', 'مدیريت سرمايه انسانی'], // Arabic ي, as pasted from a PDF
      ['1-7-3-5', 'def:unit', 'ict-org'],
      ['1-7-5-2', 'def:polarity', 'منفی'],
      ['1-7-3-5.2', 'def:title', 'هزینه‌های جاری'],
      ['1-7-3-5.2', 'def:target:1404', '۹۷٫۵'],
      ['1-7-3-5.2', 'def:weight', 2],
      ['1-7-3-5.3', 'def:aggregation', 'sum'],
    ]);
    expect(m.refused).toEqual([]);
    const p = m.plan;
    expect(ind(p, '1-7-5-2')).toMatchObject({ unit: 'human-capital', polarity: 'negative' });
    expect(ind(p, '1-7-3-5').unit).toBe('ict-org');
    expect(ind(p, '1-7-3-5').items![1]).toMatchObject({ title: 'هزینه‌های جاری', weight: 2, targets: { 1404: 97.5 } });
    expect(ind(p, '1-7-3-5').items![2].aggregation).toBe('sum');
    expect(p.meta.revision).toBe(1);
    expect(p.changes!.map((c) => [c.ref, c.field, c.from, c.to])).toEqual([
      ['1-7-5-2', 'unit', 'budget-office', 'human-capital'],
      ['1-7-5-2', 'polarity', 'positive', 'negative'],
      ['1-7-3-5', 'unit', 'budget-office', 'ict-org'],
      ['1-7-3-5.2', 'title', 'هزینه جاری', 'هزینه‌های جاری'],
      ['1-7-3-5.2', 'weight', null, 2],
      ['1-7-3-5.2', 'targets.1404', 95, 97.5],
      ['1-7-3-5.3', 'aggregation', 'last', 'sum'],
    ]);
    expect(p.changes!.every((c) => c.by === 'secretariat' && c.at === AT)).toBe(true);
    // Nothing else moved.
    const rest = (x: Plan) => x.indicators.filter((i) => i.id !== '1-7-5-2' && i.id !== '1-7-3-5');
    expect(rest(p)).toEqual(rest(sample()));
    expect(loadPlan(stringifyPlan(p)).ok).toBe(true);
  });

  test('emptied cells remove the field; an emptied title is refused', () => {
    const m = merge(sample(), sample(), [
      ['1-7-5-2', 'def:target:1406', ''],
      ['1-7-5-2', 'def:horizon', '-'],
      ['1-7-5-2', 'def:aggregation', null],
      ['1-7-5-2', 'def:title', ' '],
    ]);
    expect(ind(m.plan, '1-7-5-2').targets).toEqual({ 1402: 80, 1403: 95, 1404: 95, 1405: 95 });
    expect(ind(m.plan, '1-7-5-2').horizon).toBeUndefined();
    expect(ind(m.plan, '1-7-5-2').aggregation).toBeUndefined();
    expect(ind(m.plan, '1-7-5-2').title).toBe(ind(sample(), '1-7-5-2').title);
    expect(m.refused.map((r) => [r.code, r.field, r.reason.en])).toEqual([['invalid', 'title', 'a title cannot be emptied: type the title']]);
  });

  test('each bad value is refused with its cell and a reason in both languages, and the plan is unchanged there', () => {
    const current = sample();
    current.meta.locked = ['1402-H1'];
    current.meta.revision = 0;
    const m = merge(sample(), current, [
      ['1-7-5-2', 'def:unit', 'مدیریت ناموجود'],
      ['1-7-4-5', 'def:polarity', 'بالا'],
      ['1-7-5-2', 'def:target:1403', 'صد'],
      ['1-7-5-2', 'def:target:1402', 85],
      ['1-7-3-5', 'def:target:1404', 90],
      ['1-7-3-5.1', 'def:unit', 'مدیریت سرمایه انسانی'],
      ['1-7-3-5.1', 'def:budgetCode', '12-34'],
      ['1-7-5-2', 'def:district', 'منطقه ۱'],
      ['1-7-5-2', 'def:weight', -1],
      ['1-7-5-2', 'def:confirm', 'شاید'],
    ]);
    expect(m.applied).toEqual([]);
    expect(m.plan).toEqual(current);
    const by = Object.fromEntries(m.refused.map((r) => [`${r.ref} ${r.field}`, r]));
    expect(Object.keys(by).sort()).toEqual(
      ['1-7-3-5 targets.1404', '1-7-3-5.1 budgetCode', '1-7-3-5.1 unit', '1-7-4-5 polarity', '1-7-5-2 district', '1-7-5-2 importNotes', '1-7-5-2 targets.1402', '1-7-5-2 targets.1403', '1-7-5-2 unit', '1-7-5-2 weight'].sort(),
    );
    expect(by['1-7-5-2 unit']).toMatchObject({ code: 'unreadable', value: 'مدیریت ناموجود' });
    expect(by['1-7-5-2 unit'].reason.en).toMatch(/^unknown unit 'مدیریت ناموجود': one of مدیریت برنامه و بودجه \(budget-office\), /);
    expect(by['1-7-5-2 unit'].reason.fa).toMatch(/^واحد ناشناخته «مدیریت ناموجود»: یکی از /);
    expect(by['1-7-4-5 polarity'].reason.en).toBe("unknown polarity 'بالا': one of positive, negative");
    expect(by['1-7-4-5 polarity'].reason.fa).toBe('ماهیت ناشناخته «بالا»: یکی از مثبت (positive)، منفی (negative)');
    expect(by['1-7-5-2 targets.1403']).toMatchObject({ code: 'unreadable', value: 'صد' });
    expect(by['1-7-5-2 targets.1402']).toMatchObject({ code: 'locked', reason: { en: '1402 is closed (meta.locked): its targets cannot change' } });
    expect(by['1-7-3-5 targets.1404'].code).toBe('measured-by-items');
    expect(by['1-7-3-5.1 unit'].reason.en).toBe('an item has no unit of its own: type it in the row of 1-7-3-5');
    expect(by['1-7-3-5.1 budgetCode'].code).toBe('invalid');
    expect(by['1-7-5-2 district'].reason.en).toBe('an indicator has no district: only its items do');
    expect(by['1-7-5-2 weight'].reason.en).toBe('a weight is 0 or more, not -1');
    // Every refusal names its sheet and cell.
    const model = definitionsSheet(indexOf(sample()));
    const row = (ref: string) => FIRST_DATA_ROW + model.rows.findIndex((r) => r.ref === ref);
    expect(cellName(by['1-7-5-2 unit'])).toBe(`تعاریف شاخص‌ها!E${row('1-7-5-2')}`);
    expect(cellName(by['1-7-5-2 targets.1402'])).toBe(`تعاریف شاخص‌ها!M${row('1-7-5-2')}`);
  });

  test('two units of one title: untouched rows stay, a typed title names both and asks for the id', () => {
    const p = sample();
    p.units!.push({ id: 'budget-2', title: 'مدیریت برنامه و بودجه' });
    const untouched = merge(p, p, []);
    expect(untouched.refused).toEqual([]);
    const m = merge(p, p, [['1-8-7-1', 'def:unit', 'مدیریت برنامه و بودجه'], ['1-7-5-2', 'def:unit', 'budget-2']]);
    expect(m.refused.map((r) => [r.ref, r.reason.en])).toEqual([['1-8-7-1', "'مدیریت برنامه و بودجه' names more than one unit (budget-office, budget-2): type the id"]]);
    expect(ind(m.plan, '1-7-5-2').unit).toBe('budget-2');
  });

  test('three ways: a title changed in the file meanwhile is a conflict; the file kept, or the sheet when chosen', () => {
    const current = sample();
    ind(current, '1-7-5-2').title = 'عنوان اصلاح‌شده در فایل';
    current.meta.revision = 1;
    const cells: Array<[string, string, RawCell]> = [['1-7-5-2', 'def:title', 'عنوان اصلاح‌شده در برگه'], ['1-7-4-5', 'def:measure', 'عدد']];
    const kept = merge(sample(), current, cells, 'file');
    expect(kept.conflicts).toEqual([expect.objectContaining({ ref: '1-7-5-2', field: 'title', base: ind(sample(), '1-7-5-2').title, sheet: 'عنوان اصلاح‌شده در برگه', file: 'عنوان اصلاح‌شده در فایل' })]);
    expect(ind(kept.plan, '1-7-5-2').title).toBe('عنوان اصلاح‌شده در فایل');
    expect(ind(kept.plan, '1-7-4-5').measure).toBe('عدد');
    const chosen = merge(sample(), current, cells, 'sheet');
    expect(ind(chosen.plan, '1-7-5-2').title).toBe('عنوان اصلاح‌شده در برگه');
    expect(chosen.plan.changes!.find((c) => c.field === 'title')).toMatchObject({ from: 'عنوان اصلاح‌شده در فایل', to: 'عنوان اصلاح‌شده در برگه' });
  });

  test('a unit the file removed meanwhile is refused for that cell, not the whole merge', () => {
    const current = sample();
    current.units = current.units!.filter((u) => u.id !== 'ict-org' || current.indicators.some((i) => i.unit === 'ict-org'));
    const base = sample();
    base.units!.push({ id: 'new-unit', title: 'واحد تازه' });
    const m = merge(base, current, [['1-7-5-2', 'def:unit', 'واحد تازه'], ['1-7-5-2', 'def:measure', 'نفر']]);
    expect(m.refused.map((r) => [r.code, r.reason.en])).toEqual([['invalid', 'the plan file has no unit "new-unit" any more: choose another']]);
    expect(ind(m.plan, '1-7-5-2')).toMatchObject({ unit: 'budget-office', measure: 'نفر' });
  });

  test('a rebuild keeps a typed definition as typed, and a cell still showing the plan is not "typed"', () => {
    const index = indexOf(sample());
    const model = definitionsSheet(index);
    const reading = readSheet(model.name, typed(model, [['1-7-5-2', 'def:unit', 'مدیریت سرمایه انسانی'], ['1-7-4-5', 'def:polarity', 'بالا']]))!;
    const kept = typedCells(index, [reading]);
    expect(kept.map((c) => [c.ref, c.field])).toEqual([['1-7-4-5', 'polarity'], ['1-7-5-2', 'unit']].sort((a, b) => model.rows.findIndex((r) => r.ref === a[0]) - model.rows.findIndex((r) => r.ref === b[0])));
    const again = definitionsSheet(index);
    expect(carryOver([again], kept)).toEqual([]);
    const back = toMatrix(again);
    expect(back.find((r) => r[0] === '1-7-5-2')).toContain('مدیریت سرمایه انسانی');
    expect(back.find((r) => r[0] === '1-7-4-5')).toContain('بالا');
  });

  test('a Definitions sheet that lost its id row reports what was typed there rather than dropping it', () => {
    const index = indexOf(sample());
    const model = definitionsSheet(index);
    const matrix = typed(model, [['1-7-5-2', 'def:unit', 'مدیریت سرمایه انسانی']]).slice(1);
    const refused = unreadRefusals(index, [{ name: model.name, matrix }], []);
    expect(refused.map((r) => [r.ref, r.field, r.code])).toEqual([['1-7-5-2', 'unit', 'not-read-back']]);
  });

  test('a tampered column id or row key in the Definitions sheet applies nothing there', () => {
    const model = definitionsSheet(indexOf(sample()));
    const matrix = typed(model, [['1-7-5-2', 'def:measure', 'نفر'], ['1-7-4-5', 'def:measure', 'عدد']]);
    matrix[0][matrix[0].indexOf('def:title')] = 'def:unit';
    const r = matrix.findIndex((row) => row[0] === '1-7-4-5');
    matrix[r][0] = '1-7-5-2';
    const m = mergeBooks(sample(), [{ name: 'b', readings: [readSheet(model.name, matrix)!], templates: [], storedPlan: stringifyPlan(sample()) }], () => 'file', 'x', AT);
    expect(m.applied.map((a) => [a.ref, a.field])).toEqual([['1-7-5-2', 'measure']]);
    expect(m.refused.every((x) => x.code === 'tampered')).toBe(true);
    expect(m.refused.length).toBeGreaterThan(0);
  });
});

test('an indicator sheet with one id altered to a Definitions id stays an indicator sheet: only that column is refused', () => {
  const [model] = layoutSheets(indexOf(sample()));
  const matrix: RawCell[][] = toMatrix(model);
  const c = matrix[0].indexOf('comment');
  matrix[0][c] = 'def:unit';
  const r = matrix.findIndex((row) => row[0] === '1-7-5-2');
  matrix[r][matrix[0].indexOf('actual:1404')] = 82;
  matrix[r][c] = 'مدیریت سرمایه انسانی';
  const m = mergeBooks(sample(), [{ name: 'b', readings: [readSheet(model.name, matrix)!], templates: [], storedPlan: stringifyPlan(sample()) }], () => 'file', 'x', AT);
  expect(m.applied.map((a) => [a.ref, a.field, a.value])).toEqual([['1-7-5-2', 'actuals.1404', 82]]);
  // The altered column's cells differ from the base's units: each is reported, none applied.
  expect(m.refused.map((x) => [x.ref, x.field, x.code])).toContainEqual(['1-7-5-2', 'unit', 'tampered']);
  expect(m.refused.every((x) => x.field === 'unit' && x.code === 'tampered' && x.at.address.startsWith(columnLetter(c)))).toBe(true);
});

describe('confirming what an import guessed', () => {
  const DATA = path.join(ROOT, 'tests', 'fixtures', 'qazvin');
  const sources = (): SourceLines[] => {
    const files = JSON.parse(fs.readFileSync(path.join(DATA, 'raw', 'index.json'), 'utf8')) as Record<string, { file: string }>;
    return Object.values(files).map((v) => ({ source: path.basename(v.file), rows: fs.readFileSync(path.join(DATA, v.file), 'utf8').split('\n').map((l) => l.split('\t')) }));
  };
  const imported = importTables(sources(), { id: 'qazvin-import' }).plan;
  const index = indexOf(imported);
  const model = definitionsSheet(index);
  const notes = imported.meta.importNotes ?? [];
  const lineRefs = new Set(model.rows.map((r) => r.ref));
  const noted = [...new Set(notes.map((n) => n.ref).filter((r): r is string => !!r && lineRefs.has(r)))];

  test('each line shows its import notes beside the cells to fix', () => {
    expect(noted.length).toBeGreaterThan(3);
    const ref = noted[0];
    const row = toMatrix(model).find((r) => r[0] === ref)!;
    const shown = String(row[model.columns.findIndex((c) => c.id === 'def:found')]);
    for (const n of notes.filter((x) => x.ref === ref)) expect(shown).toContain(`${n.found}; read as ${n.reading}`);
  });

  test('✓ removes that line\'s notes only, with an audit entry from the notes to null; the imported plan corrected in the sheet', () => {
    const [a, b] = noted;
    const unit = imported.units![1];
    const target = imported.indicators.find((i) => !i.items?.length)!;
    const m = merge(imported, imported, [[a, 'def:confirm', '✓'], [b, 'def:confirm', 'بله'], [target.id ?? target.code, 'def:unit', unit.title]]);
    expect(m.refused).toEqual([]);
    const left = m.plan.meta.importNotes ?? [];
    expect(left.filter((n) => n.ref === a || n.ref === b)).toEqual([]);
    expect(left).toEqual(notes.filter((n) => n.ref !== a && n.ref !== b));
    const entry = m.plan.changes!.find((c) => c.ref === a)!;
    expect(entry).toMatchObject({ field: 'importNotes', to: null });
    expect(String(entry.from)).toContain(notes.find((n) => n.ref === a)!.found);
    expect(m.plan.indicators.find((i) => i === target || i.id === target.id)!.unit).toBe(unit.id);
    expect(loadPlan(stringifyPlan(m.plan)).ok).toBe(true);
  });
});

describe('round trip', () => {
  const base = makePlan([
    { id: '3-6-3-1', code: '3-6-3-1', title: 'one', workingGroup: 'wg1', unit: 'u1', measure: 'درصد', polarity: 'positive', targets: { 1402: 10, 1403: 20, 1404: 30 }, horizon: 30 },
    {
      id: '3-6-3-2', code: '3-6-3-2', title: 'two', workingGroup: 'wg2', unit: 'u2', aggregation: 'sum',
      items: [{ id: '1', title: 'a', targets: { 1402: 1 } }, { id: '2', title: 'b', district: 'd1' }],
    },
  ]);
  const index = indexOf(base);
  const model = definitionsSheet(index, 'en');
  const rows = model.rows.map((r) => ({ ref: r.ref, item: r.ref.includes('.'), header: r.kind === 'header' }));

  const title = fc.stringMatching(/^[a-zآ-ی][a-z0-9آ-ی ]{0,10}[a-z0-9آ-ی]$/);
  const num = fc.integer({ min: 0, max: 100000 }).map((n) => n / 100);
  /** A valid edit for a row: [column id, what is typed, what the plan then holds]. */
  const editFor = (row: (typeof rows)[number]): fc.Arbitrary<[string, RawCell, unknown]> => {
    const choices: Array<fc.Arbitrary<[string, RawCell, unknown]>> = [
      title.map((t) => ['def:title', t, t]),
      fc.constantFrom(['def:polarity', 'منفی', 'negative'], ['def:polarity', 'positive', 'positive'], ['def:polarity', 'Negative', 'negative']) as fc.Arbitrary<[string, RawCell, unknown]>,
      fc.constantFrom(['def:aggregation', 'میانگین', 'average'], ['def:aggregation', 'max', 'max']) as fc.Arbitrary<[string, RawCell, unknown]>,
      fc.constantFrom(['def:scoring', 'progress', 'progress'], ['def:scoring', 'نسبت به هدف', 'ratio']) as fc.Arbitrary<[string, RawCell, unknown]>,
      num.map((n) => ['def:weight', n, n]),
      title.map((t) => ['def:measure', t, t]),
    ];
    if (!row.header) {
      choices.push(fc.constantFrom(1402, 1403, 1404).chain((y) => num.map((n): [string, RawCell, unknown] => [`def:target:${y}`, n, n])));
      choices.push(num.map((n) => ['def:horizon', String(n).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]).replace('.', '٫'), n]));
    }
    if (row.item) choices.push(fc.constantFrom(['def:district', 'منطقه ۲', 'd2'], ['def:district', 'd1', 'd1']) as fc.Arbitrary<[string, RawCell, unknown]>);
    else {
      choices.push(fc.constantFrom(['def:unit', 'unit two', 'u2'], ['def:unit', 'U1', 'u1'], ['def:workingGroup', 'two', 'wg2']) as fc.Arbitrary<[string, RawCell, unknown]>);
      choices.push(title.map((t) => ['def:budgetCode', t, t]));
    }
    return fc.oneof(...choices);
  };

  test('any set of valid definition edits typed into the sheet reads back exactly as typed', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: rows.length - 1 }).chain((r) => editFor(rows[r]).map((e) => ({ row: rows[r], e }))), { selector: (x) => `${x.row.ref}|${x.e[0]}`, maxLength: 10 }),
        (edits) => {
          const m = merge(base, base, edits.map(({ row, e }) => [row.ref, e[0], e[1]]), 'file');
          expect(m.refused).toEqual([]);
          const after = indexOf(m.plan);
          const plain = definitionsSheet(after, 'en');
          for (const { row, e } of edits) {
            const field = e[0].replace(/^def:/, '').replace(/^target:/, 'targets.');
            const line = row.item ? after.items.get(row.ref)! : after.indicators.get(row.ref)!.self;
            const owner = (line.item ?? line.entry.indicator) as unknown as Record<string, unknown>;
            const held = field.startsWith('targets.') ? (owner.targets as Record<string, unknown>)[field.slice(8)] : owner[field];
            expect(held).toEqual(e[2]);
          }
          // And the sheet built again from the merged plan reads back as unchanged.
          const again = mergeBooks(m.plan, [{ name: 'b', readings: [readSheet(plain.name, toMatrix(plain))!], templates: [], storedPlan: stringifyPlan(m.plan) }], () => 'file', 'x', AT);
          expect(again.applied).toEqual([]);
          expect(again.refused).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('building the indicator sheets leaves the Definitions sheet name free', () => {
    const p = clone(base);
    p.workingGroups![0].title = 'Definitions';
    expect(layoutSheets(indexOf(p), { lang: 'en' })[0].name).toBe('Definitions (2)');
  });
});
