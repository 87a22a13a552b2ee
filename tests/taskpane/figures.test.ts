// The pane writes figures as the command line does (issue 13 point 5): the same digits, decimal
// and percent signs and decimals, whatever the browser's Intl data says.
import { number, percent } from '../../src/taskpane/i18n';
import { percent as cliPercent } from '../../src/cli/output';

describe("the pane's figures", () => {
  test.each([
    [0.377, 'fa', '۳۷٫۷٪'],
    [0.848, 'en', '84.8%'],
    [0.5, 'fa', '۵۰٫۰٪'],
    [1.25, 'en', '125.0%'],
  ] as const)('percent(%p, %s) is %s, as the command line prints it', (v, lang, shown) => {
    expect(percent(v, lang)).toBe(shown);
    expect(percent(v, lang)).toBe(cliPercent(v, lang === 'fa' ? 'fa' : 'latn'));
  });

  test('no ratio is a dash', () => expect(percent(null, 'fa')).toBe('—'));

  test.each([
    [1403, 'fa', '۱۴۰۳'],
    [281175, 'fa', '۲۸۱۱۷۵'],
    [2.5, 'fa', '۲٫۵'],
    [0.125, 'en', '0.125'],
    [-3, 'fa', '-۳'],
  ] as const)('number(%p, %s) is %s: no grouping, the value as typed', (v, lang, shown) => expect(number(v, lang)).toBe(shown));
});
