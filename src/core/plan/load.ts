import type { Plan } from './plan.types';
import { buildIndex, type PlanIndex } from './plan-index';
import { schemaProblems } from './schema-check';
import { semanticProblems } from './semantic-checks';
import { valueProblems } from './value-checks';
import { lineColumns, scanJson } from './json-scan';
import { msg } from './messages';
import { describeFound, type Problem } from './problems';

export const PLAN_FORMAT = 'plansheets.plan';
export const PLAN_VERSION = 1;
/** Far above any real plan (Qazvin's whole plan is well under 1 MB); a bigger file is the wrong one. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/**
 * The most measured lines (indicators without items, plus items) a plan may have: far above a
 * large city's plan (the benchmarks use 60,000), and the size every command (build, templates,
 * merge) has to handle, each line being a sheet row.
 */
export const MAX_MEASURED_LINES = 100_000;
/** The most indicators: with MAX_MEASURED_LINES, at most 150,000 sheet rows (header rows included). */
export const MAX_INDICATORS = 50_000;

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

/**
 * Reads a plan file's text: parse → repeated keys → format and version → size → strings and
 * schema → semantic checks → index.
 */
export function loadPlan(text: string, options: LoadOptions = {}): LoadResult {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  // UTF-16 length is a lower bound of the UTF-8 size: enough to refuse a wrong file early.
  if (text.length > max) {
    return fail({ code: 'too-large', path: '', message: msg.tooLarge((text.length / 1048576).toFixed(1), (max / 1048576).toFixed(0)) });
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    return fail({ code: 'not-json', path: '', message: jsonErrorMessage(text, e as Error) });
  }
  // JSON.parse keeps the last of two equal keys: the other value would be lost without a word.
  const scan = scanJson(body);
  const where = lineColumns(body, scan.duplicates.flatMap((d) => [d.at, d.firstAt]));
  const duplicates: Problem[] = scan.duplicates.map((d) => {
    const at = where.get(d.at)!;
    const first = where.get(d.firstAt)!;
    return { severity: 'error', code: 'duplicate-key', path: d.path, message: msg.duplicateKey(d.key, at.line, at.column, first.line, first.column) };
  });
  const result = checkPlan(data, scan.plain);
  if (duplicates.length === 0) return result;
  return { ok: false, ...(result.plan ? { plan: result.plan } : {}), problems: [...duplicates, ...result.problems] };
}

/** Checks an already parsed plan (from a workbook's stored copy, a test, an importer). */
export function loadPlanValue(data: unknown): LoadResult {
  return checkPlan(data, false);
}

/** `plain`: the text scan has shown that every string fits and nothing nests deep (see Scan). */
function checkPlan(data: unknown, plain: boolean): LoadResult {
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
  const tooBig = sizeProblem(obj.indicators);
  if (tooBig) return fail(tooBig);
  const schema = schemaProblems(data);
  // Strings, keys and depth, unknown fields included; the semantic checks still run after them.
  const problems = plain ? schema : [...valueProblems(data), ...schema];
  if (schema.some((p) => p.severity === 'error')) return { ok: false, problems };
  const plan = data as Plan;
  const index = buildIndex(plan);
  problems.push(...semanticProblems(plan, index));
  const ok = !problems.some((p) => p.severity === 'error');
  return ok ? { ok, plan, index, problems } : { ok, plan, problems };
}

/** Refuses a plan beyond MAX_INDICATORS or MAX_MEASURED_LINES before anything else reads it. */
function sizeProblem(indicators: unknown): Omit<Problem, 'severity'> | undefined {
  if (!Array.isArray(indicators)) return undefined;
  if (indicators.length > MAX_INDICATORS) return { code: 'too-many-indicators', path: '/indicators', message: msg.tooManyIndicators(indicators.length, MAX_INDICATORS) };
  let lines = 0;
  for (const ind of indicators) {
    const items = (ind as { items?: unknown } | null)?.items;
    lines += Array.isArray(items) && items.length > 0 ? items.length : 1;
  }
  return lines > MAX_MEASURED_LINES ? { code: 'too-many-lines', path: '/indicators', message: msg.tooManyLines(lines, MAX_MEASURED_LINES) } : undefined;
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
