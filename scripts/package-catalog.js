#!/usr/bin/env node
// `npm run package:catalog`: builds the add-in for the address a municipality serves it from and
// writes a folder to share on the network as an Office add-in catalog (see docs/deploy.md).
//
//   PLANSHEETS_URL=https://intranet.example/plansheets/ npm run package:catalog
//   npm run package:catalog -- --url https://intranet.example/plansheets/ [--dist dist]
//       [--out catalog] [--office-js bundled|cdn] [--share \\fileserver\PlanSheets]
//
// dist/ (all of it) goes on the web server, at the URL; catalog/ holds PlanSheets.xml (the
// manifest) for the share, a README.txt, and with --share a .reg file that trusts the share.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { URL } = require('url');
const { checkManifest, checkFunctionsMetadata, declaredCustomFunctionsRuntime } = require('./manifest-checks');

const ROOT = path.join(__dirname, '..');
const MANIFEST_NAME = 'PlanSheets.xml';

/** The problems of a built add-in in `distDir` that is to be served from `url`. */
function checkBuild(distDir, url) {
  const xml = fs.readFileSync(path.join(distDir, 'manifest.xml'), 'utf8');
  const { problems, urls, appDomains } = checkManifest(xml);
  for (const u of new Set(urls)) if (!u.startsWith(url)) problems.push(`${u} is not under ${url}`);
  if (xml.includes('localhost')) problems.push('the manifest still names localhost');
  const origin = new URL(url).origin;
  for (const d of appDomains) if (d !== origin) problems.push(`AppDomain ${d} is not ${origin}`);
  const functionsJson = path.join(distDir, 'functions.json');
  if (!fs.existsSync(functionsJson)) problems.push('functions.json is missing');
  else problems.push(...checkFunctionsMetadata(JSON.parse(fs.readFileSync(functionsJson, 'utf8')), declaredCustomFunctionsRuntime(xml)));
  if (!fs.existsSync(path.join(distDir, 'taskpane.html'))) problems.push('taskpane.html is missing');
  return problems;
}

/** A .reg file (UTF-16LE, as regedit writes them) that trusts `share` as an add-in catalog shown in the menu. */
function trustedCatalogReg(share) {
  const id = `{${crypto.randomUUID()}}`;
  const esc = (s) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  const lines = [
    'Windows Registry Editor Version 5.00',
    '',
    `[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\WEF\\TrustedCatalogs\\${id}]`,
    `"Id"="${id}"`,
    `"Url"="${esc(share)}"`,
    '"Flags"=dword:00000001',
    '',
  ];
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n'), 'utf16le')]);
}

function readme(url, officeJs, share) {
  return [
    'PlanSheets: Office add-in catalog (manifest for a network share)',
    '',
    `The add-in's files (the whole dist/ folder of this build) must be served at ${url}`,
    'over https, with a certificate the Windows computers trust.',
    officeJs === 'cdn'
      ? 'Office.js is loaded from Microsoft (appsforoffice.microsoft.com): the computers must reach it.'
      : 'Office.js is served from the same address (dist/office-js): nothing is loaded from Microsoft.',
    '',
    `1. Share this folder ${share ? `as ${share}` : 'on the network'} with the users who will add PlanSheets (let only IT change it).`,
    '2. In Excel: File > Options > Trust Center > Trust Center Settings > Trusted Add-in Catalogs;',
    '   add the share path as Catalog Url, tick Show in Menu, OK, and restart Excel.',
    share ? '   (Or run TrustPlanSheetsCatalog.reg for each user, with Excel closed.)' : '',
    '3. Excel: Home > Add-ins > Advanced (older Excel: Insert > My Add-ins), SHARED FOLDER, PlanSheets, Add.',
    '',
    'Details: docs/deploy.md in the PlanSheets sources.',
    '',
  ]
    .filter((l, i, all) => l !== '' || all[i - 1] !== '')
    .join('\r\n');
}

/** Runs the production build of the add-in for `url` into `distDir`. */
async function build(url, distDir, officeJs) {
  const webpack = require('webpack');
  const makeConfig = require(path.join(ROOT, 'webpack.config.js'));
  const config = await makeConfig({ outDir: distDir, addinUrl: url, officeJs }, { mode: 'production' });
  await new Promise((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString('errors-only')));
      resolve();
    }),
  );
}

/**
 * Builds the add-in for `url` into `distDir` and writes the catalog folder `catalogDir`.
 * Returns the paths; throws when the URL is unusable or the build has problems.
 */
async function packageCatalog({ url, distDir = path.join(ROOT, 'dist'), catalogDir = path.join(ROOT, 'catalog'), officeJs, share } = {}) {
  if (!url) throw new Error('Give the address dist/ will be served from: PLANSHEETS_URL=https://intranet.example/plansheets/ npm run package:catalog');
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${url} is not an absolute URL`);
  }
  if (parsed.protocol !== 'https:') throw new Error(`${url} must be https (Excel on the web requires it, and so do the manifest checks)`);
  if (parsed.search || parsed.hash) throw new Error(`${url} must not have a query or fragment`);
  const base = parsed.href.endsWith('/') ? parsed.href : parsed.href + '/';
  if (share !== undefined && !/^\\\\[^\\]+\\[^\\]/.test(share)) throw new Error(`--share must be a UNC path such as \\\\fileserver\\PlanSheets, not ${share}`);

  await build(base, path.resolve(distDir), officeJs);
  const problems = checkBuild(path.resolve(distDir), base);
  if (problems.length) throw new Error(`the build for ${base} has problems:\n  ${problems.join('\n  ')}`);

  const mode = officeJs ?? require(path.join(ROOT, 'webpack.config.js')).officeJsMode({});
  fs.rmSync(catalogDir, { recursive: true, force: true });
  fs.mkdirSync(catalogDir, { recursive: true });
  const manifestPath = path.join(catalogDir, MANIFEST_NAME);
  fs.copyFileSync(path.join(distDir, 'manifest.xml'), manifestPath);
  fs.writeFileSync(path.join(catalogDir, 'README.txt'), readme(base, mode, share));
  if (share) fs.writeFileSync(path.join(catalogDir, 'TrustPlanSheetsCatalog.reg'), trustedCatalogReg(share));
  return { url: base, distDir: path.resolve(distDir), catalogDir: path.resolve(catalogDir), manifestPath };
}

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => inline ?? argv[++i];
    if (flag === '--url') opts.url = value();
    else if (flag === '--dist') opts.distDir = value();
    else if (flag === '--out') opts.catalogDir = value();
    else if (flag === '--office-js') opts.officeJs = value();
    else if (flag === '--share') opts.share = value();
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return opts;
}

if (require.main === module) {
  (async () => {
    const opts = parseArgs(process.argv.slice(2));
    opts.url ??= process.env.PLANSHEETS_URL;
    opts.officeJs ??= process.env.OFFICE_JS;
    const r = await packageCatalog(opts);
    console.log(`Built for ${r.url}:`);
    console.log(`  serve everything in ${r.distDir} at ${r.url}`);
    console.log(`  share ${r.catalogDir} (it holds ${path.basename(r.manifestPath)}) and trust it in Excel; see README.txt there`);
  })().catch((e) => {
    console.error(`package:catalog: ${e.message}`);
    process.exit(1);
  });
}

module.exports = { packageCatalog, checkBuild, trustedCatalogReg, MANIFEST_NAME };
