// Output files are never followed through planted links, never half-written; bad paths and
// inputs are clear usage errors; sheet names never collide with PlanSheets' own; and nothing
// prints a stack trace.
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { EXIT_INTERNAL } from '../../src/cli/main';
import { createTemp, readBytes, writeAtomically } from '../../src/cli/files';
import { UsageError } from '../../src/cli/plan-file';
import { FIRST_DATA_ROW, ID_ROW, KEY_ID, layoutSheets, sheetName } from '../../src/core/grid/layout';
import { isReservedSheetName, RESERVED_SHEET_NAMES, TEMP_PREFIX } from '../../src/core/grid/reserved-names';
import { BASE_SHEET } from '../../src/core/grid/base-sheet';
import { TEMP_NAME, tempName } from '../../src/core/grid/generations';
import * as writeBookModule from '../../src/xlsx/write-book';
import type { Indicator, Plan } from '../../src/core/plan/plan.types';
import { indexOf, makePlan, SAMPLE_PATH } from '../helpers/plan';
import { cli, tempFolder } from './cli';

const { dirFor } = tempFolder('hostile-out');

const mkfifo = (p: string) => {
  const r = spawnSync('mkfifo', [p]);
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
};
const isRoot = process.getuid?.() === 0;

/** Names in a folder other than the ones a test put there. */
const leftovers = (dir: string, expected: string[]) => fs.readdirSync(dir).filter((f) => !expected.includes(f));

describe('writeAtomically: never through a link, never half-written', () => {
  test('the temporary file is created exclusively: links and files already at the names it picks are skipped, never followed', () => {
    const dir = dirFor('excl');
    const out = path.join(dir, 'book.xlsx');
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'precious');
    // A seeded source whose first names are all taken: a link to the victim, a dangling link, a file.
    const names = ['a', 'b', 'c', 'd'];
    let i = 0;
    const seeded = () => names[i++];
    fs.symlinkSync(victim, path.join(dir, '.book.xlsx.a.tmp'));
    fs.symlinkSync(path.join(dir, 'would-be-created'), path.join(dir, '.book.xlsx.b.tmp'));
    fs.writeFileSync(path.join(dir, '.book.xlsx.c.tmp'), 'someone else');
    const { fd, tmp: made } = createTemp(out, seeded);
    fs.closeSync(fd);
    expect(made).toBe(path.join(dir, '.book.xlsx.d.tmp'));
    expect(fs.lstatSync(made).isFile()).toBe(true);
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    expect(fs.existsSync(path.join(dir, 'would-be-created'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, '.book.xlsx.c.tmp'), 'utf8')).toBe('someone else');
  });

  test('with every name it could pick taken it gives up with a usage error, having written nothing', () => {
    const dir = dirFor('full');
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'precious');
    fs.symlinkSync(victim, path.join(dir, '.out.json.x.tmp'));
    expect(() => writeAtomically(path.join(dir, 'out.json'), '{}', () => 'x')).toThrow(/cannot write .*out\.json: no free temporary name/);
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    expect(fs.existsSync(path.join(dir, 'out.json'))).toBe(false);
  });

  test('any source of names, any links planted: the write lands in the output file only (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('p', 'q', 'r', 's'), { minLength: 1, maxLength: 12 }), fc.subarray(['p', 'q', 'r', 's']), (picks, planted) => {
        const dir = dirFor('prop');
        const victim = path.join(dir, 'victim');
        fs.writeFileSync(victim, 'precious');
        for (const p of planted) fs.symlinkSync(victim, path.join(dir, `.o.txt.${p}.tmp`));
        let i = 0;
        const source = () => picks[i++ % picks.length];
        const out = path.join(dir, 'o.txt');
        const free = picks.some((p) => !planted.includes(p));
        if (free) {
          writeAtomically(out, 'new', source);
          expect(fs.readFileSync(out, 'utf8')).toBe('new');
        } else {
          expect(() => writeAtomically(out, 'new', source)).toThrow(UsageError);
          expect(fs.existsSync(out)).toBe(false);
        }
        expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
        // No temporary file is left behind, the links planted are untouched.
        expect(leftovers(dir, ['victim', 'o.txt', ...planted.map((p) => `.o.txt.${p}.tmp`)])).toEqual([]);
        for (const p of planted) expect(fs.readlinkSync(path.join(dir, `.o.txt.${p}.tmp`))).toBe(victim);
      }),
      { numRuns: 40 },
    );
  });

  test('a write that fails removes its temporary file and leaves the existing output as it was', () => {
    const dir = dirFor('fail');
    const out = path.join(dir, 'plan.json');
    fs.writeFileSync(out, 'the old plan');
    // Not bytes nor text: the write into the temporary file fails half-way through the job.
    expect(() => writeAtomically(out, 42 as unknown as Buffer)).toThrow(/cannot write .*plan\.json/);
    expect(fs.readFileSync(out, 'utf8')).toBe('the old plan');
    expect(leftovers(dir, ['plan.json'])).toEqual([]);
  });

  test('a replaced file keeps its permissions: a plan kept private stays private', () => {
    const out = path.join(dirFor('mode'), 'plan.json');
    fs.writeFileSync(out, 'old', { mode: 0o600 });
    fs.chmodSync(out, 0o600);
    writeAtomically(out, 'new');
    expect(fs.readFileSync(out, 'utf8')).toBe('new');
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
  });

  test('build many times beside a link farm at the names an attacker can guess: every link target stays untouched', async () => {
    const dir = dirFor('farm');
    const victim = path.join(dir, 'victim.xlsx');
    fs.writeFileSync(victim, 'precious');
    const out = path.join(dir, 'q.xlsx');
    // The old predictable name (this process's pid), its neighbours, and names without a pid.
    const farm = [process.pid, process.pid + 1, process.pid - 1, 0, 1].map((p) => `.q.xlsx.${p}.tmp`).concat(['.q.xlsx.tmp', 'q.xlsx.tmp', '.q.xlsx']);
    for (const f of farm) fs.symlinkSync(victim, path.join(dir, f));
    for (let k = 0; k < 3; k++) {
      const r = await cli('build', SAMPLE_PATH, '-o', out);
      expect(r).toMatchObject({ code: 0, err: '' });
    }
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    for (const f of farm) expect(fs.readlinkSync(path.join(dir, f))).toBe(victim);
    expect(leftovers(dir, ['victim.xlsx', 'q.xlsx', ...farm])).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(out) as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet(BASE_SHEET)).toBeDefined();
  }, 240000);
});

describe('-o paths that are not a file to replace: exit 2 naming the path, nothing written', () => {
  test('a symbolic link at the output path is refused, its target untouched (never written through, nor replaced)', async () => {
    const dir = dirFor('link');
    const victim = path.join(dir, 'victim.json');
    fs.writeFileSync(victim, 'precious');
    const out = path.join(dir, 'out.xlsx');
    fs.symlinkSync(victim, out);
    const r = await cli('build', SAMPLE_PATH, '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`plansheets: cannot write ${out}: it is a symbolic link; PlanSheets does not write through links (give the link's target or another path)`);
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    expect(fs.readlinkSync(out)).toBe(victim);
    // A dangling link too: following it would create its target.
    const dangling = path.join(dir, 'dangling.json');
    fs.symlinkSync(path.join(dir, 'created-through-link.json'), dangling);
    const m = await cli('merge', SAMPLE_PATH, path.join(dir, 'none.xlsx'), '-o', dangling);
    expect(m.code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'created-through-link.json'))).toBe(false);
    expect(leftovers(dir, ['victim.json', 'out.xlsx', 'dangling.json'])).toEqual([]);
  });

  test('a folder, a folder that does not exist, a path ending in a separator, a file used as a folder', async () => {
    const dir = dirFor('dirs');
    fs.writeFileSync(path.join(dir, 'plain'), 'x');
    const cases: Array<[string, RegExp]> = [
      [dir, /^plansheets: cannot write .*: it is a folder, not a file$/],
      [path.join(dir, 'missing', 'out.xlsx'), /^plansheets: cannot write .*missing\/out\.xlsx: the folder .*missing does not exist$/],
      [path.join(dir, 'new') + '/', /^plansheets: cannot write ".*new\/": give a file name, not a folder$/],
      [path.join(dir, 'plain', 'out.xlsx'), /^plansheets: cannot write .*plain\/out\.xlsx: .*plain is not a folder$/],
    ];
    for (const [out, message] of cases) {
      const r = await cli('build', SAMPLE_PATH, '-o', out);
      expect({ out, code: r.code }).toEqual({ out, code: 2 });
      expect(r.err).toMatch(message);
      expect(r.err).toContain(out);
    }
    expect(fs.readdirSync(dir)).toEqual(['plain']);
  });

  test('a named pipe at the output path is refused without blocking', async () => {
    const dir = dirFor('fifo-out');
    const out = path.join(dir, 'out.json');
    mkfifo(out);
    const r = await cli('build', SAMPLE_PATH, '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`plansheets: cannot write ${out}: it is a named pipe (FIFO), not a file`);
    expect(fs.lstatSync(out).isFIFO()).toBe(true);
  });
});

describe('readBytes: inputs that are not files', () => {
  let writer: ChildProcess | undefined;
  afterEach(() => writer?.kill());

  test('a named pipe given as a book is refused, never read (a reader that blocked would get "x" from the writer and fail here)', async () => {
    const dir = dirFor('fifo-in');
    const fifo = path.join(dir, 'book.xlsx');
    mkfifo(fifo);
    // Unblocks a reader that opened the pipe, so a regression fails instead of hanging the suite.
    writer = spawn('sh', ['-c', `sleep 2; echo x > '${fifo}'`], { stdio: 'ignore' });
    const r = await cli('merge', SAMPLE_PATH, fifo, '-o', path.join(dir, 'out.json'));
    expect(r.code).toBe(2);
    expect(r.err).toBe(`plansheets: cannot read ${fifo}: it is a named pipe (FIFO), not a file`);
    expect(fs.existsSync(path.join(dir, 'out.json'))).toBe(false);
  });

  test('a folder, a device, a link loop, a missing file', () => {
    const dir = dirFor('in');
    fs.symlinkSync(path.join(dir, 'b'), path.join(dir, 'a'));
    fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'b'));
    expect(() => readBytes(dir)).toThrow(new UsageError(`cannot read ${dir}: it is a folder, not a file`));
    expect(() => readBytes('/dev/null')).toThrow(new UsageError('cannot read /dev/null: it is a device, not a file'));
    expect(() => readBytes(path.join(dir, 'a'))).toThrow(/^cannot read .*\/a: ELOOP/);
    expect(() => readBytes(path.join(dir, 'none.xlsx'))).toThrow(new UsageError(`cannot read ${path.join(dir, 'none.xlsx')}: no such file`));
  });

  (isRoot ? test.skip : test)('a file without read permission (not testable as root, who reads anything)', () => {
    const file = path.join(dirFor('perm'), 'secret.xlsx');
    fs.writeFileSync(file, 'x', { mode: 0o000 });
    expect(() => readBytes(file)).toThrow(new UsageError(`cannot read ${file}: permission denied`));
  });
});

describe('sheet names never collide with PlanSheets\' own', () => {
  // Each reserved name as it is, lower-cased and upper-cased, and names in the temporary names' space.
  const hostile = [
    ...RESERVED_SHEET_NAMES.flatMap((r) => [r, r.toLowerCase(), r.toUpperCase(), ` ${r} `, `'${r}'`]),
    tempName.sheet(1, 0),
    tempName.base(7),
    tempName.facts(123),
    tempName.pivots(9),
    `${tempName.sheet(2, 3)} 2`,
    'plansheets~1',
    'PlanSheets~',
    'PLANSHEETS~facts~x',
    `Facts${"'".repeat(30)}x`,
  ];

  test('every temporary name generations.ts gives is reserved, and all of them begin with TEMP_PREFIX', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(9), (a, b, clash) => {
        const suffix = clash > 1 ? ` ${clash}` : '';
        for (const name of [tempName.sheet(a, b), tempName.base(a), tempName.facts(a), tempName.pivots(a)].map((x) => x + suffix)) {
          expect(TEMP_NAME.test(name)).toBe(true);
          expect(name.startsWith(TEMP_PREFIX)).toBe(true);
          expect(isReservedSheetName(name)).toBe(true);
          expect(isReservedSheetName(name.toLowerCase())).toBe(true);
        }
      }),
    );
  });

  test('sheetName gives every hostile title a distinct name that is not reserved', () => {
    const taken = new Set<string>();
    const names = hostile.map((t) => sheetName(t, taken));
    expect(names.filter(isReservedSheetName)).toEqual([]);
    expect(new Set(names.map((x) => x.toLowerCase())).size).toBe(names.length);
    expect(names.slice(0, 3)).toEqual(['PlanSheets (2)', 'plansheets (3)', 'PLANSHEETS (4)']);
    expect(sheetName('PlanSheets~1', new Set())).toBe('PlanSheets 1');
    expect(sheetName('History', new Set())).toBe('History (2)');
  });

  test("any title: a name within Excel's rules, unique without case, never reserved (property)", () => {
    const title = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...hostile), fc.string({ unit: fc.constantFrom('P', 'l', 'a', 'n', 'S', 'h', 'e', 't', 's', '~', '1', "'", ' ', 'ب', '🙂') }));
    fc.assert(
      fc.property(fc.array(title, { maxLength: 12 }), (titles) => {
        const taken = new Set<string>();
        const names = titles.map((t) => sheetName(t, taken));
        for (const name of names) {
          expect(name.length).toBeGreaterThan(0);
          expect(name.length).toBeLessThanOrEqual(31);
          expect(name).not.toMatch(/[\\/?*[\]:]|^'|'$/);
          // No half of a surrogate pair left by the cut.
          expect(name).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
          expect(isReservedSheetName(name)).toBe(false);
        }
        expect(new Set(names.map((x) => x.toLowerCase())).size).toBe(names.length);
      }),
    );
  });

  // Each reserved name as written and upper-cased, and temporary names.
  const titles = [
    ...RESERVED_SHEET_NAMES.flatMap((r) => [r, r.toUpperCase()]),
    tempName.sheet(1, 0),
    tempName.base(7),
    tempName.facts(123),
    tempName.pivots(9),
    'plansheets~1',
  ];

  /** A plan with one working group and one unit per hostile title, one indicator each. */
  function hostilePlan(): Plan {
    const indicators: Indicator[] = titles.map((_, i) => ({
      id: `i${i}`,
      code: `3-6-3-${i + 1}`,
      title: `شاخص ${i}`,
      workingGroup: `wg${i}`,
      unit: `u${i}`,
      aggregation: 'sum',
      targets: { '1402': 1, '1403': 2, '1404': 3 },
      actuals: { '1402': 1 },
    }));
    return makePlan(indicators, {
      workingGroups: titles.map((t, i) => ({ id: `wg${i}`, title: t, titleEn: t })),
      units: titles.map((t, i) => ({ id: `u${i}`, title: t, titleEn: t, workingGroups: [`wg${i}`] })),
    });
  }

  test('layoutSheets over such a plan: no sheet takes a reserved name, in either language', () => {
    const index = indexOf(hostilePlan());
    for (const by of ['workingGroup', 'unit'] as const) {
      for (const lang of ['en', 'fa'] as const) {
        const names = layoutSheets(index, { by, lang }).map((m) => m.name);
        expect(names).toHaveLength(titles.length);
        expect(names.filter(isReservedSheetName)).toEqual([]);
        expect(new Set(names.map((x) => x.toLowerCase())).size).toBe(titles.length);
      }
    }
  });

  test.each([
    ['workingGroup', 'en'],
    ['unit', 'fa'],
  ])('build --by %s --sheet-lang %s succeeds, and merge reads a value typed into the sheet of the group titled PlanSheets', async (by, lang) => {
    const dir = dirFor('reserved');
    const planFile = path.join(dir, 'plan.json');
    fs.writeFileSync(planFile, JSON.stringify(hostilePlan()));
    const book = path.join(dir, 'book.xlsx');
    const built = await cli('build', planFile, '-o', book, '--by', by, '--sheet-lang', lang);
    expect(built.err).toBe('');
    expect(built.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(book) as unknown as ExcelJS.Buffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(new Set(names.map((x) => x.toLowerCase())).size).toBe(names.length);
    const indicatorSheets = wb.worksheets.filter((w) => w.getCell('A1').value === KEY_ID);
    expect(indicatorSheets).toHaveLength(titles.length);
    expect(indicatorSheets.map((w) => w.name).filter(isReservedSheetName)).toEqual([]);
    // PlanSheets' own sheets are there under their own names, each once.
    expect(wb.getWorksheet(BASE_SHEET)!.state).toBe('veryHidden');
    expect(names.filter((x) => isReservedSheetName(x))).toEqual([lang === 'fa' ? 'داده‌ها' : 'Facts', BASE_SHEET]);
    // Type into the sheet of the group titled exactly "PlanSheets" (indicator i0), as a person would.
    const ws = wb.getWorksheet('PlanSheets (2)')!;
    const ids = (ws.getRow(ID_ROW).values as unknown[]).slice(1);
    expect(ws.getRow(FIRST_DATA_ROW).getCell(1).value).toBe('i0');
    ws.getRow(FIRST_DATA_ROW).getCell(ids.indexOf('actual:1403') + 1).value = 7;
    await wb.xlsx.writeFile(book);
    const out = path.join(dir, 'merged.json');
    const merged = await cli('merge', planFile, book, '-o', out, '--by', 'tester');
    expect(merged.err).toBe('');
    expect(merged.code).toBe(0);
    expect(merged.out).toMatch(/^applied +book\.xlsx +'PlanSheets \(2\)'!\w+\d+ +i0 +actuals\.1403: \(empty\) → 7$/m);
    const plan = JSON.parse(fs.readFileSync(out, 'utf8')) as Plan;
    expect(plan.indicators[0].actuals).toEqual({ '1402': 1, '1403': 7 });
    expect(plan.indicators.slice(1)).toEqual(hostilePlan().indicators.slice(1));
  }, 120000);
});

describe('an unexpected error prints one line, never a stack', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    delete process.env.PLANSHEETS_DEBUG;
  });

  test('a dependency that throws: one line naming the command, exit 4, no output file; the stack only with PLANSHEETS_DEBUG=1', async () => {
    const dir = dirFor('internal');
    const out = path.join(dir, 'book.xlsx');
    jest.spyOn(writeBookModule, 'writeBook').mockRejectedValue(new TypeError("Cannot read properties of undefined (reading 'x')\n    at fake (file.ts:1:1)"));
    const r = await cli('build', SAMPLE_PATH, '-o', out);
    expect(r.code).toBe(EXIT_INTERNAL);
    expect(r.err).toBe("plansheets: build failed unexpectedly: Cannot read properties of undefined (reading 'x') at fake (file.ts:1:1)");
    expect(r.err).not.toContain('    at ');
    expect(fs.readdirSync(dir)).toEqual([]);
    process.env.PLANSHEETS_DEBUG = '1';
    const debug = await cli('build', SAMPLE_PATH, '-o', out);
    expect(debug.code).toBe(EXIT_INTERNAL);
    expect(debug.err).toMatch(/\n {4}at /);
  });

  test('whatever is thrown, even an object whose toString throws', async () => {
    const bad = {
      toString() {
        throw new Error('no');
      },
    };
    for (const thrown of ['a string', undefined, bad, new Error('')]) {
      jest.spyOn(writeBookModule, 'writeBook').mockRejectedValueOnce(thrown);
      const r = await cli('build', SAMPLE_PATH, '-o', path.join(dirFor('thrown'), 'b.xlsx'));
      expect(r.code).toBe(EXIT_INTERNAL);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^plansheets: build failed unexpectedly: \S/);
    }
  });

  test('usage errors and --help keep their own exit codes', async () => {
    expect((await cli('build', SAMPLE_PATH)).code).toBe(2);
    expect((await cli('--help')).code).toBe(0);
    expect((await cli()).code).toBe(2);
  });
});
