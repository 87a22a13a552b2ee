// Building indicator sheets and syncing them back, over any WorkbookGateway (Excel, the browser
// playground, tests): the orchestration the pane runs, with all the logic in core/grid.
import type { BuildOutcome, WorkbookGateway } from '../excel/gateway';
import { layoutSheets, type SheetBy, type SheetModel } from '../core/grid/layout';
import { readSheet, type ReadCell, type SheetReading } from '../core/grid/read';
import { carryOver, typedCells } from '../core/grid/rebuild';
import { applyMerge, mergeEdits, sheetEdits, type Choice, type Conflict, type MergeResult, type Refusal } from '../core/grid/merge';
import { loadPlan } from '../core/plan/load';
import { stringifyPlan } from '../core/plan/canonical-json';
import type { PlanIndex } from '../core/plan/plan-index';
import type { Change } from '../core/plan/plan.types';
import type { OpenedPlan, PlanStore } from './plan-store';

export interface BuildResult extends BuildOutcome {
  /** Typed cells carried into the new sheets. */
  carried: number;
  /** Typed cells whose line the plan no longer has: shown, not silently dropped. */
  orphans: ReadCell[];
}

const keyOf = (c: { ref: string; field: string }) => `${c.ref}\u0000${c.field}`;

/** Makes sheet names unique against other sheets of the workbook. */
function avoid(models: SheetModel[], taken: string[]): void {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  for (const m of models) {
    let name = m.name;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${m.name.slice(0, 26)} (${n})`;
    used.add(name.toLowerCase());
    m.name = name;
  }
}

/**
 * Writes the plan's indicator sheets, keeping every typed cell of the sheets they replace (except
 * those in `discard`: conflicts the user settled in favour of the file).
 */
export async function buildSheets(
  gateway: WorkbookGateway,
  opened: OpenedPlan,
  options: { by?: SheetBy; rtlTemplate?: string; discard?: ReadonlySet<string> } = {},
): Promise<BuildResult> {
  const names = layoutSheets(opened.result.index, { by: options.by }).map((m) => m.name);
  let carried = 0;
  let orphans: ReadCell[] = [];
  const outcome = await gateway.buildIndicatorSheets({
    names,
    baseJson: opened.text,
    rtlTemplate: options.rtlTemplate,
    layout(existing, baseText, taken) {
      const base = baseText ? loadPlan(baseText).index : undefined;
      const readings = existing.map((e) => readSheet(e.name, e.values)).filter((r): r is SheetReading => !!r);
      // Without a base, every cell that differs from the plan counts as typed: kept, not lost.
      const typed = typedCells(base, readings).filter((c) => !options.discard?.has(keyOf(c)));
      const models = layoutSheets(opened.result.index, { by: options.by });
      avoid(models, taken);
      orphans = carryOver(models, typed);
      carried = typed.length - orphans.length;
      return models;
    },
  });
  return { ...outcome, carried, orphans };
}

export interface SyncPreview {
  merge: MergeResult;
  /** Unreadable cells and cells typed differently in two places, with the merge's refusals. */
  refused: Refusal[];
  /** False when the workbook has no base sheet (its sheets were not built by PlanSheets). */
  hasBase: boolean;
}

/** Reads the sheets and merges what was typed, three ways, without changing anything yet. */
export async function previewSync(gateway: WorkbookGateway, current: PlanIndex): Promise<SyncPreview> {
  const { base, sheets } = await gateway.readIndicatorSheets();
  const baseIndex = base ? loadPlan(base).index : undefined;
  const readings = sheets.map((s) => readSheet(s.name, s.values)).filter((r): r is SheetReading => !!r);
  if (!baseIndex) return { merge: { changes: [], conflicts: [], refused: [] }, refused: [], hasBase: false };
  const { edits, refused } = sheetEdits(baseIndex, readings);
  const merge = mergeEdits(baseIndex, current, edits);
  return { merge, refused: [...refused, ...merge.refused], hasBase: true };
}

/**
 * Applies a previewed sync: the new plan (revision + 1, audit entries) becomes the workbook's plan
 * (stored, recalculated), and the sheets are rebuilt from it, keeping what could not be applied.
 */
export async function applySync(
  gateway: WorkbookGateway,
  store: PlanStore,
  preview: SyncPreview,
  choose: (c: Conflict) => Choice,
  by: string,
  options: { by?: SheetBy; rtlTemplate?: string } = {},
): Promise<{ applied: Change[]; build: BuildResult }> {
  const opened = store.current;
  if (!opened) throw new Error('no plan is open');
  const { plan, applied } = applyMerge(opened.result.plan, preview.merge, choose, by, new Date().toISOString());
  if (applied.length > 0) {
    const result = await store.open(stringifyPlan(plan), opened.source);
    if (!result.ok) throw new Error(`the merged plan does not validate: ${result.problems.find((p) => p.severity === 'error')?.message.en}`);
  }
  const discard = new Set(preview.merge.conflicts.filter((c) => choose(c) === 'file').map(keyOf));
  const build = await buildSheets(gateway, store.current!, { ...options, discard });
  return { applied, build };
}
