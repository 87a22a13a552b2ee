import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers/plan';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkManifest } = require('../../scripts/manifest-checks.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { manifestFor, URL_DEV } = require('../../webpack.config.js');

const xml = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

describe('manifest.xml (offline checks)', () => {
  test('parses, every resid resolves, the shared runtime is wired consistently', () => {
    expect(checkManifest(xml).problems).toEqual([]);
  });

  test('declares the shared runtime, the PLAN namespace, the pane button and the lowest requirement sets used', () => {
    const { doc } = checkManifest(xml);
    const sets = [].concat(doc.OfficeApp.Requirements.Sets.Set).map((s: Record<string, string>) => `${s['@Name']} ${s['@MinVersion']}`);
    expect(sets.sort()).toEqual(['CustomFunctionsRuntime 1.2', 'ExcelApi 1.5', 'SharedRuntime 1.1']);
    expect(xml).toMatch(/<Runtime resid="Taskpane.Url" lifetime="long" \/>/);
    expect(xml).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="PLAN" \/>/);
  });

  test('every icon the manifest names is in assets/', () => {
    const { urls } = checkManifest(xml);
    for (const url of urls.filter((u: string) => u.endsWith('.png'))) {
      expect(fs.existsSync(path.join(ROOT, new URL(url).pathname))).toBe(true);
    }
  });

  test.each([
    ['a broken resid', (x: string) => x.replace('resid="Functions.Metadata.Url"', 'resid="Functions.Metadata.Nope"'), /resid "Functions.Metadata.Nope" does not resolve/],
    ['a short-lived runtime', (x: string) => x.replace('lifetime="long"', 'lifetime="short"'), /lifetime must be "long"/],
    ['a functions page outside the shared runtime', (x: string) => x.replace('<Page>\n              <SourceLocation resid="Taskpane.Url" />', '<Page>\n              <SourceLocation resid="Functions.Script.Url" />'), /Page \(Functions.Script.Url\) must load the shared runtime's page/],
    ['another namespace', (x: string) => x.replace('DefaultValue="PLAN"', 'DefaultValue="CONTOSO"'), /namespace must be PLAN, found CONTOSO/],
    ['not XML', (x: string) => x.replace('</OfficeApp>', ''), /not well-formed XML/],
  ])('catches %s', (_what, change, message) => {
    expect(checkManifest(change(xml)).problems.join('\n')).toMatch(message);
  });

  test('a production build points every development URL at the published address', () => {
    const prod = manifestFor(xml, 'https://plans.example.org/addin/');
    expect(prod).not.toContain('localhost');
    expect(checkManifest(prod).problems).toEqual([]);
    expect(checkManifest(prod).urls.every((u: string) => u.startsWith('https://plans.example.org/addin'))).toBe(true);
    expect(prod).toContain('<AppDomain>https://plans.example.org/addin</AppDomain>');
    expect(URL_DEV).toBe('https://localhost:3000/');
  });
});
