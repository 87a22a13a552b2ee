// The report as the API answers it (signed in or on the public observatory): exactly what
// `plansheets report --json` prints for the same plan and options.
import type { PlanIndex } from '../core/plan/plan-index';
import { buildReport, reportJson } from '../core/report/report';
import { checkScopeYear, reportScope } from '../cli/commands';
import { UsageError } from '../cli/plan-file';
import { ApiError, badRequest } from './errors';
import { indexOfStored } from './store';

export interface ReportQuery {
  by?: string;
  year?: string;
  mode?: string;
}

/** The report's JSON text for a stored plan; `scope` narrows the plan first (a reporter's units). */
export function reportAnswer(doc: string, id: string, query: ReportQuery, scope: (index: PlanIndex) => PlanIndex | undefined = (i) => i): string {
  const { by = 'workingGroup', mode = 'cumulative', year } = query;
  if ([by, mode, year].some((v) => v !== undefined && typeof v !== 'string')) throw badRequest('query', 'give by, year and mode once each', 'by، year و mode را هر کدام یک بار بدهید');
  try {
    const options = reportScope({ by, mode, year });
    const stored = indexOfStored(doc).index;
    const index = stored && scope(stored);
    if (!index) throw new ApiError(500, 'stored-plan', { en: `the stored plan "${id}" does not load`, fa: `برنامه ذخیره‌شده «${id}» بارگذاری نمی‌شود` });
    checkScopeYear(index, options.year);
    return reportJson(buildReport(index, options.by, options.mode, options.year));
  } catch (e) {
    if (e instanceof UsageError) throw badRequest('query', e.message.replace(/--(by|year|mode)/g, '$1'), e.say('fa').replace(/--(by|year|mode)/g, '$1'));
    throw e;
  }
}
