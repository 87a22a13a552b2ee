// Shared set-up for the gateway's tests on the strict Excel double.
import { buildIndex } from '../../src/core/plan/plan-index';
import type { Plan } from '../../src/core/plan/plan.types';
import * as fs from 'fs';
import * as path from 'path';
import { ExcelDouble, install, hostPresets, type ExcelDoubleOptions } from '../excel-double';
import { loadPlan } from '../../src/core/plan/load';
import { KEY_ID } from '../../src/core/grid/layout';
import type { OpenedPlan } from '../../src/runtime/plan-store';
import { ROOT } from '../helpers/plan';

export { hostPresets };

let uninstall: (() => void) | undefined;

/** A double in place of Office.js for one test (undone by `afterEach(restoreOffice)`). */
export function excelDouble(options: ExcelDoubleOptions = {}): ExcelDouble {
  uninstall?.();
  const d = new ExcelDouble(options);
  uninstall = install(d);
  return d;
}

export function restoreOffice(): void {
  uninstall?.();
  uninstall = undefined;
}

export const RTL_TEMPLATE = fs.readFileSync(path.join(ROOT, 'assets', 'rtl-template.xlsx')).toString('base64');

export function opened(text: string): OpenedPlan {
  return { text, source: 'test', result: loadPlan(text) } as OpenedPlan;
}

/**
 * A plan opened without its checks: what the gateway's own guards face when something got past
 * `validate` (which refuses text no cell can hold: the first line of defence).
 */
export function openedUnchecked(plan: Plan): OpenedPlan {
  const text = JSON.stringify(plan);
  expect(loadPlan(text).ok).toBe(false);
  return { text, source: 'test', result: { ok: true, plan, index: buildIndex(plan), problems: [] } } as OpenedPlan;
}

/** The address of the cell of line `ref` in column `columnId` of an indicator sheet. */
export function cellOf(d: ExcelDouble, sheet: string, ref: string, columnId: string): string {
  const values = d.valuesOf(sheet);
  const c = values[0].indexOf(columnId);
  const r = values.findIndex((row) => row[0] === ref);
  if (c < 0 || r < 0) throw new Error(`no ${ref} / ${columnId} in ${sheet}`);
  let n = c + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `${letters}${r + 1}`;
}

/** The indicator sheets the double holds (A1 says so), in order. */
export const indicatorSheets = (d: ExcelDouble): string[] => d.sheetNames().map((s) => s.name).filter((n) => d.valuesOf(n)[0]?.[0] === KEY_ID);
