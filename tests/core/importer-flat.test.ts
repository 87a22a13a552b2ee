// Flat tables, the first layout anyone tries: one row per indicator (or per item), headers found by
// their names in Persian or English, columns in any order. Made from Qazvin's hand-checked tables,
// so the expected reading is the book's own.
import * as fc from 'fast-check';
import { importTables } from '../../src/core/importer/importer';
import { toPersianDigits } from '../../src/core/numbers/digits';
import { measured, truth, type TableBlock } from '../helpers/qazvin-tables';

const YEARS = ['1402', '1403', '1404', '1405', '1406'];
type Column = { fa: string; en: string; cell: (b: TableBlock, r: TableBlock['rows'][number]) => string };
const num = (v: number | null) => (v === null ? '-' : toPersianDigits(String(v)).replace('.', '٫'));

const COLUMNS: Record<string, Column> = {
  code: { fa: 'کد شاخص', en: 'Code', cell: (b) => toPersianDigits(b.codeAsPrinted) },
  measure: { fa: 'واحد اندازه گیری', en: 'Unit of measure', cell: (_, r) => r.measure ?? '' },
  horizon: { fa: 'افق پنج ساله', en: 'Horizon', cell: (_, r) => (r.horizon === null ? '' : num(r.horizon)) },
  ...Object.fromEntries(YEARS.map((y) => [y, { fa: toPersianDigits(y), en: y, cell: (_: TableBlock, r: TableBlock['rows'][number]) => num(r.targets[y]) } as Column])),
};

/** A flat sheet: the header in the given language and column order, then one row per line. */
function flat(order: string[], lang: 'fa' | 'en', columns: Record<string, Column>, blocks: TableBlock[]): string[][] {
  return [order.map((k) => columns[k][lang]), ...blocks.flatMap((b) => b.rows.map((r) => order.map((k) => columns[k].cell(b, r))))];
}

const expected = (blocks: TableBlock[], title: (b: TableBlock, r: TableBlock['rows'][number]) => string | null) =>
  blocks.flatMap((b) => b.rows.map((r) => ({ code: b.codeAsPrinted, title: title(b, r), measure: r.measure, targets: r.targets, horizon: r.horizon })));

describe('flat tables', () => {
  // Rows whose book reading needed no interpretation: a flat table holds them as they are.
  const plain = truth().filter((b) => b.rows.every((r) => !r.anomaly || /^horizon/.test(r.anomaly)));

  test('one row per indicator, columns in any order, Persian or English headers: every line as the book reads it', () => {
    const single = plain.filter((b) => b.rows.length === 1);
    const columns = { ...COLUMNS, title: { fa: 'عنوان شاخص هدف عملیاتی', en: 'Indicator', cell: (b: TableBlock, r: TableBlock['rows'][number]) => b.title ?? r.title ?? '' } };
    fc.assert(
      fc.property(fc.shuffledSubarray(Object.keys(columns), { minLength: Object.keys(columns).length }), fc.constantFrom('fa' as const, 'en' as const), (order, lang) => {
        const r = importTables([{ source: 'flat.tsv', rows: flat(order, lang, columns, single) }]);
        expect(measured(r.plan)).toEqual(expected(single, (b, row) => b.title ?? row.title));
        expect(r.account).toMatchObject({ rows: single.length, rowsRead: single.length, skippedRows: [] });
      }),
      { numRuns: 25 },
    );
  });

  test('one row per item with the indicator title, the responsible unit and the working group in columns of their own', () => {
    const columns = {
      ...COLUMNS,
      title: { fa: 'عنوان شاخص', en: 'Indicator title', cell: (b: TableBlock) => b.title ?? '' },
      item: { fa: 'زیر شاخص', en: 'Sub-indicator', cell: (_: TableBlock, r: TableBlock['rows'][number]) => r.title ?? '' },
      unit: { fa: 'واحد مسئول', en: 'Responsible unit', cell: (b: TableBlock) => b.unit ?? '' },
      wg: { fa: 'کارگروه', en: 'Working group', cell: (b: TableBlock) => b.workingGroup },
    };
    const order = ['wg', 'unit', 'code', 'title', 'item', 'measure', ...YEARS, 'horizon'];
    const r = importTables([{ source: 'items.tsv', rows: flat(order, 'fa', columns, plain) }]);
    expect(measured(r.plan)).toEqual(expected(plain, (_, row) => row.title));
    // units come from the column, each listed with the line it first appears on; none invented
    const units = new Set(plain.map((b) => b.unit).filter(Boolean));
    expect(new Set(r.plan.units!.map((u) => u.title))).toEqual(units);
    expect(r.account.units.map((u) => u.title).sort()).toEqual([...units].sort());
    expect(r.plan.workingGroups!.map((w) => w.title)).toEqual([...new Set(plain.map((b) => b.workingGroup.replace(/^کارگروه\s*(تخصصی\s*)?/, '')))]);
    // an indicator with a title has its items under it
    const titled = r.plan.indicators.find((i) => i.title === plain.find((b) => b.title && b.rows.length > 1)!.title)!;
    expect(titled.items!.length).toBeGreaterThan(1);
  });

  test('a row whose code cell holds no code is reported with its line, never dropped', () => {
    const rows = [
      ['کد', 'عنوان', 'واحد اندازه گیری', '۱۴۰۲', '۱۴۰۳', 'افق'],
      ['۱-۲-۳', 'تحقق درآمد', 'درصد', '۸۰', '۹۵', '۹۵'],
      ['ردیف ندارد', 'هزینه جاری', 'درصد', '۹۰', '۹۵', '۹۵'],
    ];
    const r = importTables([{ source: 'flat.csv', rows }]);
    expect(r.account.skippedRows).toEqual([{ source: 'flat.csv', line: 3, text: 'ردیف ندارد | هزینه جاری | درصد | ۹۰ | ۹۵ | ۹۵', reason: expect.objectContaining({ en: "'ردیف ندارد' in the code column is not a code" }) }]);
    expect(r.account.rows).toBe(2);
  });
});
