import type { Group, IndicatorEntry, PlanIndex } from '../plan/plan-index';

/** What a realization divides: Σspent over Σplanned of the indicator-years where both are known. */
export interface RealizationBasis {
  planned: number;
  spent: number;
  /** The plan years at least one of those indicator-years is in, ascending. */
  years: number[];
}

export interface Budget {
  /** Σ planned funding that is known, over all the years asked for. */
  planned: number | null;
  /** Σ spent funding that is known, over all the years asked for. */
  spent: number | null;
  /**
   * basis.spent / basis.planned: a year whose spending is not reported yet neither counts as 0%
   * nor inflates the planned side. Shown with its basis, never beside `planned` alone, since
   * the two differ as soon as a year is unreported.
   */
  realization: number | null;
  basis: RealizationBasis;
}

/** Funding of some indicators in one plan year, or over all plan years when `year` is undefined. */
export function budget(index: PlanIndex, entries: readonly IndicatorEntry[], year?: number): Budget {
  const years = year === undefined ? index.years : [year];
  let planned = 0;
  let spent = 0;
  let anyPlanned = false;
  let anySpent = false;
  const basis: RealizationBasis = { planned: 0, spent: 0, years: [] };
  const basisYears = new Set<number>();
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
        basis.planned += p;
        basis.spent += s;
        basisYears.add(y);
      }
    }
  }
  basis.years = [...basisYears].sort((a, b) => a - b);
  return {
    planned: anyPlanned ? planned : null,
    spent: anySpent ? spent : null,
    realization: realization(basis.spent, basis.planned),
    basis,
  };
}

/** Σspent / Σplanned; none without a planned amount above 0, or when a planned total of almost 0 overflows the ratio. */
function realization(spent: number, planned: number): number | null {
  if (!(planned > 0)) return null;
  const r = spent / planned;
  return Number.isFinite(r) ? r : null;
}

/**
 * The indicators whose funding a group holds. Funding is kept per indicator, so a district
 * holds an indicator's funding only when every measured line of it is in that district; an
 * indicator with items in several districts (or some in none) has no district share, and its
 * funding is counted under "not by district" (see notByDistrict) instead of once per district.
 */
export function fundedEntries(g: Group): IndicatorEntry[] {
  if (g.dimension !== 'district') return g.members.map((m) => m.entry);
  return g.members.filter((m) => m.lines.length === m.entry.lines.length).map((m) => m.entry);
}

/** The indicators that have funding and whose funding belongs to no single district. */
export function notByDistrict(index: PlanIndex): IndicatorEntry[] {
  return index.indicatorList.filter((e) => {
    if (!e.indicator.funding || Object.keys(e.indicator.funding).length === 0) return false;
    const first = e.lines[0]?.district;
    return !e.hasItems || !first || e.lines.some((l) => l.district !== first);
  });
}
