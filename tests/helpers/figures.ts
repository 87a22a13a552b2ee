// Figures as shown, read back: a realization with the parts it divides (`37.7% (106,005 of
// 281,175, 1402–1403)`, or in Persian) and the check that the percentage is those parts.
import { toAsciiDigits } from '../../src/core/numbers/digits';

/** A realization as shown (`37.7% (106,005 of 281,175, 1402–1403)`, or in Persian) read back into numbers. */
export function readShown(text: string): { percent: number; spent: number; planned: number; years: number[] } | null {
  const t = toAsciiDigits(text)
    .replace(/(?<=\d)[,٬](?=\d)/g, '')
    .replace(/٫/g, '.')
    .replace(/٪/g, '%')
    .replace(/ از /g, ' of ')
    .replace(/،/g, ',');
  const m = /(-?\d+(?:\.\d+)?)% \((-?\d+(?:\.\d+)?) of (-?\d+(?:\.\d+)?), ([\d–, ]+)\)/.exec(t);
  if (!m) return null;
  const years = m[4].split(', ').flatMap((r) => {
    const [a, b = a] = r.split('–').map(Number);
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  });
  return { percent: Number(m[1]), spent: Number(m[2]), planned: Number(m[3]), years };
}

/** The shown percentage is the shown spent over the shown planned, to the one decimal shown. */
export function expectAddsUp(text: string, years: readonly number[]): void {
  const r = readShown(text);
  if (r === null) throw new Error(`no realization with its parts in "${text}"`);
  expect(r.planned).toBeGreaterThan(0);
  // amounts are shown to 2 decimals: their rounding moves the ratio by at most this much
  const slack = 0.05 + (100 * 0.01 * (1 + r.spent / r.planned)) / r.planned + 1e-9;
  expect(Math.abs((100 * r.spent) / r.planned - r.percent)).toBeLessThanOrEqual(slack);
  expect(r.years.length).toBeGreaterThan(0);
  for (const y of r.years) expect(years).toContain(y);
}

