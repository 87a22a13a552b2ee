#!/usr/bin/env node
// Whole commands on a large plan: `plansheets build`, `templates` and `merge` of a generated plan
// of 20,000 indicators in 200 units, each in a child process, with its wall time and peak RSS;
// and `build` of a plan whose indicators have 3 items each (four sheet rows an indicator), as
// many indicators as a book merge reads back can hold (12,000).
// Wall times are reported as a ratio to a baseline measured in the same run, between the cases:
// a child that reads the plan, JSON.parses it and writes it canonically, the least any command
// that reads and writes a whole plan does (process start included), so machine load cancels out.
// Peak RSS is the child's own (process.resourceUsage().maxRSS), against a 1.5 GB limit.
// Needs `npm run build` first. Alone: node bench/memory.js [--quick].
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { generatePlan } = require('./generate-plan');

const LIMIT_MB = 1536;
const CHILD = path.join(__dirname, 'child.js');

/** Runs bench/child.js with `args`; returns its wall time (ms), exit code and peak RSS (MB). */
function measure(dir, args) {
  const result = path.join(dir, `result-${process.hrtime.bigint()}.json`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CHILD, result, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!fs.existsSync(result)) throw new Error(`${args.join(' ')}: the child ended without a result (status ${r.status}, signal ${r.signal}): ${(r.stderr || '').slice(-2000)}`);
  const { code, maxRssKB } = JSON.parse(fs.readFileSync(result, 'utf8'));
  return { wallMs: Math.round(wallMs), code, peakMB: Math.round(maxRssKB / 1024), stderr: (r.stderr || '').trim().slice(-500) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Writes the plan `make(n)` gives for `wanted` indicators, or, when that file is over the plan
 * loader's limit (DEFAULT_MAX_BYTES), for as many as fit. Returns what was written.
 */
function writeWithin(file, wanted, make) {
  const { DEFAULT_MAX_BYTES } = require(path.join(__dirname, '..', 'lib', 'src', 'core', 'plan', 'load.js'));
  let text = make(wanted);
  const full = Buffer.byteLength(text);
  let indicators = wanted;
  // Plans grow in proportion to their indicators: scale down, then step down until one fits.
  while (Buffer.byteLength(text) > DEFAULT_MAX_BYTES) {
    indicators = Math.min(indicators - 100, Math.floor((indicators * DEFAULT_MAX_BYTES) / Buffer.byteLength(text) / 100) * 100);
    text = make(indicators);
  }
  fs.writeFileSync(file, text);
  const mb = (n) => +(n / 1048576).toFixed(1);
  return {
    indicators,
    megabytes: mb(Buffer.byteLength(text)),
    ...(indicators < wanted ? { note: `${wanted} indicators make ${mb(full)} MB, over the plan loader's ${mb(DEFAULT_MAX_BYTES)} MB` } : {}),
  };
}

async function memoryBench(quick) {
  const { stringifyPlan } = require(path.join(__dirname, '..', 'lib', 'src', 'core', 'plan', 'canonical-json.js'));
  const indicators = quick ? 4000 : 20000;
  const units = quick ? 40 : 200;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-memory-'));
  try {
    const planFile = path.join(dir, 'plan.json');
    fs.writeFileSync(planFile, stringifyPlan(generatePlan(indicators, 0, { units })));
    const itemsFile = path.join(dir, 'items.json');
    // A book merge reads back holds at most 1,500,000 cells (xlsx-limits MAX_CELLS), and build refuses
    // a larger one: 12,000 indicators of 3 items (48,000 rows of 31 cells at five years) is the most.
    const itemsPlan = writeWithin(itemsFile, Math.min(indicators, 12000), (n) => stringifyPlan(generatePlan(n, 3, { units })));
    const baseline = () => measure(dir, ['baseline', planFile, path.join(dir, 'copy.json')]);
    const cases = [
      ['build', ['build', planFile, '-o', path.join(dir, 'book.xlsx')]],
      ['templates', ['templates', planFile, '-o', path.join(dir, 'templates'), '--year', '1403']],
      // The book just built, merged back into its plan: every sheet read, every cell compared.
      ['merge', ['merge', planFile, path.join(dir, 'book.xlsx'), '-o', path.join(dir, 'merged.json'), '--by', 'bench']],
      ['build, 3 items an indicator', ['build', itemsFile, '-o', path.join(dir, 'items.xlsx')]],
    ];
    const baselines = [baseline()];
    const runs = [];
    for (const [name, args] of cases) {
      runs.push({ name, ...measure(dir, ['cli', ...args]) });
      baselines.push(baseline());
    }
    const baseMs = median(baselines.map((b) => b.wallMs));
    return {
      plan: { indicators, units, itemsPerIndicator: 0, megabytes: +(fs.statSync(planFile).size / 1048576).toFixed(1) },
      itemsPlan: { ...itemsPlan, units, itemsPerIndicator: 3 },
      limitMB: LIMIT_MB,
      baseline: { what: 'child process: read the plan, JSON.parse, stringifyPlan, write', wallMs: baselines.map((b) => b.wallMs), medianMs: baseMs, peakMB: median(baselines.map((b) => b.peakMB)) },
      cases: runs.map((r) => ({
        name: `plansheets ${r.name}`,
        exitCode: r.code,
        wallMs: r.wallMs,
        ratio: +(r.wallMs / baseMs).toFixed(1),
        peakMB: r.peakMB,
        underLimit: r.peakMB < LIMIT_MB,
        ...(r.code !== 0 ? { stderr: r.stderr } : {}),
      })),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { memoryBench };

if (require.main === module) {
  memoryBench(process.argv.includes('--quick')).then((r) => console.log(JSON.stringify(r, null, 2)));
}
