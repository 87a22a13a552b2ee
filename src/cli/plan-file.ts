import * as fs from 'fs';
import { readBytes } from './files';
import { DEFAULT_MAX_BYTES, loadPlan, type LoadResult } from '../core/plan/load';
import { msg } from '../core/plan/messages';
import type { PlanIndex } from '../core/plan/plan-index';
import { countLine, counted, digitsFor, problemLine, tr, type Lang, type Output } from './output';

/** A problem with how the command was called (exit code 2), not with the plan. */
export class UsageError extends Error {}

/** Reads and checks a plan file; a missing or unreadable path is a usage error. */
export function readPlanFile(path: string, maxBytes = DEFAULT_MAX_BYTES): LoadResult {
  let size: number;
  try {
    const stat = fs.statSync(path);
    if (!stat.isFile()) throw new UsageError(`${path} is not a file`);
    size = stat.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read plan file ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  // Refused before reading: a file this big is not a plan, and reading it would waste memory.
  if (size > maxBytes) {
    return {
      ok: false,
      problems: [{ severity: 'error', code: 'too-large', path: '', message: msg.tooLarge((size / 1048576).toFixed(1), (maxBytes / 1048576).toFixed(0)) }],
    };
  }
  return loadPlan(readBytes(path).toString('utf8'), { maxBytes });
}

/**
 * A plan for a command that needs a usable one: its errors are printed and the exit code (1)
 * returned instead. With `noteWarnings`, a line on stderr says how many warnings it has.
 */
export function usablePlan(path: string, lang: Lang, io: Output, noteWarnings = true): PlanIndex | number {
  const r = readPlanFile(path);
  if (!r.ok || !r.index) {
    for (const p of r.problems.filter((x) => x.severity === 'error')) io.err(problemLine(p, lang));
    io.err(`${path}: ${countLine(r.problems, lang)}${tr(lang, '; fix the errors first', '؛ نخست خطاها را رفع کنید')} (plansheets validate ${path})`);
    return 1;
  }
  const warnings = r.problems.length;
  if (noteWarnings && warnings) io.err(`${path}: ${counted(warnings, lang, digitsFor(lang), 'warning', 'هشدار')} (${tr(lang, `plansheets validate ${path} lists them`, `فهرست آنها: plansheets validate ${path}`)})`);
  return r.index;
}
