// The words of the indicator ID form (فرم شناسنامه شاخص هدف عملیاتی), in Persian as the Qazvin
// form names its fields and in English for English plans.
import type { Indicator } from '../plan/plan.types';

export type FormLang = 'en' | 'fa';

const FA = {
  form: 'فرم شناسنامه شاخص هدف عملیاتی',
  identity: 'مشخصات شاخص',
  code: 'کد شاخص هدف عملیاتی',
  title: 'عنوان شاخص هدف عملیاتی',
  description: 'شرح شاخص',
  responsibility: 'مسئولیت',
  unit: 'حوزه اجرایی',
  unitCode: 'کد حوزه اجرایی',
  budgetCode: 'کد بودجه',
  workingGroup: 'کارگروه تخصصی',
  definition: 'ویژگی‌های شاخص',
  polarity: 'ماهیت شاخص',
  standard: 'استاندارد',
  measure: 'واحد اندازه‌گیری',
  type: 'نوع شاخص',
  values: 'وضع موجود و اهداف کمی',
  cumulative: (y: string) => `مقدار تجمعی تا پایان ${y}`,
  previous: (y: string) => `عملکرد ${y}`,
  horizon: (n: string) => `افق ${n} ساله`,
  items: 'زیرشاخص‌ها',
  item: 'زیر شاخص',
  projectsTitle: 'پروژه‌ها و توضیحات',
  projects: 'پروژه‌های سالانه ذیل شاخص و سایر توضیحات',
  funding: 'منابع مالی پروژه‌های مرتبط (پیش‌بینی)',
  planned: 'اعتبار پیش‌بینی‌شده',
  total: 'جمع',
  partners: 'حوزه‌های همکار و نقش آنها',
  partner: 'حوزه همکار',
  role: 'نقش',
  evaluation: 'ارزیابی',
  evidence: 'مستندات قابل قبول',
  method: 'روش ارزیابی',
  signatures: 'تأیید',
  preparedBy: 'تهیه‌کننده (حوزه اجرایی)',
  approvedBy: 'تأییدکننده (دبیرخانه برنامه)',
  name: 'نام و نام خانوادگی',
  position: 'سمت',
  signature: 'امضا',
  date: 'تاریخ',
};

type Words = typeof FA;

const EN: Words = {
  form: 'Operational-goal indicator ID form',
  identity: 'Indicator',
  code: 'Indicator code',
  title: 'Indicator title',
  description: 'Description',
  responsibility: 'Responsibility',
  unit: 'Executive unit',
  unitCode: 'Unit code',
  budgetCode: 'Budget code',
  workingGroup: 'Working group',
  definition: 'Definition',
  polarity: 'Polarity',
  standard: 'Standard',
  measure: 'Unit of measure',
  type: 'Indicator type',
  values: 'Baseline and targets',
  cumulative: (y) => `Cumulative to end of ${y}`,
  previous: (y) => `Actual ${y}`,
  horizon: (n) => `${n}-year horizon`,
  items: 'Sub-indicators',
  item: 'Sub-indicator',
  projectsTitle: 'Projects and notes',
  projects: 'Annual projects under the indicator, other notes',
  funding: 'Funding of the related projects (planned)',
  planned: 'Planned',
  total: 'Total',
  partners: 'Cooperating units and their roles',
  partner: 'Cooperating unit',
  role: 'Role',
  evaluation: 'Evaluation',
  evidence: 'Acceptable evidence',
  method: 'Evaluation method',
  signatures: 'Approval',
  preparedBy: 'Prepared by (executive unit)',
  approvedBy: 'Approved by (plan secretariat)',
  name: 'Name',
  position: 'Position',
  signature: 'Signature',
  date: 'Date',
};

export const FORM_WORDS: Record<FormLang, Words> = { fa: FA, en: EN };

type IndicatorType = NonNullable<Indicator['type']>;

/** The types of domain.md, in the form's order. */
export const TYPE_WORDS: Record<FormLang, Record<IndicatorType, string>> = {
  fa: { create: 'ایجاد', develop: 'توسعه', study: 'مطالعه', design: 'طراحی', acquire: 'تملک', equipment: 'خرید تجهیزات', hr: 'توسعه سرمایه انسانی', other: 'سایر' },
  en: { create: 'create', develop: 'develop', study: 'study', design: 'design', acquire: 'acquisition', equipment: 'equipment purchase', hr: 'human-capital development', other: 'other' },
};

/** English names of the usual tree levels, for English forms of plans that name them only in Persian. */
export const LEVEL_WORDS_EN: Record<string, string> = { vision: 'Vision', strategy: 'Strategy', policy: 'Executive policy' };

/** An empty box to tick by hand, before each choice the plan leaves open. */
export const BOX = '☐';
