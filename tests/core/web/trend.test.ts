import type { Plan } from '../../../src/core/plan/plan.types';
import { loadPlan } from '../../../src/core/plan/load';
import { buildReport } from '../../../src/core/report/report';
import { indicatorCard, indicatorTrend } from '../../../src/core/web/trend';
import { clone, indexOf, sampleText } from '../../helpers/plan';

const raw = JSON.parse(sampleText()) as Plan;
const sample = loadPlan(sampleText()).index!;
const CAP = raw.meta.achievement!.cap!;
const clamp = (r: number) => Math.min(CAP, Math.max(0, r));

describe('indicatorTrend over the Qazvin sample', () => {
  test('a line without items: targets and actuals as the plan holds them, annual achievement A/T, status', () => {
    const t = indicatorTrend(sample, '1-7-5-2')!;
    expect(t.years.map((y) => y.year)).toEqual([1402, 1403, 1404, 1405, 1406]);
    expect(t.years.map((y) => y.target)).toEqual([80, 95, 95, 95, 95]);
    expect(t.years.map((y) => y.actual)).toEqual([92, 58, null, null, null]);
    expect(t.years[0].annual).toBeCloseTo(92 / 80, 12);
    expect(t.years[0].status).toBe('green');
    expect(t.years[1].annual).toBeCloseTo(58 / 95, 12);
    expect(t.years[1].status).toBe('red'); // 61% < amber 70%
    expect(t.years[2]).toMatchObject({ annual: null, status: '' }); // unreported is not failed
    expect(t.years[4].cumulative).toBeCloseTo(58 / 95, 12); // aggregation last: the latest reported year
    expect(t.lines).toEqual([{ ref: '1-7-5-2', title: raw.indicators.find((i) => i.id === '1-7-5-2')!.title, targets: [80, 95, 95, 95, 95], actuals: [92, 58, null, null, null] }]);
  });

  test('an indicator with items: the mean of its items, computed here from the JSON', () => {
    const ind = raw.indicators.find((i) => i.id === '1-7-3-5')!;
    const mean = (y: string) => {
      const rs = ind.items!.filter((it) => typeof it.actuals?.[y] === 'number').map((it) => clamp(it.actuals![y]! / it.targets![y]!));
      return rs.reduce((a, b) => a + b, 0) / rs.length;
    };
    const t = indicatorTrend(sample, '1-7-3-5')!;
    expect(t.years[0].annual).toBeCloseTo(mean('1402'), 12);
    expect(t.years[1].annual).toBeCloseTo(mean('1403'), 12);
    expect(t.lines.map((l) => l.ref)).toEqual(['1-7-3-5.1', '1-7-3-5.2', '1-7-3-5.3']);
    expect(t.lines[1].actuals.slice(0, 2)).toEqual([52, 104]);
  });

  test('every indicator and year gives the numbers of `report --by indicator --mode annual --year Y`', () => {
    for (const year of sample.years) {
      const report = new Map(buildReport(sample, 'indicator', 'annual', year).rows.map((r) => [r.key, r]));
      const cumulative = new Map(buildReport(sample, 'indicator', 'cumulative', year).rows.map((r) => [r.key, r]));
      for (const e of sample.indicatorList) {
        const y = indicatorTrend(sample, e.id)!.years.find((x) => x.year === year)!;
        expect([e.id, y.annual, y.status]).toEqual([e.id, report.get(e.id)!.achievement, report.get(e.id)!.status]);
        expect([e.id, y.cumulative]).toEqual([e.id, cumulative.get(e.id)!.achievement]);
      }
    }
  });

  test('refs: an id, a unique code in Persian digits; an item, a group or nothing is undefined', () => {
    expect(indicatorTrend(sample, '۱-۷-۵-۲')?.id).toBe('1-7-5-2');
    expect(indicatorTrend(sample, '1-7-3-5.1')).toBeUndefined();
    expect(indicatorTrend(sample, 'wg:governance')).toBeUndefined();
    expect(indicatorTrend(sample, 'no-such')).toBeUndefined();
    expect(indicatorTrend(sample, '')).toBeUndefined();
    expect(indicatorCard(sample, 'no-such')).toBeUndefined();
    expect(indicatorCard(sample, '__proto__')).toBeUndefined();
  });
});

describe('indicatorCard', () => {
  test('the definition of a funded indicator, with titles resolved', () => {
    const ind = raw.indicators.find((i) => i.id === '3-3-1-2')!;
    const c = indicatorCard(sample, '3-3-1-2')!;
    const wg = raw.workingGroups!.find((w) => w.id === ind.workingGroup)!;
    expect(c).toMatchObject({
      id: '3-3-1-2',
      code: '3-3-1-2',
      title: ind.title,
      measure: ind.measure ?? '',
      horizon: ind.horizon ?? null,
      unit: { id: 'budget-office', title: 'مدیریت برنامه و بودجه' },
      workingGroup: { id: wg.id, title: wg.title },
      budgetCode: '',
      districts: [],
      notes: [],
    });
    expect(c.funding).toEqual([
      { year: 1402, planned: 10039, spent: 7841 },
      { year: 1403, planned: 12548, spent: null },
      { year: 1404, planned: null, spent: null },
      { year: 1405, planned: null, spent: null },
      { year: 1406, planned: null, spent: null },
    ]);
    const vision = raw.nodes!.find((n) => n.id === ind.parent)!;
    expect(c.path).toEqual([{ id: vision.id, level: 'vision', levelTitle: 'چشم‌انداز', title: vision.title }]);
  });

  test('districts come from the items', () => {
    const c = indicatorCard(sample, '2-2-3@civil-deputy')!;
    const titles = new Map(raw.districts!.map((d) => [d.id, d.title]));
    expect(c.districts).toEqual(['d1', 'd2', 'd3', 'd4'].map((id) => ({ id, title: titles.get(id) })));
  });

  test('a deeper tree, notes by period, evidence, method and budget code', () => {
    const p = clone(raw);
    p.nodes!.push({ id: '1-7', level: 'strategy', parent: '1', title: 'راهبرد بودجه' }, { id: '1-7-5', level: 'policy', parent: '1-7', title: 'سیاست عملیاتی' });
    const ind = p.indicators.find((i) => i.id === '1-7-3-5')!;
    Object.assign(ind, { parent: '1-7-5', budgetCode: '۱۲۰۱', evidence: 'گزارش خزانه', method: 'نسبت تحقق', notes: { '1403': 'سالانه', '1402-H2': 'نیمه دوم' } });
    ind.items![1].notes = { '1403-Q1': 'فصل اول' };
    const c = indicatorCard(indexOf(p), '1-7-3-5')!;
    expect(c.path.map((n) => [n.id, n.levelTitle, n.title])).toEqual([
      ['1', 'چشم‌انداز', raw.nodes!.find((n) => n.id === '1')!.title],
      ['1-7', 'راهبرد', 'راهبرد بودجه'],
      ['1-7-5', 'سیاست اجرایی', 'سیاست عملیاتی'],
    ]);
    expect(c.notes).toEqual([
      { ref: '1-7-3-5', period: '1402-H2', text: 'نیمه دوم' },
      { ref: '1-7-3-5', period: '1403', text: 'سالانه' },
      { ref: '1-7-3-5.2', period: '1403-Q1', text: 'فصل اول' },
    ]);
    expect(c).toMatchObject({ budgetCode: '۱۲۰۱', evidence: 'گزارش خزانه', method: 'نسبت تحقق', aggregation: 'sum', polarity: 'positive' });
  });
});
