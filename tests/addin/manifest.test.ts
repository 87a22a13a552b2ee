import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers/plan';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkManifest, checkFunctionsMetadata, declaredCustomFunctionsRuntime, appDomainProblem } = require('../../scripts/manifest-checks.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { manifestFor, officeJsMode, URL_DEV } = require('../../webpack.config.js');

const xml = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const sets = (o: Record<string, string>) => Object.entries(o).map(([name, v]) => `${name} ${v}`).sort();

describe('manifest.xml (offline checks)', () => {
  test('parses, every resid resolves, the shared runtime is wired consistently', () => {
    expect(checkManifest(xml).problems).toEqual([]);
  });

  test('the base asks only for what the pane needs; the shared runtime and the functions are asked for on the VersionOverrides', () => {
    const { requirements } = checkManifest(xml);
    expect(sets(requirements.base)).toEqual(['ExcelApi 1.1']);
    expect(sets(requirements.overrides)).toEqual(['CustomFunctionsRuntime 1.2', 'SharedRuntime 1.1']);
    expect(declaredCustomFunctionsRuntime(xml)).toBe('1.2');
    // The overrides' Requirements come before their Hosts, in the VersionOverrides' own namespace with bt: sets.
    expect(xml).toMatch(/<VersionOverrides[^>]*>\s*(<!--[\s\S]*?-->\s*)?<Requirements>\s*<bt:Sets DefaultMinVersion="1.1">\s*<bt:Set Name="SharedRuntime" MinVersion="1.1" \/>\s*<bt:Set Name="CustomFunctionsRuntime" MinVersion="1.2" \/>\s*<\/bt:Sets>\s*<\/Requirements>\s*<Hosts>/);
  });

  test('declares the shared runtime, the PLAN namespace and the pane button', () => {
    expect(xml).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long" \/>/);
    expect(xml).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="PLAN" \/>/);
    expect(xml).toMatch(/<Action xsi:type="ShowTaskpane">/);
  });

  test('every icon the manifest names is in assets/', () => {
    const { urls } = checkManifest(xml);
    for (const url of urls.filter((u: string) => u.endsWith('.png'))) {
      expect(fs.existsSync(path.join(ROOT, new URL(url).pathname))).toBe(true);
    }
  });

  const baseSets = /<Requirements>\s*<Sets DefaultMinVersion="1.1">[\s\S]*?<\/Sets>\s*<\/Requirements>/;
  const overrideSets = /\s*<Requirements>\s*<bt:Sets[\s\S]*?<\/bt:Sets>\s*<\/Requirements>/;
  test.each([
    ['a broken resid', (x: string) => x.replace('resid="Functions.Metadata.Url"', 'resid="Functions.Metadata.Nope"'), /resid "Functions.Metadata.Nope" does not resolve/],
    ['a short-lived runtime', (x: string) => x.replace('lifetime="long"', 'lifetime="short"'), /lifetime must be "long"/],
    ['a functions page outside the shared runtime', (x: string) => x.replace('<Page>\n              <SourceLocation resid="Taskpane.Url" />', '<Page>\n              <SourceLocation resid="Functions.Script.Url" />'), /Page \(Functions.Script.Url\) must load the shared runtime's page/],
    ['another namespace', (x: string) => x.replace('DefaultValue="PLAN"', 'DefaultValue="CONTOSO"'), /namespace must be PLAN, found CONTOSO/],
    ['not XML', (x: string) => x.replace('</OfficeApp>', ''), /not well-formed XML/],
    [
      'the shared runtime required in the base (Office 2016 and 2019 could not open the pane)',
      (x: string) => x.replace(baseSets, '<Requirements><Sets DefaultMinVersion="1.1"><Set Name="ExcelApi" MinVersion="1.1" /><Set Name="SharedRuntime" MinVersion="1.1" /></Sets></Requirements>'),
      /SharedRuntime belongs in the VersionOverrides Requirements, not the base/,
    ],
    ['custom functions required in the base', (x: string) => x.replace('<Set Name="ExcelApi" MinVersion="1.1" />', '<Set Name="ExcelApi" MinVersion="1.1" /><Set Name="CustomFunctionsRuntime" MinVersion="1.2" />'), /CustomFunctionsRuntime belongs in the VersionOverrides Requirements/],
    ['no ExcelApi in the base', (x: string) => x.replace('<Set Name="ExcelApi" MinVersion="1.1" />', ''), /base Requirements must name the ExcelApi version/],
    ['no Requirements on the VersionOverrides', (x: string) => x.replace(overrideSets, ''), /VersionOverrides Requirements must ask for SharedRuntime[\s\S]*must ask for CustomFunctionsRuntime/],
    ['CustomFunctionsRuntime 1.1 (no CustomFunctions.Error)', (x: string) => x.replace('<bt:Set Name="CustomFunctionsRuntime" MinVersion="1.2" />', '<bt:Set Name="CustomFunctionsRuntime" MinVersion="1.1" />'), /CustomFunctionsRuntime 1.1 is too old: at least 1.2/],
    ['an override repeating the base', (x: string) => x.replace('<bt:Set Name="SharedRuntime" MinVersion="1.1" />', '<bt:Set Name="SharedRuntime" MinVersion="1.1" /><bt:Set Name="ExcelApi" MinVersion="1.1" />'), /repeat ExcelApi 1.1 from the base/],
    ['an AppDomain with a path', (x: string) => x.replace('<AppDomain>https://localhost:3000</AppDomain>', '<AppDomain>https://localhost:3000/addin</AppDomain>'), /AppDomain https:\/\/localhost:3000\/addin must be an origin .*https:\/\/localhost:3000$/m],
    ['an AppDomain with a closing slash', (x: string) => x.replace('<AppDomain>https://localhost:3000</AppDomain>', '<AppDomain>https://localhost:3000/</AppDomain>'), /AppDomain https:\/\/localhost:3000\/ must be an origin/],
    ['an AppDomain without a scheme', (x: string) => x.replace('<AppDomain>https://localhost:3000</AppDomain>', '<AppDomain>contoso.com</AppDomain>'), /AppDomain contoso.com is not a URL with a scheme/],
  ])('catches %s', (_what, change, message) => {
    const changed = change(xml);
    expect(changed).not.toBe(xml);
    expect(checkManifest(changed).problems.join('\n')).toMatch(message);
  });

  test.each([
    ['https://plans.example.org', null],
    ['https://intranet.example:8443', null],
    ['http://intranet.example', null],
    ['https://plans.example.org/addin', /must be an origin/],
    ['https://*.example.org', /wildcard/],
    ['ftp://files.example.org', /https:\/\/ or http:\/\//],
  ])('AppDomain %s', (value, problem) => {
    const got = appDomainProblem(value);
    if (problem === null) expect(got).toBeNull();
    else expect(got).toMatch(problem);
  });

  test('a production build points every development URL at the published address, and the AppDomain at its origin', () => {
    const prod = manifestFor(xml, 'https://plans.example.org/addin/');
    expect(prod).not.toContain('localhost');
    expect(checkManifest(prod).problems).toEqual([]);
    expect(checkManifest(prod).urls.every((u: string) => u.startsWith('https://plans.example.org/addin/'))).toBe(true);
    expect(checkManifest(prod).appDomains).toEqual(['https://plans.example.org']);
    expect(prod).toContain('<AppDomain>https://plans.example.org</AppDomain>');
    expect(prod).not.toMatch(/<AppDomain>[^<]*\/addin/);
    expect(URL_DEV).toBe('https://localhost:3000/');
  });

  test('a published address with a port and no closing slash', () => {
    const prod = manifestFor(xml, 'https://intranet.example:8443/plansheets');
    expect(checkManifest(prod).problems).toEqual([]);
    expect(checkManifest(prod).appDomains).toEqual(['https://intranet.example:8443']);
    expect(prod).toContain('https://intranet.example:8443/plansheets/taskpane.html');
  });
});

describe('functions.json against the declared CustomFunctionsRuntime', () => {
  const plain = { functions: [{ id: 'TARGET', name: 'TARGET', description: 'd', parameters: [{ name: 'ref', description: 'r', type: 'string' }, { name: 'period', type: 'any', optional: true }], result: { dimensionality: 'matrix' } }] };

  test('plain metadata is fine under 1.2', () => {
    expect(checkFunctionsMetadata(plain, '1.2')).toEqual([]);
  });

  test('allowCustomDataForDataTypeAny needs 1.4', () => {
    const meta = { allowCustomDataForDataTypeAny: true, ...plain };
    expect(checkFunctionsMetadata(meta, '1.2')).toEqual(['functions.json uses allowCustomDataForDataTypeAny, which needs CustomFunctionsRuntime 1.4; the manifest declares 1.2']);
    expect(checkFunctionsMetadata(meta, '1.4')).toEqual([]);
  });

  test('properties beyond the first custom functions metadata are reported once each', () => {
    const fn = plain.functions[0];
    const meta = {
      functions: [
        { ...fn, options: { linkedEntityLoadService: true } },
        { ...fn, id: 'ACTUAL', parameters: [{ name: 'x', type: 'any', cellValueType: 'entitycellvalue' }] },
        { ...fn, id: 'STATUS', parameters: [{ name: 'x', type: 'any', cellValueType: 'cellvalue' }] },
      ],
    };
    const problems = checkFunctionsMetadata(meta, '1.2');
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/options.linkedEntityLoadService, which needs CustomFunctionsRuntime 1.5/);
    expect(problems.join('\n')).toMatch(/parameter.cellValueType, which needs a later CustomFunctionsRuntime/);
  });
});

describe('Office.js: bundled or from the CDN, chosen at build time', () => {
  const saved = process.env.OFFICE_JS;
  afterEach(() => {
    if (saved === undefined) delete process.env.OFFICE_JS;
    else process.env.OFFICE_JS = saved;
  });

  test('bundled by default', () => {
    delete process.env.OFFICE_JS;
    expect(officeJsMode({})).toBe('bundled');
  });

  test('OFFICE_JS or --env officeJs chooses; the --env wins', () => {
    process.env.OFFICE_JS = 'CDN';
    expect(officeJsMode({})).toBe('cdn');
    expect(officeJsMode({ officeJs: 'bundled' })).toBe('bundled');
  });

  test('anything else is refused', () => {
    expect(() => officeJsMode({ officeJs: 'local' })).toThrow(/OFFICE_JS must be one of bundled, cdn, not "local"/);
  });
});
