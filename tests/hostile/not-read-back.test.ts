/* global Excel */
// Nothing typed where it is not read back goes unnoticed: the Facts sheet is protected by both
// writers, the header rows' actual cells are locked, and whatever a Facts sheet holds that its
// plan would not have written there is reported with its cell.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { run } from '../../src/cli/main';
import type { Output } from '../../src/cli/output';
import { loadPlan } from '../../src/core/plan/load';
import { FACT_COLUMNS, factHeaders, factRows, type FactColumn } from '../../src/core/facts/facts';
import { factsTyped, isFactsSheet } from '../../src/core/facts/facts-check';
import { FIRST_DATA_ROW, ID_ROW, KEY_ID } from '../../src/core/grid/layout';
import type { RawCell } from '../../src/core/grid/read';
import { toPersianDigits } from '../../src/core/numbers/digits';
import { raw, readBook } from '../../src/xlsx/read-book';
import { officeGateway } from '../../src/excel/office-gateway';
import { buildSheets, writeFactsTable } from '../../src/runtime/sheets-session';
import { OfficeExtensionError } from '../excel-double';
import { cellOf, excelDouble, hostPresets, opened, restoreOffice, RTL_TEMPLATE } from '../excel/helpers';
import { SAMPLE_PATH, sampleText } from '../helpers/plan';

const index = loadPlan(sampleText()).index!;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-not-read-back-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
afterEach(restoreOffice);

const col = (c: FactColumn) => FACT_COLUMNS.indexOf(c);
const letter = (c: number) => String.fromCharCode(65 + c);
/** Indicators measured by their items: their own rows are headers on the indicator sheets. */
const headerRefs = new Set(index.indicatorList.filter((e) => e.hasItems).map((e) => e.id));

async function build(file: string, ...args: string[]): Promise<void> {
  const lines: string[] = [];
  const io: Output = { out: (l) => lines.push(l), err: (l) => lines.push(l) };
  expect(await run(['build', SAMPLE_PATH, '-o', file, ...args], io)).toBe(0);
}

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** A sheet's cells as read-book reads them. */
function matrixOf(ws: ExcelJS.Worksheet): RawCell[][] {
  const m: RawCell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: RawCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => void (cells[c - 1] = raw(cell.value)));
    m[r - 1] = cells;
  });
  return m;
}

/** The Facts table as its writer lays it out: headers, then the rows (empty cells null). */
const factsMatrix = (lang: 'en' | 'fa'): RawCell[][] => [factHeaders(lang), ...factRows(index, lang).map((r) => [...r])];
const rowOf = (m: RawCell[][], id: string, item: string | null, year: number) =>
  m.findIndex((r, i) => i > 0 && r[col('id')] === id && r[col('item')] === item && r[col('year')] === year);

describe('plansheets build: what is not for typing is locked', () => {
  test.each(['fa', 'en'] as const)('%s: the Facts sheet is protected with its filter open; header rows lock their actuals, not their comment', async (lang) => {
    const file = path.join(tmp, `built-${lang}.xlsx`);
    await build(file, '--sheet-lang', lang);
    const wb = await load(file);
    const facts = wb.getWorksheet(lang === 'fa' ? 'داده‌ها' : 'Facts')!;
    const protection = (facts as unknown as { sheetProtection?: Record<string, unknown> }).sheetProtection;
    expect(protection).toMatchObject({ sheet: true, autoFilter: true, sort: true });
    // Written as the file format says: selecting is forbidden only by a selectLockedCells="1".
    expect(protection?.selectLockedCells).not.toBe(false);
    expect(facts.autoFilter).toBeDefined();
    expect(facts.getCell('K2').protection?.locked).not.toBe(false);

    let headers = 0;
    let items = 0;
    for (const ws of wb.worksheets) {
      const ids = (ws.getRow(ID_ROW).values as unknown[]).slice(1);
      if (ids[0] !== KEY_ID) continue;
      const actuals = ids.flatMap((id, c) => (String(id).startsWith('actual:') ? [c + 1] : []));
      const comment = ids.indexOf('comment') + 1;
      expect(actuals).toHaveLength(index.years.length);
      ws.eachRow((row, r) => {
        if (r < FIRST_DATA_ROW) return;
        const ref = String(row.getCell(1).value);
        const locked = actuals.map((c) => row.getCell(c).protection?.locked !== false);
        if (headerRefs.has(ref)) {
          headers++;
          expect({ ref, locked }).toEqual({ ref, locked: actuals.map(() => true) });
        } else {
          if (ref.includes('.')) items++;
          expect({ ref, locked }).toEqual({ ref, locked: actuals.map(() => false) });
        }
        expect(row.getCell(comment).protection).toMatchObject({ locked: false });
      });
    }
    expect(headers).toBe(headerRefs.size);
    expect(items).toBeGreaterThan(headers);
  });
});

describe('the pane on the Excel double', () => {
  test.each(['m365', 'web'] as const)('%s: the Facts table refuses a write once written, its PivotTables exist, and it reads as untouched', async (preset) => {
    const d = excelDouble(hostPresets[preset]);
    const plan = opened(sampleText());
    await writeFactsTable(officeGateway, plan, 'en');
    // Written twice: the protected Facts of the first write is replaced whole.
    await writeFactsTable(officeGateway, plan, 'en');
    expect(d.sheet('Facts')).toEqual(expect.objectContaining({ protected: true, protectionOptions: expect.objectContaining({ allowAutoFilter: true }) }));
    expect(d.sheet('Facts').tables.map((t) => t.name)).toEqual(['PlanSheetsFacts']);
    expect(d.sheet('Pivots').pivots.map((p) => p.name)).toEqual(['PlanSheetsAchievement', 'PlanSheetsBudget']);
    const write = Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Facts').getRange('K2').values = [[90]];
      await context.sync();
    });
    await expect(write).rejects.toEqual(expect.objectContaining({ code: 'AccessDenied' }));
    await expect(write).rejects.toBeInstanceOf(OfficeExtensionError);
    expect(() => d.type('Facts', 'K2', '90')).toThrow(expect.objectContaining({ code: 'AccessDenied' }));
    expect(factsTyped(index, 'Facts', d.valuesOf('Facts'))).toEqual([]);
  });

  test('fa: an untouched Facts table reports nothing', async () => {
    const d = excelDouble(hostPresets.m365);
    await writeFactsTable(officeGateway, opened(sampleText()), 'fa');
    expect(d.sheet('داده‌ها').protected).toBe(true);
    expect(isFactsSheet(d.valuesOf('داده‌ها')[0])).toBe(true);
    expect(factsTyped(index, 'داده‌ها', d.valuesOf('داده‌ها'))).toEqual([]);
  });

  test('indicator sheets: a header row refuses an actual and takes its comment; its items take actuals', async () => {
    const d = excelDouble(hostPresets.m365);
    const built = await buildSheets(officeGateway, opened(sampleText()), { rtlTemplate: RTL_TEMPLATE });
    const sheet = built.sheets.find((s) => d.valuesOf(s).some((r) => r[0] === '1-7-3-5'))!;
    for (const year of index.years) {
      expect(() => d.type(sheet, cellOf(d, sheet, '1-7-3-5', `actual:${year}`), '5')).toThrow(expect.objectContaining({ code: 'AccessDenied' }));
      d.type(sheet, cellOf(d, sheet, '1-7-3-5.1', `actual:${year}`), '5');
    }
    d.type(sheet, cellOf(d, sheet, '1-7-3-5', 'comment'), 'the indicator\'s own note');
    expect(d.value(sheet, cellOf(d, sheet, '1-7-3-5', 'comment'))).toBe('the indicator\'s own note');
  });
});

describe('factsTyped', () => {
  test.each(['en', 'fa'] as const)('%s: an untouched Facts sheet reports nothing, in any order; other sheets are not Facts', (lang) => {
    const m = factsMatrix(lang);
    expect(isFactsSheet(m[0])).toBe(true);
    expect(factsTyped(index, 'Facts', m)).toEqual([]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: m.length - 1 }), { minLength: 1, maxLength: 40 }), (swaps) => {
        const sorted = m.map((r) => [...r]);
        // Shuffled by swaps with the row after each pick: the order people sort into.
        for (const s of swaps) [sorted[s], sorted[(s % (m.length - 1)) + 1]] = [sorted[(s % (m.length - 1)) + 1], sorted[s]];
        return factsTyped(index, 'Facts', sorted).length === 0;
      }),
      { numRuns: 25 },
    );
    expect(isFactsSheet([KEY_ID, 'code'])).toBe(false);
    expect(factsTyped(index, 'Sheet1', [['Id', 'Item', 'Year'], ['1-7-5-2', null, 1403]])).toEqual([]);
  });

  test('typed values in a sorted sheet, Persian digits, a cleared cell, appended rows: each with its cell, nothing else', () => {
    const m = factsMatrix('en');
    const [head, ...rows] = m;
    rows.sort((a, b) => String(b[col('title')]).localeCompare(String(a[col('title')])) || Number(b[col('year')]) - Number(a[col('year')]));
    const s: RawCell[][] = [head, ...rows];
    const A = col('actual');
    const typed = rowOf(s, '1-7-5-2', null, 1403);
    const was = s[typed][A];
    expect(was).not.toBe(82);
    s[typed][A] = '۸۲';
    // The same number in Persian digits is what was there: not a typed value.
    const same = s.findIndex((r, i) => i > 0 && typeof r[A] === 'number' && i !== typed);
    s[same][A] = toPersianDigits(String(s[same][A]));
    const cleared = s.findIndex((r, i) => i > 0 && typeof r[A] === 'number' && i !== typed && i !== same);
    s[cleared][A] = null;
    const target = rowOf(s, '1-7-3-5', '1', 1404);
    s[target][col('target')] = 123456;
    const beside = 5;
    s[beside][FACT_COLUMNS.length] = 'my note';
    const besideRef = String(s[beside][col('id')]) + (s[beside][col('item')] ? `.${s[beside][col('item')]}` : '');
    // Appended at the bottom: another row of a known line (only its actual differs), and a row of no line.
    const again = Array<RawCell>(FACT_COLUMNS.length).fill(null);
    again[col('id')] = '1-7-5-2';
    again[col('year')] = '۱۴۰۴';
    again[A] = 90;
    const stray = Array<RawCell>(FACT_COLUMNS.length).fill(null);
    stray[col('id')] = 'no-such';
    stray[col('year')] = 1403;
    stray[A] = 7;
    expect(factRows(index, 'en')[rowOf(factsMatrix('en'), '1-7-5-2', null, 1404) - 1][A]).not.toBe(90);
    s.push(again, stray);
    const n = s.length;
    const byCell = (a: unknown[], b: unknown[]) => {
      const [, ca, ra] = /^([A-Z]+)(\d+)$/.exec(a[0] as string)!;
      const [, cb, rb] = /^([A-Z]+)(\d+)$/.exec(b[0] as string)!;
      return Number(ra) - Number(rb) || ca.localeCompare(cb);
    };

    const found = factsTyped(index, 'Facts', s, 'book.xlsx');
    expect(found.map((f) => [f.at.address, f.value, f.ref, f.field])).toEqual([
      ...[
        [`${letter(FACT_COLUMNS.length)}${beside + 1}`, 'my note', besideRef, 'facts'],
        [`K${typed + 1}`, '۸۲', '1-7-5-2', 'actuals.1403'],
        [`K${cleared + 1}`, null, expect.any(String), `actuals.${s[cleared][col('year')]}`],
        [`J${target + 1}`, 123456, '1-7-3-5.1', 'facts.target'],
      ].sort(byCell),
      [`K${n - 1}`, 90, '1-7-5-2', 'actuals.1404'],
      [`D${n}`, 'no-such', 'no-such', 'facts.id'],
      [`I${n}`, 1403, 'no-such', 'facts.year'],
      [`K${n}`, 7, 'no-such', 'actuals.1403'],
    ]);
    for (const f of found) {
      expect(f.code).toBe('not-read-back');
      expect(f.at).toMatchObject({ sheet: 'Facts', book: 'book.xlsx' });
      expect(f.reason.en).toMatch(/^the Facts sheet is not read back/);
      expect(f.reason.fa).toMatch(/^برگه داده‌ها خوانده نمی‌شود/);
    }
    expect(found[found.findIndex((f) => f.value === '۸۲')].reason.en).toMatch(/^the Facts sheet is not read back: type actuals in the indicator sheet '.+' \(its cell [A-Z]+\d+\) or the unit's template$/);
    expect(found[found.length - 1].reason.en).toContain('the plan has no line "no-such" in 1403');
  });

  test('a typed non-key cell, anywhere: that cell and nothing else', () => {
    const m = factsMatrix('fa');
    const keys = new Set([col('id'), col('item'), col('year')]);
    const cols = FACT_COLUMNS.map((_, c) => c).filter((c) => !keys.has(c));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: m.length - 1 }), fc.constantFrom(...cols), fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.stringMatching(/^[a-zA-Zا-ی]{1,8}$/)), (r, c, v) => {
        const s = m.map((row) => [...row]);
        fc.pre(String(v) !== String(s[r][c]));
        s[r][c] = v;
        const found = factsTyped(index, 'داده‌ها', s);
        return found.length === 1 && found[0].at.address === `${letter(c)}${r + 1}` && found[0].value === v;
      }),
      { numRuns: 60 },
    );
  });

  test('a book built by plansheets: untouched reads as nothing; a value typed into its Facts names the indicator sheet cell to type it in', async () => {
    for (const lang of ['fa', 'en'] as const) {
      const untouched = path.join(tmp, `untouched-${lang}.xlsx`);
      await build(untouched, '--sheet-lang', lang);
      const wb = await load(untouched);
      const name = lang === 'fa' ? 'داده‌ها' : 'Facts';
      expect(factsTyped(index, name, matrixOf(wb.getWorksheet(name)!))).toEqual([]);
    }
    const file = path.join(tmp, 'typed.xlsx');
    await build(file, '--sheet-lang', 'en');
    const wb = await load(file);
    const m = matrixOf(wb.getWorksheet('Facts')!);
    const r = rowOf(m, '1-7-3-5', '2', 1405);
    wb.getWorksheet('Facts')!.getCell(`K${r + 1}`).value = '۹۵';
    await wb.xlsx.writeFile(file);

    const back = await readBook(fs.readFileSync(file), 'typed.xlsx');
    const again = await load(file);
    const found = factsTyped(loadPlan(back.storedPlan!).index!, 'Facts', matrixOf(again.getWorksheet('Facts')!), 'typed.xlsx', back.readings);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ref: '1-7-3-5.2', field: 'actuals.1405', value: '۹۵', at: { book: 'typed.xlsx', sheet: 'Facts', address: `K${r + 1}` } });
    // The cell it names is that line's actual for that year.
    const [, sheet, address] = /indicator sheet '(.+)' \(its cell ([A-Z]+\d+)\)/.exec(found[0].reason.en)!;
    const ws = again.getWorksheet(sheet)!;
    const cell = ws.getCell(address);
    expect(ws.getRow(Number(cell.row)).getCell(1).value).toBe('1-7-3-5.2');
    expect(ws.getRow(ID_ROW).getCell(Number(cell.col)).value).toBe('actual:1405');
    expect(found[0].reason.fa).toContain(`برگه شاخص '${sheet}' (خانه ${address})`);
  });
});
