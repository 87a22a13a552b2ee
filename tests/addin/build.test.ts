import * as fs from 'fs';
import { execFileSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { PLAN_FUNCTIONS } from '../../src/core/functions/catalog';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpack = require('webpack');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require('../../webpack.config.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkManifest, checkFunctionsMetadata, declaredCustomFunctionsRuntime } = require('../../scripts/manifest-checks.js');

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-build-'));
type Entrypoints = Record<string, { assets: Array<{ name: string }> }>;
let entrypoints: Entrypoints = {};
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

beforeAll(async () => {
  // Office.js bundled (the default, named here so an OFFICE_JS in the environment cannot change it).
  const config = await makeConfig({ outDir: out, addinUrl: 'https://plans.example.org/addin/', officeJs: 'bundled' }, { mode: 'production' });
  await new Promise<void>((resolve, reject) =>
    webpack(config, (err: Error | null, stats: { hasErrors(): boolean; toString(o: unknown): string; toJson(o: unknown): { entrypoints: Entrypoints } }) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString('errors-only')));
      entrypoints = stats.toJson({ all: false, entrypoints: true }).entrypoints;
      resolve();
    }),
  );
}, 180000);

const read = (f: string) => fs.readFileSync(path.join(out, f), 'utf8');

describe('npm run build (production)', () => {
  test('functions.json lists exactly the engine functions, with their parameters in order', () => {
    const meta = JSON.parse(read('functions.json'));
    const got = meta.functions.map((f: { id: string; parameters: Array<{ name: string; optional?: boolean; description?: string }>; description: string }) => ({
      id: f.id,
      params: f.parameters.map((p) => [p.name, !!p.optional]),
      described: !!f.description && f.parameters.every((p) => !!p.description),
    }));
    const want = PLAN_FUNCTIONS.map((f) => ({ id: f.name, params: f.params.map((p) => [p.name, p.optional]), described: true }));
    expect(got).toEqual(want);
    const spill = Object.fromEntries(meta.functions.map((f: { id: string; result: { dimensionality?: string } }) => [f.id, f.result.dimensionality ?? 'scalar']));
    for (const f of PLAN_FUNCTIONS) expect(spill[f.name]).toBe(f.shape === 'scalar' ? 'scalar' : 'matrix');
  });

  test('the functions bundle registers every function with Excel', () => {
    const code = fs.readdirSync(out).filter((f) => f.endsWith('.js')).map(read).join('\n');
    for (const f of PLAN_FUNCTIONS) expect(code).toContain(`CustomFunctions.associate("${f.name}"`);
  });

  test('the pane page loads the functions and the pane in one page, with Office.js from the add-in itself', () => {
    const html = read('taskpane.html');
    expect(html).toMatch(/src="?office-js\/office\.js/);
    expect(html).not.toMatch(/appsforoffice\.microsoft\.com/);
    expect(html).toMatch(/functions\.js/);
    expect(html).toMatch(/taskpane\.js/);
    expect(fs.existsSync(path.join(out, 'office-js', 'office.js'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'samples', 'qazvin.plan.json'))).toBe(true);
  });

  test('the built manifest points at the published address, its AppDomain is the origin, and it is consistent', () => {
    const manifest = read('manifest.xml');
    expect(manifest).not.toContain('localhost');
    const { problems, urls, appDomains } = checkManifest(manifest);
    expect(problems).toEqual([]);
    expect(urls.every((u: string) => u.startsWith('https://plans.example.org/addin/'))).toBe(true);
    expect(appDomains).toEqual(['https://plans.example.org']);
    expect(manifest).toContain('https://plans.example.org/addin/functions.json');
  });

  test('functions.json uses nothing above the CustomFunctionsRuntime the manifest declares (no allowCustomDataForDataTypeAny)', () => {
    const meta = JSON.parse(read('functions.json'));
    expect(meta).not.toHaveProperty('allowCustomDataForDataTypeAny');
    expect(declaredCustomFunctionsRuntime(read('manifest.xml'))).toBe('1.2');
    expect(checkFunctionsMetadata(meta, declaredCustomFunctionsRuntime(read('manifest.xml')))).toEqual([]);
  });

  test('npm run validate passes on the built manifest and the functions.json beside it', () => {
    const stdout = execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'validate-manifest.js'), path.join(out, 'manifest.xml')], { encoding: 'utf8' });
    expect(stdout).toMatch(/consistent \(offline checks\)/);
  });

  test("the functions entry does not carry the pane's UI libraries, and stays small", () => {
    const js = (entry: string) => entrypoints[entry].assets.map((a) => a.name).filter((n) => n.endsWith('.js'));
    const functionsCode = js('functions').map(read).join('\n');
    expect(functionsCode).not.toMatch(/FluentProvider|react-dom|__reactFiber/);
    expect(js('taskpane').map(read).join('\n')).toMatch(/FluentProvider/);
    const gz = js('functions').reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(out, f))).length, 0);
    expect(gz).toBeLessThan(80 * 1024);
  });
});
