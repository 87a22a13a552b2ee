// `npm run package:catalog`: the add-in built for a municipality's own web server, with the
// manifest in a folder for a network-share catalog. One production build (Office.js from
// Microsoft's CDN, the other choice than build.test.ts) into a temporary directory; the CDN is
// only named in the built page, never loaded.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packageCatalog, checkBuild, MANIFEST_NAME } = require('../../scripts/package-catalog.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkManifest, checkFunctionsMetadata, declaredCustomFunctionsRuntime } = require('../../scripts/manifest-checks.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { OFFICE_JS_CDN } = require('../../webpack.config.js');

const URL_PUBLISHED = 'https://intranet.example/plansheets/';
const SHARE = '\\\\fileserver\\PlanSheets';
const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'package-catalog.js');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-deploy-'));
const dist = path.join(tmp, 'dist');
const catalog = path.join(tmp, 'catalog');
let result: { url: string; distDir: string; catalogDir: string; manifestPath: string };
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

beforeAll(async () => {
  result = await packageCatalog({ url: URL_PUBLISHED, distDir: dist, catalogDir: catalog, officeJs: 'cdn', share: SHARE });
}, 300000);

const read = (...p: string[]) => fs.readFileSync(path.join(...p), 'utf8');

describe('npm run package:catalog (Office.js from the CDN)', () => {
  test('the catalog folder holds the built manifest, a README and the trust script', () => {
    expect(result.catalogDir).toBe(path.resolve(catalog));
    expect(fs.readdirSync(catalog).sort()).toEqual(['PlanSheets.xml', 'README.txt', 'TrustPlanSheetsCatalog.reg']);
    expect(MANIFEST_NAME).toBe('PlanSheets.xml');
    expect(read(catalog, MANIFEST_NAME)).toBe(read(dist, 'manifest.xml'));
  });

  test('the manifest points at the given address everywhere, its AppDomain is the origin, and it passes the offline checks', () => {
    const xml = read(catalog, MANIFEST_NAME);
    const { problems, urls, appDomains } = checkManifest(xml);
    expect(problems).toEqual([]);
    expect(xml).not.toContain('localhost');
    expect(xml).not.toContain('example.org');
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u.startsWith(URL_PUBLISHED)).toBe(true);
    expect(xml).toContain(`${URL_PUBLISHED}taskpane.html`);
    expect(xml).toContain(`${URL_PUBLISHED}functions.json`);
    expect(appDomains).toEqual(['https://intranet.example']);
    expect(checkBuild(dist, URL_PUBLISHED)).toEqual([]);
  });

  test('functions.json uses nothing above what the manifest declares', () => {
    const meta = JSON.parse(read(dist, 'functions.json'));
    expect(meta).not.toHaveProperty('allowCustomDataForDataTypeAny');
    expect(checkFunctionsMetadata(meta, declaredCustomFunctionsRuntime(read(dist, 'manifest.xml')))).toEqual([]);
  });

  test("OFFICE_JS=cdn: the pane page loads Microsoft's Office.js and no copy is served", () => {
    const html = read(dist, 'taskpane.html');
    expect(OFFICE_JS_CDN).toBe('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    // The production page is minified: attribute quotes may be gone.
    expect(html).toMatch(/<script[^>]*\bsrc="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"?[\s>]/);
    expect(html).not.toMatch(/office-js\/office\.js/);
    // Office.js comes first, before the pane's and the functions' scripts.
    expect(html.indexOf(OFFICE_JS_CDN)).toBeLessThan(html.search(/src="?[^"\s>]*functions\.js/));
    expect(fs.existsSync(path.join(dist, 'office-js'))).toBe(false);
    expect(read(catalog, 'README.txt')).toMatch(/appsforoffice\.microsoft\.com/);
  });

  test('the README says where dist/ must be served and how Excel trusts the share', () => {
    const text = read(catalog, 'README.txt');
    expect(text).toContain(URL_PUBLISHED);
    expect(text).toMatch(/Trusted Add-in Catalogs/);
    expect(text).toContain(SHARE);
  });

  test('the .reg file trusts the share for the current user, shown in the menu', () => {
    const raw = fs.readFileSync(path.join(catalog, 'TrustPlanSheetsCatalog.reg'));
    expect([raw[0], raw[1]]).toEqual([0xff, 0xfe]);
    const text = raw.subarray(2).toString('utf16le');
    expect(text.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
    const key = text.match(/\[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16\.0\\WEF\\TrustedCatalogs\\(\{[0-9a-f-]{36}\})\]/);
    expect(key).not.toBeNull();
    expect(text).toContain(`"Id"="${key![1]}"`);
    expect(text).toContain('"Url"="\\\\\\\\fileserver\\\\PlanSheets"');
    expect(text).toContain('"Flags"=dword:00000001');
  });

  test('checkBuild notices a manifest that points elsewhere', () => {
    const other = fs.mkdtempSync(path.join(tmp, 'other-'));
    for (const f of ['functions.json', 'taskpane.html']) fs.copyFileSync(path.join(dist, f), path.join(other, f));
    const moved = read(dist, 'manifest.xml').split(URL_PUBLISHED).join('https://elsewhere.example/x/').replace('<AppDomain>https://intranet.example</AppDomain>', '<AppDomain>https://elsewhere.example</AppDomain>');
    fs.writeFileSync(path.join(other, 'manifest.xml'), moved);
    const problems = checkBuild(other, URL_PUBLISHED).join('\n');
    expect(problems).toMatch(/https:\/\/elsewhere.example\/x\/taskpane.html is not under https:\/\/intranet.example\/plansheets\//);
    expect(problems).toMatch(/AppDomain https:\/\/elsewhere.example is not https:\/\/intranet.example/);
  });

  test.each([
    ['no address', [], {}, /Give the address dist\/ will be served from/],
    ['an http address', ['--url', 'http://intranet.example/plansheets/'], {}, /must be https/],
    ['a share that is not a UNC path', ['--url', URL_PUBLISHED, '--share', 'fileserver/PlanSheets'], {}, /--share must be a UNC path/],
    ['an unknown option', ['--nope'], {}, /unknown option --nope/],
  ])('the command refuses %s before building', (_what, args, env, message) => {
    const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', env: { ...process.env, PLANSHEETS_URL: '', OFFICE_JS: '', ...env } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
  });
});
