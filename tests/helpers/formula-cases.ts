/** PLAN function calls shared by the Excel wrapper test and `plansheets eval`. */
export const FORMULA_CASES: Array<[name: string, args: unknown[]]> = [
  ['TARGET', ['1-7-5-2', 1403]],
  ['TARGET', ['۱-۷-۵-۲']],
  ['TARGET', ['1-7-3-5.1', '1403-H1']],
  ['ACTUAL', ['1-7-5-2', 1402]],
  ['ACTUAL', ['1-7-5-2']],
  ['ACHIEVEMENT', ['wg:transport']],
  ['ACHIEVEMENT', ['1-7-5-2', 1403, 'annual']],
  ['ACHIEVEMENT', ['district:d1', '۱۴۰۳', 'horizon']],
  ['STATUS', ['wg:governance']],
  ['BUDGET', ['wg:civil', 1402]],
  ['BUDGET', ['unit:bus-org', 1402, 'spent']],
  ['INFO', ['1-2-3@bus-org', 'title']],
  ['CODES', ['unit', 'bus-org']],
  ['YEARS', []],
  ['TARGET', ['no-such-ref']],
  ['ACHIEVEMENT', ['1-7-5-2', 1403, 'weekly']],
  ['ACTUAL', ['1-7-3-5']],
  ['BUDGET', ['1-7-3-5.1', 1402]],
];

/** The same call as an Excel formula. */
export function formulaOf(name: string, args: unknown[]): string {
  return `=PLAN.${name}(${args.map((a) => JSON.stringify(a)).join(',')})`;
}
