// Red team for the importer: Qazvin's real tables reshaped the way another working group of the
// book, another city's book, a secretariat's flat sheet or a PDF/Word conversion prints them. Every
// test asserts what a careful reader gets from the same page; nothing is invented, only reshaped.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import ExcelJS from 'exceljs';
import { importTables, type ImportResult, type SourceLines } from '../../src/core/importer/importer';
import { readSource } from '../../src/cli/import-command';
import { toPersianDigits } from '../../src/core/numbers/digits';
import { ROOT } from '../helpers/plan';
import { insertBefore, locateTables, measured, rawSources, truth, type TableBlock } from '../helpers/qazvin-tables';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the bench's own scoring, as the judge uses it
const { score } = require('../../bench/import-score') as { score: (r: unknown, b: unknown) => { exact: number; exactWithoutAnomaly: number; lost: string[]; inventedUnits: string[] } };

const clean = rawSources();
const tables = locateTables(clean);
const base = importTables(clean);
const blocks = truth();

/** What the judge looks at, and the units, for comparing a reshaped book with the clean one. */
function summary(r: ImportResult) {
  const s = score(r, blocks);
  return { plainExact: s.exactWithoutAnomaly, exact: s.exact, lost: s.lost.length, invented: s.inventedUnits, units: r.plan.units!.map((u) => u.title).sort(), rowsRead: r.account.rowsRead, skippedRows: r.account.skippedRows.length };
}
const baseSummary = summary(base);
const titles = (r: ImportResult) => r.plan.indicators.map((i) => i.title);

const trim = (r: string[]) => {
  const c = [...r];
  while (c.length && !c[c.length - 1].trim()) c.pop();
  return c;
};
const isHeaderRow = (r: string[]) => r.some((c) => /^[۱1][۴4][۰0][۲2]$/.test(c.trim()));
const isCodeRow = (r: string[]) => /کد\s*شاخص/.test(r[0] ?? '') && /[:：]/.test(r[0]);
const CODE_LINE = /^(#*\s*)(کد شاخص هدف عملیاتی)\s*:\s*(\S+)\s*$/;
const TITLE_LINE = /^(#*\s*)عنوان شاخص هدف عملیاتی\s*:\s*(.*)$/;
const mapRows = (f: (rows: string[][]) => string[][]): SourceLines[] => clean.map((s) => ({ source: s.source, rows: f(s.rows.map((r) => [...r])) }));
const headerCells = (f: (c: string) => string) => mapRows((rows) => rows.map((r) => (isHeaderRow(r) ? r.map(f) : r)));
const codeLines = (f: (mark: string, label: string, code: string, rest: string[]) => string[][]) =>
  mapRows((rows) =>
    rows.flatMap((r) => {
      if (!isCodeRow(r)) return [r];
      const t = trim(r);
      const m = CODE_LINE.exec(t[0])!;
      return f(m[1], m[2], m[3], t.slice(1));
    }),
  );
const unmarked = () => mapRows((rows) => rows.map((r) => r.map((c) => c.replace(/^#+\s*/, ''))));
const YEAR = /^[۱][۴][۰][۲-۶]$/;

const HEADER = ['عنوان شاخص هدف عملیاتی', 'واحد اندازه گیری', '۱۴۰۲', '۱۴۰۳', '۱۴۰۴', '۱۴۰۵', '۱۴۰۶', 'افق پنج ساله'];
const ITEMS_HEADER = ['زیر شاخص شاخص هدف عملیاتی', ...HEADER.slice(1)];
const DUTIES = 'این حوزه متشکل از سه گروه برنامهریزی، بودجه و آمار و مهندسی اطلاعات است.';
const code = (c: string) => [`کد شاخص هدف عملیاتی: ${c}`];
/** Rows under a working group and a unit (with its description), as the book prints them. */
const book = (rows: string[][]): SourceLines[] => [{ source: 'book.tsv', rows: [['## کارگروه تخصصی حکمروائی و هوشمندسازی'], [''], ['## مدیریت برنامه و بودجه'], [''], [DUTIES], [''], ...rows] }];
// Real rows of 01.tsv
const BUDGET = ['تحقق بودجه ریزی بر مبنای عملکرد (عملیاتی)', 'درصد', '۸۰', '۹۵', '۹۵', '۹۵', '۹۵', '۹۵'];
const BUDGET_LINE = { code: '1-7-5-2', title: BUDGET[0], measure: 'درصد', targets: { 1402: 80, 1403: 95, 1404: 95, 1405: 95, 1406: 95 }, horizon: 95 };
const INCOME = ['تحقق درآمد', 'درصد', '۸۰', '۹۵', '۹۵', '۹۵', '۹۵', '۹۵'];
const CURRENT = ['هزینه جاری', 'درصد', '۹۰', '۹۵', '۹۵', '۹۵', '۹۵', '۹۵'];
const line = (title: string, measure: string, t: number[], horizon: number | null, c: string) => ({ code: c, title, measure, targets: Object.fromEntries(t.map((v, i) => [String(1402 + i), v])), horizon });

describe('header rows as other books print them', () => {
  test.each([
    ['واحد سنجش', (c: string) => c.replace(/واحد اندازه ?گیری/, 'واحد سنجش')],
    ['سال ۱۴۰۲', (c: string) => (YEAR.test(c.trim()) ? `سال ${c.trim()}` : c)],
    ['افق ۱۴۰۶', (c: string) => (/افق/.test(c) ? 'افق ۱۴۰۶' : c)],
    ['شرح شاخص', (c: string) => (/^عنوان شاخص/.test(c) ? 'شرح شاخص' : c)],
  ])('the whole book with the header label %s reads as the clean book', (_, f) => {
    expect(summary(importTables(headerCells(f)))).toEqual(baseSummary);
  });

  test('a ردیف (row number) column before the title: the row numbers are not targets', () => {
    const numbered = mapRows((rows) => {
      let n = 0;
      let inTable = false;
      return rows.map((r) => {
        if (isHeaderRow(r)) {
          inTable = true;
          n = 0;
          return ['ردیف', ...r];
        }
        if (inTable && r.filter((c) => c.trim()).length >= 2 && !isCodeRow(r)) return [toPersianDigits(String(++n)), ...r];
        inTable = false;
        return r;
      });
    });
    expect(summary(importTables(numbered))).toEqual(baseSummary);
  });

  test.each([['هدف سال ۱۴۰۲'], ['پیش بینی ۱۴۰۲']])('year headers printed as «%s» are the plan years: the whole book reads as the clean one', (label) => {
    const prefix = label.replace(/\s*۱۴۰۲$/, '');
    expect(summary(importTables(headerCells((c) => (YEAR.test(c.trim()) ? `${prefix} ${c.trim()}` : c))))).toEqual(baseSummary);
  });

  test('a baseline column («وضع موجود») between the unit and the years is not the 1402 target', () => {
    const r = importTables(book([code('۱-۷-۵-۲'), ['عنوان شاخص هدف عملیاتی', 'واحد اندازه گیری', 'وضع موجود', '۱۴۰۲', '۱۴۰۳', '۱۴۰۴', '۱۴۰۵', '۱۴۰۶', 'افق پنج ساله'], [BUDGET[0], BUDGET[1], '۶۰', ...BUDGET.slice(2)]]));
    expect(measured(r.plan)).toEqual([BUDGET_LINE]);
  });

  test('a horizon column headed «هدف پنج ساله»: a text milestone in 1402 stays in 1402, the unit stays the unit', () => {
    // 02.tsv:28, the row with a milestone instead of the 1402 target
    const header = HEADER.map((c) => (/افق/.test(c) ? 'هدف پنج ساله' : c));
    const r = importTables(book([code('۱-۳-۲-۳'), header, ['اجرای کنترل مکانیزه محدوده طرح ترافیک', 'کیلومتر', 'مطالعات امکان سنجی', '۰/۲۵', '۰/۲۵', '۰/۲۵', '۰/۲۵', '۱']]));
    expect(measured(r.plan)).toEqual([{ code: '1-3-2-3', title: 'اجرای کنترل مکانیزه محدوده طرح ترافیک', measure: 'کیلومتر', targets: { 1402: null, 1403: 0.25, 1404: 0.25, 1405: 0.25, 1406: 0.25 }, horizon: 1 }]);
  });

  test('a two-row header (years under a merged «اهداف کمی سالانه») after another table: its label row is not a measured line', () => {
    const r = importTables(book([code('۱-۷-۵-۲'), HEADER, BUDGET, [''], code('۱-۷-۳-۵'), ['عنوان شاخص هدف عملیاتی: تطبیق عملکرد با بودجه مصوب'], ['زیر شاخص', 'واحد اندازه گیری', 'اهداف کمی سالانه', '', '', '', '', 'افق پنج ساله'], ['', '', '۱۴۰۲', '۱۴۰۳', '۱۴۰۴', '۱۴۰۵', '۱۴۰۶', ''], INCOME, CURRENT]));
    expect(measured(r.plan)).toEqual([BUDGET_LINE, line('تحقق درآمد', 'درصد', [80, 95, 95, 95, 95], 95, '1-7-3-5'), line('هزینه جاری', 'درصد', [90, 95, 95, 95, 95], 95, '1-7-3-5')]);
  });
});

describe('code lines as other books print them', () => {
  test.each<[string, (mark: string, label: string, c: string, rest: string[]) => string[][]]>([
    ['without a colon', (m, l, c) => [[`${m}${l} ${c}`]]],
    ['as «کد شاخص:»', (m, _, c) => [[`${m}کد شاخص: ${c}`]]],
    ['with «(ادامه)» after the code', (m, l, c) => [[`${m}${l}: ${c} (ادامه)`]]],
  ])('the whole book with its code lines %s reads as the clean book', (_, f) => {
    expect(summary(importTables(codeLines(f)))).toEqual(baseSummary);
  });

  test('a code line printed twice (heading and table) adds nothing: same lines, the duplicate accounted as a table without rows', () => {
    const r = importTables(codeLines((m, l, c) => [[`${m}${l}: ${c}`], [`${l}: ${c}`]]));
    expect(summary(r)).toEqual(baseSummary);
    expect(r.account.skippedTables).toHaveLength(base.account.tables);
  });

  test.each<[string, (mark: string, label: string, c: string, rest: string[]) => string[][]]>([
    ['with the code in the next cell', (m, l, c, rest) => [[`${m}${l}:`, c, ...rest]]],
    ['with the code in the next cell and no colon', (m, l, c) => [[`${m}${l}`, c]]],
    ['with the code on the next line', (m, l, c) => [[`${m}${l}:`], [c]]],
    ['reversed by a right-to-left conversion («۱-۷-۵-۲ :کد شاخص …»)', (m, l, c) => [[`${m}${c} :${l}`]]],
    ['as «شماره شاخص:»', (m, _, c) => [[`${m}شماره شاخص: ${c}`]]],
  ])('the whole book with its code lines %s reads as the clean book', (_, f) => {
    expect(summary(importTables(codeLines(f)))).toEqual(baseSummary);
  });

  test('codes printed with slashes («۱/۷/۵/۲») are the same codes, never cut to their first segment', () => {
    const r = importTables(codeLines((m, l, c) => [[`${m}${l}: ${c.replace(/-/g, '/')}`]]));
    expect(r.plan.indicators.slice(0, 3).map((i) => i.code)).toEqual(['1-7-5-2', '1-7-3-5', '1-7-4-5']);
    expect(summary(r)).toEqual(baseSummary);
  });
});

describe('indicator titles', () => {
  const titleIndex = (rows: string[][], i: number) => {
    for (let j = i + 1; j < Math.min(rows.length, i + 4); j++) if (TITLE_LINE.test(rows[j][0] ?? '')) return j;
    return -1;
  };
  const joinTitle = (f: (codeCell: string, title: string) => string[]) =>
    mapRows((rows) => {
      const gone = new Set<number>();
      return rows.flatMap((r, i) => {
        if (gone.has(i)) return [];
        const j = isCodeRow(r) ? titleIndex(rows, i) : -1;
        if (j < 0) return [r];
        gone.add(j);
        return [f(trim(r)[0], TITLE_LINE.exec(rows[j][0])![2].trim())];
      });
    });

  test.each<[string, (codeCell: string, title: string) => string[]]>([
    ['on the code line', (c, t) => [`${c} عنوان شاخص هدف عملیاتی: ${t}`]],
    ['in the cell after the code', (c, t) => [c, `عنوان شاخص هدف عملیاتی: ${t}`]],
  ])('a labelled title %s: every title as in the clean book', (_, f) => {
    const r = importTables(joinTitle(f));
    expect(titles(r)).toEqual(titles(base));
    expect(summary(r)).toEqual(baseSummary);
  });

  test('a title wrapped onto a second line: the title is both lines', () => {
    const wrapped = mapRows((rows) =>
      rows.flatMap((r) => {
        const m = TITLE_LINE.exec(r[0] ?? '');
        const words = m ? m[2].trim().split(' ') : [];
        if (words.length < 4) return [r];
        const k = Math.ceil(words.length / 2);
        return [[`${m![1]}عنوان شاخص هدف عملیاتی: ${words.slice(0, k).join(' ')}`], [words.slice(k).join(' ')]];
      }),
    );
    expect(titles(importTables(wrapped))).toEqual(titles(base));
  });

  test('a title printed without its label, on its own line between the code line and the header', () => {
    const r = importTables(mapRows((rows) => rows.map((r) => (TITLE_LINE.test(r[0] ?? '') ? [TITLE_LINE.exec(r[0])![2]] : r))));
    expect(titles(r)).toEqual(titles(base));
  });

  test('a title after the code on the code line, without its label («… ۱-۷-۳-۵ - تطبیق عملکرد با بودجه مصوب»)', () => {
    const r = importTables(joinTitle((c, t) => [`${c} - ${t}`]));
    expect(titles(r)).toEqual(titles(base));
  });
});

describe('rows wrapped by a PDF conversion', () => {
  test('a row title wrapped onto the next line (its other cells empty) is one title', () => {
    const r = importTables(book([code('۱-۷-۸-۴'), HEADER, ['اجرای ارزیابی عملکرد سازمانی در', 'تعداد دفعات در سال', '۱', '۲', '۴', '۴', '۴', '۱۵'], ['مجموعه شهرداری قزوین', '', '', '', '', '', '', '']]));
    expect(measured(r.plan)).toEqual([line('اجرای ارزیابی عملکرد سازمانی در مجموعه شهرداری قزوین', 'تعداد دفعات در سال', [1, 2, 4, 4, 4], 15, '1-7-8-4')]);
  });

  test('item titles wrapped between rows of an items table are kept whole', () => {
    const r = importTables(book([code('۱-۷-۸-۵'), ['عنوان شاخص هدف عملیاتی: رشد امتیاز شهرداری در ارزیابی عملکرد دستگاههای اجرایی استان'], ITEMS_HEADER, ['شاخصهای عمومی سازمان', 'امتیاز از ۱۰۰۰', '۷۵۰', '۸۰۰', '۸۵۰', '۹۰۰', '۹۵۰', '۹۵۰'], ['مدیریت'], ['شاخصهای اختصاصی سازمان', 'امتیاز از ۱۰۰۰', '۱۰۰۰', '۱۰۰۰', '۱۰۰۰', '۱۰۰۰', '۱۰۰۰', '۱۰۰۰'], ['مدیریت']]));
    expect(measured(r.plan).map((l) => l.title)).toEqual(['شاخصهای عمومی سازمان مدیریت', 'شاخصهای اختصاصی سازمان مدیریت']);
  });

  test('a unit of measure wrapped onto the next line is one unit', () => {
    const r = importTables(book([code('۱-۴-۶-۳'), HEADER, ['توسعه و ایجاد سامانه ETL', 'تعداد خطوط راه', '۲', '۲', '۰', '۰', '۰', '۴'], ['', 'اندازی شده', '', '', '', '', '', '']]));
    expect(measured(r.plan)).toEqual([line('توسعه و ایجاد سامانه ETL', 'تعداد خطوط راه اندازی شده', [2, 2, 0, 0, 0], 4, '1-4-6-3')]);
  });
});

describe('page furniture: running headers and footers', () => {
  /** Lines inserted before every table's code line and inside every table with two rows or more. */
  const everyPage = (sources: SourceLines[], lines: (s: SourceLines) => string[][]) =>
    insertBefore(
      sources,
      tables.flatMap((t) => [{ source: t.source, at: t.code, lines: lines(sources[t.source]) }, ...(t.rows.length >= 2 ? [{ source: t.source, at: t.rows[1], lines: lines(sources[t.source]) }] : [])]),
    );

  test.each([
    ['the book title', [['برنامه راهبردی عملیاتی پنج ساله سوم شهرداری قزوین']]],
    ['the book title and the page number in one cell', [['برنامه راهبردی عملیاتی پنج ساله سوم شهرداری قزوین - صفحه ۱۲']]],
    ['«صفحه ۱۲ از ۲۰۰»', [['صفحه ۱۲ از ۲۰۰']]],
    ['a date', [['۱۴۰۲/۰۳/۱۵']]],
    ['«شهرداری قزوین»', [['شهرداری قزوین']]],
  ])('a running line (%s) on every page of the marked book changes nothing', (_, lines) => {
    expect(summary(importTables(everyPage(clean, () => lines)))).toEqual(baseSummary);
  });

  test('a running header with the page number in a cell of its own («صفحه | ۱۲») is never a measured line', () => {
    const r = importTables(everyPage(clean, () => [['صفحه', '۱۲']]));
    expect(summary(r)).toEqual(baseSummary);
  });

  test('in a book without heading marks, a running header repeating the working group on every page keeps every table and unit', () => {
    const plain = unmarked();
    expect(summary(importTables(plain))).toEqual(baseSummary);
    const r = importTables(everyPage(plain, (s) => [[''], ['۱۲'], [s.rows[0][0]], ['']]));
    expect(summary(r)).toEqual(baseSummary);
  });

  test.each([
    ['a page number and a picture (the unit\'s logo)', [[''], ['۱۲'], ['![](media/image5.png)'], ['']]],
    ['«صفحه ۱۲ از ۲۰۰»', [['صفحه ۱۲ از ۲۰۰']]],
  ])('a page break (%s) between each unit heading and its description keeps the unit', (_, lines) => {
    const edits = clean.flatMap((s, si) => s.rows.flatMap((r, i) => (/^##\s+(?:مدیریت|سازمان)/.test(r[0] ?? '') ? [{ source: si, at: i + 1, lines }] : [])));
    expect(edits.length).toBeGreaterThan(5);
    expect(summary(importTables(insertBefore(clean, edits)))).toEqual(baseSummary);
  });
});

describe('unit headings as other books spell them', () => {
  const twoTables = [code('۱-۷-۵-۲'), HEADER, BUDGET, [''], code('۱-۷-۳-۵'), ['عنوان شاخص هدف عملیاتی: تطبیق عملکرد با بودجه مصوب'], ITEMS_HEADER, INCOME];
  test.each([['شهرداری منطقه ۲'], ['معاونت خدمات شهری'], ['اداره کل فناوری اطلاعات'], ['سازمان سیما، منظر و فضای سبز شهری']])('«## %s» with a description above its tables is their unit', (unit) => {
    const r = importTables([{ source: 'b.tsv', rows: [['## کارگروه تخصصی حکمروائی و هوشمندسازی'], [''], [`## ${unit}`], [DUTIES], ...twoTables] }]);
    expect(r.plan.units!.map((u) => u.title)).toEqual([unit]);
    expect(new Set(r.plan.indicators.map((i) => i.unit))).toEqual(new Set([r.plan.units![0].id]));
  });

  // Decided: where a book marks its headings, an unmarked line is no unit heading, even with prose
  // under it (a photo caption is followed by prose too). It is listed, and --units maps it.
  test('a unit heading in body text (bold, not a heading style) in a book whose working groups are headings: listed, not a unit; --units takes it', () => {
    const rows = [['## کارگروه تخصصی حکمروائی و هوشمندسازی'], [''], ['مدیریت برنامه و بودجه'], [DUTIES], ...twoTables];
    const r = importTables([{ source: 'b.tsv', rows }]);
    expect(r.plan.units).toEqual([]);
    expect(r.account.notUnits).toEqual([{ source: 'b.tsv', line: 3, text: 'مدیریت برنامه و بودجه', reason: expect.objectContaining({ en: 'not marked as a heading, as the headings of this source are' }) }]);
    const known = importTables([{ source: 'b.tsv', rows }], { knownUnits: [{ id: 'budget', title: 'مدیریت برنامه و بودجه' }] });
    expect(new Set(known.plan.indicators.map((i) => i.unit))).toEqual(new Set(['budget']));
  });
});

describe('numbers as cells print them', () => {
  const read = (cells: string[]) => {
    const r = importTables(book([code('۱-۷-۵-۲'), HEADER, [BUDGET[0], 'درصد', ...cells]]));
    const [l] = measured(r.plan);
    return { measure: l.measure, targets: l.targets ?? {}, horizon: l.horizon };
  };

  test.each([
    ['dashes of every width for none', ['—', '۹۵', '–', '۹۵', 'ـ', '۹۵'], [null, 95, null, 95, null], 95],
    ['thousands separators', ['۱٬۲۵۰', '۱,۲۵۰', '۱۲۵۰٫۵', '۹۵', '۹۵', '۱۲۵۰'], [1250, 1250, 1250.5, 95, 95], 1250],
    ['decimal points of every kind', ['۰.۵', '٠٫٥', '۰/۵', '۹۵/۵', '۸۰/۰۰', '۹۵'], [0.5, 0.5, 0.5, 95.5, 80], 95],
    ['direction marks and signs', ['\u200f۸۰', '\u200e۹۵', '+۹۵', '۹۵\u200c', '۹۵ %', '۹۵'], [80, 95, 95, 95, 95], 95],
  ])('%s', (_, cells, targets, horizon) => {
    expect(read(cells as string[])).toEqual({ measure: 'درصد', targets: Object.fromEntries((targets as Array<number | null>).map((v, i) => [String(1402 + i), v])), horizon });
  });

  test.each([['٪۸۰'], ['%۸۰']])('a percent sign printed before the number (%s, as right-to-left text shows it) is 80', (cell) => {
    const p = cell[0];
    expect(read([`${p}۸۰`, `${p}۹۵`, `${p}۹۵`, `${p}۹۵`, `${p}۹۵`, `${p}۹۵`])).toEqual({ measure: 'درصد', targets: { 1402: 80, 1403: 95, 1404: 95, 1405: 95, 1406: 95 }, horizon: 95 });
  });

  test.each([['(۸۰)'], ['۸۰-۸۵'], ['۸۰*']])('an odd 1402 cell (%s) never moves the other years\' targets or the unit', (cell) => {
    const r = read([cell, '۹۵', '۹۵', '۹۵', '۹۵', '۹۵']);
    expect(r.measure).toBe('درصد');
    expect(r.horizon).toBe(95);
    expect([r.targets[1403], r.targets[1404], r.targets[1405], r.targets[1406]]).toEqual([95, 95, 95, 95]);
    expect(r.targets[1402]).not.toBe(95);
  });

  test('a row printed right to left under a left-to-right header: title, unit and years in their places', () => {
    const r = importTables(book([code('۱-۷-۳-۵'), ['عنوان شاخص هدف عملیاتی: تطبیق عملکرد با بودجه مصوب'], ITEMS_HEADER, INCOME, [...CURRENT].reverse()]));
    expect(measured(r.plan)).toEqual([line('تحقق درآمد', 'درصد', [80, 95, 95, 95, 95], 95, '1-7-3-5'), line('هزینه جاری', 'درصد', [90, 95, 95, 95, 95], 95, '1-7-3-5')]);
  });
});

describe("a secretariat's flat sheet", () => {
  const YEARS = ['1402', '1403', '1404', '1405', '1406'];
  const num = (v: number | null) => (v === null ? '-' : toPersianDigits(String(v)).replace('.', '٫'));
  const plain = blocks.filter((b) => b.rows.every((r) => !r.anomaly));
  const single = plain.filter((b) => b.rows.length === 1).slice(0, 6);
  const multi = plain.filter((b) => b.rows.length > 1 && b.title).slice(0, 4);
  const expected = (bs: TableBlock[]) => bs.flatMap((b) => b.rows.map((r) => ({ code: b.codeAsPrinted, title: r.title, measure: r.measure, targets: r.targets, horizon: r.horizon })));
  const rowOf = (b: TableBlock) => [toPersianDigits(b.codeAsPrinted), b.rows[0].title!, b.rows[0].measure ?? '', ...YEARS.map((y) => num(b.rows[0].targets[y])), num(b.rows[0].horizon)];
  const flat = (header: string[], rows: string[][]) => importTables([{ source: 'flat.csv', rows: [header, ...rows] }]);
  const FLAT_HEADER = ['کد', 'عنوان', 'واحد اندازه گیری', ...YEARS.map(toPersianDigits), 'افق'];

  test('a ردیف column, a title line above the header, weight and budget-code columns: every line, the definitions taken', () => {
    const r = importTables([{ source: 'flat.csv', rows: [['جدول شاخص های برنامه پنج ساله سوم شهرداری قزوین'], [''], ['ردیف', ...FLAT_HEADER, 'وزن', 'کد بودجه'], ...single.map((b, i) => [toPersianDigits(String(i + 1)), ...rowOf(b), '۲', '۱۲۰۳۰۴'])] }]);
    expect(measured(r.plan)).toEqual(expected(single));
    expect(r.plan.indicators.map((i) => [i.weight, i.budgetCode])).toEqual(single.map(() => [2, '۱۲۰۳۰۴']));
  });

  test('merged cells exported blank: code, title, unit and working group only on the first row of each indicator', () => {
    const header = ['کارگروه', 'واحد مسئول', 'کد شاخص', 'عنوان شاخص', 'زیر شاخص', 'واحد اندازه گیری', ...YEARS.map(toPersianDigits), 'افق پنج ساله'];
    const rows = multi.flatMap((b) => b.rows.map((r, i) => [i ? '' : b.workingGroup, i ? '' : b.unit ?? '', i ? '' : toPersianDigits(b.codeAsPrinted), i ? '' : b.title!, r.title!, r.measure ?? '', ...YEARS.map((y) => num(r.targets[y])), num(r.horizon)]));
    const r = flat(header, rows);
    expect(measured(r.plan)).toEqual(expected(multi));
    expect(r.plan.indicators.map((i) => [i.code, i.title, r.plan.units!.find((u) => u.id === i.unit)?.title])).toEqual(multi.map((b) => [b.codeAsPrinted, b.title, b.unit]));
  });

  test('a measure column headed «واحد» is the unit of measure', () => {
    expect(measured(flat(FLAT_HEADER.map((c) => (c === 'واحد اندازه گیری' ? 'واحد' : c)), single.map(rowOf)).plan)).toEqual(expected(single));
  });

  test('an English sheet whose measure column is headed «Unit»: the measures are measures, not invented units', () => {
    const r = flat(['Code', 'Indicator', 'Unit', ...YEARS, 'Horizon'], single.map((b) => [b.codeAsPrinted, b.rows[0].title!, b.rows[0].measure!, ...YEARS.map((y) => String(b.rows[0].targets[y] ?? '-')), String(b.rows[0].horizon)]));
    expect(r.plan.units).toEqual([]);
    expect(measured(r.plan)).toEqual(expected(single));
  });

  test('year columns headed «هدف سال ۱۴۰۲»', () => {
    expect(measured(flat(FLAT_HEADER.map((c) => (/^[۱][۴]/.test(c) ? `هدف سال ${c}` : c)), single.map(rowOf)).plan)).toEqual(expected(single));
  });

  test('a two-row header: the years under a merged «هدف سالانه»', () => {
    const r = importTables([{ source: 'flat.csv', rows: [['کد', 'عنوان', 'واحد اندازه گیری', 'هدف سالانه', '', '', '', '', 'افق'], ['', '', '', ...YEARS.map(toPersianDigits), ''], ...single.map(rowOf)] }]);
    expect(measured(r.plan)).toEqual(expected(single));
  });

  test('a total row («جمع», no code) under the last indicator is not one of its items', () => {
    const r = flat(FLAT_HEADER, [...single.map(rowOf), ['', 'جمع', '', '۱۰', '۱۰', '۱۰', '۱۰', '۱۰', '۵۰']]);
    expect(measured(r.plan)).toEqual(expected(single));
    expect(r.account.rows).toBe(r.account.rowsRead + r.account.skippedRows.length);
  });
});

describe('files', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-redteam-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('an .xlsx whose percentages are percent-formatted cells (0.8 shown as 80%) reads 80, as the sheet shows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('شاخص ها');
    ws.addRow(['کد', 'عنوان', 'واحد اندازه گیری', 1402, 1403, 1404, 1405, 1406, 'افق']);
    const row = ws.addRow(['1-7-5-2', BUDGET[0], 'درصد', 0.8, 0.95, 0.95, 0.95, 0.95, 0.95]);
    for (let c = 4; c <= 9; c++) row.getCell(c).numFmt = '0%';
    await wb.xlsx.writeFile(path.join(tmp, 'percent.xlsx'));
    expect(measured(importTables(await readSource(path.join(tmp, 'percent.xlsx'))).plan)).toEqual([BUDGET_LINE]);
  });

  test('a CSV saved with semicolons (Excel where the list separator is not a comma) is read', async () => {
    fs.writeFileSync(path.join(tmp, 'semi.csv'), `\ufeff${['کد', 'عنوان', 'واحد اندازه گیری', '۱۴۰۲', '۱۴۰۳', '۱۴۰۴', '۱۴۰۵', '۱۴۰۶', 'افق'].join(';')}\n${['۱-۷-۵-۲', ...BUDGET].join(';')}\n`);
    expect(measured(importTables(await readSource(path.join(tmp, 'semi.csv'))).plan)).toEqual([BUDGET_LINE]);
  });
});

describe('size', () => {
  // Run in a child process with a memory cap, on the built importer (lib/, built by the suite's setup).
  // Timings are printed for the report, never asserted.
  const child = (script: string, mb: number) => JSON.parse(execFileSync(process.execPath, [`--max-old-space-size=${mb}`, '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 }).trim().split('\n').pop()!);
  const prelude = `const {importTables}=require('./lib/src/core/importer/importer.js');const fs=require('fs'),path=require('path');
    const idx=JSON.parse(fs.readFileSync('tests/fixtures/qazvin/raw/index.json','utf8'));
    const raw=Object.values(idx).map(v=>fs.readFileSync(path.join('tests/fixtures/qazvin',v.file),'utf8').split('\\n').map(l=>l.split('\\t')));`;

  test('the four working groups 100 times over (96,800 lines) in one source, under a 256 MB heap: every row read', () => {
    const out = child(`${prelude}const rows=[];for(let i=0;i<100;i++)for(const r of raw)rows.push(...r);
      const t=Date.now();const res=importTables([{source:'big.tsv',rows}]);
      console.log(JSON.stringify({ms:Date.now()-t,rows:res.account.rows,read:res.account.rowsRead,heapMB:Math.round(process.memoryUsage().heapUsed/1e6)}));`, 256);
    console.log(`redteam size: 96,800 lines imported in ${out.ms} ms, heap ${out.heapMB} MB`);
    expect({ rows: out.rows, read: out.read }).toEqual({ rows: 28000, read: 28000 });
  });

  test('cells of 32,767 characters (the most an Excel cell holds) in year columns are read without stalling', () => {
    const out = child(`${prelude}const long=['۱ '+'-'.repeat(32760)+'۱','۱'+' '.repeat(32760)+'۲','۱'+'('.repeat(32766)];
      const rows=[...raw[0]];const at=rows.findIndex(r=>r[0].startsWith('تحقق درآمد'));
      for(const c of long)rows.splice(at+1,0,['طولانی','درصد',c,'۱','۱','۱','۱','۱']);
      const t=Date.now();const res=importTables([{source:'long.tsv',rows}]);
      console.log(JSON.stringify({ms:Date.now()-t,rows:res.account.rows,accounted:res.account.rowsRead+res.account.skippedRows.length}));`, 256);
    console.log(`redteam size: three 32,767-character cells imported in ${out.ms} ms`);
    expect(out.accounted).toBe(out.rows);
  });
});
