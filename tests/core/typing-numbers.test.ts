// Which typed cells the pane turns into numbers, and to what (core/grid/typed-numbers.ts).
import fc from 'fast-check';
import { actualCellsOf, actualParts, numbersToWrite, typedNumber } from '../../src/core/grid/typed-numbers';
import { KEY_ID, layoutSheets, toMatrix } from '../../src/core/grid/layout';
import { TEMPLATE_ID, T_FIRST_ROW } from '../../src/core/templates/template';
import { toPersianDigits } from '../../src/core/numbers/digits';
import { loadPlan } from '../../src/core/plan/load';
import { sampleText } from '../helpers/plan';

const arabicIndic = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));

describe('typedNumber', () => {
  test.each([
    ['۱/۵', 1.5],
    ['١٢٫٥', 12.5],
    ['۸۰٪', 80],
    ['۱٬۲۵۰', 1250],
    [' ۳۳ ', 33],
    ['-۴', -4],
    ['\u200f۷۰', 70],
  ])('%s → %s', (text, n) => expect(typedNumber(text)).toBe(n));

  test.each([
    ['Latin digits Excel reads itself', '1.5'],
    ['a number already', 12],
    ['empty', ''],
    ['none', '-'],
    ['words with digits (the merge reports them)', 'حدود ۱۰'],
    ['two numbers', '۱۰-۲۰'],
    ['a date-like text', '۱۴۰۳/۰۵/۰۱'],
    ['null', null],
  ])('%s is left as it is', (_why, v) => expect(typedNumber(v)).toBeUndefined());

  test('any decimal written in Persian or Arabic-Indic digits reads back as itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 999 }), fc.boolean(), (whole, frac, persian) => {
        const latin = `${whole}${frac ? `.${String(frac).padStart(3, '0')}` : ''}`;
        const text = persian ? toPersianDigits(latin).replace('.', '/') : arabicIndic(latin).replace('.', '\u066b');
        // A lone zero is 0 (never -0), as Excel stores it.
        expect(typedNumber(text)).toBe(Number(latin) === 0 ? 0 : Number(latin));
      }),
    );
  });

  test('text without Persian or Arabic-Indic characters is never converted', () => {
    fc.assert(fc.property(fc.string().filter((s) => !/[\u0660-\u066c\u06f0-\u06f9]/.test(s)), (s) => expect(typedNumber(s)).toBeUndefined()));
  });
});

describe('the actual cells of a sheet', () => {
  const index = loadPlan(sampleText()).index!;
  const [model] = layoutSheets(index);
  const ids = toMatrix(model)[0];

  test("an indicator sheet's actual columns, from its first data row", () => {
    const actual = actualCellsOf(ids)!;
    expect(actual.firstRow).toBe(2);
    expect(actual.columns.map((c) => ids[c])).toEqual(index.years.map((y) => `actual:${y}`));
  });

  test("a template's actual column, below its header; other sheets have none", () => {
    expect(actualCellsOf([TEMPLATE_ID, 'code', 'sofar', 'actual:1403-H1', 'note:1403-H1'])).toEqual({ firstRow: T_FIRST_ROW - 1, columns: [3] });
    expect(actualCellsOf(['something', 'actual:1403'])).toBeUndefined();
    expect(actualCellsOf([])).toBeUndefined();
    expect(actualCellsOf([KEY_ID, 'code', 'comment'])).toBeUndefined();
  });

  test('a changed area is cut to the actual columns it crosses and to the data rows in use', () => {
    const actual = { firstRow: 2, columns: [8, 12] };
    expect(actualParts({ row: 0, column: 0, rows: 1048576, columns: 20 }, actual, 40)).toEqual([
      { row: 2, column: 8, rows: 39, columns: 1 },
      { row: 2, column: 12, rows: 39, columns: 1 },
    ]);
    expect(actualParts({ row: 5, column: 9, rows: 3, columns: 3 }, actual, 40)).toEqual([]);
    expect(actualParts({ row: 0, column: 8, rows: 2, columns: 1 }, actual, 40)).toEqual([]);
    expect(numbersToWrite({ row: 4, column: 8, rows: 3, columns: 1 }, [['۱'], ['x'], [2]])).toEqual([{ row: 4, column: 8, value: 1 }]);
  });
});
