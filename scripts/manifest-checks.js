// Offline checks of manifest.xml (Microsoft's validator needs the network): the XML parses, every
// resid resolves to a resource, the shared-runtime wiring is consistent, and the functions'
// namespace is PLAN. Used by `npm run validate` and the tests.
const { XMLParser, XMLValidator } = require('fast-xml-parser');

const arr = (x) => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** All nodes (objects) under `node`, depth first. */
function* walk(node) {
  if (node === null || typeof node !== 'object') return;
  yield node;
  for (const v of Object.values(node)) for (const child of arr(v)) yield* walk(child);
}

/** Returns a list of problems (empty when the manifest is consistent) and the parsed manifest. */
function checkManifest(xml) {
  const problems = [];
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { problems: [`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`] };
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true });
  const doc = parser.parse(xml);
  const app = doc.OfficeApp;
  if (!app) return { problems: ['the root element is not OfficeApp'] };

  const overrides = app.VersionOverrides;
  const resources = overrides?.Resources ?? {};
  const ids = new Map();
  for (const [group, kind] of [['Images', 'Image'], ['Urls', 'Url'], ['ShortStrings', 'String'], ['LongStrings', 'String']]) {
    for (const r of arr(resources[group]?.[kind])) {
      if (ids.has(r['@id'])) problems.push(`resource id "${r['@id']}" is defined twice`);
      ids.set(r['@id'], { group, value: r['@DefaultValue'] });
      if (r['@id'].length > 32) problems.push(`resource id "${r['@id']}" is longer than 32 characters`);
    }
  }
  const used = new Set();
  for (const node of walk(overrides)) {
    const resid = node['@resid'];
    if (resid === undefined) continue;
    used.add(resid);
    if (!ids.has(resid)) problems.push(`resid "${resid}" does not resolve to a resource`);
  }
  for (const id of ids.keys()) if (!used.has(id)) problems.push(`resource "${id}" is never used`);

  const sets = arr(app.Requirements?.Sets?.Set).map((s) => `${s['@Name']} ${s['@MinVersion']}`);
  if (!sets.some((s) => s.startsWith('SharedRuntime '))) problems.push('the SharedRuntime requirement set is missing');
  if (!sets.some((s) => s.startsWith('CustomFunctionsRuntime '))) problems.push('the CustomFunctionsRuntime requirement set is missing');
  if (app.Permissions !== 'ReadWriteDocument') problems.push(`Permissions must be ReadWriteDocument, found ${app.Permissions}`);

  const host = arr(overrides?.Hosts?.Host).find((h) => h['@type'] === 'Workbook');
  if (!host) problems.push('no Workbook host in VersionOverrides');
  const runtime = arr(host?.Runtimes?.Runtime);
  if (runtime.length !== 1) problems.push(`expected one Runtime, found ${runtime.length}`);
  const runtimeId = runtime[0]?.['@resid'];
  if (runtime[0]?.['@lifetime'] !== 'long') problems.push('the Runtime lifetime must be "long" for a shared runtime');
  const cf = arr(host?.AllFormFactors?.ExtensionPoint).find((e) => e['@type'] === 'CustomFunctions');
  if (!cf) problems.push('no CustomFunctions extension point');
  const page = cf?.Page?.SourceLocation?.['@resid'];
  const fileResid = host?.DesktopFormFactor?.FunctionFile?.['@resid'];
  const action = [...walk(host?.DesktopFormFactor)].find((n) => n['@type'] === 'ShowTaskpane');
  const pane = action?.SourceLocation?.['@resid'];
  for (const [what, resid] of [['the custom functions Page', page], ['FunctionFile', fileResid], ['the ShowTaskpane action', pane]]) {
    if (resid !== runtimeId) problems.push(`${what} (${resid}) must load the shared runtime's page (${runtimeId})`);
  }
  if (!cf?.Script?.SourceLocation?.['@resid']) problems.push('the custom functions Script is missing');
  if (!cf?.Metadata?.SourceLocation?.['@resid']) problems.push('the custom functions Metadata is missing');
  const ns = ids.get(cf?.Namespace?.['@resid'])?.value;
  if (ns !== 'PLAN') problems.push(`the custom functions namespace must be PLAN, found ${ns}`);

  const urls = [...ids.values()].filter((r) => r.group === 'Urls' || r.group === 'Images').map((r) => r.value);
  urls.push(app.SourceLocation?.['@DefaultValue'], app.DefaultSettings?.SourceLocation?.['@DefaultValue'], app.IconUrl?.['@DefaultValue'], app.HighResolutionIconUrl?.['@DefaultValue']);
  for (const u of urls.filter(Boolean)) if (!/^https:\/\//.test(u)) problems.push(`URL ${u} is not https`);

  return { problems, doc, urls: urls.filter(Boolean), resources: ids };
}

module.exports = { checkManifest };
