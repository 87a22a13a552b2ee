// Issue 13 point 5 on the command line: `--lang fa` output entirely in Persian with Persian
// digits (`--digits latn` for Latin ones), and Jalali dates from the platform's Persian calendar.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { report } from '../../src/cli/commands';
import { jalaliDate, formatAmount, formatPercent, formatYears, inDigits } from '../../src/core/numbers/format';
import { filledBusTemplate, busLine } from '../helpers/filled-template';
import { makePlan, SAMPLE_PATH } from '../helpers/plan';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-fa-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const at = (f: string) => path.join(tmp, f);

async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const LATIN_DIGIT = /[0-9]/;
/** A line without its isolate marks (LRI/FSI … PDI): for checking its words and layout. */
const unmarked = (line: string) => line.replace(/[\u2066-\u2069]/g, '');
const PERSIAN_DIGIT = /[۰-۹]/;

describe('shared formatting (core/numbers/format)', () => {
  test('amounts, percentages and years in Persian and Latin digits', () => {
    expect(formatAmount(1234567.891, 'fa')).toBe('۱٬۲۳۴٬۵۶۷٫۸۹');
    expect(formatAmount(1234567.891, 'latn')).toBe('1,234,567.89');
    expect(formatPercent(0.377, 'fa')).toBe('۳۷٫۷٪');
    expect(formatPercent(-0.5, 'latn')).toBe('-50.0%');
    expect(formatYears([1406, 1402, 1403, 1404], 'fa')).toBe('۱۴۰۲–۱۴۰۴، ۱۴۰۶');
    expect(formatYears([1403], 'latn')).toBe('1403');
    // words around numbers keep their own punctuation
    expect(inDigits('a, b. 3,5 and 2.5%', 'fa')).toBe('a, b. ۳٬۵ and ۲٫۵٪');
  });

  test('Jalali dates in Tehran time, leap years from the calendar', () => {
    // Nowruz 1403 began on 20 March 2024; 1403 is a leap year (Esfand has 30 days)
    expect(jalaliDate('2024-03-20T12:00:00Z', 'latn')).toBe('1403/01/01');
    expect(jalaliDate('2025-03-20T12:00:00Z', 'latn')).toBe('1403/12/30');
    // 21:00 UTC is 00:30 the next day in Tehran
    expect(jalaliDate('2026-03-20T21:00:00Z', 'fa', true)).toBe('۱۴۰۵/۰۱/۰۱ ۰۰:۳۰');
    expect(jalaliDate('2026-03-20T20:00:00Z', 'latn', true)).toBe('1404/12/29 23:30');
    expect(jalaliDate('not a date', 'fa')).toBeNull();
  });
});

describe('plansheets --lang fa report', () => {
  test('headings, column names, status words and every figure in Persian', async () => {
    const r = await cli('--lang', 'fa', 'report', SAMPLE_PATH);
    expect(r.code).toBe(0);
    const [title, scope, date, rule, blank, header] = r.out;
    expect(title).toBe('برنامه راهبردی عملیاتی پنج‌ساله سوم شهر و شهرداری قزوین (نمونه)');
    expect(scope).toBe('بر حسب کارگروه، دستیابی تجمعی تا ۱۴۰۶؛ بودجه همه سال‌ها، ۱۴۰۲–۱۴۰۶ (میلیون ریال)');
    expect(date).toMatch(/^تاریخ گزارش [۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}$/);
    expect(rule).toMatch(/^تحقق بودجه = هزینه‌شده \/ مصوب/);
    expect(blank).toBe('');
    expect(header.split(/\s{2,}/)).toEqual(['شناسه', 'عنوان', 'دستیابی', 'وضعیت', 'شاخص‌ها', 'گزارش‌شده', 'مصوب', 'هزینه‌شده', 'تحقق بودجه']);
    const rows = r.out.slice(7);
    expect(rows.length).toBe(4);
    for (const line of rows) {
      // the key (an id as the plan spells it) is the only Latin text
      const rest = line.replace(/^\S+\s+/, '');
      expect(rest).not.toMatch(/[A-Za-z0-9]/);
      expect(rest).toMatch(/(مطلوب|هشدار|نامطلوب)/);
      expect(rest).toMatch(/[۰-۹]+٫[۰-۹]٪ \([۰-۹٬]+ از [۰-۹٬]+، ۱۴۰۲\)/);
    }
    // governance by hand from the sample: 106,005 spent of 124,969 planned in 1402 = 84.8%
    expect(r.out.find((l) => l.startsWith('\u2068governance\u2069'))).toContain('۸۴٫۸٪ (۱۰۶٬۰۰۵ از ۱۲۴٬۹۶۹، ۱۴۰۲)');
  });

  test('--digits latn: the same Persian report with Latin digits', async () => {
    const fa = await cli('--lang', 'fa', 'report', SAMPLE_PATH, '--by', 'unit', '--year', '1402');
    const latn = await cli('--lang', 'fa', '--digits', 'latn', 'report', SAMPLE_PATH, '--by', 'unit', '--year', '1402');
    expect(latn.code).toBe(0);
    expect(latn.out.join('\n')).not.toMatch(PERSIAN_DIGIT);
    expect(latn.out[1]).toBe('بر حسب حوزه اجرایی، دستیابی تجمعی در 1402؛ بودجه 1402 (میلیون ریال)');
    // the tables differ only in their digits and separators (the columns' widths are the same)
    const toLatin = (s: string) => s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/٬/g, ',').replace(/٫/g, '.').replace(/٪/g, '%');
    expect(fa.out.slice(2).map(toLatin)).toEqual(latn.out.slice(2));
    // and English may ask for Persian digits
    const enFa = await cli('--digits', 'fa', 'report', SAMPLE_PATH);
    expect(enFa.out[7]).toMatch(/^governance\s+Governance & smart city\s+[۰-۹]+٫[۰-۹]٪\s+amber/);
    expect((await cli('--digits', 'roman', 'report', SAMPLE_PATH)).code).toBe(2);
  });

  test('the report date is the Jalali date of the day it was made', () => {
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: () => undefined };
    report(SAMPLE_PATH, { by: 'workingGroup', mode: 'cumulative', lang: 'fa', now: new Date('2026-03-20T21:00:00Z') }, io);
    expect(out[2]).toBe('تاریخ گزارش ۱۴۰۵/۰۱/۰۱');
    out.length = 0;
    report(SAMPLE_PATH, { by: 'workingGroup', mode: 'cumulative', lang: 'en', now: new Date('2025-03-20T12:00:00Z') }, io);
    expect(out[2]).toBe('date 1403/12/30 (Jalali)');
  });

  test('--by district: funding not wholly in one district on its own row, in Persian', async () => {
    const r = await cli('--lang', 'fa', 'report', SAMPLE_PATH, '--by', 'district');
    const last = r.out[r.out.length - 1];
    expect(last).toMatch(/^-\s+بدون تفکیک منطقه\s/);
    expect(last).toContain('۱٬۰۱۹٬۹۸۹'); // all the sample's planned funding: no indicator is wholly in one district
  });
});

describe('plansheets --lang fa: validate, build, templates, merge', () => {
  const broken = at('broken.json');
  beforeAll(() => fs.writeFileSync(broken, JSON.stringify(makePlan([{ code: '1', aggregation: 'last', unit: 'ghost', targets: { '1403': 80 }, horizon: 120 }]))));

  test('validate: severity words and counts in Persian, the JSON path as it is', async () => {
    const r = await cli('--lang', 'fa', 'validate', broken);
    expect(r.code).toBe(1);
    // the path as it is, isolated left to right from the Persian around it
    expect(r.out.find((l) => l.includes('/indicators/0/unit'))).toMatch(/^خطا {4}\u2066\/indicators\/0\/unit\u2069 {2}\S/);
    expect(r.out[r.out.length - 1]).toBe(`\u2068${broken}\u2069: ۱ خطا، ۱ هشدار`);
    for (const line of r.out) expect(line.replace(broken, '').replace(/\/indicators\/\S+/, '')).not.toMatch(LATIN_DIGIT);
    const latn = await cli('--lang', 'fa', '--digits', 'latn', 'validate', broken);
    expect(latn.out[latn.out.length - 1]).toBe(`\u2068${broken}\u2069: 1 خطا، 1 هشدار`);
    // a quoted value is what the file holds: its digits stay as written
    const typed = at('typed.json');
    fs.writeFileSync(typed, JSON.stringify(makePlan([{ code: '1', aggregation: 'last', targets: { '1403': '80' as unknown as number } }])));
    expect(unmarked((await cli('--lang', 'fa', 'validate', typed)).out.join('\n'))).toMatch(/^خطا {4}\/indicators\/0\/targets\/1403 {2}.*"80"/m);
    // English unchanged
    expect((await cli('validate', broken)).out.pop()).toBe(`${broken}: 1 error, 1 warning`);
  });

  test('build and templates: what was written, in Persian', async () => {
    const b = await cli('--lang', 'fa', 'build', SAMPLE_PATH, '-o', at('q.xlsx'));
    expect(b.code).toBe(0);
    expect(b.out.map(unmarked)).toEqual([expect.stringMatching(/q\.xlsx: ۴ برگه \(.+\)، ۳۳۱ سطر؛ داده‌ها: ۱۴۰۰ سطر$/)]);
    const t = await cli('--lang', 'fa', 'templates', SAMPLE_PATH, '-o', at('t'), '--unit', 'bus-org', '--year', '1403-H1');
    expect(t.code).toBe(0);
    // the period as the pane shows it, and as `--year` reads it back
    expect(t.out.map(unmarked)).toEqual([expect.stringMatching(/\.xlsx: [۰-۹]+ سطر، دوره ۱۴۰۳-H۱، ویرایش ۰$/)]);
    expect((await cli('--lang', 'fa', 'templates', SAMPLE_PATH, '-o', at('t2'), '--unit', 'bus-org', '--year', '۱۴۰۳-H۱')).out).toEqual(t.out.map((l) => l.replace(`${path.sep}t${path.sep}`, `${path.sep}t2${path.sep}`)));
  });

  test('merge: each change and the summary in Persian, numbers in Persian digits', async () => {
    const line = busLine();
    fs.writeFileSync(at('bus.xlsx'), Buffer.from(await filledBusTemplate({ [line.id]: '۴۲' })));
    const r = await cli('--lang', 'fa', 'merge', SAMPLE_PATH, at('bus.xlsx'), '-o', at('merged.json'), '--by', 'دبیرخانه');
    expect(r.code).toBe(0);
    const from = line.indicator.actuals?.['1403'];
    expect(unmarked(r.out[0])).toMatch(new RegExp(`^اعمال شد\\s+bus\\.xlsx\\s+'.+'!\\S+\\s+${line.id}\\s+actuals\\.1403: ${from === undefined ? '\\(خالی\\)' : inDigits(String(from), 'fa')} ← ۴۲$`));
    expect(r.out[1]).toBe(`۱ تغییر اعمال شد؛ \u2068${at('merged.json')}\u2069 نوشته شد (ویرایش ۱)`);
  });
});
