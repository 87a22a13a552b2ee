import fc from 'fast-check';
import { parseNumber } from '../../src/core/numbers/parse-number';
import { normalizeCode, reverseCode } from '../../src/core/numbers/codes';
import { parsePeriod } from '../../src/core/numbers/periods';
import { toAsciiDigits, toPersianDigits } from '../../src/core/numbers/digits';

const value = (s: unknown) => {
  const r = parseNumber(s);
  if (!r.ok) throw new Error(`refused ${JSON.stringify(s)}`);
  return r.value;
};

describe('numbers as people type them', () => {
  test.each([
    ['۸۰', 80],
    ['٨٠', 80],
    ['۰/۲', 0.2],
    ['۰٫۲', 0.2],
    ['0/2', 0.2],
    ['12.5', 12.5],
    ['۱٬۲۵۰', 1250],
    ['1,250,000', 1250000],
    ['80%', 80],
    ['۸۰٪', 80],
    ['  ۹۵  ', 95],
    ['\u200f۹۵\u200e', 95],
    ['-5', -5],
    ['−5', -5],
    ['68.68', 68.68],
    ['1.2E+15', 1.2e15],
    ['5e-324', 5e-324],
    [42, 42],
  ])('%j reads as %p', (input, expected) => {
    expect(value(input)).toBe(expected);
  });

  test.each(['', '   ', '-', '–', '—', null, undefined])('%j means no value (null)', (input) => {
    expect(value(input)).toBeNull();
  });

  test.each(['مطالعات امکان سنجی', 'abc', '12abc', '1,5', '1402/05/12', '5-', '--', 'e5', '1e', 'NaN', '%', true, Infinity])(
    '%j is refused with the text found, never read as 0',
    (input) => {
      const r = parseNumber(input);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.found).toBe(String(input));
        expect(r.reason.en).toMatch(/expected a number/);
        expect(r.reason.fa).toMatch(/عدد/);
      }
    },
  );

  test('parsing is idempotent: a read number reads back as itself, in Latin or Persian digits', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), fc.integer()), (n) => {
        const once = value(String(n));
        expect(value(String(once))).toBe(once);
        if (!/e/i.test(String(n))) expect(value(toPersianDigits(String(n)))).toBe(once);
      }),
    );
  });

  test('text with a letter in it is never turned into a number, let alone 0', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('a', 'x', 'ب', 'ن', 'Z'), fc.string(), (pre, letter, post) => {
        expect(parseNumber(pre + letter + post).ok).toBe(false);
      }),
    );
  });

  test('any string either is refused or reads as the number its digits say', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('1', '۲', '٣', '0', '/', ',', '٫', '%', ' ', '-', '.', 'x') }), (s) => {
        const r = parseNumber(s);
        if (r.ok && r.value === 0) expect(toAsciiDigits(s)).toMatch(/0/);
      }),
    );
  });
});

describe('codes', () => {
  test.each([
    ['۳-۶-۳-۴', '3-6-3-4'],
    ['٣-٦-٣-٤', '3-6-3-4'],
    ['3 – 6 — 3 − 4', '3-6-3-4'],
    ['۳ـ۶ـ۳', '3-6-3'],
    ['\u200e3-6-3-4 ', '3-6-3-4'],
  ])('%j normalizes to %j', (raw, code) => expect(normalizeCode(raw)).toBe(code));

  test('reversed codes read back to front, by segment', () => {
    expect(reverseCode('11-3-6-3')).toBe('3-6-3-11');
    fc.assert(fc.property(fc.array(fc.nat(99).map(String), { minLength: 1, maxLength: 5 }), (segs) => {
      const code = segs.join('-');
      expect(reverseCode(reverseCode(code))).toBe(code);
    }));
  });
});

describe('periods', () => {
  test.each([
    ['1403', '1403', undefined],
    [1403, '1403', undefined],
    ['۱۴۰۳', '1403', undefined],
    ['1403-H1', '1403-H1', 6],
    ['1403-h2', '1403-H2', 12],
    ['1403-Q2', '1403-Q2', 6],
    ['۱۴۰۳-Q۴', '1403-Q4', 12],
    ['1403-M07', '1403-M07', 7],
    ['1403-M7', '1403-M07', 7],
    ['1403 – M12', '1403-M12', 12],
  ])('%j is period %j', (input, key, endMonth) => {
    const p = parsePeriod(input as string | number);
    expect(p?.key).toBe(key);
    if (endMonth) expect(p?.endMonth).toBe(endMonth);
  });

  test.each(['1403-H3', '1403-Q5', '1403-M13', '1403-M00', '14030', '1403-X1', 'abc', '', 1403.5])('%j is not a period', (input) => {
    expect(parsePeriod(input as string | number)).toBeUndefined();
  });
});
