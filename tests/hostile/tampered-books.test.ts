// Books whose hidden layout was tampered with, or that no longer fit the plan: whatever was done
// to them, `merge` applies nothing to a line the person did not type on, reports every typed value
// it does not apply with its cell, and never writes a plan `validate` would refuse.
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { Plan } from '../../src/core/plan/plan.types';
import { FIRST_DATA_ROW, ID_ROW } from '../../src/core/grid/layout';
import { BASE_SHEET } from '../../src/core/grid/base-sheet';
import { stringifyPlan } from '../../src/core/plan/canonical-json';
import { T_FIRST_ROW, T_IDS_ROW, T_META_ROW } from '../../src/core/templates/template';
import { SAMPLE_PATH, sampleText } from '../helpers/plan';
import { cli, tempFolder } from './cli';

jest.setTimeout(180000);

const { at } = tempFolder('tampered');

const sample = () => JSON.parse(sampleText()) as Plan;
const byId = (p: Plan, id: string) => p.indicators.find((i) => (i.id ?? i.code) === id)!;

type Book = { wb: ExcelJS.Workbook; sheet: ExcelJS.Worksheet; ids: string[]; rowOf: (key: string) => ExcelJS.Row; col: (id: string) => number };

/** Opens a built book at its first indicator sheet, lets a test change it, saves it under a new name. */
async function tamper(from: string, to: string, change: (b: Book) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(at(from));
  const sheet = wb.worksheets[0];
  const ids = (sheet.getRow(ID_ROW).values as unknown[]).slice(1).map(String);
  const rowOf = (key: string) => {
    for (let r = FIRST_DATA_ROW; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === key) return sheet.getRow(r);
    throw new Error(`no row ${key}`);
  };
  change({ wb, sheet, ids, rowOf, col: (id) => ids.indexOf(id) + 1 });
  await wb.xlsx.writeFile(at(to));
  return at(to);
}

/** Merges a book into the sample plan; returns the result and the written plan (if any). */
async function mergeInto(book: string, planPath = SAMPLE_PATH) {
  const file = at(`${path.basename(book)}.merged.json`);
  fs.rmSync(file, { force: true });
  const r = await cli('merge', planPath, book, '-o', file, '--by', 'tester');
  return { ...r, plan: fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Plan) : undefined, file };
}

beforeAll(async () => {
  expect((await cli('build', SAMPLE_PATH, '-o', at('base.xlsx'), '--sheet-lang', 'en')).code).toBe(0);
});

// Two lines of the first working group's sheet (governance): A is typed on, B must not change.
const A = '1-7-5-2';
const B = '1-7-4-5';

describe('a hidden key changed to another existing line', () => {
  test("the row's value is refused with its cell; the other line does not change; other typed values apply", async () => {
    const book = await tamper('base.xlsx', 'key.xlsx', (b) => {
      const row = b.rowOf(A);
      row.getCell(1).value = B; // the key now says B, the code cell still says A
      row.getCell(b.col('actual:1404')).value = 77;
      b.rowOf('3-3-1-2').getCell(b.col('actual:1404')).value = 5;
    });
    const r = await mergeInto(book);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(new RegExp(`refused .*'[^']+'!\\w+\\d+ +${B} +actuals\\.1404: 77: row \\d+ shows the code ${A} but its hidden key says ${B}`));
    expect(byId(r.plan!, B).actuals).toEqual(byId(sample(), B).actuals);
    expect(byId(r.plan!, A).actuals).toEqual(byId(sample(), A).actuals);
    expect(byId(r.plan!, '3-3-1-2').actuals!['1404']).toBe(5);
    expect(r.out).not.toMatch(/\n\s+at /);
  });
});

describe('hidden column ids altered', () => {
  test('a copied column id: neither column applies anything, each typed cell is reported', async () => {
    const book = await tamper('base.xlsx', 'dupcol.xlsx', (b) => {
      b.sheet.getRow(ID_ROW).getCell(b.col('actual:1405')).value = 'actual:1404';
      b.rowOf(A).getCell(b.col('actual:1404')).value = 11;
      b.rowOf(A).getCell(b.col('actual:1405')).value = 12;
    });
    const r = await mergeInto(book);
    expect(r.code).toBe(3);
    const refused = r.out.split('\n').filter((l) => l.startsWith('refused'));
    expect(refused).toHaveLength(2);
    for (const l of refused) expect(l).toMatch(/hidden id of column [A-Z]+ was altered \(actual:1404 appears in 2 columns\)/);
    expect(byId(r.plan!, A).actuals).toEqual(byId(sample(), A).actuals);
  });

  test('a column id moved to another year: values typed under "Actual 1404" never land on 1405', async () => {
    const book = await tamper('base.xlsx', 'movedcol.xlsx', (b) => {
      b.sheet.getRow(ID_ROW).getCell(b.col('actual:1404')).value = 'actual:1406';
      b.sheet.getRow(ID_ROW).getCell(b.col('actual:1406')).value = 'comment';
      b.rowOf(A).getCell(b.col('actual:1404')).value = 13;
    });
    const r = await mergeInto(book);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/actual:1406 stands where actual:1404 belongs/);
    expect(byId(r.plan!, A).actuals).toEqual(byId(sample(), A).actuals);
  });
});

describe('typed where nothing is read', () => {
  test('a row inserted by hand, and a row whose key was cleared: each typed value is reported, not dropped', async () => {
    const book = await tamper('base.xlsx', 'keyless.xlsx', (b) => {
      const cleared = b.rowOf(A);
      cleared.getCell(1).value = null;
      cleared.getCell(b.col('actual:1404')).value = 21;
      const added = b.sheet.getRow(b.sheet.rowCount + 1);
      added.getCell(b.col('actual:1403')).value = '۴۲';
      added.getCell(b.col('comment')).value = 'a row of my own';
    });
    const r = await mergeInto(book);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(new RegExp(`refused .*!\\w+\\d+ +${A} +actuals\\.1404: 21: row \\d+ shows ${A} but its hidden key was cleared`));
    expect(r.out).toMatch(/actuals\.1403: 42: row \d+ has no PlanSheets key/);
    expect(r.out.split('\n').filter((l) => l.startsWith('refused'))).toHaveLength(3);
    expect(r.out).toMatch(/comment: "a row of my own": row \d+ has no PlanSheets key/);
    expect(r.plan).toBeDefined();
  });

  test('a sheet whose hidden id row was deleted: its typed values are reported with their cells', async () => {
    const book = await tamper('base.xlsx', 'noidrow.xlsx', (b) => {
      b.rowOf(A).getCell(b.col('actual:1404')).value = 31;
      b.sheet.spliceRows(ID_ROW, 1);
    });
    const r = await mergeInto(book);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(new RegExp(`refused .*!\\w+\\d+ +${A} +actuals\\.1404: 31: sheet '[^']+' has lost its hidden id row`));
    expect(r.out.split('\n').filter((l) => l.startsWith('refused'))).toHaveLength(1);
  });
});

describe("the book's hidden copy of the plan", () => {
  test('altered at the same revision: the value it would let through is refused, the line keeps its value', async () => {
    const book = await tamper('base.xlsx', 'basealtered.xlsx', (b) => {
      // Make the stale 58 in A's 1403 cell look typed, by changing what the base says was there.
      const base = b.wb.getWorksheet(BASE_SHEET)!;
      const json = (base.getColumn(1).values as unknown[]).slice(2).map(String).join('');
      const plan = JSON.parse(json) as Plan;
      byId(plan, A).actuals!['1403'] = 1;
      const text = stringifyPlan(plan);
      const chunks = text.match(/[\s\S]{1,30000}/g)!;
      for (let r = 2, last = Math.max(base.rowCount, chunks.length + 1); r <= last; r++) base.getRow(r).getCell(1).value = chunks[r - 2] ?? null;
    });
    const stale = await mergeInto(book);
    expect(stale.err).toBe('');
    expect(stale.code).toBe(3);
    expect(stale.out).toMatch(/the book's hidden copy of the plan was altered/);
    expect(byId(stale.plan!, A).actuals).toEqual(byId(sample(), A).actuals);
  });

  test('newer than the plan file: the book is refused whole and nothing is written', async () => {
    const older = sample();
    older.meta.revision = 0;
    const newer = { ...sample(), meta: { ...sample().meta, revision: 4 } };
    fs.writeFileSync(at('newer.json'), stringifyPlan(newer));
    fs.writeFileSync(at('older.json'), stringifyPlan(older));
    expect((await cli('build', at('newer.json'), '-o', at('newer.xlsx'))).code).toBe(0);
    const r = await mergeInto(at('newer.xlsx'), at('older.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/built from revision 4 .* newer than this plan file \(revision 0\)/);
    expect(r.plan).toBeUndefined();
  });
});

describe('an old book merged into a plan whose years moved on', () => {
  test('values for years the plan no longer has are refused; the plan written validates', async () => {
    const moved = sample();
    moved.meta.years = [1403, 1404, 1405, 1406, 1407];
    moved.meta.revision = 1;
    for (const ind of moved.indicators) {
      for (const owner of [ind, ...(ind.items ?? [])]) {
        for (const map of [owner.targets, owner.actuals, (owner as { funding?: Record<string, unknown> }).funding, owner.notes]) {
          if (map) delete (map as Record<string, unknown>)['1402'];
        }
      }
    }
    fs.writeFileSync(at('moved.json'), stringifyPlan(moved));
    expect((await cli('validate', at('moved.json'))).code).toBe(0);
    const book = await tamper('base.xlsx', 'old.xlsx', (b) => {
      b.rowOf(A).getCell(b.col('actual:1402')).value = 93;
      b.rowOf(B).getCell(b.col('actual:1404')).value = 64;
    });
    const r = await mergeInto(book, at('moved.json'));
    expect(r.code).toBe(3);
    expect(r.out).toMatch(new RegExp(`refused .* ${A} +actuals\\.1402: 93: 1402 is not a period of this plan`));
    expect(byId(r.plan!, B).actuals!['1404']).toBe(64);
    expect((await cli('validate', r.file)).code).toBe(0);
  });
});

describe("a template whose hidden unit cell was changed", () => {
  test("it changes no line, neither the other unit's nor its own; every typed value is reported", async () => {
    const dir = at('tpl');
    expect((await cli('templates', SAMPLE_PATH, '-o', dir, '--unit', 'bus-org', '--year', '1404')).code).toBe(0);
    const file = path.join(dir, 'bus-org.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    const ids = (ws.getRow(T_IDS_ROW).values as unknown[]).slice(1).map(String);
    ws.getRow(T_META_ROW).getCell(3).value = 'budget-office'; // the unit cell
    const own = ws.getRow(T_FIRST_ROW);
    const ownKey = String(own.getCell(1).value);
    own.getCell(ids.indexOf('actual:1404') + 1).value = 9;
    // A row re-keyed to the other unit's line, its code cell made to agree.
    const other = ws.getRow(T_FIRST_ROW + 1);
    other.getCell(1).value = A;
    other.getCell(ids.indexOf('code') + 1).value = A;
    other.getCell(ids.indexOf('actual:1404') + 1).value = 99;
    await wb.xlsx.writeFile(file);
    const r = await mergeInto(file);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(new RegExp(`refused .* ${ownKey} +actuals\\.1404: 9: the template's hidden details were altered \\(they say unit "budget-office", but it carries the plan of unit "bus-org"\\)`));
    expect(r.out).toMatch(new RegExp(`refused .* ${A} +actuals\\.1404: 99: `));
    expect(r.out).toMatch(/^0 changes applied/m);
    expect(r.plan!.indicators).toEqual(sample().indicators);
  });
});
