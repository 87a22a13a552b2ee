// What a unit fills in the browser for one period: its measured lines with target, the value
// reported so far, the note and whether the period is closed; and the check of a value as typed.
import type { Bilingual } from '../plan/problems';
import type { PlanIndex } from '../plan/plan-index';
import { parsePeriod, type Period } from '../numbers/periods';
import { parseNumber } from '../numbers/parse-number';
import { numberProblem } from '../numbers/limits';
import { periodValue } from '../achievement/periods';
import { isLocked } from '../grid/merge';

export interface ReportingLine {
  /** `ID` or `ID.ITEM`: what a change names. */
  ref: string;
  /** The indicator's id, code and title (an item's line shows them above its own title). */
  indicator: { id: string; code: string; title: string };
  /** The line's title: the item's, or the indicator's for a line without items. */
  title: string;
  /** The responsible unit's id ('' when the plan gives none). */
  unit: string;
  /** Unit of measure, as the plan writes it (an item inherits its indicator's). */
  measure: string;
  /** Target of the period's year; null when the plan has none. */
  target: number | null;
  /** The period's actual: its own key, or what its reported parts add up to (see fromParts). */
  value: number | null;
  /** True when `value` is not the period's own key but aggregated from its parts (1403 from 1403-H1, H2). */
  fromParts: boolean;
  note: string | null;
  /** Evidence already submitted for the period (text, as templates carry it). */
  evidenceSubmitted: string | null;
  /** The plan's acceptable evidence for the indicator ('' when it says none). */
  evidence: string;
  /** The period is closed (meta.locked, with a closed year closing its parts): shown, not editable. */
  locked: boolean;
}

export type PeriodCheck = { ok: true; period: Period } | { ok: false; problem: Bilingual };

/** A period as given in a request or a page (`1403`, `۱۴۰۳-H1`), checked against the plan's years. */
export function checkPeriod(index: PlanIndex, text: string): PeriodCheck {
  const period = parsePeriod(text);
  if (!period) {
    // What came in is echoed back, cut short: a period is a few characters, a wrong one may be anything.
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    return { ok: false, problem: { en: `"${shown}" is not a period: expected a year such as 1403 or a part such as 1403-H1, 1403-Q2, 1403-M07`, fa: `«${shown}» دوره نیست: سالی مانند ۱۴۰۳ یا بخشی مانند 1403-H1، 1403-Q2، 1403-M07 انتظار می‌رفت` } };
  }
  if (!index.yearPos.has(period.year)) {
    return { ok: false, problem: { en: `${period.key} is not in this plan's years (${index.years.join(', ')})`, fa: `${period.key} در سال‌های این برنامه (${index.years.join('، ')}) نیست` } };
  }
  return { ok: true, period };
}

/**
 * The lines the units fill for a period, in plan order: each measured line (an indicator without
 * items, or each item; an indicator with items is measured by them and has no input of its own).
 * Throws a RangeError for a period that is not one of the plan's (check it first with checkPeriod).
 */
export function reportingLines(index: PlanIndex, units: readonly string[] | 'all', period: string): ReportingLine[] {
  const checked = checkPeriod(index, period);
  if (!checked.ok) throw new RangeError(checked.problem.en);
  const p = checked.period;
  const pos = index.yearPos.get(p.year)!;
  const locked = isLocked(index.plan, `actuals.${p.key}`);
  const wanted = units === 'all' ? undefined : new Set(units);
  const out: ReportingLine[] = [];
  for (const entry of index.indicatorList) {
    const ind = entry.indicator;
    if (wanted && (ind.unit === undefined || !wanted.has(ind.unit))) continue;
    for (const line of entry.lines) {
      const source = line.item ?? ind;
      const own = line.actuals[p.key];
      const value = periodValue(line.actuals, p, line.aggregation);
      out.push({
        ref: line.ref,
        indicator: { id: entry.id, code: entry.code, title: ind.title ?? '' },
        title: line.title,
        unit: ind.unit ?? '',
        measure: line.measure,
        target: line.targetByYear[pos],
        value,
        fromParts: value !== null && typeof own !== 'number',
        note: source.notes?.[p.key] ?? null,
        evidenceSubmitted: source.evidenceSubmitted?.[p.key] ?? null,
        evidence: ind.evidence ?? '',
        locked,
      });
    }
  }
  return out;
}

export type TypedCheck = { ok: true; value: number | null } | { ok: false; problem: Bilingual };

/**
 * A value as a person types it into a line's input (Persian or Latin digits, ٫ or / as decimal
 * separator, ٬ or , between thousands, a trailing %), read by the same rule as sheets and
 * templates; empty or `-` is null (no value). Refused: anything else, and numbers a plan cannot hold.
 */
export function checkTyped(text: string): TypedCheck {
  const read = parseNumber(text);
  if (!read.ok) return { ok: false, problem: { en: `"${read.found}": ${read.reason.en}`, fa: `«${read.found}»: ${read.reason.fa}` } };
  const beyond = read.value === null ? undefined : numberProblem(read.value);
  return beyond ? { ok: false, problem: beyond } : { ok: true, value: read.value };
}
