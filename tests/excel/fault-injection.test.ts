// A fault at any point of a rebuild or an Apply loses nothing typed. Office.js runs a batch's
// commands in order until one fails and keeps those before it; the strict double does the same,
// and here it is made to fail at every sync of build and of apply, after a random number of that
// sync's commands, over random typed values.
import fc from 'fast-check';
import { officeGateway } from '../../src/excel/office-gateway';
import { layoutSheets } from '../../src/core/grid/layout';
import { readSheet, type SheetReading } from '../../src/core/grid/read';
import { loadPlan } from '../../src/core/plan/load';
import { fieldValue } from '../../src/core/grid/merge';
import { toPersianDigits } from '../../src/core/numbers/digits';
import { applySync, buildSheets, previewSync } from '../../src/runtime/sheets-session';
import { PlanStore } from '../../src/runtime/plan-store';
import { sampleText } from '../helpers/plan';
import { cellOf, excelDouble, hostPresets, opened, restoreOffice } from './helpers';
import type { ExcelDouble } from '../excel-double';

afterEach(restoreOffice);

const sample = opened(sampleText());
const sheetOf = new Map<string, string>();
const cells: Array<{ sheet: string; ref: string; column: string; field: string }> = [];
for (const m of layoutSheets(sample.result.index)) {
  for (const row of m.rows) {
    if (row.kind !== 'line') continue;
    sheetOf.set(row.ref, m.name);
    for (const c of m.columns) {
      if (c.id.startsWith('actual:')) cells.push({ sheet: m.name, ref: row.ref, column: c.id, field: `actuals.${c.year}` });
      if (c.id === 'comment') cells.push({ sheet: m.name, ref: row.ref, column: c.id, field: 'comment' });
    }
  }
}

interface Typed {
  cell: (typeof cells)[number];
  text: string;
  value: number | string;
}

/** Up to 6 cells of the sample's sheets, each typed with a number (Latin or Persian digits) or a note. */
const typedValues = fc
  .uniqueArray(fc.integer({ min: 0, max: cells.length - 1 }), { minLength: 1, maxLength: 6 })
  .chain((picked) =>
    fc.tuple(...picked.map((i) => (cells[i].field === 'comment' ? fc.constantFrom('بررسی شد', 'checked', 'نیاز به سند') : fc.tuple(fc.integer({ min: 1, max: 99999 }), fc.boolean())))).map((vs) =>
      vs.map((v, k): Typed => {
        const cell = cells[picked[k]];
        if (typeof v === 'string') return { cell, text: v, value: v };
        const [n, persian] = v as [number, boolean];
        return { cell, text: persian ? toPersianDigits(String(n)) : String(n), value: n };
      }),
    ),
  )
  // a value equal to the plan's is not a typed change
  .filter((ts) => ts.every((t) => fieldValue(sample.result.index, t.cell.ref, t.cell.field) !== t.value));

/** A workbook with the sample's sheets built and the values typed into them. */
async function typedWorkbook(typed: Typed[]): Promise<ExcelDouble> {
  const d = excelDouble(hostPresets.web);
  await buildSheets(officeGateway, sample);
  for (const t of typed) d.type(t.cell.sheet, cellOf(d, t.cell.sheet, t.cell.ref, t.cell.column), t.text);
  // Persian digits typed become numbers (excel/typing.ts) before the operation under test begins.
  await d.events.settled();
  return d;
}

/** Every typed value is in exactly one live sheet, where a sync reads it. */
async function expectAllTyped(typed: Typed[]): Promise<void> {
  const read = await officeGateway.readIndicatorSheets();
  const readings = read.sheets.map((s) => readSheet(s.name, s.values)).filter((r): r is SheetReading => !!r);
  for (const t of typed) {
    const found = readings.flatMap((r) => r.cells).filter((c) => c.ref === t.cell.ref && c.field === t.cell.field);
    expect(found.map((c) => c.value)).toEqual([t.value]);
  }
}

/** The syncs an operation takes and the commands in each, from a run without faults. */
async function syncsOf<T>(typed: Typed[], prepare: () => Promise<T>, operation: (prepared: T) => Promise<unknown>): Promise<number[]> {
  const d = await typedWorkbook(typed);
  const prepared = await prepare();
  const from = d.requests.length;
  await operation(prepared);
  return d.requests.slice(from).map((r) => r.commands);
}

const pick = (n: number, fraction: number) => Math.min(n, Math.floor(fraction * (n + 1)));

/**
 * Declares the tests that `operation` (after `prepare`) loses nothing typed when Excel fails at
 * any of its syncs, after a random number of that sync's commands, over random typed values;
 * `recover` then checks what the next run makes of them. The operation takes `min`–`max` syncs.
 */
function faultAtEverySync<T>(
  bounds: { min: number; max: number },
  prepare: () => Promise<T>,
  operation: (prepared: T) => Promise<unknown>,
  recover: (prepared: T, d: ExcelDouble, typed: Typed[]) => Promise<void>,
): void {
  let syncs: number[] = [];
  beforeAll(async () => {
    syncs = await syncsOf([{ cell: cells[0], text: '5', value: 5 }], prepare, operation);
    restoreOffice();
  });

  test('every sync is covered below', () => {
    expect(syncs.length).toBeGreaterThanOrEqual(bounds.min);
    expect(syncs.length).toBeLessThanOrEqual(bounds.max);
  });

  test.each(Array.from({ length: bounds.max }, (_, i) => i + 1))('fault at sync %i', async (n) => {
    if (n > syncs.length) return;
    await fc.assert(
      fc.asyncProperty(typedValues, fc.double({ min: 0, max: 1, noNaN: true }), async (typed, where) => {
        const d = await typedWorkbook(typed);
        const prepared = await prepare();
        d.failAt(n, { afterCommands: pick(syncs[n - 1], where) });
        await expect(operation(prepared)).rejects.toBeDefined();
        await expectAllTyped(typed);
        await recover(prepared, d, typed);
        restoreOffice();
      }),
      { numRuns: 1 },
    );
  });
}

describe('a fault at any sync of a rebuild loses nothing typed', () => {
  const build = () => buildSheets(officeGateway, sample);
  faultAtEverySync({ min: 7, max: 12 }, async () => undefined, build, async (_, d, typed) => {
    // the next build clears what the cut-short one left, and still has every typed value
    await build();
    await expectAllTyped(typed);
    expect(d.sheetNames().filter((s) => s.name.startsWith('PlanSheets'))).toEqual([{ name: 'PlanSheets', visibility: 'VeryHidden' }]);
  });
});

describe('a fault at any sync of Apply loses nothing typed', () => {
  /** Previews the sync and applies it. */
  async function apply(store: PlanStore) {
    const preview = await previewSync(officeGateway, store.index!);
    return applySync(officeGateway, store, preview, () => 'sheet', 'tester');
  }
  /** The sample opened in a store over the gateway. */
  async function storeOnSample(): Promise<PlanStore> {
    const store = new PlanStore(officeGateway);
    await store.open(sampleText(), 'test');
    return store;
  }
  // 20 syncs of Apply: 17 to preview, store and rebuild, 3 to read where the person is and go back there.
  faultAtEverySync({ min: 10, max: 22 }, storeOnSample, apply, async (store, _, typed) => {
    // Apply again: every typed value reaches the plan
    await apply(store);
    const plan = loadPlan(store.current!.text).index!;
    for (const t of typed) expect(fieldValue(plan, t.cell.ref, t.cell.field)).toBe(t.value);
  });
});
