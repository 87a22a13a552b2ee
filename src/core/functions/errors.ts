import type { Bilingual } from '../plan/problems';

export type ErrorCode = '#N/A' | '#VALUE!';

/** A spreadsheet error with a message that says what was wrong (shown by Excel and the CLI). */
export class PlanError {
  constructor(
    readonly code: ErrorCode,
    readonly text: Bilingual,
  ) {}
  get message(): string {
    return this.text.en;
  }
}

export const na = (en: string, fa: string) => new PlanError('#N/A', { en, fa });
export const bad = (en: string, fa: string) => new PlanError('#VALUE!', { en, fa });
export const NO_PLAN = na('no plan loaded', 'برنامه‌ای بارگذاری نشده است');
