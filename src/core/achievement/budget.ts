import type { IndicatorEntry, PlanIndex } from '../plan/plan-index';

export interface Budget {
  /** Σ planned funding that is known. */
  planned: number | null;
  /** Σ spent funding that is known. */
  spent: number | null;
  /**
   * Σspent / Σplanned over the indicator-years where both are known: a year whose spending is
   * not reported yet neither counts as 0% nor inflates the planned side.
   */
  realization: number | null;
}

/** Funding of some indicators in one plan year, or over all plan years when `year` is undefined. */
export function budget(index: PlanIndex, entries: readonly IndicatorEntry[], year?: number): Budget {
  const years = year === undefined ? index.years : [year];
  let planned = 0;
  let spent = 0;
  let anyPlanned = false;
  let anySpent = false;
  let pairPlanned = 0;
  let pairSpent = 0;
  for (const e of entries) {
    const funding = e.indicator.funding;
    if (!funding) continue;
    for (const y of years) {
      const f = funding[String(y)];
      if (!f) continue;
      const p = typeof f.planned === 'number' ? f.planned : null;
      const s = typeof f.spent === 'number' ? f.spent : null;
      if (p !== null) {
        planned += p;
        anyPlanned = true;
      }
      if (s !== null) {
        spent += s;
        anySpent = true;
      }
      if (p !== null && s !== null) {
        pairPlanned += p;
        pairSpent += s;
      }
    }
  }
  return {
    planned: anyPlanned ? planned : null,
    spent: anySpent ? spent : null,
    realization: realization(pairSpent, pairPlanned),
  };
}

/** Σspent / Σplanned; none without a planned amount above 0, or when a planned total of almost 0 overflows the ratio. */
function realization(spent: number, planned: number): number | null {
  if (!(planned > 0)) return null;
  const r = spent / planned;
  return Number.isFinite(r) ? r : null;
}
