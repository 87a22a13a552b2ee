#!/usr/bin/env node
// Generates src/core/plan/plan.types.ts from schemas/plan.schema.json, so the TypeScript
// types are derived from the schema and never written beside it. `--check` fails when the
// committed file is stale (run by the test suite).
const fs = require('fs');
const path = require('path');
const { compile } = require('json-schema-to-typescript');

const root = path.join(__dirname, '..');
const schemaPath = path.join(root, 'schemas/plan.schema.json');
const outPath = path.join(root, 'src/core/plan/plan.types.ts');

async function generate() {
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  return compile(schema, 'Plan', {
    bannerComment:
      '/* Generated from schemas/plan.schema.json by `npm run gen:types`. Do not edit by hand. */',
    additionalProperties: false,
    strictIndexSignatures: false,
    unreachableDefinitions: true,
    format: true,
    style: { singleQuote: true, printWidth: 100 },
  });
}

async function main() {
  const text = await generate();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(outPath) ? fs.readFileSync(outPath, 'utf8') : '';
    if (current !== text) {
      console.error('src/core/plan/plan.types.ts is stale: run `npm run gen:types`.');
      process.exit(1);
    }
    return;
  }
  fs.writeFileSync(outPath, text);
  console.log(`wrote ${path.relative(root, outPath)}`);
}

module.exports = { generate };
if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
