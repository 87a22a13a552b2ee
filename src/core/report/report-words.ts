// The words of a report, in one place for the text report, the council report and the pane: what
// it is by, which achievement up to when, which budget, and how realization is computed.
import type { Mode, Status } from '../achievement/achievement';
import type { PlanIndex } from '../plan/plan-index';
import { STATUS_WORDS } from '../grid/labels';
import { formatNumber, formatYears, type Digits } from '../numbers/format';
import type { ReportBy } from './report';

export type ReportLang = 'en' | 'fa';

const BY_WORDS: Record<ReportBy, { en: string; fa: string }> = {
  workingGroup: { en: 'working group', fa: 'کارگروه' },
  unit: { en: 'unit', fa: 'حوزه اجرایی' },
  district: { en: 'district', fa: 'منطقه' },
  node: { en: 'plan level', fa: 'سطح برنامه' },
  indicator: { en: 'indicator', fa: 'شاخص' },
};
const MODE_WORDS: Record<Mode, string> = { cumulative: 'تجمعی', annual: 'سالانه', horizon: 'افق' };
const CURRENCY_WORDS: Record<string, string> = { IRR: 'ریال', 'million IRR': 'میلیون ریال', 'billion IRR': 'میلیارد ریال', IRT: 'تومان', toman: 'تومان', 'million toman': 'میلیون تومان' };

/** What a report is by, in words: `working group` / `کارگروه`. */
export function byWord(by: ReportBy, lang: ReportLang): string {
  return BY_WORDS[by][lang];
}

/** The plan's currency in the report's language, or empty. */
export function currencyWord(index: PlanIndex, lang: ReportLang): string {
  const c = index.plan.meta.currency;
  return c ? (lang === 'fa' ? CURRENCY_WORDS[c] ?? c : c) : '';
}

/** `by working group, cumulative achievement to 1406; budget of all years, 1402–1406 (million IRR)`. */
export function scopeLine(index: PlanIndex, by: ReportBy, mode: Mode, year: number | null, lang: ReportLang, digits: Digits): string {
  const n = (v: number) => formatNumber(v, digits);
  const c = currencyWord(index, lang);
  const currency = c ? ` (${c})` : '';
  return lang === 'fa'
    ? `بر حسب ${byWord(by, 'fa')}، دستیابی ${MODE_WORDS[mode]} ${year ? `در ${n(year)}` : `تا ${n(index.lastYear)}`}؛ بودجه ${year ? n(year) : `همه سال‌ها، ${formatYears(index.years, digits)}`}${currency}`
    : `by ${BY_WORDS[by].en}, ${mode} achievement ${year ? `in ${year}` : `to ${index.lastYear}`}; budget ${year ?? `of all years, ${formatYears(index.years, digits)}`}${currency}`;
}

/** How budget realization is computed, said once on every report. */
export function realizationRule(lang: ReportLang): string {
  return lang === 'fa'
    ? 'تحقق بودجه = هزینه‌شده / مصوب، در سال‌هایی که هر دو گزارش شده‌اند (داخل پرانتز)؛ ستون‌های مصوب و هزینه‌شده: همه اعتبارات ثبت‌شده'
    : 'realization = spent / planned, over the years with both reported (shown in brackets); planned and spent columns: all funding known';
}

/** A status in words (so it reads without colour); empty for none. */
export function statusWord(s: Status, lang: ReportLang): string {
  return s === '' ? '' : STATUS_WORDS[lang][s];
}

/** The columns of a report table, in order. */
export function reportColumns(lang: ReportLang): string[] {
  return lang === 'fa'
    ? ['شناسه', 'عنوان', 'دستیابی', 'وضعیت', 'شاخص‌ها', 'گزارش‌شده', 'مصوب', 'هزینه‌شده', 'تحقق بودجه']
    : ['key', 'title', 'achievement', 'status', 'indicators', 'reporting', 'planned', 'spent', 'realization'];
}
