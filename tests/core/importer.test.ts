import * as fs from 'fs';
import * as path from 'path';
import { importTables, type SourceLines } from '../../src/core/importer/importer';
import { loadPlanValue } from '../../src/core/plan/load';
import { districtNumber } from '../../src/core/importer/districts';
import { ROOT } from '../helpers/plan';

const DATA = path.join(ROOT, 'tests', 'fixtures', 'qazvin');
const here = fs.existsSync(DATA);
if (!here && process.env.CI) throw new Error(`the Qazvin tables are needed: ${DATA}`);
const describeWithData = here ? describe : describe.skip;

type TableRow = { title: string | null; measure: string | null; targets: Record<string, number | null>; horizon: number | null; anomaly: string | null };
type TableBlock = { seq: number; line: number; workingGroup: string; unit: string | null; codeAsPrinted: string; title: string | null; rows: TableRow[] };

function sources(transform: (rows: string[][]) => string[][] = (r) => r): SourceLines[] {
  const index = JSON.parse(fs.readFileSync(path.join(DATA, 'raw', 'index.json'), 'utf8')) as Record<string, { file: string }>;
  return Object.values(index).map((v) => ({ source: path.basename(v.file), rows: transform(fs.readFileSync(path.join(DATA, v.file), 'utf8').split('\n').map((l) => l.split('\t'))) }));
}

/** Our measured lines in document order: [code, title, measure, targets, horizon, ref]. */
function lines(plan: ReturnType<typeof importTables>['plan']) {
  return plan.indicators.flatMap((ind) =>
    ind.items ? ind.items.map((it) => ({ code: ind.code, ref: `${ind.id}.${it.id}`, title: it.title ?? null, measure: it.measure ?? null, targets: it.targets, horizon: it.horizon ?? null })) : [{ code: ind.code, ref: ind.id!, title: ind.title ?? null, measure: ind.measure ?? null, targets: ind.targets, horizon: ind.horizon ?? null }],
  );
}

describeWithData("importing Qazvin's tables", () => {
  const tables = () => JSON.parse(fs.readFileSync(path.join(DATA, 'tables.json'), 'utf8')) as TableBlock[];
  const result = importTables(sources(), { id: 'qazvin-import' });
  const ours = lines(result.plan);

  /** Each of tables.json's rows, matched to one of ours by code and title, in order. */
  const matched = () => {
    const used = new Set<number>();
    return tables().flatMap((b) =>
      b.rows.map((row) => {
        const i = ours.findIndex((o, k) => !used.has(k) && o.code === b.codeAsPrinted && (o.title ?? '') === (row.title ?? ''));
        if (i >= 0) used.add(i);
        return { block: b, row, ours: ours[i] };
      }),
    );
  };

  test("every row's targets, horizon and measure equal the hand-checked reading", () => {
    const all = matched();
    const exact = all.filter((m) => m.ours && JSON.stringify(m.ours.targets) === JSON.stringify(m.row.targets) && m.ours.horizon === m.row.horizon && m.ours.measure === m.row.measure);
    expect(all.length).toBe(280);
    expect(exact.length / all.length).toBeGreaterThanOrEqual(0.98);
    expect(all.filter((m) => !exact.includes(m)).map((m) => `${m.block.codeAsPrinted} ${m.row.title}`)).toEqual([]);
  });

  test('every row whose reading is a guess is in the report; every data error is among the warnings', () => {
    const warnings = loadPlanValue(result.plan).problems;
    for (const m of matched().filter((x) => x.row.anomaly)) {
      const reported = result.anomalies.some((a) => a.ref === m.ours.ref || a.ref === m.ours.ref.split('.')[0]);
      if (/^horizon .* equals neither/.test(m.row.anomaly!) && !reported) {
        const [i, j] = [result.plan.indicators.findIndex((x) => m.ours.ref === x.id || m.ours.ref.startsWith(`${x.id}.`)), Number(m.ours.ref.split('.')[1]) - 1];
        const at = m.ours.ref.includes('.') ? `/indicators/${i}/items/${j}/horizon` : `/indicators/${i}/horizon`;
        expect(warnings.filter((w) => w.code === 'horizon-disagrees').map((w) => w.path)).toContain(at);
      } else {
        expect({ row: m.ours.ref, reported }).toEqual({ row: m.ours.ref, reported: true });
      }
    }
  });

  test('blocks, units and working groups are all found; no unit is invented', () => {
    const t = tables();
    expect(result.stats.blocks).toBe(t.length);
    expect(result.plan.workingGroups!.map((w) => w.title)).toEqual([...new Set(t.map((b) => b.workingGroup.replace(/^کارگروه\s*(تخصصی\s*)?/, '')))]);
    const truthUnits = new Set(t.map((b) => b.unit).filter((x): x is string => !!x));
    expect(new Set(result.plan.units!.map((u) => u.title))).toEqual(truthUnits);
    // each unit is listed with the line that gave it
    for (const u of result.account.units) expect(result.account.units.filter((x) => x.title === u.title)).toHaveLength(1);
    expect(result.account.units.map((u) => `${u.source}:${u.line}`)).toContain('01.tsv:5');
    // a table with no unit heading above it has no unit, and the report says so with its id
    const unitless = result.plan.indicators.filter((i) => !i.unit);
    expect(unitless.length).toBeGreaterThan(30);
    for (const ind of unitless) expect(result.anomalies.some((a) => a.ref === ind.id && /^no unit for/.test(a.found))).toBe(true);
    // and that is so in the hand-checked reading: the note's line is the block's line in the book
    const index = JSON.parse(fs.readFileSync(path.join(DATA, 'raw', 'index.json'), 'utf8')) as Record<string, { file: string; startLine: number }>;
    const start = new Map(Object.values(index).map((v) => [path.basename(v.file), v.startLine]));
    const noUnit = result.anomalies.filter((a) => /^no unit for/.test(a.found));
    expect(noUnit).toHaveLength(unitless.length);
    for (const a of noUnit) expect(t.find((b) => b.line === start.get(a.source)! + a.line - 1)).toMatchObject({ unit: null });
  });

  test('scored as a new book would be (bench/import-accuracy.js): 99% of plain rows exact, none lost, no unit invented', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bench's own scoring, shared with the tests
    const { score } = require('../../bench/import-score') as { score: (r: unknown, b: unknown) => { exactRate: number; lost: string[]; inventedUnits: string[]; rowsWithoutAnomaly: number } };
    const s = score(result, tables());
    expect(s.rowsWithoutAnomaly).toBe(255);
    expect(s.exactRate).toBeGreaterThanOrEqual(0.99);
    expect(s.lost).toEqual([]);
    expect(s.inventedUnits).toEqual([]);
  });

  test('every table and table row is accounted for, and the numbers add up', () => {
    const a = result.account;
    expect(a.tables).toBe(a.indicators + a.continued + a.skippedTables.length);
    expect(a.rows).toBe(a.rowsRead + a.skippedRows.length);
    expect(a.tables).toBe(tables().length);
    expect(a.rowsRead).toBe(280);
    expect(a.skippedRows).toEqual([]);
    // each table with its line and what it became: every indicator once, every continuation onto one of them
    expect(a.codes).toHaveLength(a.tables);
    const ids = result.plan.indicators.map((i) => i.id);
    expect(a.codes.filter((c) => c.as === 'indicator').map((c) => c.id)).toEqual(ids);
    for (const c of a.codes.filter((x) => x.as === 'continued')) expect(ids).toContain(c.id);
    expect(a.codes[0]).toEqual({ source: '01.tsv', line: 9, code: '1-7-5-2', as: 'indicator', id: '1-7-5-2' });
  });

  test('district rows become items with their district; repeated codes get distinct ids', () => {
    const withDistrict = result.plan.indicators.flatMap((i) => i.items ?? []).filter((it) => it.district);
    expect(withDistrict.length).toBeGreaterThan(20);
    // digits or words: `منطقه ۳`, `لوله گذاری در منطقه یک`
    expect(withDistrict.every((it) => it.district === `d${districtNumber(it.title ?? '')}`)).toBe(true);
    expect(withDistrict.filter((it) => /منطقه (یک|دو|سه|چهار)/.test(it.title ?? '')).length).toBeGreaterThan(5);
    expect(result.plan.districts!.map((d) => d.id)).toEqual(expect.arrayContaining(['d1', 'd2', 'd3', 'd4']));
    const ids = result.plan.indicators.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id!.includes('@')).length).toBeGreaterThan(0);
  });

  test('the plan validates (warnings allowed) and carries the report as warnings', () => {
    const r = loadPlanValue(result.plan);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.problems.filter((p) => p.code === 'import-note')).toHaveLength(result.anomalies.length);
  });

  test('the same tables with every column order reversed (as 59 of the blocks are printed) read the same', () => {
    const reversed = importTables(sources((rows) => rows.map((r) => (r.length >= 7 ? [...r].reverse() : r))), { id: 'qazvin-import' });
    expect(lines(reversed.plan)).toEqual(ours);
  });

  test('Latin digits and / decimals read the same as Persian digits and ٫', () => {
    const latin = (s: string) => s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
    const other = importTables(sources((rows) => rows.map((r) => r.map(latin))), { id: 'qazvin-import' });
    // titles and measures keep their digits as typed: compare them with digits made Latin
    const textLatin = (ls: ReturnType<typeof lines>) => ls.map((l) => ({ ...l, title: l.title && latin(l.title), measure: l.measure && latin(l.measure) }));
    expect(textLatin(lines(other.plan))).toEqual(textLatin(ours));
  });
});
