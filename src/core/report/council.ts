// The council report: per group (working group by default), achievement and status beside budget
// realization, its trend over the plan years, the indicators that are red and the lines not
// reported. One model, written by the command line (Word/PDF) and the pane (Word).
import { groupsOf, type Group, type IndicatorEntry, type Line, type PlanIndex } from '../plan/plan-index';
import { groupAchievement, memberAchievement, status, type Mode, type Status } from '../achievement/achievement';
import { budget, fundedEntries, type Budget } from '../achievement/budget';
import { buildReport, type ReportBy, type ReportRow } from './report';

export type CouncilBy = Exclude<ReportBy, 'indicator'>;

/** One point of a group's trend: achievement up to a plan year beside that year's budget realization. */
export interface TrendPoint {
  year: number;
  achievement: number | null;
  realization: number | null;
}

/** An indicator or line named in the report, with what a reader needs to find it in the plan. */
export interface NamedLine {
  code: string;
  title: string;
  titleEn?: string;
  /** The responsible unit's title (empty when the plan names none). */
  unit: string;
  unitEn?: string;
  achievement: number | null;
}

export interface CouncilSection {
  row: ReportRow;
  trend: TrendPoint[];
  /** Indicators of the group whose achievement is red, lowest first. */
  red: NamedLine[];
  /** Measured lines of the group with no actual in the report year. */
  unreported: NamedLine[];
}

export interface CouncilReport {
  by: CouncilBy;
  mode: Mode;
  /** The year asked for, or null (achievement to the last plan year, budget over all years). */
  year: number | null;
  /** The year whose reporting is checked: the one asked for, else the latest year with any actual. */
  reportYear: number;
  total: { achievement: number | null; status: Status; indicators: number; reporting: number; budget: Budget };
  sections: CouncilSection[];
}

/** The report of a plan; `year` must be a plan year (the caller says so in its own words). */
export function councilReport(index: PlanIndex, by: CouncilBy, mode: Mode, year?: number): CouncilReport {
  const rep = buildReport(index, by, mode, year);
  const lastPos = year === undefined ? index.years.length - 1 : index.yearPos.get(year)!;
  const reportYear = year ?? latestReportedYear(index);
  const reportPos = index.yearPos.get(reportYear)!;
  const groups = groupsOf(index)[by];
  const all: Group = { dimension: 'node', key: '*', title: '', members: index.indicatorList.map((e) => ({ entry: e, lines: e.lines })) };
  const totalAchievement = groupAchievement(index, all, lastPos, mode);
  const sections = rep.rows.map((row): CouncilSection => {
    // The "not by district" row has no group of its own: it only carries funding.
    const g = groups.get(row.key);
    if (!g) return { row, trend: [], red: [], unreported: [] };
    const funded = fundedEntries(g);
    const trend = index.years.slice(0, lastPos + 1).map((y, pos) => ({
      year: y,
      achievement: groupAchievement(index, g, pos, mode),
      realization: budget(index, funded, y).realization,
    }));
    const red = g.members
      .map((m) => ({ entry: m.entry, achievement: memberAchievement(index, m, lastPos, mode) }))
      .filter((x) => status(index, x.achievement) === 'red')
      .sort((a, b) => a.achievement! - b.achievement! || a.entry.code.localeCompare(b.entry.code))
      .map((x) => named(index, x.entry, x.entry.self, x.achievement));
    const unreported = g.members.flatMap((m) => m.lines.filter((l) => l.actualByYear[reportPos] === null).map((l) => named(index, m.entry, l, null)));
    return { row, trend, red, unreported };
  });
  return {
    by,
    mode,
    year: year ?? null,
    reportYear,
    total: {
      achievement: totalAchievement,
      status: status(index, totalAchievement),
      indicators: index.indicatorList.length,
      reporting: all.members.filter((m) => memberAchievement(index, m, lastPos, mode) !== null).length,
      budget: budget(index, index.indicatorList, year),
    },
    sections,
  };
}

/** The latest plan year in which any line has an actual; the first plan year when none has. */
export function latestReportedYear(index: PlanIndex): number {
  let latest = 0;
  for (const e of index.indicatorList) {
    for (const l of e.lines) {
      for (let i = l.actualByYear.length - 1; i > latest; i--) {
        if (l.actualByYear[i] !== null) {
          latest = i;
          break;
        }
      }
    }
  }
  return index.years[latest];
}

function named(index: PlanIndex, entry: IndicatorEntry, line: Line, achievement: number | null): NamedLine {
  const unit = index.plan.units?.find((u) => u.id === entry.indicator.unit);
  const itemCode = line.item ? `${entry.code} / ${line.item.id}` : entry.code;
  return {
    code: itemCode,
    title: line.item ? `${entry.indicator.title ?? ''} — ${line.title}` : line.title,
    ...(entry.indicator.titleEn ? { titleEn: line.item ? `${entry.indicator.titleEn} — ${line.item.titleEn ?? line.title}` : entry.indicator.titleEn } : {}),
    unit: unit?.title ?? '',
    ...(unit?.titleEn ? { unitEn: unit.titleEn } : {}),
    achievement,
  };
}
