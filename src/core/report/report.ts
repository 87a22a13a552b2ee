import { groupsOf, type Dimension, type Group, type Member, type PlanIndex } from '../plan/plan-index';
import { groupAchievement, memberAchievement, status, type Mode, type Status } from '../achievement/achievement';
import { budget, fundedEntries, notByDistrict, type Budget } from '../achievement/budget';

export type ReportBy = Dimension | 'indicator';
export const REPORT_BY: readonly ReportBy[] = ['workingGroup', 'unit', 'district', 'node', 'indicator'];

/** The key of the `--by district` row that holds the funding no single district has. */
export const NOT_BY_DISTRICT = '';

export interface ReportRow {
  /** The group's id; NOT_BY_DISTRICT for funding that belongs to no district. */
  key: string;
  title: string;
  titleEn?: string;
  /** Ratio (1 = 100%), or null when nothing in the group can be compared. */
  achievement: number | null;
  status: Status;
  /** Indicators in the group. */
  indicators: number;
  /** Indicators that have an achievement. */
  reporting: number;
  budget: Budget;
}

export interface Report {
  by: ReportBy;
  /** The year asked for; null: achievement up to the last plan year, budget over all years. */
  year: number | null;
  mode: Mode;
  rows: ReportRow[];
}

/** The report as `plansheets report --json` prints it and the plan server answers it. */
export function reportJson(rep: Report): string {
  return JSON.stringify({ ...rep, rows: rep.rows.map(({ titleEn: _en, ...row }) => row) }, null, 2);
}

/** One row per group (or indicator): achievement, status, coverage and budget. */
export function buildReport(index: PlanIndex, by: ReportBy, mode: Mode, year?: number): Report {
  const yearPos = year === undefined ? index.years.length - 1 : index.yearPos.get(year);
  if (yearPos === undefined) throw new RangeError(`${year} is not a year of this plan (${index.years.join(', ')})`);
  const groups: Group[] =
    by === 'indicator'
      ? index.indicatorList.map((e) => ({
          dimension: 'node' as const,
          key: e.id,
          title: e.indicator.title ?? '',
          titleEn: e.indicator.titleEn,
          members: [{ entry: e, lines: e.lines }],
        }))
      : [...groupsOf(index)[by].values()];
  if (by === 'district') {
    // Funding is per indicator: what is not wholly in one district is shown once, on its own row,
    // so that the rows add up to the plan's funding.
    const rest = notByDistrict(index);
    if (rest.length > 0) {
      groups.push({ dimension: 'node', key: NOT_BY_DISTRICT, title: 'بدون تفکیک منطقه', titleEn: 'not by district', members: rest.map((e) => ({ entry: e, lines: e.lines })) });
    }
  }
  const rows = groups.map((g): ReportRow => {
    // An indicator's row is its own achievement, as PLAN.ACHIEVEMENT gives it: its weight says
    // how much it counts in a group's mean, and a weight of 0 must not empty its own row.
    const achievement = by === 'indicator' ? memberAchievement(index, g.members[0], yearPos, mode) : groupAchievement(index, g, yearPos, mode);
    return {
      key: g.key,
      title: g.title,
      ...(g.titleEn ? { titleEn: g.titleEn } : {}),
      achievement,
      status: status(index, achievement),
      indicators: g.members.length,
      reporting: g.members.filter((m: Member) => memberAchievement(index, m, yearPos, mode) !== null).length,
      budget: budget(index, fundedEntries(g), year),
    };
  });
  return { by, year: year ?? null, mode, rows };
}
