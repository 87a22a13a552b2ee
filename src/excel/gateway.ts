import type { SheetModel } from '../core/grid/layout';
import type { TemplateModel } from '../core/templates/template';
import type { FactValue } from '../core/facts/facts';
import type { Feature } from './capabilities';

/** The Facts table and the PivotTables over it. */
export interface FactsRequest {
  sheet: string;
  pivotSheet: string;
  rtl: boolean;
  headers: string[];
  formats: Array<string | undefined>;
  rows: FactValue[][];
  /** Headers of the pivot fields (as in `headers`). */
  fields: { workingGroup: string; year: string; achievement: string; planned: string; spent: string };
  titles: { achievement: string; budget: string };
  /** The plan's title, for the page header (without it the header names only the sheet). */
  title?: string;
}
import type { RawCell } from '../core/grid/read';

/** A worksheet's used range, as values. */
export interface SheetValues {
  name: string;
  values: RawCell[][];
}

export interface BuildRequest {
  /**
   * Lays out the sheets once the existing ones are read (so typed values can be carried over):
   * `base` is the plan they were built from (the hidden base sheet), `taken` the names of other
   * sheets, which must not be replaced.
   */
  layout(existing: SheetValues[], base: string | null, taken: string[]): SheetModel[];
  /** The plan the new sheets are built from: the base of the next sync (the hidden base sheet). */
  baseJson: string;
  /** Base64 of an .xlsx whose first sheet is right-to-left (assets/rtl-template.xlsx). */
  rtlTemplate?: string;
}

export interface BuildOutcome {
  sheets: string[];
  /** `unsupported`: right-to-left sheets were wanted but this Excel cannot insert them. */
  rtl: 'applied' | 'unsupported' | 'not-needed';
  /** Features this Excel lacks, left out of the sheets (status colours, frozen panes…). */
  missing?: Feature[];
}

/** The plan kept in the workbook: all the PLAN functions need (and all their bundle carries). */
export interface PlanStorage {
  /** The plan JSON stored in the workbook, or null when the workbook has none. */
  readStoredPlan(): Promise<string | null>;
  /** Stores the plan JSON in the workbook (replacing any stored before). */
  storePlan(json: string): Promise<void>;
  /** One full recalculation, so PLAN.* cells show the current plan. */
  recalculate(): Promise<void>;
}

/**
 * What the add-in needs from the workbook. `office-gateway.ts` implements it with Office.js (the
 * only code that calls Excel); tests and the browser playground pass other implementations, so
 * the task pane and the functions never touch Office.js themselves.
 */
export interface WorkbookGateway extends PlanStorage {
  /**
   * Every indicator sheet's and template sheet's values (by their A1), and the plan the sheets were
   * built from; with them the sheets where typing is not read back (core/grid/unread-sheets).
   */
  readIndicatorSheets(): Promise<{ base: string | null; sheets: SheetValues[]; templates: SheetValues[]; unread: SheetValues[] }>;
  /** Adds a unit's template as a sheet (a new name when the name is taken). */
  writeTemplateSheet(model: TemplateModel, rtlTemplate?: string): Promise<{ sheet: string; rtl: BuildOutcome['rtl']; missing?: Feature[] }>;
  /** The active sheet's values, as text (for importing pasted plan tables). */
  readActiveSheet(): Promise<{ name: string; rows: string[][] }>;
  /** Writes the Facts table (replacing an earlier one) and, where Excel can, its PivotTables. */
  writeFacts(request: FactsRequest): Promise<{ pivots: boolean }>;
  /** Writes indicator sheets (replacing earlier ones of the same name) and their base. */
  buildIndicatorSheets(request: BuildRequest): Promise<BuildOutcome>;
  /** Where the person is (active sheet, selection): read before Apply rewrites sheets, restored after. */
  readView?(): Promise<SheetView>;
  restoreView?(view: SheetView): Promise<void>;
  /**
   * Turns Persian and Arabic-Indic digits typed in actual cells into numbers as they are typed
   * (excel/typing.ts); called when the pane opens and after it writes sheets. False where Excel
   * has no changed events (below ExcelApi 1.7).
   */
  watchTyping?(): Promise<boolean>;
}

/** A sheet by name, and the address of its selected cells (without the sheet's name). */
export interface SheetView {
  sheet: string;
  address?: string;
}

/** The host around the pane: language and theme (Office.context in Excel). */
export interface HostInfo {
  /** Office's display language (`fa-IR`, `en-US`). */
  displayLanguage: string;
  /** True when Office uses a dark theme. */
  dark: boolean;
  /** The signed-in user's display name, when Office gives one. */
  userName?: string;
  /** What this Excel cannot do (older versions): the pane says so once. */
  missing?: Feature[];
}
