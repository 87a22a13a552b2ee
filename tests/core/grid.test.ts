import fc from 'fast-check';
import { HyperFormula } from 'hyperformula';
import { loadPlan } from '../../src/core/plan/load';
import type { Plan } from '../../src/core/plan/plan.types';
import * as F from '../../src/core/functions/plan-functions';
import { FIRST_DATA_ROW, KEY_ID, layoutSheets, toMatrix, type SheetModel } from '../../src/core/grid/layout';
import { readSheet, type RawCell, type SheetReading } from '../../src/core/grid/read';
import { applyMerge, mergeEdits, sheetEdits, type Choice } from '../../src/core/grid/merge';
import { carryOver, typedCells } from '../../src/core/grid/rebuild';
import { stringifyPlan } from '../../src/core/plan/canonical-json';
import { planArb } from '../helpers/arbitraries';
import { clone, indexOf, makePlan, sampleText } from '../helpers/plan';

const sample = () => JSON.parse(sampleText()) as Plan;

/** The sheets as a host would read them back (formulas do not matter to reading). */
const matrixOf = (m: SheetModel): RawCell[][] => toMatrix(m);
const readAll = (models: SheetModel[], edit?: (sheet: string, m: RawCell[][]) => void): SheetReading[] =>
  models.map((m) => {
    const matrix = matrixOf(m);
    edit?.(m.name, matrix);
    return readSheet(m.name, matrix)!;
  });

function cellOf(model: SheetModel, ref: string, columnId: string): [number, number] {
  const r = model.rows.findIndex((row) => row.ref === ref);
  const c = model.columns.findIndex((col) => col.id === columnId);
  if (r < 0 || c < 0) throw new Error(`no ${ref} / ${columnId} in ${model.name}`);
  return [FIRST_DATA_ROW - 1 + r, c];
}

describe('layout', () => {
  const ix = loadPlan(sampleText()).index!;
  const sheets = layoutSheets(ix);

  test('one sheet per working group, right to left with Persian headers for a fa-IR plan', () => {
    expect(sheets.map((s) => s.groupKey)).toEqual(ix.plan.workingGroups!.map((w) => w.id));
    expect(sheets.every((s) => s.rtl && s.lang === 'fa')).toBe(true);
    expect(sheets[0].columns.map((c) => c.header)).toContain('عملکرد ۱۴۰۳');
    expect(sheets[0].columns[0]).toMatchObject({ id: KEY_ID, hidden: true, editable: false });
    expect(sheets[0].columns.filter((c) => c.editable).map((c) => c.id)).toEqual(['actual:1402', 'actual:1403', 'actual:1404', 'actual:1405', 'actual:1406', 'comment']);
  });

  test('a row per measured line, each indicator with items under its header row', () => {
    for (const s of sheets) {
      const entries = ix.indicatorList.filter((e) => e.indicator.workingGroup === s.groupKey);
      expect(s.rows.length).toBe(entries.reduce((n, e) => n + (e.hasItems ? e.lines.length + 1 : 1), 0));
      const withItems = entries.find((e) => e.hasItems);
      if (withItems) {
        const at = s.rows.findIndex((r) => r.ref === withItems.id);
        expect(s.rows[at].kind).toBe('header');
        expect(s.rows.slice(at + 1, at + 1 + withItems.lines.length).map((r) => r.ref)).toEqual(withItems.lines.map((l) => l.ref));
      }
    }
  });

  test('by unit, in English, with valid unique sheet names', () => {
    const byUnit = layoutSheets(ix, { by: 'unit', lang: 'en' });
    expect(byUnit.length).toBe(new Set(ix.indicatorList.map((e) => e.indicator.unit)).size);
    expect(byUnit[0].columns.map((c) => c.header)).toContain('Actual 1403');
    const names = byUnit.map((s) => s.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[^\\/?*[\]:]{1,31}$/);
  });

  test("the native achievement formulas give the engine's numbers (evaluated by HyperFormula)", () => {
    const extra = makePlan([
      { id: 'neg', code: '1', polarity: 'negative', aggregation: 'sum', targets: { '1402': 10, '1403': 8 }, actuals: { '1402': 0, '1403': 12 } },
      { id: 'prog', code: '2', scoring: 'progress', baseline: { previous: 120 }, aggregation: 'sum', targets: { '1402': 100, '1403': 80 }, actuals: { '1402': 110, '1403': 100 } },
      { id: 'avg', code: '3', aggregation: 'average', targets: { '1402': 10, '1403': 20 }, actuals: { '1402': 12, '1403': 15 } },
      { id: 'max', code: '4', aggregation: 'max', targets: { '1402': 10, '1403': 20, '1404': null }, actuals: { '1402': 12, '1404': 30 } },
      { id: 'min', code: '5', aggregation: 'min', targets: { '1402': 10, '1403': 20 }, actuals: { '1402': 12, '1403': 15 } },
      { id: 'zero', code: '6', aggregation: 'last', targets: { '1402': 0 }, actuals: { '1402': 5 } },
      { id: 'w', code: '7', aggregation: 'last', items: [
        { id: '1', weight: 3, targets: { '1402': 10 }, actuals: { '1402': 5 } },
        { id: '2', targets: { '1402': 10 }, actuals: { '1402': 9 } },
        { id: '3', targets: { '1402': 10 } },
      ] },
    ]);
    for (const index of [ix, indexOf(extra)]) {
      const models = layoutSheets(index);
      const hf = HyperFormula.buildFromSheets(Object.fromEntries(models.map((m) => [m.name, toMatrix(m)])), { licenseKey: 'gpl-v3', smartRounding: false });
      let compared = 0;
      for (const m of models) {
        const sheet = hf.getSheetId(m.name)!;
        m.rows.forEach((row, r) => {
          m.columns.forEach((col, c) => {
            if (col.kind !== 'achievement' && col.kind !== 'cumulative') return;
            const want = col.kind === 'cumulative' ? F.achievement(index, row.ref) : F.achievement(index, row.ref, col.year, 'annual');
            const got = hf.getCellValue({ sheet, row: FIRST_DATA_ROW - 1 + r, col: c });
            if (typeof want === 'number') expect(got).toBeCloseTo(want, 12);
            else expect({ ref: row.ref, col: col.id, got }).toEqual({ ref: row.ref, col: col.id, got: want });
            compared++;
          });
        });
      }
      expect(compared).toBeGreaterThan(20);
      hf.destroy();
    }
  });
});

describe('reading typed values', () => {
  const ix = indexOf(makePlan([{ id: 'a', code: '1', workingGroup: 'wg1', aggregation: 'sum', targets: { '1402': 10 }, actuals: { '1402': 5 } }]));
  const [model] = layoutSheets(ix);

  test.each([
    ['۸۰', 80],
    ['۰/۲', 0.2],
    ['١٢٫٥', 12.5],
    ['80%', 80],
    ['-', null],
    ['', null],
    [68.679999999999993, 68.68],
    [1250, 1250],
  ])('%j reads as %p', (typed, value) => {
    const m = matrixOf(model);
    const [r, c] = cellOf(model, 'a', 'actual:1403');
    m[r][c] = typed;
    const cell = readSheet(model.name, m)!.cells.find((x) => x.field === 'actuals.1403')!;
    expect(cell.value).toBe(value);
    expect(cell.unreadable).toBeUndefined();
  });

  test('text that is not a number is reported with its cell, never read as 0', () => {
    const m = matrixOf(model);
    const [r, c] = cellOf(model, 'a', 'actual:1403');
    m[r][c] = 'مطالعات امکان سنجی';
    m[r][c + 4] = { error: '#VALUE!' };
    const cells = readSheet(model.name, m)!.cells.filter((x) => x.unreadable);
    expect(cells.map((x) => [x.field, x.at.address, x.raw])).toEqual([
      ['actuals.1403', `${String.fromCharCode(65 + c)}${r + 1}`, 'مطالعات امکان سنجی'],
      ['actuals.1404', `${String.fromCharCode(65 + c + 4)}${r + 1}`, '#VALUE!'],
    ]);
  });

  test('a sheet without the key id in A1 is not an indicator sheet', () => {
    expect(readSheet('Sheet1', [['hello'], [1]])).toBeUndefined();
  });
});

describe('three-way merge', () => {
  const plan = makePlan(
    [
      { id: 'a', code: '1', workingGroup: 'wg1', aggregation: 'sum', targets: { '1402': 10, '1403': 10 }, actuals: { '1402': 5 } },
      { id: 'b', code: '2', workingGroup: 'wg1', aggregation: 'last', targets: { '1402': 10 }, actuals: { '1402-H1': 4, '1402-H2': 6 }, comment: 'old' },
      { id: 'c', code: '3', workingGroup: 'wg1', aggregation: 'last', items: [{ id: '1', targets: { '1402': 1 } }] },
    ],
    { meta: { ...makePlan([]).meta, locked: ['1402'] } },
  );
  const unlocked = () => {
    const p = clone(plan);
    p.meta.locked = [];
    return p;
  };

  function run(basePlan: Plan, currentPlan: Plan, edit: (set: (ref: string, col: string, v: RawCell) => void) => void) {
    const base = indexOf(basePlan);
    const models = layoutSheets(base);
    const readings = readAll(models, (_s, m) =>
      edit((ref, col, v) => {
        const [r, c] = cellOf(models[0], ref, col);
        m[r][c] = v;
      }),
    );
    const { edits, refused } = sheetEdits(base, readings);
    const merged = mergeEdits(base, indexOf(currentPlan), edits);
    return { ...merged, refused: [...refused, ...merged.refused] };
  }

  test('a change made only in the sheet applies; one made only in the file stays', () => {
    const current = unlocked();
    current.indicators[1].comment = 'from the file';
    const m = run(unlocked(), current, (set) => set('a', 'actual:1403', '۷'));
    expect(m.changes.map((c) => [c.ref, c.field, c.from, c.value])).toEqual([['a', 'actuals.1403', null, 7]]);
    const { plan: out, applied } = applyMerge(indexOf(current).plan, m, () => 'file', 'Maryam', '2026-11-22T10:00:00Z');
    expect(out.indicators[0].actuals).toEqual({ '1402': 5, '1403': 7 });
    expect(out.indicators[1].comment).toBe('from the file');
    expect(out.meta.revision).toBe(1);
    expect(applied).toEqual([{ at: '2026-11-22T10:00:00Z', by: 'Maryam', ref: 'a', field: 'actuals.1403', from: null, to: 7 }]);
    expect(out.changes).toEqual(applied);
  });

  test('the same value changed differently on both sides is a conflict with both values; the choice decides', () => {
    const current = unlocked();
    current.indicators[0].actuals!['1403'] = 8;
    const m = run(unlocked(), current, (set) => set('a', 'actual:1403', 9));
    expect(m.changes).toEqual([]);
    expect(m.conflicts).toEqual([{ ref: 'a', field: 'actuals.1403', base: null, sheet: 9, file: 8, at: expect.objectContaining({ address: expect.any(String) }) }]);
    const keepSheet = applyMerge(current, m, (): Choice => 'sheet', 'x', 't').plan;
    expect(keepSheet.indicators[0].actuals!['1403']).toBe(9);
    const keepFile = applyMerge(current, m, (): Choice => 'file', 'x', 't');
    expect(keepFile.plan).toBe(current);
    expect(keepFile.applied).toEqual([]);
  });

  test('the same change on both sides is no conflict and no change', () => {
    const current = unlocked();
    current.indicators[0].actuals!['1403'] = 9;
    const m = run(unlocked(), current, (set) => set('a', 'actual:1403', 9));
    expect([m.changes, m.conflicts, m.refused]).toEqual([[], [], []]);
  });

  test('locked periods, indicators measured by items, and values that come from periods are refused', () => {
    const m = run(plan, plan, (set) => {
      set('a', 'actual:1402', 6);
      set('c', 'actual:1403', 1);
      set('b', 'comment', 'new note');
    });
    expect(m.refused.map((r) => [r.ref, r.code])).toEqual([
      ['a', 'locked'],
      ['c', 'measured-by-items'],
    ]);
    expect(m.changes.map((c) => [c.ref, c.field, c.from, c.value])).toEqual([['b', 'comment', 'old', 'new note']]);
    const cleared = run(unlocked(), unlocked(), (set) => set('b', 'actual:1402', '-'));
    expect(cleared.refused.map((r) => [r.ref, r.code, r.reason.en])).toEqual([['b', 'from-periods', "this year's value comes from its periods (1402-H1, 1402-H2): change them in the plan file"]]);
  });

  test('a row the current plan does not have is refused with its cell', () => {
    const current = unlocked();
    current.indicators.splice(0, 1);
    const m = run(unlocked(), current, (set) => set('a', 'actual:1403', 1));
    expect(m.refused).toEqual([expect.objectContaining({ ref: 'a', code: 'unknown-ref', at: expect.objectContaining({ sheet: 'one' }) })]);
  });

  test('the same line typed differently in two sheets is refused in both places', () => {
    const base = indexOf(unlocked());
    const models = [...layoutSheets(base), ...layoutSheets(base, { by: 'unit' })];
    const readings = models.map((m, i) => {
      const matrix = matrixOf(m);
      const [r, c] = cellOf(m, 'a', 'actual:1403');
      matrix[r][c] = i === 0 ? 1 : 2;
      return readSheet(m.name, matrix)!;
    });
    const { edits, refused } = sheetEdits(base, readings);
    expect(edits).toEqual([]);
    expect(refused.map((r) => r.code)).toEqual(['edited-twice', 'edited-twice']);
  });
});

describe('properties', () => {
  test('plan → sheets → plan is the identity', () => {
    fc.assert(
      fc.property(planArb, fc.constantFrom('workingGroup' as const, 'unit' as const), (plan, by) => {
        const index = indexOf(plan);
        const { edits, refused } = sheetEdits(index, readAll(layoutSheets(index, { by })));
        expect(edits).toEqual([]);
        expect(refused).toEqual([]);
        expect(applyMerge(plan, mergeEdits(index, index, edits), () => 'sheet', 'x', 't').plan).toBe(plan);
      }),
      { numRuns: 150 },
    );
  });

  /** Random edits of a plan's editable cells: [sheet index, row ref, column id, typed value]. */
  const editsArb = (plan: Plan) => {
    const models = layoutSheets(indexOf(plan));
    const slots = models.flatMap((m, s) => m.rows.filter((r) => r.kind === 'line').flatMap((r) => m.columns.filter((c) => c.editable).map((c) => [s, r.ref, c.id] as const)));
    const typed = fc.oneof(fc.integer({ min: 0, max: 999 }), fc.constantFrom('۸۰', '۰/۲', '-', '', 'note ۱', 'بد'));
    return fc.uniqueArray(fc.tuple(fc.constantFrom(...slots), typed), { selector: ([slot]) => slot.join('|'), maxLength: 8 });
  };

  test('rebuilding after random edits keeps every edit', () => {
    fc.assert(
      fc.property(
        planArb.chain((plan) => fc.tuple(fc.constant(plan), editsArb(plan))),
        ([plan, edits]) => {
          const base = indexOf(plan);
          const models = layoutSheets(base);
          const readings = models.map((m, s) => {
            const matrix = matrixOf(m);
            for (const [[sheet, ref, col], v] of edits) if (sheet === s) matrix[cellOf(m, ref, col)[0]][cellOf(m, ref, col)[1]] = v;
            return readSheet(m.name, matrix)!;
          });
          const before = new Map(readings.flatMap((r) => r.cells).map((c) => [`${c.ref}|${c.field}`, c]));
          // The file moved on meanwhile (another sync): the rebuild lays out the new plan.
          const next = clone(plan);
          next.meta.revision = 7;
          const fresh = layoutSheets(indexOf(next));
          const lost = carryOver(fresh, typedCells(base, readings));
          expect(lost).toEqual([]);
          const after = new Map(readAll(fresh).flatMap((r) => r.cells).map((c) => [`${c.ref}|${c.field}`, c]));
          for (const [key, c] of before) {
            const now = after.get(key)!;
            if (c.unreadable) expect(now.raw).toBe(c.raw);
            else expect(now.value).toBe(c.value ?? null);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test('concurrent edit sets merge so that every sheet change is applied or reported, and file changes stay', () => {
    fc.assert(
      fc.property(
        planArb.chain((plan) => fc.tuple(fc.constant(plan), editsArb(plan), editsArb(plan))),
        ([plan, sheetSide, fileSide]) => {
          const base = indexOf(plan);
          const models = layoutSheets(base);
          // The file side: the same kind of edits, made in the plan file by someone else.
          const fileReadings = readAll(models, (name, matrix) => {
            const s = models.findIndex((m) => m.name === name);
            for (const [[sheet, ref, col], v] of fileSide) if (sheet === s) matrix[cellOf(models[s], ref, col)[0]][cellOf(models[s], ref, col)[1]] = v;
          });
          const fileEdits = sheetEdits(base, fileReadings);
          const current = applyMerge(plan, mergeEdits(base, base, fileEdits.edits), () => 'sheet', 'file', 't').plan;
          const sheetReadings = readAll(models, (name, matrix) => {
            const s = models.findIndex((m) => m.name === name);
            for (const [[sheet, ref, col], v] of sheetSide) if (sheet === s) matrix[cellOf(models[s], ref, col)[0]][cellOf(models[s], ref, col)[1]] = v;
          });
          const { edits, refused } = sheetEdits(base, sheetReadings);
          const cur = indexOf(current);
          const merged = mergeEdits(base, cur, edits);
          const out = indexOf(applyMerge(current, merged, () => 'file', 'sheet', 't').plan);
          const { fieldValue } = jest.requireActual('../../src/core/grid/merge');
          const reported = new Set([...refused, ...merged.refused, ...merged.conflicts].map((x) => `${x.ref}|${x.field}`));
          for (const e of edits) {
            const key = `${e.ref}|${e.field}`;
            // applied, already there, or reported: never silently dropped
            expect(fieldValue(out, e.ref, e.field) === e.value || reported.has(key)).toBe(true);
          }
          for (const c of sheetReadings.flatMap((r) => r.cells).filter((x) => x.unreadable)) {
            expect(reported.has(`${c.ref}|${c.field}`)).toBe(true);
          }
          // what only the file changed is still there
          const sheetKeys = new Set(edits.map((e) => `${e.ref}|${e.field}`));
          for (const e of fileEdits.edits) {
            if (!sheetKeys.has(`${e.ref}|${e.field}`)) expect(fieldValue(out, e.ref, e.field)).toBe(fieldValue(cur, e.ref, e.field));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('canonical plan JSON', () => {
  test('stable key order, 2-space indentation, the same plan back', () => {
    const plan = sample();
    const text = stringifyPlan(plan);
    expect(JSON.parse(text)).toEqual(plan);
    expect(text.split('\n')[1]).toBe('  "format": "plansheets.plan",');
    const reversed = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reversed) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
    expect(stringifyPlan(reversed(plan) as Plan)).toBe(text);
    expect(stringifyPlan(JSON.parse(text))).toBe(text);
    const first = JSON.parse(text).indicators[0];
    expect(Object.keys(first).slice(0, 3)).toEqual(['id', 'code', 'parent']);
  });
});
