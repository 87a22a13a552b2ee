import { OverExcelLimits } from '../core/grid/excel-limits';
import type { Lang } from '../runtime/plan-store';

/** What to tell a person about a failure: in their language where the error carries both. */
export function errorText(e: unknown, lang: Lang): string {
  if (e instanceof OverExcelLimits) return e.text[lang];
  return e instanceof Error ? e.message : String(e);
}
