#!/usr/bin/env node
// The `plansheets` command: runs the compiled CLI (npm run build writes it to lib/).
const path = require('path');
const fs = require('fs');
const main = path.join(__dirname, '..', 'lib', 'src', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write('plansheets: not built yet: run `npm run build` in ' + path.dirname(__dirname) + '\n');
  process.exit(2);
}
// A closed pipe (`plansheets report … | head`) ends the output quietly, as other commands do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
require(main)
  .run(process.argv.slice(2))
  .then((code) => (process.exitCode = code))
  .catch((e) => {
    // run() reports its own failures; this is the last net: one line, the stack only on request.
    const debug = process.env.PLANSHEETS_DEBUG === '1';
    process.stderr.write(`plansheets: failed unexpectedly: ${debug && e && e.stack ? e.stack : e && e.message ? e.message : e}\n`);
    process.exitCode = 4;
  });
