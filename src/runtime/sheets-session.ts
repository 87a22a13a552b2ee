// Building indicator sheets and syncing them back, over any WorkbookGateway (Excel, the browser
// playground, tests): the orchestration the pane runs, with all the logic in core/grid.
import type { BuildOutcome, WorkbookGateway } from '../excel/gateway';
import { layoutSheets, sheetName, type SheetBy, type SheetModel } from '../core/grid/layout';
import { definitionsSheet, definitionsSheetName, isDefinitionsLayout } from '../core/grid/definitions';
import { readSheet, type ReadCell, type SheetReading } from '../core/grid/read';
import { carryOver, typedCells } from '../core/grid/rebuild';
import { applyMerge, mergeEdits, sheetEdits, type Choice, type Conflict, type MergeResult, type Refusal } from '../core/grid/merge';
import { loadPlan } from '../core/plan/load';
import { unreadRefusals } from '../core/grid/unread-sheets';
import { stringifyPlan } from '../core/plan/canonical-json';
import type { PlanIndex } from '../core/plan/plan-index';
import { layoutTemplate, readTemplate, templateEdits, type TemplateReading } from '../core/templates/template';
import { FACT_COLUMNS, FACT_FORMATS, factHeaders, factRows } from '../core/facts/facts';
import type { SheetLang } from '../core/grid/labels';
import { planTitle } from '../core/grid/print';
import { FACTS_SHEET, PIVOTS_SHEET } from '../core/grid/reserved-names';
import type { Change } from '../core/plan/plan.types';
import type { OpenedPlan, PlanStore } from './plan-store';

export interface BuildResult extends BuildOutcome {
  /** Typed cells carried into the new sheets. */
  carried: number;
  /** Typed cells whose line the plan no longer has: shown, not silently dropped. */
  orphans: ReadCell[];
}

const keyOf = (c: { ref: string; field: string }) => `${c.ref}\u0000${c.field}`;

/** Makes sheet names unique against other sheets of the workbook (the Definitions sheet keeps its reserved name when free). */
function avoid(models: SheetModel[], taken: string[]): void {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  for (const m of models) m.name = m.kind === 'definitions' ? definitionsSheetName(m.lang, used) : sheetName(m.name, used);
}

export interface BuildOptions {
  by?: SheetBy;
  rtlTemplate?: string;
  /** Add the Definitions sheet; `keep`: when the sheets replaced had one (a sync's rebuild). */
  definitions?: boolean | 'keep';
  discard?: ReadonlySet<string>;
}

/**
 * Writes the plan's indicator sheets, keeping every typed cell of the sheets they replace (except
 * those in `discard`: conflicts the user settled in favour of the file).
 */
export async function buildSheets(
  gateway: WorkbookGateway,
  opened: OpenedPlan,
  options: BuildOptions = {},
): Promise<BuildResult> {
  let carried = 0;
  let orphans: ReadCell[] = [];
  let others: string[] = [];
  const outcome = await gateway.buildIndicatorSheets({
    baseJson: opened.text,
    rtlTemplate: options.rtlTemplate,
    layout(existing, baseText, taken) {
      const base = baseText ? loadPlan(baseText).index : undefined;
      const readings = existing.map((e) => readSheet(e.name, e.values)).filter((r): r is SheetReading => !!r);
      // Without a base, every cell that differs from the plan counts as typed: kept, not lost.
      const typed = typedCells(base, readings).filter((c) => !options.discard?.has(keyOf(c)));
      const models = layoutSheets(opened.result.index, { by: options.by });
      const had = readings.some((r) => r.layout && isDefinitionsLayout(r.layout.ids));
      // First, as the command line writes it: where a secretariat starts after an import.
      if (options.definitions === 'keep' ? had : options.definitions) models.unshift(definitionsSheet(opened.result.index, models[0]?.lang));
      avoid(models, taken);
      others = taken;
      orphans = carryOver(models, typed);
      carried = typed.length - orphans.length;
      return models;
    },
  });
  // A Facts table left from the plan before would read as typed over against the new base.
  const facts = (['en', 'fa'] as const).filter((lang) => others.some((n) => n.toLowerCase() === FACTS_SHEET[lang].toLowerCase()));
  for (const lang of facts) await writeFactsTable(gateway, opened, lang);
  await watchTyping(gateway);
  return { ...outcome, carried, orphans };
}

export interface SyncPreview {
  merge: MergeResult;
  /** Unreadable cells and cells typed differently in two places, with the merge's refusals. */
  refused: Refusal[];
  /** False when the workbook has no base sheet (its sheets were not built by PlanSheets). */
  hasBase: boolean;
}

/**
 * Reads the indicator sheets and the template sheets and merges what was typed, three ways,
 * without changing anything yet. Templates count only for their own unit's lines.
 */
export async function previewSync(gateway: WorkbookGateway, current: PlanIndex): Promise<SyncPreview> {
  const { base, sheets, templates, unread } = await gateway.readIndicatorSheets();
  const baseIndex = base ? loadPlan(base).index : undefined;
  const readings = sheets.map((s) => readSheet(s.name, s.values)).filter((r): r is SheetReading => !!r);
  const filled = templates.map((s) => readTemplate(s.name, s.values)).filter((r): r is TemplateReading => !!r);
  if (!baseIndex && filled.length === 0) return { merge: { changes: [], conflicts: [], refused: [] }, refused: [], hasBase: false };
  // Template sheets made in this workbook compare with the sheets' base, or the plan itself.
  const against = baseIndex ?? current;
  const fromSheets = baseIndex ? sheetEdits(baseIndex, readings) : { edits: [], refused: [] };
  const fromTemplates = filled.map((t) => templateEdits(against, current, t));
  const merge = mergeEdits(against, current, [...fromSheets.edits, ...fromTemplates.flatMap((t) => t.edits)]);
  const notRead = baseIndex ? unreadRefusals(baseIndex, unread.map((s) => ({ name: s.name, matrix: s.values })), readings) : [];
  return { merge, refused: [...fromSheets.refused, ...fromTemplates.flatMap((t) => t.refused), ...notRead, ...merge.refused], hasBase: true };
}

/** Adds a unit's template for a period as a sheet of the workbook. */
export async function addTemplateSheet(gateway: WorkbookGateway, opened: OpenedPlan, unit: string, period: string, options: { lang?: SheetLang; rtlTemplate?: string } = {}) {
  const written = await gateway.writeTemplateSheet(layoutTemplate(opened.result.index, unit, period, options.lang), options.rtlTemplate);
  await watchTyping(gateway);
  return written;
}

/**
 * Watches typing in the sheets just written (Persian digits become numbers: excel/typing.ts). Sheets
 * written stay written when Excel refuses the registration: typed digits are then read on merge.
 */
async function watchTyping(gateway: WorkbookGateway): Promise<void> {
  await gateway.watchTyping?.().catch(() => false);
}

/** Writes the Facts table and its PivotTables (achievement, and budget, by working group and year). */
export async function writeFactsTable(gateway: WorkbookGateway, opened: OpenedPlan, lang: SheetLang): Promise<{ pivots: boolean; rows: number }> {
  const headers = factHeaders(lang);
  const h = (c: (typeof FACT_COLUMNS)[number]) => headers[FACT_COLUMNS.indexOf(c)];
  const rows = factRows(opened.result.index, lang);
  const result = await gateway.writeFacts({
    sheet: FACTS_SHEET[lang],
    pivotSheet: PIVOTS_SHEET[lang],
    rtl: lang === 'fa',
    headers,
    formats: FACT_COLUMNS.map((c) => FACT_FORMATS[c]),
    rows,
    fields: { workingGroup: h('workingGroup'), year: h('year'), achievement: h('annualAchievement'), planned: h('fundingPlanned'), spent: h('fundingSpent') },
    titles: lang === 'fa'
      ? { achievement: 'میانگین تحقق سالانه به تفکیک کارگروه', budget: 'اعتبار مصوب و هزینه‌شده به تفکیک کارگروه' }
      : { achievement: 'Average annual achievement by working group', budget: 'Funding planned and spent by working group' },
    // The page header names the plan, as on the indicator sheets (its English title on English sheets).
    title: planTitle(opened.text, lang),
  });
  return { ...result, rows: rows.length };
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
  options: Omit<BuildOptions, 'discard' | 'definitions'> = {},
): Promise<{ applied: Change[]; build: BuildResult }> {
  const opened = store.current;
  if (!opened) throw new Error('no plan is open');
  const { plan, applied } = applyMerge(opened.result.plan, preview.merge, choose, by, new Date().toISOString());
  if (applied.length > 0) {
    const result = await store.open(stringifyPlan(plan), opened.source);
    if (!result.ok) throw new Error(`the merged plan does not validate: ${result.problems.find((p) => p.severity === 'error')?.message.en}`);
  }
  const discard = new Set(preview.merge.conflicts.filter((c) => choose(c) === 'file').map(keyOf));
  // The person stays where they were: the rebuild replaces their sheet, the Facts table is rewritten.
  const view = await gateway.readView?.();
  // The rebuild keeps the Definitions sheet when the workbook had one.
  const build = await buildSheets(gateway, store.current!, { ...options, definitions: 'keep', discard });
  if (view) await gateway.restoreView?.(view);
  return { applied, build };
}
