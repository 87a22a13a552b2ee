// A unit's template is e-mailed to that unit: it carries its own slice of the plan and nothing of
// other units (no ids, titles, funding, change-log names, import notes), still merges three ways
// exactly as a template carrying the whole plan did, and its file name, made from a unit id,
// can never land outside the output folder.
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fc from 'fast-check';
import { loadPlan, loadPlanValue } from '../../src/core/plan/load';
import { stringifyPlan } from '../../src/core/plan/canonical-json';
import type { Indicator, Plan } from '../../src/core/plan/plan.types';
import type { PlanIndex } from '../../src/core/plan/plan-index';
import { fieldValue } from '../../src/core/grid/merge';
import { mergeBooks } from '../../src/core/grid/merge-books';
import { unitSlice } from '../../src/core/templates/slice';
import { layoutTemplate, TEMPLATE_ID, templateFileNames, templateUnits, unitTemplate } from '../../src/core/templates/template';
import { writeTemplate } from '../../src/xlsx/write-template';
import { readBook } from '../../src/xlsx/read-book';
import { clone, indexOf, makePlan, sampleText } from '../helpers/plan';
import { planArb } from '../helpers/arbitraries';
import { typeIntoTemplate, type TypedCell } from '../helpers/type-into-template';
import { cli, tempFolder } from './cli';

const { tmp } = tempFolder('template-slice');

const BY_NAMES = ['Maryam Tehranizadeh', 'مریم تهرانی‌زاده', 'h.karimi.planner'];
const NOTE_TEXTS = ['جدول محرمانه کارگزینی.tsv', 'ستون هفتم خالی بود', 'read as the 1403 column by guess'];
const PARTNER_ROLE = 'همکار ارزیابی ویژه';

/** The Qazvin sample with what must never travel to another unit: funding on every line, partners, a change log, import notes. */
function leakyPlan(): Plan {
  const p = JSON.parse(sampleText()) as Plan;
  p.indicators.forEach((ind, i) => {
    ind.funding = { ...(ind.funding ?? {}), 1404: { planned: 9_100_000 + i * 101, spent: 8_200_000 + i * 101 } };
    if (ind.unit === 'budget-office') ind.partners = [{ unit: 'admin-reform', role: PARTNER_ROLE }];
  });
  const ids = p.indicators.map((i) => i.id!);
  p.changes = BY_NAMES.map((by, k) => ({ at: `2024-05-0${k + 1}T08:00:00Z`, by, ref: ids[k * 40], field: 'actuals.1402', from: 1, to: 2 }));
  p.meta.importNotes = [{ source: NOTE_TEXTS[0], line: 7, ref: ids[50], found: NOTE_TEXTS[1], reading: NOTE_TEXTS[2] }];
  return p;
}

/** Every part of an .xlsx package as text, XML entities read back. */
async function packageText(bytes: Buffer | Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir).map((f) => f.async('string')));
  return parts
    .join('\n')
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
      if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
      return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()];
    });
}

interface Token {
  kind: 'indicator id' | 'indicator code' | 'indicator title' | 'item title' | 'funding' | 'change by' | 'import note' | 'unit' | 'partner role';
  text: string;
  /** Ids, codes, numbers: whole tokens only (`1-7-3` must not match inside `1-7-3-5`). */
  whole?: boolean;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function occurs(text: string, t: Token): boolean {
  if (!t.whole) return text.includes(t.text) || text.includes(JSON.stringify(t.text).slice(1, -1));
  return new RegExp(`(?<![\\p{L}\\p{N}_.@-])${escapeRe(t.text)}(?![\\p{L}\\p{N}_@-])`, 'u').test(text);
}

/** What a template of `unit` must not hold, leaving out what the unit's own material holds too. */
function forbidden(p: Plan, unit: string): Token[] {
  const own = p.indicators.filter((i) => i.unit === unit);
  const others = p.indicators.filter((i) => i.unit !== unit);
  const tokens: Token[] = [];
  for (const i of others) {
    tokens.push({ kind: 'indicator id', text: i.id!, whole: true }, { kind: 'indicator code', text: i.code, whole: true });
    if (i.title) tokens.push({ kind: 'indicator title', text: i.title });
    for (const it of i.items ?? []) if (it.title && it.title.length > 8) tokens.push({ kind: 'item title', text: it.title });
  }
  for (const i of p.indicators) {
    for (const f of Object.values(i.funding ?? {})) {
      for (const v of [f.planned, f.spent]) if (typeof v === 'number') tokens.push({ kind: 'funding', text: String(v), whole: true });
    }
  }
  for (const c of p.changes ?? []) if (c.by) tokens.push({ kind: 'change by', text: c.by });
  for (const n of p.meta.importNotes ?? []) for (const s of [n.source, n.found, n.reading]) if (s) tokens.push({ kind: 'import note', text: s });
  for (const u of p.units ?? []) if (u.id !== unit) tokens.push({ kind: 'unit', text: u.id, whole: true }, { kind: 'unit', text: u.title });
  tokens.push({ kind: 'partner role', text: PARTNER_ROLE });
  // What the unit may see: its own lines (without funding and partners), the plan's meta and
  // definitions other than units. A token found there cannot tell a leak from its own data.
  const { importNotes: _n, ...meta } = p.meta;
  const mine = own.map(({ funding: _f, partners: _p, ...rest }) => rest);
  const allowed = JSON.stringify({ meta, nodes: p.nodes, wgs: p.workingGroups, unit: p.units?.find((u) => u.id === unit), districts: p.districts, mine });
  return tokens.filter((t) => !occurs(allowed, t));
}

const leaksIn = (text: string, tokens: Token[]) => tokens.filter((t) => occurs(text, t)).map((t) => `${t.kind}: ${t.text}`);

describe('a unit template carries only its unit slice', () => {
  const plan = leakyPlan();
  const dir = path.join(tmp, 'templates');
  const planFile = path.join(tmp, 'leaky.plan.json');
  let index: PlanIndex;
  beforeAll(async () => {
    index = indexOf(plan);
    fs.writeFileSync(planFile, stringifyPlan(plan));
    const r = await cli('templates', planFile, '-o', dir, '--year', '1403');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  test('no template holds another unit’s ids, codes, titles, any funding, change-log names or import notes, in any part', async () => {
    const units = templateUnits(index);
    const names = templateFileNames(units);
    expect(fs.readdirSync(dir).sort()).toEqual([...names.values()].sort());
    const whole = stringifyPlan(plan);
    for (const unit of units) {
      const tokens = forbidden(plan, unit);
      // The search can fail: the whole plan (what templates carried before) leaks every kind.
      expect(new Set(leaksIn(whole, tokens).map((l) => l.split(':')[0]))).toEqual(new Set(tokens.map((t) => t.kind)));
      expect(tokens.filter((t) => t.kind === 'indicator id').length).toBeGreaterThan(80);
      const text = await packageText(fs.readFileSync(path.join(dir, names.get(unit)!)));
      expect({ unit, leaks: leaksIn(text, tokens) }).toEqual({ unit, leaks: [] });
      // …while the unit's own lines are there, so the search reads the package.
      for (const i of plan.indicators.filter((x) => x.unit === unit)) expect(occurs(text, { kind: 'indicator id', text: i.id!, whole: true })).toBe(true);
    }
  });

  test('the stored base is the unit slice: a valid plan of the same id and revision, the unit alone, its lines as in the plan', async () => {
    const unit = 'civil-deputy'; // items with districts
    const book = await readBook(fs.readFileSync(path.join(dir, 'civil-deputy.xlsx')), 'civil-deputy.xlsx');
    const loaded = loadPlan(book.storedPlan!);
    expect(loaded.ok).toBe(true);
    const base = loaded.plan!;
    expect(base.meta).toEqual((({ importNotes: _n, ...m }) => m)(plan.meta));
    expect(base.units).toEqual([plan.units!.find((u) => u.id === unit)]);
    expect(base.changes).toBeUndefined();
    const own = plan.indicators.filter((i) => i.unit === unit);
    expect(base.indicators).toEqual(own.map(({ funding: _f, partners: _p, ...rest }) => rest));
    // Its items' districts (here all five), in plan order.
    expect(base.districts).toEqual(plan.districts);
    // Every node an indicator hangs under, with its ancestors, and no other.
    const parentOf = new Map(plan.nodes!.map((n) => [n.id, n.parent]));
    const needed = new Set<string>();
    for (const i of own) for (let n = i.parent; n; n = parentOf.get(n)) needed.add(n);
    expect(new Set(base.nodes!.map((n) => n.id))).toEqual(needed);
    expect(new Set(base.workingGroups!.map((w) => w.id))).toEqual(new Set(own.map((i) => i.workingGroup)));
  });
});

describe('unitSlice', () => {
  const lineFields = ['actuals.1402', 'actuals.1403', 'actuals.1404', 'actuals.1404-H1', 'notes.1403', 'evidenceSubmitted.1403', 'comment'];
  const sameLines = (full: PlanIndex, slice: PlanIndex, unit: string) => {
    for (const e of full.indicatorList.filter((x) => x.indicator.unit === unit)) {
      for (const line of [e.self, ...e.lines]) {
        const s = slice.items.get(line.ref) ?? slice.indicators.get(line.ref)?.self;
        expect(s).toBeDefined();
        expect(s!.targetByYear).toEqual(line.targetByYear);
        expect(s!.actualByYear).toEqual(line.actualByYear);
        for (const f of lineFields) expect(fieldValue(slice, line.ref, f)).toEqual(fieldValue(full, line.ref, f));
      }
    }
  };

  test('each Qazvin unit: valid, same lines, nothing more; the plan is left untouched', () => {
    const plan = leakyPlan();
    const before = stringifyPlan(plan);
    const index = indexOf(plan);
    const seen: string[] = [];
    for (const unit of templateUnits(index)) {
      const slice = unitSlice(index, unit);
      const r = loadPlanValue(JSON.parse(stringifyPlan(slice)));
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(slice.indicators.every((i) => i.unit === unit && !i.funding && !i.partners)).toBe(true);
      expect(slice.units!.map((u) => u.id)).toEqual([unit]);
      expect(slice.meta.importNotes).toBeUndefined();
      const districts = new Set(slice.indicators.flatMap((i) => (i.items ?? []).map((it) => it.district).filter((d) => d)));
      expect(new Set((slice.districts ?? []).map((d) => d.id))).toEqual(districts);
      sameLines(index, r.index!, unit);
      seen.push(...slice.indicators.map((i) => i.id!));
      // A copy: changing the slice cannot change the plan.
      slice.indicators[0].title = 'changed';
      slice.meta.years.push(1499);
    }
    expect(seen.sort()).toEqual(plan.indicators.map((i) => i.id!).sort());
    expect(stringifyPlan(plan)).toBe(before);
  });

  test('random plans: every unit slice is valid and reads its lines as the plan does', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const r = loadPlanValue(plan);
        fc.pre(r.ok);
        for (const unit of templateUnits(r.index!)) {
          const slice = loadPlanValue(JSON.parse(stringifyPlan(unitSlice(r.index!, unit))));
          expect(slice.ok).toBe(true);
          sameLines(r.index!, slice.index!, unit);
        }
      }),
      { numRuns: 60 },
    );
  });

  test('a unit the plan does not have is refused', () => {
    expect(() => unitSlice(indexOf(leakyPlan()), 'nobody')).toThrow(/no unit "nobody"/);
  });
});

/** Types into a template by row key and column id; `add` appends rows. */
async function fill(bytes: Buffer, cells: TypedCell[], add: Array<Record<string, ExcelJS.CellValue>> = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  typeIntoTemplate(wb.worksheets[0], cells, add);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('a filled template of the slice merges as one carrying the whole plan did', () => {
  const plan = leakyPlan();
  const index = indexOf(plan);
  const unit = 'budget-office';
  const typed: Array<[string, string, ExcelJS.CellValue]> = [
    ['1-7-4-5', 'actual:1403', '۶۵'],
    ['1-7-5-2', 'actual:1403', '-'],
    ['1-7-3-5.1', 'note:1403', 'برآورد تا پایان سال'],
    ['1-7-3-5.1', 'evidence:1403', 'گزارش مالی شماره ۱۲'],
    ['1-7-3-5.2', 'actual:1403', 110],
  ];
  // A row of another unit's line, typed into the template by hand.
  const added = [{ [TEMPLATE_ID]: '1-8-7-1', 'actual:1403': 5 }];
  const merged = async (bytes: Buffer, current: Plan) => mergeBooks(current, [await readBook(bytes, 'filled.xlsx')], () => 'file', 'budget office', '2024-06-01T00:00:00Z');

  test.each([
    ['into the plan it was made from', (p: Plan) => p],
    [
      'into a plan that moved on (revision 2, a conflict, a quiet change)',
      (p: Plan) => {
        p.meta.revision = 2;
        const items = p.indicators.find((i) => i.id === '1-7-3-5')!.items!;
        items[1].actuals!['1403'] = 100;
        items[2].actuals!['1403'] = 60;
        return p;
      },
    ],
  ])('%s', async (_name, moved) => {
    const sliced = unitTemplate(index, unit, '1403');
    // The form is the same as laid out from the whole plan; only the base differs.
    expect(sliced.model).toEqual(layoutTemplate(index, unit, '1403'));
    expect(sliced.base.length).toBeLessThan(stringifyPlan(plan).length / 5);
    const fromSlice = await fill(await writeTemplate(sliced.model, sliced.base), typed, added);
    const fromWhole = await fill(await writeTemplate(layoutTemplate(index, unit, '1403'), stringifyPlan(plan)), typed, added);
    const current = moved(clone(plan));
    const a = await merged(fromSlice, clone(current));
    const b = await merged(fromWhole, clone(current));
    expect(a).toEqual(b);
    expect(a.applied.map((c) => `${c.ref} ${c.field}`).sort()).toEqual(['1-7-3-5.1 evidenceSubmitted.1403', '1-7-3-5.1 notes.1403', '1-7-4-5 actuals.1403', '1-7-5-2 actuals.1403', ...(current.meta.revision ? [] : ['1-7-3-5.2 actuals.1403'])].sort());
    expect(a.refused.map((r) => [r.ref, r.code])).toEqual([['1-8-7-1', 'other-unit']]);
    expect(loadPlanValue(a.plan).ok).toBe(true);
  });
});

describe('template file names from hostile unit ids', () => {
  const HOSTILE = ['../x', '..', '.', 'a/b', 'a\\b', '/etc/passwd', 'C:\\Windows\\x', 'CON', 'con', 'NUL.txt', 'com1', 'LPT9 ', 'AUX.', 'x\u0000y', 'tab\there', 'line\nbreak', '\u202eslx.exe', 'واحد/مالی', 'واحد مالی', 'می‌شود', 'ﻙ', '  ', '...', 'a'.repeat(400), 'ب'.repeat(200), 'Budget', 'budget', 'e\u0301', '\u00e9', 'ok.xlsx', 'x:y', 'a*b?c"d<e>f|g', '\ud800', '😀'.repeat(80)];
  const idArb = fc.oneof(
    fc.constantFrom(...HOSTILE),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 12 }),
    fc.array(fc.constantFrom('..', '/', '\\', '.', 'CON', 'nul', 'ب', ' ', '\u200c', ':'), { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
  );
  const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
  const utf8 = (s: string) => Buffer.byteLength(s);

  test('every name stays in the folder, is distinct as Windows and macOS compare, and is a name every system accepts', () => {
    const out = path.resolve(tmp, 'out');
    fc.assert(
      fc.property(fc.uniqueArray(idArb, { minLength: 1, maxLength: 12 }), (ids) => {
        const names = templateFileNames(ids);
        expect(names.size).toBe(ids.length);
        const seen = new Set<string>();
        for (const name of names.values()) {
          expect(path.dirname(path.resolve(out, name))).toBe(out);
          expect(path.basename(name)).toBe(name);
          expect(name).toMatch(/\.xlsx$/);
          expect(name).not.toMatch(/[/\\<>:"|?*\p{Cc}\p{Cs}\u202a-\u202e\u2066-\u2069]/u);
          expect(name[0]).not.toBe('.');
          expect(RESERVED.test(name.split('.')[0].trimEnd())).toBe(false);
          expect(utf8(name)).toBeLessThanOrEqual(255);
          const key = name.normalize('NFC').toLowerCase();
          expect(seen.has(key)).toBe(false);
          seen.add(key);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('ordinary ids keep their names; colliding ones get a suffix in plan order', () => {
    const names = templateFileNames(['budget-office', 'واحد مالی', 'a/b', 'a_b', 'Budget-Office', 'CON', '../x']);
    expect([...names.values()]).toEqual(['budget-office.xlsx', 'واحد مالی.xlsx', 'a_b.xlsx', 'a_b-2.xlsx', 'Budget-Office-2.xlsx', '_CON.xlsx', '_x.xlsx']);
  });

  test('plansheets templates of a plan whose unit ids are hostile writes one file per unit inside -o DIR and nothing elsewhere', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(idArb, { minLength: 1, maxLength: 4 }), async (ids) => {
        const inds: Indicator[] = ids.map((unit, k) => ({ id: `i${k}`, code: `3-6-3-${k + 1}`, workingGroup: 'wg1', unit, title: `شاخص ${k}`, aggregation: 'last', targets: { 1403: 10 }, horizon: 10 }));
        const plan = makePlan(inds, { units: ids.map((id) => ({ id, title: 'واحد' })) });
        fc.pre(loadPlanValue(plan).ok); // ids no plan file can hold (control characters) never reach here
        const box = path.join(tmp, `box-${n++}`);
        const out = path.join(box, 'deep', 'out');
        fs.mkdirSync(path.join(box, 'deep'), { recursive: true });
        fs.writeFileSync(path.join(box, 'plan.json'), JSON.stringify(plan));
        const r = await cli('templates', path.join(box, 'plan.json'), '-o', out, '--year', '1403');
        expect(r.code).toBe(0);
        const files = fs.readdirSync(out);
        expect(files.length).toBe(ids.length);
        expect(files.every((f) => fs.statSync(path.join(out, f)).isFile() && f.endsWith('.xlsx'))).toBe(true);
        expect(fs.readdirSync(box).sort()).toEqual(['deep', 'plan.json']);
        expect(fs.readdirSync(path.join(box, 'deep'))).toEqual(['out']);
        // Each file is its unit's template.
        for (const [unit, name] of templateFileNames(ids)) {
          const book = await readBook(fs.readFileSync(path.join(out, name)), name);
          expect(book.templates[0].meta.unit).toBe(unit);
        }
      }),
      { numRuns: 12 },
    );
  });
});

describe('texts that look like Excel character codes', () => {
  test('a title "_x0041_" comes back from the template as written, in its cell and in the plan it carries', async () => {
    const plan = makePlan([{ code: '3-6-3-1', title: 'rate _x0041_ of _x05D0_ lines', workingGroup: 'wg1', unit: 'u1', aggregation: 'last', targets: { '1403': 5 }, horizon: 5 } as Indicator], {
      units: [{ id: 'u1', title: 'unit _x0042_' }],
    });
    const { model, base } = unitTemplate(indexOf(plan), 'u1', 1403);
    const book = await readBook(await writeTemplate(model, base), 'u1.xlsx');
    expect(JSON.parse(book.storedPlan!).indicators[0].title).toBe('rate _x0041_ of _x05D0_ lines');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeTemplate(model, base)) as unknown as ExcelJS.Buffer);
    const texts: string[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => void (typeof c.value === 'string' && texts.push(c.value))));
    expect(texts).toContain('rate _x0041_ of _x05D0_ lines');
    expect(texts.some((t) => t.includes('unit _x0042_'))).toBe(true);
  });
});
