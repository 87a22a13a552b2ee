// Why the importer left a line out or did not take it for a unit, in both languages. The Persian
// gives its figures in Persian digits and isolates what it quotes from the tables (codes, texts)
// as written, like every other message (core/plan/messages.ts).
import type { Bilingual } from '../plan/problems';
import { isolate, ltr } from '../numbers/bidi';
import { inDigits } from '../numbers/format';

const n = (x: number) => inDigits(String(x), 'fa');
const both = (en: string, fa: string): Bilingual => ({ en, fa });

export const why = {
  notKnownUnit: (heading: boolean): Bilingual =>
    heading
      ? both('not one of the known units (--units): the tables below have no unit until the next unit heading', `از واحدهای شناخته‌شده (${ltr('--units')}) نیست: جدول‌های زیر آن تا عنوان واحد بعدی واحد ندارند`)
      : both('not one of the known units (--units): the row has no unit', `از واحدهای شناخته‌شده (${ltr('--units')}) نیست: این سطر واحد ندارد`),
  runningWorkingGroup: (): Bilingual => both("the working group's name again (a running header)", 'نام کارگروه دوباره (سرصفحهٔ تکراری)'),
  picture: (): Bilingual => both('a picture', 'تصویر'),
  pageNumber: (): Bilingual => both('a page number', 'شمارهٔ صفحه'),
  repeatedLine: (): Bilingual => both('a line repeated on every page (a running header or footer)', 'سطری که در هر صفحه تکرار شده است (سرصفحه یا پانویس)'),
  caption: (): Bilingual => both('a caption beside a picture', 'زیرنویس کنار تصویر'),
  notMarked: (): Bilingual => both('not marked as a heading, as the headings of this source are', 'مانند عنوان‌های این منبع به شکل عنوان مشخص نشده است'),
  notAlone: (): Bilingual => both('not standing alone as a heading', 'به‌تنهایی و به شکل عنوان نیامده است'),
  noDescription: (unit?: string): Bilingual =>
    both(
      `no description follows it, as one follows every unit heading: a caption or a label; the tables below stay with ${unit !== undefined ? `'${unit}'` : 'no unit'}`,
      `پس از آن توضیحی نیامده است، چنان‌که پس از هر عنوان واحد می‌آید: زیرنویس یا برچسب است؛ جدول‌های زیر آن ${unit !== undefined ? `با ${isolate(unit)} می‌مانند` : 'بی‌واحد می‌مانند'}`,
    ),
  loneNumber: (): Bilingual => both('a lone number', 'عدد تنها'),
  labelInTable: (kind: 'district' | 'caption', code?: string, district?: number): Bilingual =>
    both(
      `${kind === 'district' ? 'a district label inside the table' : 'a caption or a row label inside the table'}${code !== undefined ? ` of ${code}` : ''}${district !== undefined ? `: district ${district} for the rows below` : ''}`,
      `${kind === 'district' ? 'برچسب منطقه درون جدول' : 'زیرنویس یا برچسب سطر درون جدول'}${code !== undefined ? ` ${ltr(code)}` : ''}${district !== undefined ? `: منطقهٔ ${n(district)} برای سطرهای زیر` : ''}`,
    ),
  outsideTable: (orphanHeader?: number): Bilingual =>
    orphanHeader !== undefined
      ? both(`a table row under a header (line ${orphanHeader}) with no code line above it`, `سطر جدول زیر سطر عنوان (سطر ${n(orphanHeader)}) که بالای آن سطر کدی نیست`)
      : both('a table row outside any table with a code', 'سطر جدولی بیرون از هر جدول کددار'),
  noHeader: (code: string): Bilingual => both(`a row of ${code} with no header row to read it by`, `سطری از ${ltr(code)} بدون سطر عنوانی که با آن خوانده شود`),
  stray: (): Bilingual => both('a stray line: no title and at most one number', 'سطر سرگردان: بی‌عنوان و با حداکثر یک عدد'),
  total: (): Bilingual => both('a total row: the sum of the lines above, not a line of its own', 'سطر جمع: جمع سطرهای بالا، نه سطری مستقل'),
  badCode: (bad?: string): Bilingual =>
    bad
      ? both(`'${bad}' in the code column is not a code`, `${isolate(bad)} در ستون کد، کد نیست`)
      : both('no code in the code column, and no row above to continue', 'ستون کد خالی است و سطری در بالا نیست که این سطر ادامهٔ آن باشد'),
  codeLineWithoutCode: (code: string, rows: number): Bilingual =>
    both(`the code line holds no code ('${code}'): its ${rows} row(s) are left out`, `سطر کد، کدی ندارد (${isolate(code)}): ${n(rows)} سطر آن کنار گذاشته شد`),
  noRows: (): Bilingual => both('a code line with no table rows under it', 'سطر کدی که زیر آن سطر جدولی نیست'),
  inCodelessTable: (): Bilingual => both('in a table whose code line holds no code', 'در جدولی که سطر کد آن کدی ندارد'),
};
