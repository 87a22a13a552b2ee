import type { Lang } from '../runtime/plan-store';
import { toPersianDigits } from '../core/numbers/digits';

const en = {
  appTitle: 'PlanSheets',
  language: 'Language',
  languageName: 'فارسی',
  openTitle: 'Open a plan',
  fromFile: 'File',
  fromUrl: 'URL',
  fromPaste: 'Paste',
  chooseFile: 'Plan file (.json)',
  urlLabel: 'Address of the plan file (https)',
  urlOpen: 'Open from URL',
  pasteLabel: 'Plan JSON',
  pasteOpen: 'Open pasted plan',
  sample: 'Open the sample plan (Qazvin)',
  opening: 'Opening…',
  noPlan: 'No plan in this workbook yet. Open a plan file to start; it is kept in the workbook.',
  notOpened: 'The plan was not opened',
  errorsFound: (n: number) => `${n} error${n === 1 ? '' : 's'} must be fixed first. Nothing was changed.`,
  opened: (source: string) => `Opened from ${source}; stored in this workbook.`,
  years: 'Years',
  indicators: 'Indicators',
  revision: 'Revision',
  byWorkingGroup: 'Achievement by working group',
  workingGroup: 'Working group',
  achievement: 'Achievement',
  status: 'Status',
  reporting: 'Reporting',
  budgetRealization: 'Budget realization',
  wholePlan: 'Whole plan',
  statusNames: { green: 'on track', amber: 'at risk', red: 'off track', '': 'no data' } as Record<string, string>,
  problems: 'Problems',
  problemsCount: (e: number, w: number) => `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}`,
  filterAll: 'All',
  filterErrors: 'Errors',
  filterWarnings: 'Warnings',
  filterText: 'Filter by path or text',
  severity: { error: 'Error', warning: 'Warning' } as Record<string, string>,
  noProblems: 'No problems match.',
  urlNotHttps: 'Only https:// addresses can be opened from Excel.',
  urlUnreachable: (url: string) => `Could not read ${url}: the server did not answer, or it does not allow other sites to read the file (CORS). Download the file and open it as a file instead.`,
  urlHttpError: (url: string, status: string) => `The server refused ${url}: ${status}.`,
  pasteEmpty: 'Paste the plan JSON first.',
  storeFailed: (why: string) => `The plan was checked but could not be stored in the workbook: ${why}`,
  readFailed: (source: string, why: string) => `Could not read ${source}: ${why}`,
};

export type Strings = typeof en;

const fa: Strings = {
  appTitle: 'PlanSheets',
  language: 'زبان',
  languageName: 'English',
  openTitle: 'باز کردن برنامه',
  fromFile: 'فایل',
  fromUrl: 'نشانی',
  fromPaste: 'چسباندن',
  chooseFile: 'فایل برنامه (.json)',
  urlLabel: 'نشانی فایل برنامه (https)',
  urlOpen: 'باز کردن از نشانی',
  pasteLabel: 'JSON برنامه',
  pasteOpen: 'باز کردن متن چسبانده‌شده',
  sample: 'باز کردن برنامه نمونه (قزوین)',
  opening: 'در حال باز کردن…',
  noPlan: 'این کارپوشه هنوز برنامه‌ای ندارد. برای شروع، فایل برنامه را باز کنید؛ برنامه در کارپوشه نگه داشته می‌شود.',
  notOpened: 'برنامه باز نشد',
  errorsFound: (n: number) => `ابتدا باید ${toPersianDigits(String(n))} خطا برطرف شود. هیچ تغییری داده نشد.`,
  opened: (source: string) => `از ${source} باز شد و در این کارپوشه ذخیره شد.`,
  years: 'سال‌ها',
  indicators: 'شاخص‌ها',
  revision: 'ویرایش',
  byWorkingGroup: 'میزان تحقق به تفکیک کارگروه',
  workingGroup: 'کارگروه',
  achievement: 'میزان تحقق',
  status: 'وضعیت',
  reporting: 'گزارش‌شده',
  budgetRealization: 'تحقق بودجه',
  wholePlan: 'کل برنامه',
  statusNames: { green: 'مطلوب', amber: 'در معرض خطر', red: 'نامطلوب', '': 'بدون داده' },
  problems: 'مشکلات',
  problemsCount: (e: number, w: number) => `${toPersianDigits(String(e))} خطا، ${toPersianDigits(String(w))} هشدار`,
  filterAll: 'همه',
  filterErrors: 'خطاها',
  filterWarnings: 'هشدارها',
  filterText: 'پالایش بر اساس مسیر یا متن',
  severity: { error: 'خطا', warning: 'هشدار' },
  noProblems: 'موردی یافت نشد.',
  urlNotHttps: 'در اکسل فقط نشانی‌های https:// باز می‌شوند.',
  urlUnreachable: (url: string) => `خواندن ${url} ممکن نشد: سرور پاسخ نداد یا اجازه خواندن فایل را به سایت‌های دیگر نمی‌دهد (CORS). فایل را بارگیری و به صورت فایل باز کنید.`,
  urlHttpError: (url: string, status: string) => `سرور درخواست ${url} را نپذیرفت: ${status}.`,
  pasteEmpty: 'ابتدا JSON برنامه را بچسبانید.',
  storeFailed: (why: string) => `برنامه بررسی شد اما در کارپوشه ذخیره نشد: ${why}`,
  readFailed: (source: string, why: string) => `خواندن ${source} ممکن نشد: ${why}`,
};

export const STRINGS: Record<Lang, Strings> = { en, fa };

/** The pane's language: the plan's locale when a plan is open, else Office's display language. */
export function defaultLang(planLocale: string | undefined, displayLanguage: string): Lang {
  return (planLocale ?? displayLanguage).toLowerCase().startsWith('fa') ? 'fa' : 'en';
}

/** A ratio as a percentage in the pane's language (Persian digits in fa). */
export function percent(v: number | null, lang: Lang): string {
  if (v === null) return '—';
  return new Intl.NumberFormat(lang === 'fa' ? 'fa-IR' : 'en-US', { style: 'percent', maximumFractionDigits: 1 }).format(v);
}

export function number(v: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'fa' ? 'fa-IR' : 'en-US', { maximumFractionDigits: 2, useGrouping: false }).format(v);
}
