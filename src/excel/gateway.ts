/**
 * What the add-in needs from the workbook. `office-gateway.ts` implements it with Office.js (the
 * only code that calls Excel); tests and the browser playground pass other implementations, so
 * the task pane and the functions never touch Office.js themselves.
 */
export interface WorkbookGateway {
  /** The plan JSON stored in the workbook, or null when the workbook has none. */
  readStoredPlan(): Promise<string | null>;
  /** Stores the plan JSON in the workbook (replacing any stored before). */
  storePlan(json: string): Promise<void>;
  /** One full recalculation, so PLAN.* cells show the current plan. */
  recalculate(): Promise<void>;
}

/** The host around the pane: language and theme (Office.context in Excel). */
export interface HostInfo {
  /** Office's display language (`fa-IR`, `en-US`). */
  displayLanguage: string;
  /** True when Office uses a dark theme. */
  dark: boolean;
  /** The signed-in user's display name, when Office gives one. */
  userName?: string;
}
