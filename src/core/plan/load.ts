import type { Plan } from './plan.types';
import { buildIndex, type PlanIndex } from './plan-index';
import { schemaProblems } from './schema-check';
import { semanticProblems } from './semantic-checks';
import { msg } from './messages';
import { describeFound, type Problem } from './problems';

export const PLAN_FORMAT = 'plansheets.plan';
export const PLAN_VERSION = 1;
/** Far above any real plan (Qazvin's whole plan is well under 1 MB); a bigger file is the wrong one. */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export interface LoadOptions {
  maxBytes?: number;
}

export interface LoadResult {
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  /** Present when the plan passed the schema (it may still have semantic errors). */
  plan?: Plan;
  /** Present when `ok`. */
  index?: PlanIndex;
  problems: Problem[];
}

const fail = (problem: Omit<Problem, 'severity'>): LoadResult => ({ ok: false, problems: [{ severity: 'error', ...problem }] });

/** Reads a plan file's text: parse → format and version → schema → semantic checks → index. */
export function loadPlan(text: string, options: LoadOptions = {}): LoadResult {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  // UTF-16 length is a lower bound of the UTF-8 size: enough to refuse a wrong file early.
  if (text.length > max) {
    return fail({ code: 'too-large', path: '', message: msg.tooLarge((text.length / 1048576).toFixed(1), (max / 1048576).toFixed(0)) });
  }
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return fail({ code: 'not-json', path: '', message: jsonErrorMessage(text, e as Error) });
  }
  return loadPlanValue(data);
}

/** Checks an already parsed plan (from a workbook's stored copy, a test, an importer). */
export function loadPlanValue(data: unknown): LoadResult {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail({ code: 'not-object', path: '', message: msg.notObject(describeFound(data)) });
  }
  const obj = data as Record<string, unknown>;
  if (obj.format !== PLAN_FORMAT) return fail({ code: 'wrong-format', path: '/format', message: msg.wrongFormat(describeFound(obj.format)) });
  if (obj.version !== PLAN_VERSION) {
    const v = obj.version;
    return typeof v === 'number' && Number.isInteger(v) && v > PLAN_VERSION
      ? fail({ code: 'newer-version', path: '/version', message: msg.newerVersion(v) })
      : fail({ code: 'unknown-version', path: '/version', message: msg.unknownVersion(describeFound(v)) });
  }
  const problems = schemaProblems(data);
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  const plan = data as Plan;
  const index = buildIndex(plan);
  problems.push(...semanticProblems(plan, index));
  const ok = !problems.some((p) => p.severity === 'error');
  return ok ? { ok, plan, index, problems } : { ok, plan, problems };
}

function jsonErrorMessage(text: string, e: Error): ReturnType<typeof msg.notJson> {
  const detail = e.message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/, "[\s\S]*" is not valid JSON$/, '');
  const m = /position (\d+)/.exec(e.message);
  let line = 1;
  let column = 1;
  if (m) {
    const pos = Math.min(Number(m[1]), text.length);
    const before = text.slice(0, pos);
    line = before.split('\n').length;
    column = pos - before.lastIndexOf('\n');
  } else if (/Unexpected end of JSON input/.test(e.message)) {
    const lines = text.split('\n');
    line = lines.length;
    column = lines[lines.length - 1].length + 1;
  }
  return msg.notJson(detail, line, column);
}
