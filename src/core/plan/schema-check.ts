import type { ErrorObject } from 'ajv';
import schema from '../../../schemas/plan.schema.json';
import { validate as generatedValidate } from './plan-validator.generated';
import { parseNumber } from '../numbers/parse-number';
import { numberProblem, VALUE_LIMIT } from '../numbers/limits';
import { msg } from './messages';
import { describeFound, pointerSegment, valueAt, type Bilingual, type Problem } from './problems';

/** The schema's validator, compiled ahead of time by `npm run gen:schema` (ajv standalone). */
const validate = generatedValidate as { (data: unknown): boolean; errors?: ErrorObject[] | null };

/** The JSON Schema as plain data (for tools that want to show or export it). */
export const planSchema = schema;

/**
 * Checks a parsed plan against schemas/plan.schema.json. Unknown fields are warnings (the file
 * keeps them, nothing reads them); everything else the schema refuses is an error.
 */
export function schemaProblems(data: unknown): Problem[] {
  if (validate(data)) return [];
  const problems: Problem[] = [];
  for (const e of validate.errors ?? []) {
    const p = toProblem(e, data);
    if (p) problems.push(p);
  }
  return problems;
}

function toProblem(e: ErrorObject, data: unknown): Problem | undefined {
  const at = e.instancePath;
  const found = () => describeFound(valueAt(data, at));
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String(e.params.additionalProperty);
      return { severity: 'warning', code: 'unknown-field', path: `${at}/${pointerSegment(field)}`, message: msg.unknownField(field) };
    }
    case 'required': {
      const field = String(e.params.missingProperty);
      const path = `${at}/${pointerSegment(field)}`;
      if (field === 'code' && /^\/indicators\/\d+$/.test(at)) {
        return { severity: 'error', code: 'missing-code', path, message: msg.missingCode() };
      }
      return { severity: 'error', code: 'missing-field', path, message: msg.missingField(field) };
    }
    case 'type': {
      const expected = ([] as string[]).concat(e.params.type as string | string[]);
      const value = valueAt(data, at);
      // "۸۰" where 80 belongs: say what the number would have been.
      const read = typeof value === 'string' && expected.includes('number') ? parseNumber(value) : undefined;
      const hint = read && read.ok && read.value !== null ? read.value : undefined;
      return { severity: 'error', code: 'wrong-type', path: at, message: msg.wrongType(expected, found(), hint) };
    }
    case 'propertyNames': {
      const key = String(e.params.propertyName);
      return {
        severity: 'error',
        code: 'bad-key',
        path: `${at}/${pointerSegment(key)}`,
        message: msg.badKey(key, /\/(actuals|notes)$/.test(at)),
      };
    }
    case 'minimum':
    case 'maximum': {
      // ±VALUE_LIMIT bounds every number of the schema: said in the words of every other reader.
      const value = valueAt(data, at);
      const beyond = Math.abs(e.params.limit as number) === VALUE_LIMIT && typeof value === 'number' ? numberProblem(value) : undefined;
      if (beyond) return { severity: 'error', code: 'out-of-range', path: at, message: msg.outOfRange(beyond) };
      return { severity: 'error', code: 'bad-value', path: at, message: msg.badValue(ruleText(e), found()) };
    }
    case 'enum':
      return { severity: 'error', code: 'not-allowed', path: at, message: msg.notAllowed(e.params.allowedValues as unknown[], found()) };
    case 'const':
      return { severity: 'error', code: 'not-allowed', path: at, message: msg.notAllowed([e.params.allowedValue], found()) };
    default:
      // The inner error of a failed propertyNames carries the key name: reported above.
      if ((e as ErrorObject & { propertyName?: string }).propertyName !== undefined) return undefined;
      return { severity: 'error', code: 'bad-value', path: at, message: msg.badValue(ruleText(e), found()) };
  }
}

function ruleText(e: ErrorObject): Bilingual {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'minLength':
      return { en: 'must not be empty', fa: 'نباید خالی باشد' };
    case 'minItems':
      return { en: `needs at least ${p.limit} entries`, fa: `دست‌کم ${p.limit} مورد لازم است` };
    case 'maxItems':
      return { en: `may have at most ${p.limit} entries`, fa: `حداکثر ${p.limit} مورد مجاز است` };
    case 'uniqueItems':
      return { en: `entries ${p.j} and ${p.i} are the same`, fa: `موردهای ${p.j} و ${p.i} یکسان‌اند` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
      return { en: `must be ${p.comparison} ${p.limit}`, fa: `باید ${p.comparison} ${p.limit} باشد` };
    case 'pattern':
      if (e.schemaPath.endsWith('/id/pattern')) {
        return { en: 'an id may hold no control characters (line breaks, tabs) and no space at either end', fa: 'شناسه نباید نویسه کنترلی (شکست خط، جدول‌بندی) یا فاصله در ابتدا و انتها داشته باشد' };
      }
      return { en: 'is not in the expected form', fa: 'قالب آن درست نیست' };
    default:
      return { en: e.message ?? e.keyword, fa: e.message ?? e.keyword };
  }
}
