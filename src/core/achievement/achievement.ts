import type { Group, IndicatorEntry, Line, Member, PlanIndex } from '../plan/plan-index';

export type Mode = 'cumulative' | 'annual' | 'horizon';
export type Status = 'green' | 'amber' | 'red' | '';

/**
 * The score of one actual against one target (plan-format.md, "Achievement"), clamped to
 * [0, cap]. Null when there is nothing to compare: no actual (unreported is not failed), no
 * target, a zero target of a positive line, or a progress target equal to its baseline.
 */
export function score(line: Line, actual: number | null, target: number | null, cap: number): number | null {
  if (actual === null || target === null) return null;
  let r: number;
  if (line.scoring === 'progress') {
    const b = line.baseline as number;
    if (target === b) return null;
    r = (actual - b) / (target - b);
  } else if (line.polarity === 'negative') {
    if (actual === 0) return cap;
    r = target / actual;
  } else {
    if (target === 0) return null;
    r = actual / target;
  }
  return r < 0 ? 0 : r > cap ? cap : r;
}

/** Achievement of one measured line in a plan year (a position in `index.years`). */
export function lineAchievement(index: PlanIndex, line: Line, yearPos: number, mode: Mode): number | null {
  const cap = index.settings.cap;
  const A = line.actualByYear;
  const T = line.targetByYear;
  if (mode === 'annual') return score(line, A[yearPos], T[yearPos], cap);

  // Cumulative and horizon look at the plan years up to the year that have an actual.
  let latest = -1;
  let count = 0;
  let sumA = 0;
  let maxA = -Infinity;
  let minA = Infinity;
  let sumT = 0;
  let countT = 0;
  let maxT = -Infinity;
  let minT = Infinity;
  for (let i = 0; i <= yearPos; i++) {
    const a = A[i];
    if (a === null) continue;
    latest = i;
    count++;
    sumA += a;
    if (a > maxA) maxA = a;
    if (a < minA) minA = a;
    const t = T[i];
    if (t !== null) {
      countT++;
      sumT += t;
      if (t > maxT) maxT = t;
      if (t < minT) minT = t;
    }
  }
  if (latest < 0) return null;
  const horizon = mode === 'horizon';
  // Progress scoring is point-in-time: the latest actual, as `last` does.
  const rule = line.scoring === 'progress' ? 'last' : line.aggregation;
  let actual: number;
  let target: number | null;
  switch (rule) {
    case 'sum':
      actual = sumA;
      target = countT ? sumT : null;
      break;
    case 'last':
      actual = A[latest] as number;
      target = T[latest];
      break;
    case 'average':
      actual = sumA / count;
      target = countT ? sumT / countT : null;
      break;
    case 'max':
      actual = maxA;
      target = countT ? maxT : null;
      break;
    case 'min':
      actual = minA;
      target = countT ? minT : null;
      break;
  }
  return score(line, actual, horizon ? line.horizon : target, cap);
}

/**
 * Weighted mean of the values that are not null; null when none (or no weight) remains. A weight
 * of 0 keeps a member out of the mean (it is still scored on its own): members that all weigh 0
 * leave nothing to average, so the mean is null, as the sheets' weighted-mean formula gives "".
 */
export function weightedMean<T>(xs: readonly T[], value: (x: T) => number | null, weight: (x: T) => number): number | null {
  let sum = 0;
  let total = 0;
  for (const x of xs) {
    const v = value(x);
    if (v === null) continue;
    const w = weight(x);
    sum += v * w;
    total += w;
  }
  return total > 0 ? sum / total : null;
}

/** An indicator's achievement over some of its lines (all of them, or those in a district). */
export function memberAchievement(index: PlanIndex, member: Member, yearPos: number, mode: Mode): number | null {
  const { entry, lines } = member;
  if (!entry.hasItems) return lineAchievement(index, entry.self, yearPos, mode);
  return weightedMean(lines, (l) => lineAchievement(index, l, yearPos, mode), (l) => l.weight);
}

export function indicatorAchievement(index: PlanIndex, entry: IndicatorEntry, yearPos: number, mode: Mode): number | null {
  return memberAchievement(index, { entry, lines: entry.lines }, yearPos, mode);
}

/** A group's achievement: weighted mean of its indicators' achievements that are not null. */
export function groupAchievement(index: PlanIndex, group: Group, yearPos: number, mode: Mode): number | null {
  return weightedMean(group.members, (m) => memberAchievement(index, m, yearPos, mode), (m) => m.entry.weight);
}

export function status(index: PlanIndex, achievement: number | null): Status {
  if (achievement === null) return '';
  const { green, amber } = index.settings;
  return achievement >= green ? 'green' : achievement >= amber ? 'amber' : 'red';
}
