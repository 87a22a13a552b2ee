// The damage a book suffers on its way to text (page breaks inside tables, page numbers, photo
// captions, row labels, a header left on the previous page), applied to Qazvin's real tables: the
// import must read the same lines, account for every table and row, and invent no unit.
import * as fc from 'fast-check';
import { importTables, type SourceLines } from '../../src/core/importer/importer';
import { insertBefore, locateTables, measured, rawSources } from '../helpers/qazvin-tables';

const clean = rawSources();
const tables = locateTables(clean);
const base = importTables(clean);
const baseLines = measured(base.plan);
const unitTitles = (r: ReturnType<typeof importTables>) => r.plan.units!.map((u) => u.title).sort();

/** The account's sums hold: every table and every table row is found again. */
function balanced(r: ReturnType<typeof importTables>): void {
  const a = r.account;
  expect(a.tables).toBe(a.indicators + a.continued + a.skippedTables.length);
  expect(a.rows).toBe(a.rowsRead + a.skippedRows.length);
}

const CAPTION = ['سازمان آتش نشانی و خدمات ایمنی شهرداری قزوین'];
const PAGE = ['۱۲۵'];

type Damage = 'page-number' | 'picture-and-caption' | 'marked-caption' | 'org-row-label' | 'split-under-code' | 'caption-between-tables';
const DAMAGES: Damage[] = ['page-number', 'picture-and-caption', 'marked-caption', 'org-row-label', 'split-under-code', 'caption-between-tables'];

/** The lines one damage inserts inside a table, before its k-th data row. */
function damageLines(d: Damage, codeLine: string[]): string[][] {
  switch (d) {
    case 'page-number':
      return [[''], PAGE, ['']];
    case 'picture-and-caption':
      return [PAGE, ['![](media/image12.jpeg)'], CAPTION, ['']];
    case 'marked-caption':
      return [PAGE, [`## ${CAPTION[0]}`], ['']];
    case 'org-row-label':
      return [['مدیریت حمل و نقل عمومی']];
    case 'split-under-code':
      // The rest of the table on the next page under its code again, with no header row.
      return [[''], PAGE, [''], codeLine];
    case 'caption-between-tables':
      // A photo caption marked as a heading, before the table's code line (inserted there).
      return [[''], [`## ${CAPTION[0]}`], ['']];
  }
}

describe("damaged copies of Qazvin's tables", () => {
  test('the undamaged tables are all read and accounted for', () => {
    balanced(base);
    expect(base.account.skippedRows).toEqual([]);
    expect(base.account.ignoredLines).toEqual([]);
  });

  test('a table that continues after a page break with no header row (page number, picture, caption between) loses no row and makes no unit', () => {
    // The case: seven rows after the break. Pick a table with at least 7 rows and break it after its first.
    const t = tables.find((x) => x.rows.length >= 7)!;
    const damaged = insertBefore(clean, [{ source: t.source, at: t.rows[1], lines: [[''], PAGE, ['![](media/image3.png)'], CAPTION, [''], [`## ${CAPTION[0]}`]] }]);
    const r = importTables(damaged);
    expect(measured(r.plan)).toEqual(baseLines);
    expect(unitTitles(r)).toEqual(unitTitles(base));
    balanced(r);
    expect(r.account.ignoredLines.map((l) => l.reason.en)).toEqual(['a page number', 'a picture']);
    expect(r.account.notUnits.map((n) => n.text)).toEqual([CAPTION[0], CAPTION[0]]);
  });

  test('a page number between tables is never a measured line', () => {
    const t = tables[5];
    const r = importTables(insertBefore(clean, [{ source: t.source, at: t.rows[t.rows.length - 1] + 1, lines: [PAGE, ['- ۱۲۶ -'], ['صفحه ۱۲۷']] }]));
    expect(measured(r.plan)).toEqual(baseLines);
    expect(r.account.ignoredLines).toHaveLength(3);
    expect(JSON.stringify(r.plan)).not.toMatch(/"horizon":12[5-7]\b/);
  });

  test('a code line and title left on one page, the header and rows on the next: read with that header', () => {
    const t = tables.find((x) => x.header > x.code + 1)!;
    const r = importTables(insertBefore(clean, [{ source: t.source, at: t.header, lines: [[''], PAGE, ['![](media/image7.png)'], ['']] }]));
    expect(measured(r.plan)).toEqual(baseLines);
    balanced(r);
  });

  test('any mix of page-break damage inside any tables reads the same lines, with every row accounted for', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ table: fc.nat(tables.length - 1), damage: fc.constantFrom(...DAMAGES), at: fc.nat(20) }), { maxLength: 8, selector: (d) => d.table }),
        (picks) => {
          const edits = picks
            .map((p) => ({ p, t: tables[p.table] }))
            .filter(({ t }) => t.rows.length >= 2)
            .map(({ p, t }) => ({ source: t.source, at: p.damage === 'caption-between-tables' ? t.code : t.rows[1 + (p.at % (t.rows.length - 1))], lines: damageLines(p.damage, clean[t.source].rows[t.code]) }));
          const r = importTables(insertBefore(clean, edits));
          expect(measured(r.plan)).toEqual(baseLines);
          expect(unitTitles(r)).toEqual(unitTitles(base));
          balanced(r);
          expect(r.account.skippedRows).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('rows with no code line above them are reported with their lines, never dropped silently', () => {
    const rows = [['پروژه بدون کد', 'درصد', '۱۰', '۲۰', '۳۰', '۴۰', '۵۰', '۵۰'], ['پروژه دوم', 'عدد', '۱', '۱', '۱', '۱', '۱', '۵']];
    const sources: SourceLines[] = [{ source: 'orphans.tsv', rows: [['## کارگروه تخصصی فنی و عمرانی'], ...rows] }, ...clean];
    const r = importTables(sources);
    expect(r.account.skippedRows.map((s) => [s.source, s.line])).toEqual([
      ['orphans.tsv', 2],
      ['orphans.tsv', 3],
    ]);
    expect(r.account.skippedRows[0].text).toContain('پروژه بدون کد');
    balanced(r);
  });

  test('a code line with no rows under it is in the account as a table without rows', () => {
    const t = tables[3];
    const r = importTables(insertBefore(clean, [{ source: t.source, at: t.code, lines: [['کد شاخص هدف عملیاتی: ۹-۹-۹-۹'], ['']] }]));
    expect(r.account.skippedTables.map((s) => s.text)).toEqual(['9-9-9-9']);
    balanced(r);
    expect(measured(r.plan)).toEqual(baseLines);
  });
});
