/** @jest-environment jsdom */
// The pane in Persian: numbers in Persian digits, codes, periods and paths isolated from the
// right-to-left text around them, periods read as the pane shows them, every label following a
// language switch, Jalali dates in the change log.
import '@testing-library/jest-dom';
import fc from 'fast-check';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { PlanStore } from '../../src/runtime/plan-store';
import type { Plan } from '../../src/core/plan/plan.types';
import { FakeWorkbook } from '../helpers/fake-workbook';
import { sampleText } from '../helpers/plan';
import { outsideIsolates, proseOf } from '../helpers/isolates';
import { parseShownPeriod, showPeriod } from '../../src/core/numbers/periods';
import { isolate, ltr, readable } from '../../src/core/numbers/bidi';
import { toPersianDigits } from '../../src/core/numbers/digits';
import { defaultTemplatePeriod } from '../../src/core/templates/template';
import { loadPlan } from '../../src/core/plan/load';
import { STRINGS } from '../../src/taskpane/i18n';
import { FEATURE_API, type Feature } from '../../src/excel/capabilities';

const LATIN_DIGIT = /[0-9]/;
/** Text with every isolated run (LRI/RLI/FSI … PDI) taken out: what reads as Persian prose. */
const prose = outsideIsolates;
/** The pane's text outside `<bdi>` elements and isolates. */
const paneProse = () => proseOf(screen.getByTestId('pane'));

async function setup(plan: string = sampleText()) {
  const workbook = new FakeWorkbook();
  const store = new PlanStore(workbook);
  await store.open(plan, 'qazvin.plan.json');
  render(<App store={store} gateway={workbook} host={{ displayLanguage: 'en-US', dark: false }} loadSample={async () => plan} saveFile={() => undefined} />);
  await screen.findByRole('region', { name: 'مشکلات' });
  await screen.findByRole('region', { name: 'تغییرات اخیر' });
  return { workbook, store };
}
const click = async (name: RegExp | string) => {
  const button = await screen.findByRole('button', { name });
  await act(async () => {
    fireEvent.click(button);
  });
};
const switchLanguage = () => fireEvent.click(screen.getByRole('button', { name: /زبان|Language/ }));
const periodBox = () => screen.getByRole('textbox', { name: /سال یا دوره|Year or period/ });
const templatePeriods = (w: FakeWorkbook) => [...w.sheets.values()].map((m) => m[1]).filter((r) => r?.[0] === 'plansheets:template').map((r) => r[3]);

describe('periods as the pane shows them', () => {
  test.each([
    ['۱۴۰۳-H1', '1403-H1'],
    ['۱۴۰۳-H۱', '1403-H1'],
    ['۱۴۰۳-ن۱', '1403-H1'],
    ['۱۴۰۳ - نیمه ۲', '1403-H2'],
    ['H1-1403', '1403-H1'],
    ['ن۱-۱۴۰۳', '1403-H1'],
    ['۱۴۰۳-ف۲', '1403-Q2'],
    ['۱۴۰۳-م۷', '1403-M07'],
    [ltr('۱۴۰۳-H۱'), '1403-H1'],
    ['۱۴۰۳', '1403'],
  ])('%s is %s', (typed, key) => {
    expect(parseShownPeriod(typed)?.key).toBe(key);
  });

  test.each(['۱۴۰۳-ن۳', 'H1', '1403-X1', 'ن-۱۴۰۳', '۱۴۰۳-ف۵', 'نیمه'])('%s is not a period', (typed) => {
    expect(parseShownPeriod(typed)).toBeUndefined();
  });

  test('every period key, shown in either language and isolated, reads back as itself', () => {
    const key = fc.tuple(fc.integer({ min: 1300, max: 1500 }), fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 2 }).map((n) => `-H${n}`), fc.integer({ min: 1, max: 4 }).map((n) => `-Q${n}`), fc.integer({ min: 1, max: 12 }).map((n) => `-M${String(n).padStart(2, '0')}`)));
    fc.assert(
      fc.property(key, fc.constantFrom('fa' as const, 'en' as const), ([y, part], lang) => {
        const k = `${y}${part}`;
        expect(parseShownPeriod(showPeriod(k, lang))?.key).toBe(k);
        expect(parseShownPeriod(ltr(showPeriod(k, lang)))?.key).toBe(k);
        if (lang === 'fa') expect(showPeriod(k, lang)).not.toMatch(LATIN_DIGIT);
      }),
    );
  });
});

describe('messages from elsewhere, made readable', () => {
  test('a Persian message: its path, code and period isolated left to right; its other numbers in Persian digits', () => {
    const text = readable('مقدار /indicators/3/horizon برای 3-6-3-4 در 1403-H1 برابر 12.5 است (سطر 7)', 'fa');
    expect(text).toContain(ltr('/indicators/3/horizon'));
    expect(text).toContain(ltr('3-6-3-4'));
    expect(text).toContain(ltr('۱۴۰۳-H۱'));
    expect(text).toContain('۱۲٫۵');
    expect(text).toContain('(سطر ۷)');
    expect(prose(text)).not.toMatch(LATIN_DIGIT);
  });

  test('a cell address and a version stay as written; text already isolated is not isolated again', () => {
    expect(readable("'کارگروه'!E12 با UTF-8", 'fa')).toBe(`${ltr("'کارگروه'!E12")} با UTF-8`);
    expect(readable(`کد ${ltr('3-6-3-4')}`, 'fa')).toBe(`کد ${ltr('3-6-3-4')}`);
  });

  test('what a message quotes in an isolate keeps its Latin digits: a key searched for in the file is found as shown', () => {
    const text = readable(`کلید "${isolate('1410')}" در سال 1403 و ${ltr('1403-H1')} (سطر 7)`, 'fa');
    expect(text).toBe(`کلید "${isolate('1410')}" در سال ۱۴۰۳ و ${ltr('1403-H1')} (سطر ۷)`);
    // nested isolates: nothing inside the outer one changes
    const nested = `${isolate(`a ${ltr('3-6-3-4')} 12`)} 12`;
    expect(readable(nested, 'fa')).toBe(`${isolate(`a ${ltr('3-6-3-4')} 12`)} ۱۲`);
  });

  test('in English only isolates are added: taking them out gives the message back', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab /-.1234HQM\'!E'.split('')) }), (s) => {
        expect(readable(s, 'en').replace(/[\u2066\u2069]/g, '')).toBe(s);
      }),
    );
  });
});

test('every Persian label and message: counts, years and periods in Persian digits, anything Latin isolated', () => {
  const fa = STRINGS.fa;
  const said = [
    ...Object.values(fa).filter((v): v is string => typeof v === 'string'),
    fa.importReport({ workingGroups: 4, units: 12, blocks: 38, indicators: 116, rows: 84 }),
    fa.interpreted(7),
    fa.errorsFound(3),
    fa.problemsCount(2, 15),
    fa.built(4, 12),
    fa.orphans(2),
    fa.syncSummary(1, 0, 3),
    fa.applied(1, 12),
    fa.imported(2, 13),
    fa.factsDone(1400, false),
    fa.missingFeatures(Object.keys(FEATURE_API) as Feature[]),
    fa.periodInvalid('1399', [1402, 1403, 1404]),
    fa.actualOf('1403-M07'),
    fa.targetOf('1405'),
    fa.urlHttpError('https://example.org/p1.json', '404 Not Found'),
  ];
  for (const text of said) expect(prose(text)).not.toMatch(LATIN_DIGIT);
  expect(fa.actualOf('1403-M07')).toBe(`عملکرد ${ltr('۱۴۰۳-M۰۷')}`);
});

describe('the pane in Persian', () => {
  test('no Latin digit outside isolated codes and paths, in the pane as the sample opens', async () => {
    await setup();
    const text = paneProse();
    expect(text.length).toBeGreaterThan(500);
    expect(text).not.toMatch(LATIN_DIGIT);
  });

  test('the period hint is one isolated run, and JSON paths are isolated left to right', async () => {
    await setup();
    const label = screen.getByText(/سال یا دوره/);
    expect(label.textContent).toContain(ltr('۱۴۰۳-H۱'));
    expect(label.textContent).not.toMatch(/1403/);
    const problems = screen.getByRole('region', { name: 'مشکلات' });
    const paths = problems.querySelectorAll('bdi[dir="ltr"]');
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(p.textContent).toMatch(/^\//);
  });

  test('a period typed as shown (Persian digits, Persian part letter) makes its template', async () => {
    const { workbook } = await setup();
    fireEvent.change(periodBox(), { target: { value: '۱۴۰۳-ن۱' } });
    await click('افزودن برگه قالب');
    expect(await screen.findByText(/برگه قالب .* افزوده شد/)).toBeInTheDocument();
    fireEvent.change(periodBox(), { target: { value: 'H2-۱۴۰۴' } });
    await click('افزودن برگه قالب');
    expect(templatePeriods(workbook)).toEqual(['1403-H1', '1404-H2']);
  });

  test('a period not of the plan: refused in Persian, and in English after a switch', async () => {
    const { workbook } = await setup();
    fireEvent.change(periodBox(), { target: { value: '۱۳۹۹-ن۱' } });
    await click('افزودن برگه قالب');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/سال یا دوره‌ای از این برنامه نیست/);
    expect(alert.textContent).toContain('۱۴۰۲، ۱۴۰۳، ۱۴۰۴، ۱۴۰۵، ۱۴۰۶');
    expect(prose(alert.textContent!)).not.toMatch(LATIN_DIGIT);
    switchLanguage();
    expect(screen.getByRole('alert')).toHaveTextContent(/is not a year or period of this plan: type one of its years \(1402, 1403, 1404, 1405, 1406\)/);
    expect(templatePeriods(workbook)).toEqual([]);
  });

  test('every label switches with the language, messages already shown included, and back', async () => {
    await setup();
    await click('ساختن برگه‌ها');
    expect(await screen.findByText(/۴ برگه نوشته شد/)).toBeInTheDocument();
    switchLanguage();
    expect(screen.getByText(/4 sheets written/)).toBeInTheDocument();
    expect(screen.queryByText(/برگه نوشته شد/)).toBeNull();
    // the default period (this Jalali year within the plan) until something is typed, in the pane's digits
    const year = defaultTemplatePeriod(loadPlan(sampleText()).index!).key;
    expect(periodBox()).toHaveValue(year);
    expect(screen.getByRole('region', { name: 'Recent changes' })).toBeInTheDocument();
    // Nothing Persian left in the pane's own words (plan titles and names are the plan's).
    const pane = screen.getByTestId('pane');
    for (const name of ['Indicator sheets', 'Unit template', 'Problems', 'Build sheets', 'Import filled templates (.xlsx)']) expect(within(pane).getAllByText(name, { exact: false }).length).toBeGreaterThan(0);
    switchLanguage();
    expect(screen.getByText(/۴ برگه نوشته شد/)).toBeInTheDocument();
    expect(periodBox()).toHaveValue(toPersianDigits(year));
  });

  test('the change log dates in the Jalali calendar, in the pane\'s language', async () => {
    const plan = JSON.parse(sampleText()) as Plan;
    plan.changes = [{ at: '2025-03-21T10:00:00Z', by: 'مریم', ref: '1-7-5-2', field: 'actuals.1403-H1', from: null, to: 82 }];
    await setup(JSON.stringify(plan));
    const log = screen.getByRole('list', { name: 'تغییرات اخیر' });
    const time = log.querySelector('time')!;
    // 21 March 2025, 13:30 in Tehran: 1 Farvardin 1404
    expect(time).toHaveTextContent('۱۴۰۴/۰۱/۰۱ ۱۳:۳۰');
    expect(time).toHaveAttribute('dateTime', '2025-03-21T10:00:00Z');
    expect(log.textContent).toContain(`عملکرد ${ltr('۱۴۰۳-H۱')}`);
    expect(log.textContent).toContain('۸۲');
    expect(prose(log.textContent!.replace('\u200e1-7-5-2', ''))).not.toMatch(LATIN_DIGIT);
    switchLanguage();
    expect(screen.getByRole('list', { name: 'Recent changes' }).querySelector('time')).toHaveTextContent('1404/01/01 13:30');
  });
});
