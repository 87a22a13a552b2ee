#!/usr/bin/env node
// PlanSheets benchmarks. Each case times the engine against a baseline measured in the same run,
// alternating rounds and taking medians, and reports the ratio (these machines are noisy: only
// ratios are compared with the goals). Prints one JSON document. Needs `npm run build` first.
const path = require('path');
const lib = (p) => require(path.join(__dirname, '..', 'lib', 'src', 'core', p));
const { loadPlan } = lib('plan/load.js');
const { target } = lib('functions/plan-functions.js');
const { createEngine } = lib('formulas/hyperformula-plan.js');
const { HyperFormula } = require('hyperformula');
const { generatePlan } = require('./generate-plan');

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 3 : 5;

function time(fn) {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs engine and baseline alternately; returns medians (ms) and their ratio. */
function compare(engine, baseline, rounds = ROUNDS) {
  engine();
  baseline(); // warm-up
  const e = [];
  const b = [];
  for (let i = 0; i < rounds; i++) {
    e.push(time(engine));
    b.push(time(baseline));
  }
  const em = median(e);
  const bm = median(b);
  return { engineMs: +em.toFixed(2), baselineMs: +bm.toFixed(2), ratio: +(em / bm).toFixed(3) };
}

const results = [];
const report = (name, goal, r, extra = {}) => results.push({ name, goal, ...r, met: r.ratio <= goal, ...extra });

// The large plan used throughout: 20,000 indicators × 3 items.
const plan = generatePlan(quick ? 4000 : 20000, 3);
const text = JSON.stringify(plan);
const loaded = loadPlan(text);
if (!loaded.ok) throw new Error('generated plan does not load: ' + JSON.stringify(loaded.problems.slice(0, 3)));
const ix = loaded.index;

// (a) PLAN.TARGET through the engine vs Map.get on prebuilt keys.
{
  const N = 1_000_000;
  const refs = [];
  const years = [];
  const keys = [];
  const values = new Map();
  for (const e of ix.indicatorList.slice(0, 2000)) {
    for (const l of e.lines) {
      ix.years.forEach((y, i) => {
        values.set(`${l.ref}|${y}`, l.targetByYear[i]);
      });
    }
  }
  for (let i = 0; i < 4096; i++) {
    const e = ix.indicatorList[(i * 7919) % 2000];
    const l = e.lines[i % e.lines.length];
    const y = ix.years[i % 5];
    refs.push(l.ref);
    years.push(y);
    keys.push(`${l.ref}|${y}`);
  }
  let sink = 0;
  const r = compare(
    () => {
      for (let i = 0; i < N; i++) sink += target(ix, refs[i & 4095], years[i & 4095]);
    },
    () => {
      for (let i = 0; i < N; i++) sink += values.get(keys[i & 4095]);
    },
  );
  if (Number.isNaN(sink)) console.error('');
  report('a: 1,000,000 PLAN.TARGET lookups vs Map.get on prebuilt keys', 3, r, { lookups: N });
}

// (b) load + validate + index vs JSON.parse of the same text.
{
  const r = compare(() => loadPlan(text), () => JSON.parse(text), quick ? 3 : 5);
  report('b: load + validate + index vs JSON.parse', 4, r, {
    indicators: plan.indicators.length,
    lines: plan.indicators.length * 3,
    megabytes: +(Buffer.byteLength(text) / 1048576).toFixed(1),
  });
}

// (c) 50,000 cells of =PLAN.TARGET(…) vs =LEN("…") in HyperFormula; INDEX/MATCH for reference.
{
  const CELLS = quick ? 10000 : 50000;
  const lines = [];
  for (const e of ix.indicatorList) for (const l of e.lines) lines.push(l);
  const refAt = (i) => lines[(i * 7919) % lines.length].ref;
  // A grid of 100 columns (HyperFormula's default limit is 40,000 rows a sheet).
  const column = (f) => Array.from({ length: CELLS / 100 }, (_, r) => Array.from({ length: 100 }, (_, c) => f(r * 100 + c)));
  const planSheet = column((i) => `=PLAN.TARGET("${refAt(i)}",1403)`);
  const lenSheet = column((i) => `=LEN("${refAt(i)}")`);
  const context = { index: ix };
  const run = (sheet) => () => createEngine(context, { S: sheet }).destroy();
  const r = compare(run(planSheet), run(lenSheet), 3);
  // Native lookup over the same data, on fewer cells (it is far slower); reported per cell.
  const MATCH_CELLS = quick ? 100 : 300;
  const data = lines.map((l) => [l.ref, l.targetByYear[1]]);
  const matchSheet = Array.from({ length: MATCH_CELLS }, (_, i) => [`=INDEX(Data!$B$1:$B$${data.length},MATCH("${refAt(i)}",Data!$A$1:$A$${data.length},0))`]);
  const lenFew = Array.from({ length: MATCH_CELLS }, (_, i) => [`=LEN("${refAt(i)}")`]);
  const config = { licenseKey: 'gpl-v3', useColumnIndex: true, maxRows: 100000 };
  const m = compare(
    () => HyperFormula.buildFromSheets({ S: matchSheet, Data: data }, config).destroy(),
    () => HyperFormula.buildFromSheets({ S: lenFew, Data: data }, config).destroy(),
    3,
  );
  report('c: cells of =PLAN.TARGET(…) vs =LEN("…") in HyperFormula', 1.5, r, {
    cells: CELLS,
    reference_native_index_match: { cells: MATCH_CELLS, dataRows: data.length, ...m, note: 'INDEX/MATCH vs LEN over the same data sheet; not a goal' },
  });
}

// (d) Bundle sizes of the add-in (`npm run build` wrote dist/): what the shared runtime loads
// first for the functions alone and with the pane, gzipped, and the chunks loaded on demand.
function bundles() {
  const fs = require('fs');
  const zlib = require('zlib');
  const dist = path.join(__dirname, '..', 'dist');
  if (!fs.existsSync(path.join(dist, 'taskpane.html'))) return { note: 'dist/ not built: run npm run build' };
  const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(dist, f))).length;
  const entries = JSON.parse(fs.readFileSync(path.join(dist, 'entrypoints.json'), 'utf8'));
  const initial = [...new Set([...entries.functions, ...entries.taskpane])];
  const sum = (files) => files.reduce((n, f) => n + gz(f), 0);
  return {
    unit: 'bytes, gzip',
    functionsFirstLoad: sum(entries.functions),
    sharedRuntimeFirstLoad: sum(initial),
    onDemand: Object.fromEntries(fs.readdirSync(dist).filter((f) => f.endsWith('.js') && !initial.includes(f)).map((f) => [f, gz(f)])),
    files: Object.fromEntries(initial.map((f) => [f, gz(f)])),
  };
}

(async () => {
  const sheets = await require('./sheets').sheetsBench(quick);
  // Whole commands in child processes: wall time against a baseline, and peak RSS (bench/memory.js).
  const memory = await require('./memory').memoryBench(quick);
  console.log(JSON.stringify({ node: process.version, quick, date: new Date().toISOString(), results, sheets, memory, bundles: bundles() }, null, 2));
})();
