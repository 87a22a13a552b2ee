// How the importer reads what the books print: decimal commas, numbers followed by words, districts
// in words, repeated codes with their own titles, polarity and aggregation with their reasons, and
// units only with evidence (or from the known list). Real Qazvin rows, changed as other books print them.
import * as fc from 'fast-check';
import { importTables, type SourceLines } from '../../src/core/importer/importer';
import { readNumberCell } from '../../src/core/importer/cells';
import { districtNumber } from '../../src/core/importer/districts';
import { matchKnownUnit } from '../../src/core/importer/units';
import { buildIndex } from '../../src/core/plan/plan-index';
import { lineAchievement } from '../../src/core/achievement/achievement';
import { toPersianDigits } from '../../src/core/numbers/digits';
import { locateTables, measured, rawSources } from '../helpers/qazvin-tables';

const clean = rawSources();
const tables = locateTables(clean);
const HEADER = ['عنوان شاخص هدف عملیاتی', 'واحد اندازه گیری', '۱۴۰۲', '۱۴۰۳', '۱۴۰۴', '۱۴۰۵', '۱۴۰۶', 'افق پنج ساله'];
const ITEMS_HEADER = ['زیر شاخص شاخص هدف عملیاتی', ...HEADER.slice(1)];
const book = (rows: string[][]): SourceLines[] => [{ source: 'book.tsv', rows: [['## کارگروه تخصصی حمل و نقل و ترافیک'], [''], ['## سازمان حمل و نقل و ترافیک'], [''], [DUTIES], [''], ...rows] }];
const code = (c: string) => [`کد شاخص هدف عملیاتی: ${c}`];
const DUTIES = 'اهم وظایف این سازمان به عنوان زیر مجموعه معاونت حمل و نقل و ترافیک عبارتند از:';

describe('numbers as the books print them', () => {
  test('a decimal comma is read when it cannot be a thousands separator, and reported', () => {
    const r = importTables(book([code('۱-۲-۳'), HEADER, ['سرانه فضای سبز', 'مترمربع', '۱,۵', '۲,۲۵', '۳', '۱,۲۵۰', '۴', '۱,۲۵۰']]));
    expect(r.plan.indicators[0].targets).toEqual({ 1402: 1.5, 1403: 2.25, 1404: 3, 1405: 1250, 1406: 4 });
    expect(r.anomalies.filter((a) => /decimal comma/.test(a.found)).map((a) => a.reading)).toEqual(['1.5', '2.25']);
  });

  test('a number followed by words keeps the number, and the words as that year\'s note, reported', () => {
    const r = importTables(book([code('۱-۲-۴'), HEADER, ['احداث پارکینگ طبقاتی', 'عدد', '۲۵۰ بااستثنای منطقه ۴', '۳۰۰', '-', '-', '-', '۵۵۰ (تا پایان برنامه)']]));
    const ind = r.plan.indicators[0];
    expect(ind.targets).toMatchObject({ 1402: 250, 1403: 300 });
    expect(ind.horizon).toBe(550);
    expect(ind.notes).toEqual({ 1402: 'بااستثنای منطقه ۴', 1406: 'تا پایان برنامه' });
    expect(r.anomalies.filter((a) => /followed by words/.test(a.found))).toHaveLength(2);
  });

  test('number cells: any plain number reads as itself, with or without words after it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), fc.constantFrom('', ' بااستثنای مناطق', ' (برآورد)'), fc.boolean(), (n, words, persian) => {
        const digits = persian ? toPersianDigits(String(n)) : String(n);
        const r = readNumberCell(digits + words)!;
        expect(r.value).toBe(n);
        expect(r.words ?? '').toBe(words.trim().replace(/^\(|\)$/g, ''));
      }),
    );
    expect(readNumberCell('مطالعات امکان سنجی')).toBeUndefined();
  });

  test('districts in digits or words, and places that are not districts', () => {
    expect(['منطقه ۳', 'منطقه3', 'شهرداری منطقه سه', 'لوله گذاری در منطقه یک', 'منطقه دوم', 'منطقه بیست و دو', 'District 4'].map(districtNumber)).toEqual([3, 3, 3, 1, 2, 22, 4]);
    expect(['منطقه نمونه گردشگری باراجین', 'مناطق چهارگانه', 'منطقه یکپارچه', 'منطقه دهکده'].map(districtNumber)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('tables and titles', () => {
  test('consecutive tables with one printed code and their own titles are separate indicators with distinct ids, reported', () => {
    const r = importTables(book([code('۳-۲-۳'), HEADER, ['میزان توان اجرای تقاطع های غیرهمسطح', 'مترمربع', '۲۰۰۰', '۲۰۰۰', '۲۰۰۰', '۲۰۰۰', '۲۰۰۰', '۱۰۰۰۰'], [''], code('۳-۲-۳'), HEADER, ['میزان توان اجرای کمربندی های سطح شهر', 'مترمربع', '۸۰۰۰', '۸۰۰۰', '۸۰۰۰', '۸۰۰۰', '۸۰۰۰', '۴۰۰۰۰'], [''], code('۳-۲-۳'), ['عنوان شاخص هدف عملیاتی: نرخ رشد تعمیر و نگهداری پل ها'], ITEMS_HEADER, ['درصد پیشرفت نگهداری پل ها', 'تعداد', '۵۰', '۵۰', '۵۰', '۵۰', '۵۰', '۵۰']]));
    const ids = r.plan.indicators.map((i) => i.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(r.plan.indicators.map((i) => i.title)).toEqual(['میزان توان اجرای تقاطع های غیرهمسطح', 'میزان توان اجرای کمربندی های سطح شهر', 'نرخ رشد تعمیر و نگهداری پل ها']);
    expect(r.anomalies.filter((a) => /own title/.test(a.found))).toHaveLength(2);
    expect(r.account).toMatchObject({ tables: 3, indicators: 3, continued: 0 });
  });

  test('a table that repeats its code and title, or has none, continues the one above', () => {
    const title = ['عنوان شاخص هدف عملیاتی: افزایش سامانه های هوشمند مدیریت ترافیک'];
    const r = importTables(book([code('۱-۶-۲-۳'), title, ITEMS_HEADER, ['چراغ های راهنمایی هوشمند', 'عدد', '۱', '۱', '۱', '۱', '۱', '۵'], [''], code('۱-۶-۲-۳'), title, ITEMS_HEADER, ['تابلوی متغیر خبری VMS', 'عدد', '۱', '۱', '۱', '۱', '۱', '۵'], code('۱-۶-۲-۳'), ITEMS_HEADER, ['دوربین پلاک خوان', 'عدد', '۲', '۲', '۲', '۲', '۲', '۱۰']]));
    expect(r.plan.indicators).toHaveLength(1);
    expect(r.plan.indicators[0].items!.map((i) => i.title)).toEqual(['چراغ های راهنمایی هوشمند', 'تابلوی متغیر خبری VMS', 'دوربین پلاک خوان']);
    expect(r.account).toMatchObject({ tables: 3, indicators: 1, continued: 2 });
  });

  test('a district label inside a table gives the rows below it their district; it is not a unit', () => {
    const r = importTables(book([code('۲-۲-۴'), ['عنوان شاخص هدف عملیاتی: بهسازی معابر'], ITEMS_HEADER, ['منطقه یک'], ['آسفالت', 'مترمربع', '۱', '۱', '۱', '۱', '۱', '۵'], ['منطقه دو'], ['آسفالت', 'مترمربع', '۲', '۲', '۲', '۲', '۲', '۱۰']]));
    expect(r.plan.indicators[0].items!.map((i) => i.district)).toEqual(['d1', 'd2']);
    expect(r.plan.units!.map((u) => u.title)).toEqual(['سازمان حمل و نقل و ترافیک']);
  });
});

describe('polarity and aggregation, inferred with a reason', () => {
  const result = importTables(clean);
  const line = (title: string) => {
    for (const ind of result.plan.indicators) {
      if (ind.title === title && !ind.items) return { polarity: ind.polarity, ref: ind.id!, aggregation: ind.aggregation };
      const it = ind.items?.find((i) => i.title === title);
      if (it) return { polarity: it.polarity ?? ind.polarity, ref: `${ind.id}.${it.id}`, aggregation: it.aggregation };
    }
    throw new Error(`no line ${title}`);
  };
  const reasons = (ref: string) => result.anomalies.filter((a) => a.ref === ref && /inferred/.test(a.found)).map((a) => a.found);

  test.each([
    ['کاهش تعداد ناوگان تاکسیرانی', 'negative', /«کاهش» and the targets fall/],
    ['کاهش مانده بستانکاران (اشخاص حقیقی و حقوقی - پیمانکاران)', 'negative', /«کاهش» and the targets fall/],
    ['میانگین کاهش طول عمر ناوگان اتوبوس رانی', 'negative', /«کاهش»/],
    ['رتبه شهرداری قزوین در استان', 'negative', /a rank/],
    ['کاهش جرحی', 'positive', /sum of the targets: yearly amounts of reduction/],
  ])('%s: %s, with the reason in the report', (title, polarity, reason) => {
    const l = line(title);
    expect(l.polarity).toBe(polarity);
    expect(reasons(l.ref).join('\n')).toMatch(reason);
  });

  test('lines with no evidence stay positive and say nothing about polarity', () => {
    const l = line('تحقق درآمد');
    expect(l.polarity).toBe('positive');
    expect(reasons(l.ref).filter((r) => /polarity/.test(r))).toEqual([]);
  });

  test('every aggregation other than a plain level comes with its reason', () => {
    for (const ind of result.plan.indicators) {
      for (const [ref, agg] of ind.items ? ind.items.map((i) => [`${ind.id}.${i.id}`, i.aggregation] as const) : [[ind.id!, ind.aggregation] as const]) {
        if (agg !== 'last') expect({ ref, why: reasons(ref).some((r) => /aggregation inferred/.test(r)) }).toEqual({ ref, why: true });
      }
    }
  });

  test('achievement of a reduction indicator rises as the value falls', () => {
    const l = line('کاهش تعداد ناوگان تاکسیرانی');
    const at = (actual: number) => {
      const plan = structuredClone(result.plan);
      plan.indicators.find((i) => i.id === l.ref)!.actuals = { 1402: actual };
      const index = buildIndex(plan);
      const entry = index.indicators.get(l.ref)!;
      return lineAchievement(index, entry.self, 0, 'annual');
    };
    // target 3420 in 1402: a fleet of 3800 is behind, 3420 on target
    expect(at(3800)).toBeLessThan(at(3420)!);
    expect(at(3420)).toBeCloseTo(1);
  });
});

describe('units only with evidence', () => {
  test('a caption or a label that names an organisation is not a unit; the tables keep their unit', () => {
    const t = tables.find((x) => x.rows.length >= 3)!;
    const rows = clean[t.source].rows;
    const damaged = clean.map((s, i) => (i !== t.source ? s : { ...s, rows: [...rows.slice(0, t.rows[1]), ['سازمان آتش نشانی و خدمات ایمنی شهرداری قزوین'], ...rows.slice(t.rows[1])] }));
    const r = importTables(damaged);
    expect(measured(r.plan)).toEqual(measured(importTables(clean).plan));
    expect(r.account.notUnits).toHaveLength(1);
    expect(r.account.notUnits[0].reason.en).toMatch(/inside the table/);
  });

  test('a marked heading between tables with no description under it (a photo caption) is not a unit: the tables stay with theirs', () => {
    const caption = '## سازمان آتش نشانی و خدمات ایمنی شهرداری قزوین';
    const row = (t: string) => [t, 'درصد', '۱۰', '۲۰', '۳۰', '۴۰', '۵۰', '۵۰'];
    const r = importTables(book([code('۱-۲-۳'), HEADER, row('الف'), [''], [caption], [''], code('۱-۲-۴'), HEADER, row('ب')]));
    expect(r.plan.units!.map((u) => u.title)).toEqual(['سازمان حمل و نقل و ترافیک']);
    expect(new Set(r.plan.indicators.map((i) => i.unit))).toEqual(new Set([r.plan.units![0].id]));
    expect(r.account.notUnits).toEqual([{ source: 'book.tsv', line: 11, text: caption.slice(3), reason: expect.objectContaining({ en: "no description follows it, as one follows every unit heading: a caption or a label; the tables below stay with 'سازمان حمل و نقل و ترافیک'" }) }]);
  });

  test('known units: headings map onto them by name (spelling, ZWNJ, Arabic letters, a city suffix); others make no unit', () => {
    const known = [
      { id: 'budget', title: 'مدیریت برنامه‌ و بودجه' },
      { id: 'hr', title: 'مديريت سرمايه انساني' },
      { id: 'it', title: 'سازمان فناوری اطلاعات و ارتباطات شهرداری قزوین' },
      { id: 'fire', title: 'سازمان آتش‌نشانی و خدمات ایمنی' },
    ];
    expect(matchKnownUnit('سازمان آتش نشانی و خدمات ایمنی شهرداری قزوین', known)?.id).toBe('fire');
    const r = importTables(clean.slice(0, 1), { knownUnits: known });
    const unitOf = new Map(r.plan.units!.map((u) => [u.id, u.title]));
    expect([...unitOf.keys()]).toEqual(['budget', 'hr', 'it', 'fire']);
    const used = new Set(r.plan.indicators.map((i) => i.unit));
    expect(used).toEqual(new Set(['budget', 'hr', undefined]));
    // 'سازمان فناوری اطلاعات و ارتباطات' is shorter than the known name: it names no known unit, so no unit
    expect(r.account.notUnits.map((n) => n.text)).toEqual(['مدیریت نوسازی و تحول اداری', 'سازمان فناوری اطلاعات و ارتباطات']);
    expect(r.account.units.find((u) => u.known?.id === 'hr')!.printed).toBe('مدیریت سرمایه انسانی');
  });
});
