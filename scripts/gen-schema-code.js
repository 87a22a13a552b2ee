#!/usr/bin/env node
// Generates, from schemas/plan.schema.json, the two things the engine takes from it:
//  - src/core/plan/plan.types.ts: the TypeScript types (never written by hand beside the schema);
//  - src/core/plan/plan-validator.generated.ts: the ajv validator compiled ahead of time, so the
//    add-in ships no schema compiler and needs no eval at run time.
// `--check` fails when either committed file is stale (the test suite runs it).
const fs = require('fs');
const path = require('path');
const { compile } = require('json-schema-to-typescript');
const Ajv2020 = require('ajv/dist/2020').default;
const standaloneCode = require('ajv/dist/standalone').default;

const root = path.join(__dirname, '..');
const schemaPath = path.join(root, 'schemas/plan.schema.json');
const typesPath = path.join(root, 'src/core/plan/plan.types.ts');
const validatorPath = path.join(root, 'src/core/plan/plan-validator.generated.ts');
const BANNER = 'Generated from schemas/plan.schema.json by `npm run gen:schema`. Do not edit by hand.';

/** The ajv options the engine validates with; schema-check.ts relies on allErrors. */
const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true, code: { source: true, esm: true } };

async function generate() {
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  const types = await compile(schema, 'Plan', {
    bannerComment: `/* ${BANNER} */`,
    additionalProperties: false,
    strictIndexSignatures: false,
    unreachableDefinitions: true,
    format: true,
    style: { singleQuote: true, printWidth: 100 },
  });
  const ajv = new Ajv2020(AJV_OPTIONS);
  const validator = `/* eslint-disable */\n// @ts-nocheck\n// ${BANNER}\n${standaloneCode(ajv, ajv.compile(schema))}\n`;
  return { [typesPath]: types, [validatorPath]: validator };
}

async function main() {
  const files = await generate();
  if (process.argv.includes('--check')) {
    const stale = Object.entries(files).filter(([p, text]) => !fs.existsSync(p) || fs.readFileSync(p, 'utf8') !== text);
    for (const [p] of stale) console.error(`${path.relative(root, p)} is stale: run \`npm run gen:schema\`.`);
    if (stale.length) process.exit(1);
    return;
  }
  for (const [p, text] of Object.entries(files)) {
    fs.writeFileSync(p, text);
    console.log(`wrote ${path.relative(root, p)}`);
  }
}

module.exports = { generate };
if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
