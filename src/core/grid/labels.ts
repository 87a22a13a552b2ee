import { toPersianDigits } from '../numbers/digits';

export type SheetLang = 'en' | 'fa';

const HEADERS = {
  en: {
    key: 'Key', code: 'Code', title: 'Title', unit: 'Unit', district: 'District', measure: 'Measure', polarity: 'Polarity',
    target: 'Target', actual: 'Actual', achievement: 'Achievement', status: 'Status',
    horizon: 'Five-year horizon', cumulative: 'Cumulative achievement', comment: 'Notes',
  },
  fa: {
    key: 'کلید', code: 'کد', title: 'عنوان', unit: 'واحد', district: 'منطقه', measure: 'واحد اندازه‌گیری', polarity: 'ماهیت',
    target: 'هدف', actual: 'عملکرد', achievement: 'تحقق', status: 'وضعیت',
    horizon: 'افق پنج ساله', cumulative: 'تحقق تجمعی', comment: 'توضیحات',
  },
} as const;

export type HeaderKey = keyof (typeof HEADERS)['en'];

/** A column header in the sheet's language; year columns carry their year. */
export function header(lang: SheetLang, key: HeaderKey, year?: number): string {
  const text = HEADERS[lang][key];
  if (year === undefined) return text;
  return lang === 'fa' ? `${text} ${toPersianDigits(String(year))}` : `${text} ${year}`;
}

export const STATUS_WORDS = {
  en: { green: 'green', amber: 'amber', red: 'red' },
  fa: { green: 'مطلوب', amber: 'هشدار', red: 'نامطلوب' },
} as const;

export const POLARITY_WORDS = {
  en: { positive: 'positive', negative: 'negative' },
  fa: { positive: 'مثبت', negative: 'منفی' },
} as const;

export const UNASSIGNED = { en: 'Unassigned', fa: 'بدون گروه' } as const;
