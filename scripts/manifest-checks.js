// Offline checks of manifest.xml (Microsoft's validator needs the network): the XML parses, every
// resid resolves to a resource, the requirements are split the way the add-in needs them (the base
// asks only for what the pane needs; the shared runtime and custom functions are asked for on the
// VersionOverrides, so an Excel without them still opens the pane), the shared-runtime wiring is
// consistent, every AppDomain is an origin, and the functions' namespace is PLAN. Also checks a
// built functions.json against the custom functions version the manifest declares. Used by
// `npm run validate`, the build and the tests.
const { URL } = require('url');
const { XMLParser, XMLValidator } = require('fast-xml-parser');

const arr = (x) => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** All nodes (objects) under `node`, depth first. */
function* walk(node) {
  if (node === null || typeof node !== 'object') return;
  yield node;
  for (const v of Object.values(node)) for (const child of arr(v)) yield* walk(child);
}

/** "1.10" > "1.9": compares dotted versions numerically. */
function compareVersions(a, b) {
  const pa = String(a).split('.').map(Number);
  const pb = String(b).split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** The requirement sets of a <Requirements> node as a Map name → minimum version. */
function requirementSets(requirements) {
  const sets = requirements?.Sets;
  const fallback = sets?.['@DefaultMinVersion'] ?? '1.1';
  return new Map(arr(sets?.Set).map((s) => [s['@Name'], s['@MinVersion'] ?? fallback]));
}

/** Sets that only the VersionOverrides may ask for: an Excel without them must still open the pane. */
const OVERRIDE_ONLY = ['SharedRuntime', 'CustomFunctionsRuntime'];
/** The least each of them must be: one runtime for pane and functions; CustomFunctions.Error. */
const OVERRIDE_MIN = { SharedRuntime: '1.1', CustomFunctionsRuntime: '1.2' };

/**
 * Why `value` is not a valid AppDomain, or null when it is one: an origin (https or http scheme,
 * host, optional port), with no path, no trailing slash and no wildcard.
 */
function appDomainProblem(value) {
  if (typeof value !== 'string' || !value) return 'is empty';
  if (value.includes('*')) return 'has a wildcard';
  let url;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL with a scheme';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must start with https:// or http://';
  if (value !== url.origin) return `must be an origin (scheme, host and port only), such as ${url.origin}`;
  return null;
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

  // The base asks for what the pane needs to open at all; Office does not even list the add-in
  // where the base is not met. The shared runtime and the custom functions go on the
  // VersionOverrides: where they are missing, Office still opens the pane from the base
  // manifest and skips the overrides' Hosts (ribbon button, runtime, functions).
  const base = requirementSets(app.Requirements);
  const over = requirementSets(overrides?.Requirements);
  if (!base.has('ExcelApi')) problems.push('the base Requirements must name the ExcelApi version the pane needs');
  for (const name of OVERRIDE_ONLY) {
    if (base.has(name)) problems.push(`${name} belongs in the VersionOverrides Requirements, not the base (an Excel without it must still open the pane)`);
    if (!over.has(name)) problems.push(`the VersionOverrides Requirements must ask for ${name} (the shared runtime and the PLAN functions need it)`);
    else if (compareVersions(over.get(name), OVERRIDE_MIN[name]) < 0) problems.push(`${name} ${over.get(name)} is too old: at least ${OVERRIDE_MIN[name]} is needed`);
  }
  for (const name of over.keys()) {
    if (base.has(name) && compareVersions(over.get(name), base.get(name)) <= 0) problems.push(`the VersionOverrides Requirements repeat ${name} ${over.get(name)} from the base, which has no effect`);
  }
  if (app.Permissions !== 'ReadWriteDocument') problems.push(`Permissions must be ReadWriteDocument, found ${app.Permissions}`);

  for (const domain of arr(app.AppDomains?.AppDomain)) {
    const why = appDomainProblem(domain);
    if (why) problems.push(`AppDomain ${domain} ${why}`);
  }

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
  urls.push(app.SourceLocation?.['@DefaultValue'], app.DefaultSettings?.SourceLocation?.['@DefaultValue'], app.IconUrl?.['@DefaultValue'], app.HighResolutionIconUrl?.['@DefaultValue'], app.SupportUrl?.['@DefaultValue']);
  for (const u of urls.filter(Boolean)) if (!/^https:\/\//.test(u)) problems.push(`URL ${u} is not https`);

  return {
    problems,
    doc,
    urls: urls.filter(Boolean),
    resources: ids,
    appDomains: arr(app.AppDomains?.AppDomain),
    requirements: { base: Object.fromEntries(base), overrides: Object.fromEntries(over) },
  };
}

// functions.json: what the custom functions metadata may use under the CustomFunctionsRuntime the
// manifest declares. Only the properties of the first custom functions metadata are allowed; the
// later ones are reported with the version they need where Microsoft documents it
// (learn.microsoft.com "Custom Functions requirement sets", "Manually create JSON metadata for
// custom functions").
const METADATA_BASE = {
  top: ['functions'],
  function: ['id', 'name', 'description', 'helpUrl', 'parameters', 'result', 'options'],
  options: ['cancelable', 'stream', 'volatile', 'requiresAddress'],
  parameter: ['name', 'description', 'type', 'dimensionality', 'optional', 'repeating'],
  result: ['type', 'dimensionality'],
};
/** Later metadata with the CustomFunctionsRuntime version it needs, where documented. */
const METADATA_NEEDS = {
  allowCustomDataForDataTypeAny: '1.4',
  linkedEntityLoadService: '1.5',
};

/** Problems of a parsed functions.json against the CustomFunctionsRuntime version `declared`. */
function checkFunctionsMetadata(meta, declared) {
  const problems = [];
  const seen = new Map();
  const note = (where, key) => {
    const needs = METADATA_NEEDS[key];
    if (needs && compareVersions(needs, declared) <= 0) return;
    const what = needs ? `CustomFunctionsRuntime ${needs}` : 'a later CustomFunctionsRuntime (or is unknown to these checks)';
    seen.set(`${where}${key}`, `functions.json uses ${where}${key}, which needs ${what}; the manifest declares ${declared}`);
  };
  const only = (obj, allowed, where) => {
    for (const key of Object.keys(obj ?? {})) if (!allowed.includes(key)) note(where, key);
  };
  if (!meta || !Array.isArray(meta.functions)) return ['functions.json has no functions array'];
  only(meta, METADATA_BASE.top, '');
  for (const f of meta.functions) {
    only(f, METADATA_BASE.function, 'function.');
    only(f.options, METADATA_BASE.options, 'options.');
    for (const p of f.parameters ?? []) only(p, METADATA_BASE.parameter, 'parameter.');
    only(f.result, METADATA_BASE.result, 'result.');
  }
  problems.push(...seen.values());
  return problems;
}

/** The CustomFunctionsRuntime version a manifest's VersionOverrides ask for (undefined when none). */
function declaredCustomFunctionsRuntime(xml) {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true });
  const app = parser.parse(xml).OfficeApp;
  return requirementSets(app?.VersionOverrides?.Requirements).get('CustomFunctionsRuntime');
}

module.exports = { checkManifest, checkFunctionsMetadata, declaredCustomFunctionsRuntime, appDomainProblem, compareVersions };
