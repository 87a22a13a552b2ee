import * as fs from 'fs';
import { readBytes } from './files';
import { DEFAULT_MAX_BYTES, loadPlan, type LoadResult } from '../core/plan/load';
import { msg } from '../core/plan/messages';
import type { PlanIndex } from '../core/plan/plan-index';
import type { Bilingual } from '../core/plan/problems';
import { isolate } from '../core/numbers/bidi';
import { countLine, counted, digitsFor, messageDigits, problemLine, tr, type Digits, type Lang, type Output } from './output';

/**
 * A problem with how the command was called (exit code 2), not with the plan: said in English
 * and Persian. The Persian is written with Latin digits and said in the chosen ones; what it
 * quotes (a file name, a value typed, an option, a system's reason) is isolated with `isolate`
 * (or double-quoted) and stays as written.
 */
export class UsageError extends Error {
  private readonly fa: string;
  constructor(text: string | Bilingual) {
    super(typeof text === 'string' ? text : text.en);
    this.fa = typeof text === 'string' ? text : text.fa;
  }
  /** The message in `lang`, in Persian with its figures in `digits`. */
  say(lang: Lang, digits: Digits = digitsFor(lang)): string {
    if (lang === 'en') return this.message;
    // messageDigits leaves isolated runs (and quoted values) as written.
    return messageDigits(this.fa, digits);
  }
}

/** A message from a module that speaks English only (a reader's refusal): in Persian output, kept whole and isolated. */
export const untranslated = (text: string): Bilingual => ({ en: text, fa: isolate(text) });

/** Reads and checks a plan file; a missing or unreadable path is a usage error. */
export function readPlanFile(path: string, maxBytes = DEFAULT_MAX_BYTES): LoadResult {
  let size: number;
  try {
    const stat = fs.statSync(path);
    if (!stat.isFile()) throw new UsageError({ en: `${path} is not a file`, fa: `${isolate(path)} پرونده نیست` });
    size = stat.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UsageError({
      en: `cannot read plan file ${path}: ${missing ? 'no such file' : (e as Error).message}`,
      fa: `پرونده برنامه ${isolate(path)} خوانده نشد: ${missing ? 'چنین پرونده‌ای نیست' : isolate((e as Error).message)}`,
    });
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
    io.err(`${lang === 'fa' ? isolate(path) : path}: ${countLine(r.problems, lang)}${tr(lang, '; fix the errors first', '؛ نخست خطاها را رفع کنید')} (${tr(lang, `plansheets validate ${path}`, isolate(`plansheets validate ${path}`))})`);
    return 1;
  }
  const warnings = r.problems.length;
  if (noteWarnings && warnings) io.err(`${lang === 'fa' ? isolate(path) : path}: ${counted(warnings, lang, digitsFor(lang), 'warning', 'هشدار')} (${tr(lang, `plansheets validate ${path} lists them`, `فهرست آنها: ${isolate(`plansheets validate ${path}`)}`)})`);
  return r.index;
}
