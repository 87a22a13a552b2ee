#!/usr/bin/env node
// `npm run validate [-- path/to/manifest.xml]`: the offline manifest checks; where a built
// functions.json sits beside the manifest (as in dist/), it is checked against the custom
// functions version the manifest declares. `npm run validate -- --online` also runs Microsoft's
// validator (office-addin-manifest), which needs the network.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { checkManifest, checkFunctionsMetadata, declaredCustomFunctionsRuntime } = require('./manifest-checks');

const file = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? path.join(__dirname, '..', 'manifest.xml');
const xml = fs.readFileSync(file, 'utf8');
const { problems } = checkManifest(xml);
const functionsJson = path.join(path.dirname(file), 'functions.json');
if (fs.existsSync(functionsJson)) {
  for (const p of checkFunctionsMetadata(JSON.parse(fs.readFileSync(functionsJson, 'utf8')), declaredCustomFunctionsRuntime(xml))) problems.push(p);
}
for (const p of problems) console.error(`manifest: ${p}`);
console.log(`${file}: ${problems.length ? `${problems.length} problem(s)` : 'consistent (offline checks)'}`);
let code = problems.length ? 1 : 0;
if (process.argv.includes('--online')) {
  const r = spawnSync('npx', ['office-addin-manifest', 'validate', file], { stdio: 'inherit', shell: process.platform === 'win32' });
  code ||= r.status ?? 1;
}
process.exit(code);
