// The plan the add-in's shared runtime holds: the custom functions read it, the task pane opens
// and shows it. One instance per runtime (`planStore`), so both see the same index.
import type { PlanStorage } from '../excel/gateway';
import { loadPlan, type LoadResult } from '../core/plan/load';
import type { PlanIndex } from '../core/plan/plan-index';
import type { Plan } from '../core/plan/plan.types';
import type { ServerLink } from './server-link';

export type Lang = 'en' | 'fa';

export interface OpenedPlan {
  /** The text the plan was read from (kept as given: it is what the workbook stores). */
  text: string;
  /** Where it came from, for the pane: a file name, a URL, "pasted", "workbook". */
  source: string;
  result: LoadResult & { ok: true; plan: Plan; index: PlanIndex };
  /** The plan server it was opened from: Sync sends to it. */
  server?: ServerLink;
}

/**
 * Finds the workbook's storage when the store first needs it, or undefined when there is none
 * (yet): asked again at the next need, until it finds one.
 */
export type GatewayLookup = () => PlanStorage | undefined | Promise<PlanStorage | undefined>;

export class PlanStore {
  private opened: OpenedPlan | undefined;
  private loading: Promise<PlanIndex | undefined> | undefined;
  private lookup: GatewayLookup | undefined;
  private readonly listeners = new Set<() => void>();
  /** Language of the functions' error messages; the pane keeps it in step with its own. */
  lang: Lang = 'en';

  constructor(private gateway?: PlanStorage) {}

  setGateway(gateway: PlanStorage): void {
    this.gateway = gateway;
  }

  /**
   * Where to look for the storage when none was set: the PLAN functions' script may run before
   * Office.js has made `Excel`, so they decide when a plan is first needed, not when loaded. A
   * gateway set with `setGateway` (the pane's) comes first.
   */
  setGatewayLookup(lookup: GatewayLookup): void {
    this.lookup = lookup;
  }

  private async storage(): Promise<PlanStorage | undefined> {
    if (!this.gateway && this.lookup) {
      const found = await this.lookup();
      this.gateway ??= found; // the pane may have set one meanwhile
    }
    return this.gateway;
  }

  get index(): PlanIndex | undefined {
    return this.opened?.result.index;
  }

  get current(): OpenedPlan | undefined {
    return this.opened;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Checks a plan's text and, when it is usable (warnings allowed), makes it the plan: stored in
   * the workbook, then one full recalculation. A plan with errors changes nothing; its result
   * says why.
   */
  async open(text: string, source: string, server?: ServerLink): Promise<LoadResult> {
    const result = loadPlan(text);
    if (!result.ok || !result.index) return result;
    this.set({ text, source, result: result as OpenedPlan['result'], ...(server ? { server } : {}) });
    const gateway = await this.storage();
    if (gateway) {
      await gateway.storePlan(text);
      await gateway.recalculate();
    }
    return result;
  }

  /**
   * The plan stored in the workbook, read once when something first needs it (a PLAN function in
   * a reopened workbook, before the pane was opened). Undefined when the workbook has none.
   */
  ensureLoaded(): Promise<PlanIndex | undefined> {
    if (this.opened) return Promise.resolve(this.opened.result.index);
    this.loading ??= this.readFromWorkbook().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async readFromWorkbook(): Promise<PlanIndex | undefined> {
    const gateway = await this.storage();
    const text = gateway ? await gateway.readStoredPlan() : null;
    if (text === null || this.opened) return this.opened?.result.index;
    const result = loadPlan(text);
    if (!result.ok || !result.index) return undefined;
    this.set({ text, source: 'workbook', result: result as OpenedPlan['result'] });
    return result.index;
  }

  private set(opened: OpenedPlan): void {
    this.opened = opened;
    for (const l of this.listeners) l();
  }
}

export const planStore = new PlanStore();
