// Issue 13 point 2: the council report's model and charts. Every figure it shows comes from the
// same engine as `report` and the sheets, and each list names exactly the lines it claims to.
import { groupsOf } from '../../src/core/plan/plan-index';
import { loadPlan } from '../../src/core/plan/load';
import { memberAchievement, status } from '../../src/core/achievement/achievement';
import { budget, fundedEntries } from '../../src/core/achievement/budget';
import { buildReport } from '../../src/core/report/report';
import { councilReport, latestReportedYear } from '../../src/core/report/council';
import { overviewChartSvg, trendChartSvg } from '../../src/charts/council-charts';
import { formatPercent } from '../../src/core/numbers/format';
import { XMLValidator } from 'fast-xml-parser';
import { indexOf, makePlan, sampleText } from '../helpers/plan';

const sample = loadPlan(sampleText()).index!;

describe('council report model', () => {
  it('has one section per working group, each the row `report` prints', () => {
    const rep = councilReport(sample, 'workingGroup', 'cumulative');
    const rows = buildReport(sample, 'workingGroup', 'cumulative').rows;
    expect(rep.sections.map((s) => s.row)).toEqual(rows);
    expect(rep.sections.length).toBe(sample.plan.workingGroups!.length);
  });

  it('lists as red exactly the indicators of the group whose achievement is red, lowest first', () => {
    const rep = councilReport(sample, 'workingGroup', 'cumulative');
    const groups = groupsOf(sample).workingGroup;
    let anyRed = 0;
    for (const s of rep.sections) {
      const g = groups.get(s.row.key)!;
      const expected = g.members
        .map((m) => memberAchievement(sample, m, sample.years.length - 1, 'cumulative'))
        .filter((a) => status(sample, a) === 'red');
      expect(s.red.map((r) => r.achievement).sort()).toEqual((expected as number[]).sort());
      for (let i = 1; i < s.red.length; i++) expect(s.red[i].achievement!).toBeGreaterThanOrEqual(s.red[i - 1].achievement!);
      anyRed += s.red.length;
    }
    // The sample has red indicators: the list is not vacuous.
    expect(anyRed).toBeGreaterThan(0);
  });

  it('lists as not reported every line of the group without an actual in the report year, and only those', () => {
    const rep = councilReport(sample, 'workingGroup', 'cumulative');
    expect(rep.reportYear).toBe(latestReportedYear(sample));
    const pos = sample.yearPos.get(rep.reportYear)!;
    const groups = groupsOf(sample).workingGroup;
    for (const s of rep.sections) {
      const missing = groups.get(s.row.key)!.members.flatMap((m) => m.lines.filter((l) => l.actualByYear[pos] === null));
      expect(s.unreported.length).toBe(missing.length);
    }
    expect(rep.sections.some((s) => s.unreported.length > 0)).toBe(true);
  });

  it('the report year is the one asked for, else the latest with an actual', () => {
    const plan = makePlan([{ id: 'a', code: '1', targets: { 1402: 10, 1403: 10 }, actuals: { 1402: 5 } }]);
    const index = indexOf(plan);
    expect(latestReportedYear(index)).toBe(1402);
    expect(councilReport(index, 'workingGroup', 'annual', 1403).reportYear).toBe(1403);
    const none = indexOf(makePlan([{ id: 'a', code: '1', targets: { 1402: 10 } }]));
    expect(latestReportedYear(none)).toBe(none.years[0]);
  });

  it("ends each group's trend on the group's own achievement, with each year's realization from that year's funding", () => {
    const rep = councilReport(sample, 'workingGroup', 'cumulative');
    const groups = groupsOf(sample).workingGroup;
    for (const s of rep.sections) {
      expect(s.trend.map((p) => p.year)).toEqual([...sample.years]);
      expect(s.trend[s.trend.length - 1].achievement).toBe(s.row.achievement);
      const funded = fundedEntries(groups.get(s.row.key)!);
      for (const p of s.trend) expect(p.realization).toBe(budget(sample, funded, p.year).realization);
    }
  });

  it('stops the trend at the year asked for', () => {
    const rep = councilReport(sample, 'workingGroup', 'annual', 1403);
    for (const s of rep.sections) expect(s.trend.map((p) => p.year)).toEqual([1402, 1403]);
  });

  it('the total counts every indicator once and its budget is the whole plan', () => {
    const rep = councilReport(sample, 'district', 'cumulative');
    expect(rep.total.indicators).toBe(sample.indicatorList.length);
    expect(rep.total.budget).toEqual(budget(sample, sample.indicatorList));
    // District rows with the not-by-district row add up to the plan's planned funding.
    const planned = rep.sections.reduce((s, x) => s + (x.row.budget.planned ?? 0), 0);
    expect(planned).toBeCloseTo(rep.total.budget.planned ?? 0, 6);
  });
});

describe('council charts', () => {
  const rep = councilReport(sample, 'workingGroup', 'cumulative');
  const text = { lang: 'fa' as const, digits: 'fa' as const, title: 'کارگروه', achievement: 'تحقق', realization: 'تحقق بودجه' };

  it('draws each year with its achievement written in Persian digits', () => {
    const s = rep.sections.find((x) => x.trend.some((p) => p.achievement !== null))!;
    const svg = trendChartSvg(s.trend, text, { width: 600, height: 300 });
    expect(svg.startsWith('<svg')).toBe(true);
    // Well-formed XML: a document or a renderer takes it as it is.
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('۱۴۰۲');
    const shown = s.trend.find((p) => p.achievement !== null)!.achievement!;
    const label = formatPercent(Math.round(shown * 1000) / 1000, 'fa').replace(/٫۰(?=٪)/, '');
    expect(svg).toContain(label);
    expect(svg).not.toMatch(/NaN|undefined/);
  });

  it('leaves a missing value as a gap, not a bar of 0', () => {
    const svg = trendChartSvg([{ year: 1402, achievement: null, realization: null }], { ...text, lang: 'en', digits: 'latn' }, { width: 400, height: 300 });
    expect(svg).not.toContain('>0%<');
  });

  it('names every group in the overview', () => {
    const svg = overviewChartSvg(
      rep.sections.map((s) => ({ title: s.row.titleEn ?? s.row.title, achievement: s.row.achievement, realization: s.row.budget.realization })),
      { ...text, lang: 'en', digits: 'latn' },
      { width: 700, height: 320 },
    );
    expect(XMLValidator.validate(svg)).toBe(true);
    for (const s of rep.sections) expect(svg).toContain((s.row.titleEn ?? s.row.title).split(' ')[0]);
  });
});
