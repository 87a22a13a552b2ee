// `plansheets validate` refuses every plan that cannot survive PlanSheets unchanged, naming the
// JSON path of each problem, and what it accepts round-trips: repeated keys, unknown fields named
// like Object's own members, text no workbook holds, numbers beyond 15 digits, names two lines
// share, weights of 0, plans too big to build, values nested too deep.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { run } from '../../src/cli/main';
import { loadPlan, loadPlanValue, MAX_INDICATORS, MAX_MEASURED_LINES } from '../../src/core/plan/load';
import { stringifyPlan } from '../../src/core/plan/canonical-json';
import { scanJson } from '../../src/core/plan/json-scan';
import { MAX_DEPTH, valueProblems } from '../../src/core/plan/value-checks';
import { MAX_TREE_DEPTH } from '../../src/core/plan/semantic-checks';
import { pointer, pointerSegment } from '../../src/core/plan/problems';
import { planSchema } from '../../src/core/plan/schema-check';
import type { Indicator, Item, Plan } from '../../src/core/plan/plan.types';
import { TEXT_LIMIT, VALUE_LIMIT } from '../../src/core/numbers/limits';
import { buildReport, NOT_BY_DISTRICT, REPORT_BY } from '../../src/core/report/report';
import { budgetByUnit, budgetByWorkingGroup } from '../../src/core/report/budget-view';
import { evaluateFormulas, createEngine } from '../../src/core/formulas/hyperformula-plan';
import * as F from '../../src/core/functions/plan-functions';
import { weightedMean } from '../../src/core/achievement/achievement';
import { weightedMeanFormula } from '../../src/core/grid/formulas';
import { makePlan, sampleText } from '../helpers/plan';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-hostile-plans-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let fileNo = 0;

/** `plansheets [--lang] validate` on a plan (an object, written by JSON.stringify, or a text). */
async function validate(plan: unknown, lang: 'en' | 'fa' = 'en') {
  const file = path.join(tmp, `plan-${fileNo++}.json`);
  fs.writeFileSync(file, typeof plan === 'string' ? plan : JSON.stringify(plan));
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(['--lang', lang, 'validate', file], { out: (l) => out.push(l), err: (l) => err.push(l) });
  fs.rmSync(file);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** An error line of `validate`, as printed. */
const errorLine = (at: string, message: string) => `error    ${at}  ${message}`;

const qazvin = (): Plan => JSON.parse(sampleText());

type Segment = string | number;
/** Every value of a plan with its path, depth first. */
function entries(value: unknown, at: Segment[] = []): Array<{ at: Segment[]; value: unknown }> {
  const out = [{ at, value }];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...entries(v, [...at, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...entries(v, [...at, k]));
  return out;
}
function setAt(root: unknown, at: Segment[], value: unknown): void {
  let node = root as Record<string, unknown>;
  for (const s of at.slice(0, -1)) node = node[s] as Record<string, unknown>;
  node[at[at.length - 1]] = value;
}
const QAZVIN_VALUES = entries(qazvin());
const pick = <T>(xs: readonly T[], n: number) => xs[n % xs.length];

describe('a key repeated in one object is an error at its second occurrence', () => {
  /** JSON text of `value` with `key` written a second time (escaped, or as is) in the object at `at`. */
  function withDuplicate(value: unknown, at: string, key: string, escape: boolean, here = ''): string {
    if (Array.isArray(value)) return '[' + value.map((v, i) => withDuplicate(v, at, key, escape, `${here}/${i}`)).join(',') + ']';
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    const obj = value as Record<string, unknown>;
    const parts = Object.keys(obj).map((k) => `${JSON.stringify(k)}:${withDuplicate(obj[k], at, key, escape, `${here}/${pointerSegment(k)}`)}`);
    if (here === at) {
      const written = escape ? `"${[...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"` : JSON.stringify(key);
      parts.push(`${written}:${JSON.stringify(obj[key])}`);
    }
    return '{' + parts.join(',') + '}';
  }
  const objects = QAZVIN_VALUES.filter((e) => e.value !== null && typeof e.value === 'object' && !Array.isArray(e.value) && Object.keys(e.value).length > 0);

  test('anywhere in the Qazvin plan, even with the same value, even written with escapes: exit 1 with its path', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.boolean(), async (o, k, escape) => {
        const { at, value } = pick(objects, o);
        const key = pick(Object.keys(value as object), k);
        const where = pointer(...at);
        const text = withDuplicate(qazvin(), where, key, escape);
        expect(JSON.parse(text)).toEqual(qazvin());
        const r = await validate(text);
        expect(r.code).toBe(1);
        expect(r.out).toContain(errorLine(`${where}/${pointerSegment(key)}`, `key "${key}" appears twice in one object`));
      }),
      { numRuns: 40 },
    );
  });

  test('the message gives the line and column of both, in English and Persian', async () => {
    const text = '{\n  "format": "plansheets.plan",\n  "version": 1,\n  "format": "plansheets.plan"\n}';
    const r = await validate(text);
    expect(r.code).toBe(1);
    expect(r.out).toContain(errorLine('/format', 'key "format" appears twice in one object (line 4, column 3; first at line 2, column 3)'));
    expect((await validate(text, 'fa')).out).toContain('کلید "\u2068format\u2069" دو بار در یک شیء آمده است (سطر ۴، ستون ۳؛ بار اول سطر ۲، ستون ۳)');
  });

  // The scanner against an oracle: random JSON whose objects are written from lists of entries,
  // so the repeated keys are known; keys with quotes, slashes, tildes and escapes included.
  type Tree = string | number | null | Tree[] | { entries: Array<[string, Tree]> };
  const keyArb = fc.constantFrom('a', 'b', 'ab', '"', '\\', '/', '~', 'é', 'ی', '1403', '__proto__', 'constructor', '');
  const treeArb = fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null)),
      fc.array(tie('tree'), { maxLength: 4 }),
      fc.record({ entries: fc.array(fc.tuple(keyArb, tie('tree')), { maxLength: 6 }) }),
    ),
  })).tree;
  const isObj = (t: Tree): t is { entries: Array<[string, Tree]> } => t !== null && typeof t === 'object' && !Array.isArray(t);
  function write(t: Tree, escape: (i: number) => boolean, space: string): string {
    if (Array.isArray(t)) return `[${space}${t.map((x) => write(x, escape, space)).join(`,${space}`)}${space}]`;
    if (isObj(t)) {
      return `{${space}${t.entries
        .map(([k, v], i) => `${escape(i) ? `"${[...k].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"` : JSON.stringify(k)}${space}:${space}${write(v, escape, space)}`)
        .join(`,${space}`)}${space}}`;
    }
    return JSON.stringify(t);
  }
  function expected(t: Tree, at = ''): Array<{ path: string; key: string }> {
    if (Array.isArray(t)) return t.flatMap((x, i) => expected(x, `${at}/${i}`));
    if (!isObj(t)) return [];
    const seen = new Set<string>();
    return t.entries.flatMap(([k, v]) => {
      const here = `${at}/${pointerSegment(k)}`;
      const dup = seen.has(k) ? [{ path: here, key: k }] : [];
      seen.add(k);
      return [...dup, ...expected(v, here)];
    });
  }

  test('the scanner finds exactly the repeated keys of any JSON, in text order', () => {
    fc.assert(
      fc.property(treeArb, fc.func(fc.boolean()), fc.constantFrom('', ' ', '\n  ', '\t'), (t, escape, space) => {
        const text = write(t, (i) => escape(i), space);
        JSON.parse(text);
        // `expected` walks depth first, entry by entry: the order the text is written in.
        expect(scanJson(text).duplicates.map((d) => ({ path: d.path, key: d.key }))).toEqual(expected(t));
      }),
      { numRuns: 300 },
    );
  });

  test('a file repeating one key a million times lists the first hundred, quickly refused', () => {
    const text = `{"format":"plansheets.plan","version":1,"x":{${Array.from({ length: 1_000_000 }, () => '"k":1').join(',')}}}`;
    const r = loadPlan(text);
    expect(r.ok).toBe(false);
    const dups = r.problems.filter((p) => p.code === 'duplicate-key');
    expect(dups).toHaveLength(100);
    expect(dups[0].path).toBe('/x/k');
  });
});

describe('unknown fields of any name are kept: own properties, never prototypes', () => {
  const NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

  test('__proto__, constructor and prototype at every level round-trip byte for byte through load and stringifyPlan, with their warnings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: fc.constantFrom(...NAMES), where: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }), { minLength: 1, maxLength: 6 }),
        (extras) => {
          const plan = qazvin();
          const objects: Array<{ at: Segment[]; obj: Record<string, unknown> }> = [
            { at: [], obj: plan as unknown as Record<string, unknown> },
            { at: ['meta'], obj: plan.meta as unknown as Record<string, unknown> },
            ...plan.indicators.map((ind, i) => ({ at: ['indicators', i], obj: ind as unknown as Record<string, unknown> })),
            ...plan.indicators.flatMap((ind, i) => (ind.items ?? []).map((it, j) => ({ at: ['indicators', i, 'items', j], obj: it as unknown as Record<string, unknown> }))),
          ];
          const added = new Set<string>();
          for (const e of extras) {
            const { at, obj } = pick(objects, e.where);
            // As JSON.parse makes it: an own, enumerable data property, whatever its name.
            Object.defineProperty(obj, e.name, { value: e.value, enumerable: true, writable: true, configurable: true });
            added.add(pointer(...at, e.name));
          }
          const text = stringifyPlan(plan);
          for (const name of new Set(extras.map((e) => e.name))) expect(text).toContain(`"${name}"`);
          const r = loadPlan(text);
          expect(r.ok).toBe(true);
          expect(Object.getPrototypeOf(r.plan)).toBe(Object.prototype);
          expect(new Set(r.problems.filter((p) => p.code === 'unknown-field').map((p) => p.path))).toEqual(added);
          expect(stringifyPlan(r.plan!)).toBe(text);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('validate warns about each, says it is kept, and exits 0', async () => {
    const text = sampleText().replace('"format":', '"__proto__": {"polluted": true}, "constructor": 1, "prototype": "x", "format":');
    const r = await validate(text);
    expect(r.code).toBe(0);
    for (const name of ['__proto__', 'constructor', 'prototype']) expect(r.out).toContain(`warning  /${name}  unknown field "${name}": kept in the file, not used`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('text no workbook can hold is an error with its path', () => {
  const strings = QAZVIN_VALUES.filter((e) => typeof e.value === 'string' && pointer(...e.at) !== '/format');
  // C0 controls other than tab, LF and CR; U+FFFE, U+FFFF; lone surrogates.
  const forbidden = fc.oneof(
    fc.integer({ min: 0, max: 0x1f }).filter((c) => c !== 9 && c !== 10 && c !== 13),
    fc.constantFrom(0xfffe, 0xffff),
    fc.integer({ min: 0xd800, max: 0xdfff }),
  );

  test('a control character (or U+FFFE/U+FFFF, or a lone surrogate) anywhere in any string of the Qazvin plan: exit 1 naming it and its path', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), forbidden, async (s, p, code) => {
        const { at, value } = pick(strings, s);
        const text = value as string;
        const pos = p % (text.length + 1);
        const plan = qazvin();
        setAt(plan, at, text.slice(0, pos) + String.fromCharCode(code) + text.slice(pos));
        // JSON.stringify writes controls and lone surrogates as \u escapes, U+FFFE/U+FFFF as UTF-8.
        const r = await validate(plan);
        expect(r.code).toBe(1);
        const hex = code.toString(16).toUpperCase().padStart(4, '0');
        expect(r.out).toContain(errorLine(pointer(...at), `this text cannot be kept in a workbook (holds the control character U+${hex} at position ${pos + 1}`));
      }),
      { numRuns: 40 },
    );
  });

  test('more than 32,767 characters in any string: exit 1 with the length and its path', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: TEXT_LIMIT + 1, max: TEXT_LIMIT + 5000 }), async (s, length) => {
        const { at } = pick(strings, s);
        const plan = qazvin();
        setAt(plan, at, 'ب'.repeat(length));
        const r = await validate(plan);
        expect(r.code).toBe(1);
        expect(r.out).toContain(errorLine(pointer(...at), `this text cannot be kept in a workbook (${length} characters; a cell holds at most 32767)`));
      }),
      { numRuns: 8 },
    );
    // Exactly at the limit is fine.
    const plan = qazvin();
    plan.indicators[0].title = 'ب'.repeat(TEXT_LIMIT);
    expect((await validate(plan)).code).toBe(0);
  });

  test('in keys of unknown fields too, and build writes nothing for such a plan', async () => {
    const plan = qazvin() as unknown as Record<string, unknown>;
    (plan.meta as Record<string, unknown>)['note\u0007'] = 'x';
    const r = await validate(plan);
    expect(r.code).toBe(1);
    expect(r.out).toContain(errorLine('/meta/note\u0007', 'this key cannot be kept in a workbook (holds the control character U+0007'));

    const bad = qazvin();
    bad.indicators[3].title = 'شاخص\u000b';
    const file = path.join(tmp, 'control.json');
    fs.writeFileSync(file, JSON.stringify(bad));
    const book = path.join(tmp, 'control.xlsx');
    const err: string[] = [];
    const code = await run(['build', file, '-o', book], { out: () => undefined, err: (l) => err.push(l) });
    expect(code).toBe(1);
    expect(err.join('\n')).toContain(errorLine('/indicators/3/title', 'this text cannot be kept in a workbook (holds the control character U+000B'));
    expect(fs.existsSync(book)).toBe(false);
  });

  test('the text scan never lets a string the value checks refuse pass unchecked', () => {
    const piece = fc.oneof(fc.string({ maxLength: 3 }), forbidden.map((c) => String.fromCharCode(c)), fc.constantFrom('😀', '\t', '\n', 'ی', '\\', '"'));
    fc.assert(
      fc.property(fc.dictionary(fc.array(piece, { maxLength: 3 }).map((p) => p.join('')), fc.array(piece, { maxLength: 4 }).map((p) => p.join('')), { maxKeys: 4 }), (obj) => {
        const text = JSON.stringify(obj);
        if (scanJson(text).plain) expect(valueProblems(JSON.parse(text))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('every number a plan holds is within ±VALUE_LIMIT', () => {
  test("the schema bounds every number it allows by VALUE_LIMIT, and the values' bound is VALUE_LIMIT exactly", () => {
    const numeric: string[] = [];
    const visit = (node: unknown, at: string) => {
      if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${at}/${i}`));
      if (node === null || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      const types = ([] as unknown[]).concat(n.type ?? []);
      if (types.includes('number') || types.includes('integer')) {
        numeric.push(at);
        const lowest = (n.minimum ?? n.exclusiveMinimum) as number | undefined;
        expect([at, typeof lowest === 'number' && lowest >= -VALUE_LIMIT]).toEqual([at, true]);
        expect([at, typeof n.maximum === 'number' && n.maximum <= VALUE_LIMIT]).toEqual([at, true]);
      }
      for (const [k, v] of Object.entries(n)) visit(v, `${at}/${k}`);
    };
    visit(planSchema, '');
    expect(numeric).toEqual(expect.arrayContaining(['/$defs/value', '/$defs/weight', '/$defs/meta/properties/achievement/properties/cap', '/$defs/meta/properties/revision', '/$defs/change/properties/to']));
    const defs = (planSchema as unknown as { $defs: Record<string, { minimum: number; maximum: number }> }).$defs;
    expect([defs.value.minimum, defs.value.maximum, defs.weight.maximum]).toEqual([-VALUE_LIMIT, VALUE_LIMIT, VALUE_LIMIT]);
  });

  // Places of numbers: those the Qazvin plan has, and those it could have.
  type Place = { at: Segment[]; nonNegative: boolean; add?: (p: Plan) => void };
  const existing: Place[] = QAZVIN_VALUES.filter(
    (e) => typeof e.value === 'number' && !['version', 'years', 'baselineYear'].some((k) => e.at.includes(k)),
  ).map((e) => ({ at: e.at, nonNegative: e.at.includes('achievement') || e.at.includes('revision') }));
  const withItems = qazvin().indicators.findIndex((i) => i.items?.length);
  const added: Place[] = [
    { at: ['indicators', 0, 'weight'], nonNegative: true },
    { at: ['indicators', withItems, 'items', 0, 'weight'], nonNegative: true },
    { at: ['indicators', 1, 'baseline', 'previous'], nonNegative: false, add: (p) => void (p.indicators[1].baseline = {}) },
    { at: ['indicators', 1, 'baseline', 'cumulative'], nonNegative: false, add: (p) => void (p.indicators[1].baseline = {}) },
    { at: ['indicators', withItems, 'items', 1, 'horizon'], nonNegative: false },
    { at: ['meta', 'importNotes', 0, 'line'], nonNegative: true, add: (p) => void (p.meta.importNotes = [{ line: 1, found: 'x', reading: 'y' }]) },
    { at: ['changes', 0, 'to'], nonNegative: false, add: (p) => void (p.changes = [{ at: '2024-01-01T00:00:00Z', ref: '1-1-1-1', field: 'actuals.1403', from: null, to: 1 }]) },
  ];
  const places = [...existing, ...added];
  const huge = fc.oneof(
    fc.double({ min: VALUE_LIMIT, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }).filter((x) => x > VALUE_LIMIT),
    fc.integer({ min: 16, max: 308 }).map((e) => Number(`1e${e}`)),
    fc.constant(VALUE_LIMIT + 1),
  );

  test('a number beyond ±1e15 anywhere (targets, actuals, horizon, baseline, funding, weights, thresholds, revision, notes, changes): exit 1 with its path', async () => {
    expect(existing.length).toBeGreaterThan(100);
    await fc.assert(
      fc.asyncProperty(fc.nat(), huge, fc.boolean(), async (n, x, negative) => {
        const place = pick(places, n);
        const value = negative && !place.nonNegative ? -x : x;
        const plan = qazvin();
        place.add?.(plan);
        setAt(plan, place.at, value);
        const r = await validate(plan);
        expect(r.code).toBe(1);
        expect(r.out).toContain(errorLine(pointer(...place.at), `${value} is beyond ±1000000000000000 (15 digits, what Excel keeps): a plan number must be within this range`));
      }),
      { numRuns: 60 },
    );
  });

  test('±1e15 itself is accepted, and targets of 1e308 are no longer reported as NaN%', async () => {
    const plan = qazvin();
    const i = plan.indicators.findIndex((x) => x.targets);
    plan.indicators[i].targets = { '1402': VALUE_LIMIT, '1403': -VALUE_LIMIT };
    expect(loadPlanValue(plan).ok).toBe(true);
    plan.indicators[i].targets = { '1402': 1e308, '1403': 1e308 };
    const r = await validate(plan);
    expect(r.code).toBe(1);
    expect(r.out).toContain(errorLine(`/indicators/${i}/targets/1402`, '1e+308 is beyond'));
  });
});

describe('indicator ids, codes and item refs are one namespace', () => {
  const plan0 = qazvin();
  const composite = plan0.indicators.flatMap((ind, i) => (ind.items ?? []).map((it, j) => ({ i, j, ref: `${ind.id}.${it.id}` })));

  test("an indicator whose id or code is another indicator's item ref: exit 1 naming both paths", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.boolean(), async (c, o, byCode) => {
        const { i, j, ref } = pick(composite, c);
        const b = pick(plan0.indicators.map((_, k) => k).filter((k) => k !== i), o);
        const plan = qazvin();
        if (byCode) plan.indicators[b].code = ref;
        else plan.indicators[b].id = ref;
        const r = await validate(plan);
        expect(r.code).toBe(1);
        const item = `/indicators/${i}/items/${j}/id`;
        const other = `/indicators/${b}/${byCode ? 'code' : 'id'}`;
        expect(r.out).toContain(errorLine(item, `"${ref}" names both the item at ${item} and the indicator ${byCode ? 'code' : 'id'} at ${other}: a value typed for one would land on the other`));
      }),
      { numRuns: 30 },
    );
  });

  test("two indicators' items with one ref (A + B.C, A.B + C), and the example of the issue", async () => {
    const plan = makePlan([
      { id: 'A', code: '1', aggregation: 'last', items: [{ id: 'B.C', targets: { '1402': 1 } }] },
      { id: 'A.B', code: '2', aggregation: 'last', items: [{ id: 'C', targets: { '1402': 1 } }] },
      { id: '2-1-1-1', code: '2-1-1-1', aggregation: 'last', items: [{ id: '1', targets: { '1402': 1 } }] },
      { code: '2-1-1-1.1', aggregation: 'last', targets: { '1402': 1 } },
    ]);
    const r = await validate(plan);
    expect(r.code).toBe(1);
    expect(r.out).toContain(errorLine('/indicators/1/items/0/id', '"A.B.C" names both the item at /indicators/1/items/0/id and the item at /indicators/0/items/0/id'));
    expect(r.out).toContain(errorLine('/indicators/2/items/0/id', '"2-1-1-1.1" names both the item at /indicators/2/items/0/id and the indicator id at /indicators/3/code'));
    expect(r.out).toContain('2 errors');
  });
});

describe('weight 0: scored on its own, counts for nothing in the mean above it; report, eval and the sheets agree', () => {
  const weightArb = fc.constantFrom(0, 0, 0.5, 1, 3, undefined);

  /** The Qazvin plan with weights on its indicators and items, in order (a counterexample shows just the weights). */
  const weighted = (ws: ReadonlyArray<number | undefined>) => {
    const plan = qazvin();
    let n = 0;
    const set = (o: Indicator | Item) => {
      const w = ws[n++ % ws.length];
      if (w !== undefined) o.weight = w;
    };
    for (const ind of plan.indicators) {
      set(ind);
      ind.items?.forEach(set);
    }
    return plan;
  };

  test('every report row equals PLAN.ACHIEVEMENT of its key, for every dimension, mode and year', () => {
    const prefix: Record<string, string> = { workingGroup: 'wg:', unit: 'unit:', district: 'district:', node: 'node:', indicator: '' };
    fc.assert(
      fc.property(fc.array(weightArb, { minLength: 1, maxLength: 400 }), fc.constantFrom('cumulative' as const, 'annual' as const, 'horizon' as const), fc.constantFrom(undefined, 1402, 1403), (ws, mode, year) => {
        const r = loadPlanValue(weighted(ws));
        expect(r.ok).toBe(true);
        for (const by of REPORT_BY) {
          // the "not by district" row holds funding no district has: it has no ref of its own
          const rows = buildReport(r.index!, by, mode, year).rows.filter((row) => !(by === 'district' && row.key === NOT_BY_DISTRICT));
          const yearArg = year ?? r.index!.lastYear;
          const evals = evaluateFormulas(r.index, rows.map((row) => `=PLAN.ACHIEVEMENT("${prefix[by]}${row.key}",${yearArg},"${mode}")`));
          expect(rows.map((row, k) => [by, row.key, evals[k].value])).toEqual(rows.map((row) => [by, row.key, row.achievement ?? '']));
        }
      }),
      { numRuns: 8 },
    );
  });

  test('the example: an indicator of weight 0 has its own achievement in report and eval, and adds nothing to its group', async () => {
    const plan = makePlan([
      { id: 'a', code: '3-6-3-1', workingGroup: 'wg1', weight: 0, aggregation: 'last', targets: { '1402': 10 }, actuals: { '1402': 5 } },
      { id: 'b', code: '3-6-3-2', workingGroup: 'wg1', weight: 2, aggregation: 'last', targets: { '1402': 10 }, actuals: { '1402': 8 } },
      {
        id: 'c', code: '3-6-3-3', workingGroup: 'wg2', aggregation: 'last',
        items: [
          { id: '1', weight: 0, targets: { '1402': 10 }, actuals: { '1402': 10 } },
          { id: '2', weight: 0, targets: { '1402': 10 }, actuals: { '1402': 2 } },
        ],
      },
    ]);
    const file = path.join(tmp, 'weights.json');
    fs.writeFileSync(file, JSON.stringify(plan));
    const cli = async (...argv: string[]) => {
      const out: string[] = [];
      expect(await run(argv, { out: (l) => out.push(l), err: () => undefined })).toBe(0);
      return JSON.parse(out.join('\n'));
    };
    const report = await cli('report', file, '--by', 'indicator', '--year', '1402', '--json');
    const evals = await cli('eval', file, '=PLAN.ACHIEVEMENT("a",1402)', '=PLAN.ACHIEVEMENT("b",1402)', '=PLAN.ACHIEVEMENT("c",1402)', '=PLAN.ACHIEVEMENT("wg:wg1",1402)', '=PLAN.ACHIEVEMENT("c.1",1402)', '--json');
    expect(report.rows.map((r: { key: string; achievement: number | null }) => [r.key, r.achievement])).toEqual([['a', 0.5], ['b', 0.8], ['c', null]]);
    expect(evals.map((e: { value: unknown }) => e.value)).toEqual([0.5, 0.8, '', 0.8, 1]);
    const groups = await cli('report', file, '--by', 'workingGroup', '--year', '1402', '--json');
    expect(groups.rows.map((r: { key: string; achievement: number | null; reporting: number }) => [r.key, r.achievement, r.reporting])).toEqual([['wg1', 0.8, 2], ['wg2', null, 0]]);
  });

  test("the sheets' weighted-mean formula gives weightedMean's number for any mix of weights and empty cells", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.option(fc.double({ min: 0, max: 1.2, noNaN: true }), { nil: null }), fc.constantFrom(0, 0.5, 1, 2)), { minLength: 1, maxLength: 6 }), (cells) => {
        // Item rows: cells of one column, as the layout writes them.
        const hf = createEngine({ index: undefined }, { S: cells.map(([v]) => [v]) });
        try {
          const refs = cells.map((_, r) => `A${r + 1}`);
          const got = hf.calculateFormula(weightedMeanFormula(refs, cells.map(([, w]) => w)), 0);
          const want = weightedMean(cells, ([v]) => v, ([, w]) => w);
          if (want === null) expect(got).toBe('');
          else expect(got as number).toBeCloseTo(want, 12);
        } finally {
          hf.destroy();
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('for any valid plan, every achievement and report number is finite', () => {
  const YEARS = ['1402', '1403', '1404'];
  const number = fc.oneof(
    fc.double({ min: -VALUE_LIMIT, max: VALUE_LIMIT, noNaN: true }),
    fc.constantFrom(0, -0, VALUE_LIMIT, -VALUE_LIMIT, Number.MIN_VALUE, -Number.MIN_VALUE, 1e-300, 1),
    fc.integer({ min: -100, max: 100 }),
  );
  const value = fc.option(number, { nil: null });
  const nonNegative = fc.oneof(fc.double({ min: 0, max: VALUE_LIMIT, noNaN: true }), fc.constantFrom(0, Number.MIN_VALUE, VALUE_LIMIT, 1));
  const years = fc.tuple(value, value, value).map((vs) => Object.fromEntries(vs.map((v, i) => [YEARS[i], v])));
  const periods = fc.dictionary(fc.constantFrom('1402', '1403', '1403-H1', '1403-H2', '1404-Q1', '1404-M07', '1401'), value, { maxKeys: 4 });
  const line = fc.record(
    {
      targets: years,
      actuals: periods,
      horizon: value,
      baseline: fc.record({ previous: value }),
      scoring: fc.constantFrom('ratio' as const, 'progress' as const),
      polarity: fc.constantFrom('positive' as const, 'negative' as const),
      aggregation: fc.constantFrom('sum' as const, 'last' as const, 'average' as const, 'max' as const, 'min' as const),
      weight: nonNegative,
    },
    { requiredKeys: ['targets', 'actuals', 'aggregation'] },
  );
  const planArb = fc
    .record({
      settings: fc.record({ cap: fc.oneof(fc.double({ min: Number.MIN_VALUE, max: VALUE_LIMIT, noNaN: true }), fc.constantFrom(1.2, VALUE_LIMIT, Number.MIN_VALUE)), green: nonNegative, amber: nonNegative }),
      indicators: fc.array(
        fc.record({
          line,
          items: fc.option(fc.array(fc.tuple(line, fc.constantFrom('d1', 'd2', null)), { minLength: 1, maxLength: 3 }), { nil: undefined }),
          wg: fc.constantFrom('wg1', 'wg2'),
          funding: fc.dictionary(fc.constantFrom(...YEARS), fc.record({ planned: value, spent: value }), { maxKeys: 3 }),
        }),
        { minLength: 1, maxLength: 5 },
      ),
    })
    .map(({ settings, indicators }) => {
      const plan = makePlan(
        indicators.map((d, i): Indicator => ({
          id: `i${i}`,
          code: `3-6-3-${i + 1}`,
          parent: '3-6-3',
          workingGroup: d.wg,
          unit: d.wg === 'wg1' ? 'u1' : 'u2',
          funding: d.funding,
          ...(d.items ? { aggregation: d.line.aggregation, weight: d.line.weight, items: d.items.map(([l, district], j) => ({ id: String(j + 1), district, ...l })) } : d.line),
        })),
      );
      plan.meta.achievement = settings;
      return plan;
    });

  test('report (every dimension, mode and year), the budget view and PLAN.ACHIEVEMENT/STATUS of every line', () => {
    const finite = (v: unknown) => v === null || v === '' || Number.isFinite(v);
    fc.assert(
      fc.property(planArb, (plan) => {
        const r = loadPlanValue(plan);
        expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
        const index = r.index!;
        const refs = index.indicatorList.flatMap((e) => [e.id, ...(e.hasItems ? e.lines.map((l) => l.ref) : [])]);
        const notFinite: unknown[] = [];
        const check = (what: unknown[], ...values: unknown[]) => values.forEach((v) => finite(v) || notFinite.push([...what, v]));
        for (const mode of ['cumulative', 'annual', 'horizon'] as const) {
          for (const year of [undefined, 1402, 1403, 1404]) {
            for (const by of REPORT_BY) {
              for (const row of buildReport(index, by, mode, year).rows) check([mode, year, by, row.key], row.achievement, row.budget.planned, row.budget.spent, row.budget.realization);
            }
            for (const ref of refs) {
              check([mode, year, ref], F.achievement(index, ref, year, mode));
              expect(['green', 'amber', 'red', '']).toContain(F.status(index, ref, year, mode));
            }
          }
        }
        for (const row of [...budgetByWorkingGroup(index), ...budgetByWorkingGroup(index, 1403), ...budgetByUnit(index, 'wg1')]) {
          check(['budget view', row.key], row.achievement, row.realization, row.planned, row.spent);
        }
        expect(notFinite).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('a plan size limit, stated and enforced at load', () => {
  const indicators = (n: number, items: number): Indicator[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `i${i}`,
      code: `${i + 1}`,
      aggregation: 'last' as const,
      ...(items ? { items: Array.from({ length: items }, (_, j) => ({ id: `${j + 1}`, targets: { '1402': 1 } })) } : { targets: { '1402': 1 } }),
    }));

  test(`${MAX_MEASURED_LINES.toLocaleString('en')} measured lines in ${MAX_INDICATORS.toLocaleString('en')} indicators load; one more line or indicator is refused`, async () => {
    expect([MAX_MEASURED_LINES, MAX_INDICATORS]).toEqual([100_000, 50_000]);
    const atLimit = loadPlanValue(makePlan(indicators(MAX_INDICATORS, MAX_MEASURED_LINES / MAX_INDICATORS)));
    expect(atLimit.ok).toBe(true);

    const tooMany = loadPlanValue(makePlan(indicators(MAX_INDICATORS + 1, 0)));
    expect(tooMany.problems).toEqual([
      { severity: 'error', code: 'too-many-indicators', path: '/indicators', message: expect.objectContaining({ en: 'the plan has 50001 indicators; PlanSheets handles at most 50000: split the plan' }) },
    ]);
    const lines = makePlan(indicators(MAX_INDICATORS, 2));
    lines.indicators[7].items!.push({ id: 'extra', targets: { '1402': 1 } });
    const r = await validate(lines);
    expect(r.code).toBe(1);
    expect(r.out).toContain(errorLine('/indicators', 'the plan has 100001 measured lines (indicators without items, and items); PlanSheets handles at most 100000: split the plan'));
  }, 180_000);
});

describe('a plan tree: each chain of parents walked once, at most MAX_TREE_DEPTH levels', () => {
  const chain = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `n${i}`, level: 'vision', title: `level ${i + 1}`, ...(i ? { parent: `n${i - 1}` } : {}) }));

  test(`a chain of 20,000 nodes is refused at level ${MAX_TREE_DEPTH + 1}; ${MAX_TREE_DEPTH} levels are fine`, async () => {
    const plan = qazvin();
    plan.nodes = [...plan.nodes!, ...chain(20_000)];
    const r = await validate(plan);
    expect(r.code).toBe(1);
    const at = plan.nodes.length - 20_000 + MAX_TREE_DEPTH;
    expect(r.out).toContain(errorLine(`/nodes/${at}/parent`, `node "n${MAX_TREE_DEPTH}" is at level ${MAX_TREE_DEPTH + 1} of the tree: a plan tree has at most ${MAX_TREE_DEPTH} levels`));
    expect(r.out).toContain('1 error');
    const fine = qazvin();
    fine.nodes = [...fine.nodes!, ...chain(MAX_TREE_DEPTH)];
    fine.indicators[0].parent = `n${MAX_TREE_DEPTH - 1}`;
    expect(loadPlanValue(fine).ok).toBe(true);
  });

  test('the nodes on a cycle are errors; nodes hanging below it are not', () => {
    const plan = makePlan([], {
      nodes: [
        { id: 'a', level: 'l', title: 'a', parent: 'c' },
        { id: 'b', level: 'l', title: 'b', parent: 'a' },
        { id: 'c', level: 'l', title: 'c', parent: 'b' },
        { id: 'below', level: 'l', title: 'd', parent: 'c' },
        { id: 'self', level: 'l', title: 'e', parent: 'self' },
      ],
    });
    const errors = loadPlanValue(plan).problems.filter((p) => p.severity === 'error');
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['node-cycle', '/nodes/0/parent'],
      ['node-cycle', '/nodes/1/parent'],
      ['node-cycle', '/nodes/2/parent'],
      ['node-cycle', '/nodes/4/parent'],
    ]);
  });

  test('more than 50 plan years is refused (every measured line keeps a value per plan year)', async () => {
    const plan = qazvin();
    plan.meta.years = Array.from({ length: 51 }, (_, i) => 1402 + i) as Plan['meta']['years'];
    const r = await validate(plan);
    expect(r.code).toBe(1);
    expect(r.out).toContain(errorLine('/meta/years', 'may have at most 50 entries, found a list of 51'));
  });
});

describe('values nested deeper than any plan field', () => {
  test(`an unknown field nested ${MAX_DEPTH} levels or more is an error at the depth, not a crash when the plan is written`, async () => {
    for (const depth of [MAX_DEPTH, 100_000]) {
      const text = sampleText().replace('"format":', `"deep": ${'['.repeat(depth)}${']'.repeat(depth)}, "format":`);
      const r = await validate(text);
      expect(r.code).toBe(1);
      expect(r.err).toBe('');
      // The plan is level 0, "deep" level 1: the array at level MAX_DEPTH is refused.
      expect(r.out).toContain(errorLine(`/deep${'/0'.repeat(MAX_DEPTH - 1)}`, `values are nested ${MAX_DEPTH} levels deep here`));
    }
    const shallow = sampleText().replace('"format":', `"deep": ${'['.repeat(MAX_DEPTH - 1)}${']'.repeat(MAX_DEPTH - 1)}, "format":`);
    const ok = loadPlan(shallow);
    expect(ok.ok).toBe(true);
    expect(loadPlan(stringifyPlan(ok.plan!)).ok).toBe(true);
  });
});

describe('ids that would not come back from a cell as written', () => {
  test('a line break, a tab or a control character in any id, or a space at either end, is an error at its path', async () => {
    const idPaths = QAZVIN_VALUES.filter((v) => v.at[v.at.length - 1] === 'id' && typeof v.value === 'string');
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.constantFrom('\r', '\n', '\t', '\u0001', '\u001f', '\u007f', ' '), fc.constantFrom('start', 'middle', 'end'), async (n, c, where) => {
        const target = pick(idPaths, n);
        const id = String(target.value);
        const bad = c === ' ' && where === 'middle' ? `${c}${id}` : where === 'start' ? `${c}${id}` : where === 'end' ? `${id}${c}` : `${id.slice(0, 1)}${c}${id.slice(1)}`;
        const plan = qazvin();
        setAt(plan, target.at, bad);
        const r = await validate(plan);
        expect(r.code).toBe(1);
        expect(r.out).toContain(`${pointer(...target.at)}  an id may hold no control characters`);
      }),
      { numRuns: 60 },
    );
  });
});
