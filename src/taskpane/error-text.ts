import { OverExcelLimits } from '../core/grid/excel-limits';
import { ServerError } from '../client/server-api';
import type { Lang } from '../runtime/plan-store';
import { readable } from '../core/numbers/bidi';

/** What to tell a person about a failure: in their language where the error carries both, codes and paths isolated. */
export function errorText(e: unknown, lang: Lang): string {
  if (e instanceof OverExcelLimits) return e.text[lang];
  if (e instanceof ServerError) return readable(e.said[lang], lang);
  return readable(e instanceof Error ? e.message : String(e), lang);
}
