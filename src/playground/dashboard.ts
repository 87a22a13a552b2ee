// The playground's first sheet: PLAN formulas by working group, to watch them compute. It is laid
// out in the plan's language and direction (a fa-IR plan: Persian labels, right to left), with
// achievement and budget realization shown as percentages.
import type { Plan } from '../core/plan/plan.types';

type Cell = string | number | null;

export interface DashboardSheet {
  name: string;
  rtl: boolean;
  lang: 'fa' | 'en';
  cells: Cell[][];
  /** The number format of a cell (a percentage for the ratios), if any. */
  formatOf: (row: number, col: number) => string | undefined;
}

const PERCENT = '0.0%';

const WORDS = {
  en: {
    name: 'Dashboard', workingGroup: 'Working group', achievement: 'Achievement', status: 'Status',
    budget: (y: string) => `Budget realization ${y}`, years: 'Plan years',
    statusNames: { green: 'on track', amber: 'at risk', red: 'off track' },
  },
  fa: {
    name: 'داشبورد', workingGroup: 'کارگروه', achievement: 'میزان تحقق', status: 'وضعیت',
    budget: (y: string) => `تحقق بودجه ${y}`, years: 'سال‌های برنامه',
    statusNames: { green: 'مطلوب', amber: 'در معرض خطر', red: 'نامطلوب' },
  },
} as const;

/** A formula-safe string literal. */
const literal = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The dashboard of a plan: one row per working group (title, achievement, status, budget of the first year). */
export function dashboardSheet(plan: Plan): DashboardSheet {
  const lang = (plan.meta.locale ?? '').toLowerCase().startsWith('fa') ? 'fa' : 'en';
  const w = WORDS[lang];
  const year = plan.meta.years[0];
  // Years as the sheet shows its numbers: Persian digits in a Persian sheet.
  const yearText = lang === 'fa' ? new Intl.NumberFormat('fa-IR', { useGrouping: false }).format(year) : String(year);
  const names = w.statusNames;
  const groups = plan.workingGroups?.length ?? 0;
  const statusWord = (ref: string) =>
    `=IF(PLAN.STATUS(${ref})="green",${literal(names.green)},IF(PLAN.STATUS(${ref})="amber",${literal(names.amber)},IF(PLAN.STATUS(${ref})="red",${literal(names.red)},"")))`;
  return {
    name: w.name,
    rtl: lang === 'fa',
    lang,
    cells: [
      [w.workingGroup, w.achievement, w.status, w.budget(yearText)],
      ...(plan.workingGroups ?? []).map((g) => {
        const ref = literal(`wg:${g.id}`);
        return [`=PLAN.INFO(${ref},"title")`, `=PLAN.ACHIEVEMENT(${ref})`, statusWord(ref), `=PLAN.BUDGET(${ref},${year})`];
      }),
      [],
      [w.years, '=PLAN.YEARS()'],
    ],
    formatOf: (row, col) => (row >= 1 && row <= groups && (col === 1 || col === 3) ? PERCENT : undefined),
  };
}
