// Who has not reported a period yet, for the secretariat's reminders: on a page and as a CSV file.
import { stringify } from 'csv-stringify/sync';
import type { PlanIndex } from '../plan/plan-index';
import { reportingLines } from './reporting';

export interface NotReported {
  unit: string;
  unitTitle: string;
  /** The unit's lines with no actual for the period (its own key or its reported parts), in plan order. */
  lines: Array<{ ref: string; title: string }>;
  /** How many lines the unit fills in all. */
  total: number;
}

/**
 * Per unit with at least one line, the lines without an actual for the period; only units that
 * miss something, sorted by unit title (Persian collation). Lines of indicators without a
 * responsible unit have nobody to remind and are left out. Throws a RangeError for a period
 * outside the plan, as reportingLines does.
 */
export function unitsNotReported(index: PlanIndex, period: string): NotReported[] {
  const titles = new Map((index.plan.units ?? []).map((u) => [u.id, u.title]));
  const byUnit = new Map<string, NotReported>();
  for (const line of reportingLines(index, 'all', period)) {
    if (line.unit === '') continue;
    let row = byUnit.get(line.unit);
    if (!row) byUnit.set(line.unit, (row = { unit: line.unit, unitTitle: titles.get(line.unit) ?? line.unit, lines: [], total: 0 }));
    row.total++;
    if (line.value === null) row.lines.push({ ref: line.ref, title: line.title || line.indicator.title });
  }
  const collator = new Intl.Collator('fa');
  return [...byUnit.values()].filter((r) => r.lines.length > 0).sort((a, b) => collator.compare(a.unitTitle, b.unitTitle) || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}

const HEADER = {
  en: ['unit', 'unit title', 'line', 'line title'],
  fa: ['واحد', 'عنوان واحد', 'سطر', 'عنوان سطر'],
};

/**
 * The list as a CSV file (RFC 4180: CRLF rows, fields quoted when they hold a comma, quote or
 * line break), one row per missing line; no byte order mark (whoever writes the file adds
 * one, so that Excel reads the Persian titles as UTF-8). Titles come from the plan, which anyone
 * may have typed: a cell starting with = + - @, a tab or a carriage return gets a leading
 * apostrophe, so that no spreadsheet runs it as a formula (CSV injection).
 */
export function notReportedCsv(rows: readonly NotReported[], lang: 'en' | 'fa'): string {
  const records = rows.flatMap((r) => r.lines.map((l) => [r.unit, r.unitTitle, l.ref, l.title]));
  return stringify([HEADER[lang], ...records], { record_delimiter: 'windows', escape_formulas: true });
}
