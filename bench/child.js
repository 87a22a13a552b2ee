// One measured run for bench/memory.js, in a process of its own: a `plansheets` command (through
// the compiled CLI's run()), or the baseline (read the plan, JSON.parse it, write it canonically).
// Writes {code, maxRssKB} to RESULT: process.resourceUsage().maxRSS is this process's peak only.
//   node bench/child.js RESULT cli ARGS…
//   node bench/child.js RESULT baseline PLAN OUT
const fs = require('fs');
const path = require('path');
const lib = (p) => require(path.join(__dirname, '..', 'lib', 'src', p));

async function main() {
  const [result, mode, ...args] = process.argv.slice(2);
  let code;
  if (mode === 'baseline') {
    const { stringifyPlan } = lib('core/plan/canonical-json.js');
    fs.writeFileSync(args[1], stringifyPlan(JSON.parse(fs.readFileSync(args[0], 'utf8'))));
    code = 0;
  } else {
    const { run } = lib('cli/main.js');
    code = await run(args, { out: () => {}, err: (l) => process.stderr.write(l + '\n') });
  }
  fs.writeFileSync(result, JSON.stringify({ code, maxRssKB: process.resourceUsage().maxRSS }));
}

void main();
