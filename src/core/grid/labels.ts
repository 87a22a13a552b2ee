import { toPersianDigits } from '../numbers/digits';

export type SheetLang = 'en' | 'fa';

const HEADERS = {
  en: {
    key: 'Key', code: 'Code', title: 'Title', unit: 'Unit', district: 'District', measure: 'Measure', polarity: 'Polarity',
    target: 'Target', actual: 'Actual', achievement: 'Achievement', status: 'Status',
    horizon: 'Five-year horizon', cumulative: 'Cumulative achievement', comment: 'Notes',
    workingGroup: 'Working group', aggregation: 'Aggregation', scoring: 'Scoring', weight: 'Weight', budgetCode: 'Budget code',
    importNotes: 'What the import guessed', confirm: 'Confirmed (✓)',
  },
  fa: {
    key: 'کلید', code: 'کد', title: 'عنوان', unit: 'واحد', district: 'منطقه', measure: 'واحد اندازه‌گیری', polarity: 'ماهیت',
    target: 'هدف', actual: 'عملکرد', achievement: 'تحقق', status: 'وضعیت',
    horizon: 'افق پنج ساله', cumulative: 'تحقق تجمعی', comment: 'توضیحات',
    workingGroup: 'کارگروه', aggregation: 'نحوه تجمیع', scoring: 'نحوه امتیازدهی', weight: 'وزن', budgetCode: 'کد بودجه',
    importNotes: 'برداشت هنگام ورود', confirm: 'تأیید (✓)',
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

export const AGGREGATION_WORDS = {
  en: { sum: 'sum', last: 'last', average: 'average', max: 'max', min: 'min' },
  fa: { sum: 'مجموع', last: 'آخرین', average: 'میانگین', max: 'بیشینه', min: 'کمینه' },
} as const;

export const SCORING_WORDS = {
  en: { ratio: 'ratio', progress: 'progress' },
  fa: { ratio: 'نسبت به هدف', progress: 'پیشرفت از مبنا' },
} as const;

/** What a person types to confirm an import's reading (case and Persian letter forms aside). */
export const CONFIRM_WORDS: readonly string[] = ['✓', '✔', 'x', 'yes', 'y', 'ok', 'بله', 'آری', 'تأیید', 'تایید'];

export const UNASSIGNED = { en: 'Unassigned', fa: 'بدون گروه' } as const;

/** The language a plan is written in: Persian for fa-* locales, else English. */
export function planLang(index: { locale: string }): SheetLang {
  return index.locale.toLowerCase().startsWith('fa') ? 'fa' : 'en';
}
