// Indicator sheets: the time to build and to merge .xlsx books of the sample and of a generated
// plan, each beside JSON.parse of the same plan (a baseline measured in the same run).
const fs = require('fs');
const os = require('os');
const path = require('path');
const lib = (p) => require(path.join(__dirname, '..', 'lib', 'src', p));
const { loadPlan } = lib('core/plan/load.js');
const { layoutSheets } = lib('core/grid/layout.js');
const { sheetEdits, mergeEdits } = lib('core/grid/merge.js');
const { writeBook } = lib('xlsx/write-book.js');
const { readBook } = lib('xlsx/read-book.js');
const { stringifyPlan } = lib('core/plan/canonical-json.js');
const { generatePlan } = require('./generate-plan');

function time(fn) {
  const t0 = process.hrtime.bigint();
  const r = fn();
  return Promise.resolve(r).then((v) => ({ ms: Number(process.hrtime.bigint() - t0) / 1e6, value: v }));
}

async function bookTimes(name, text) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-bench-'));
  try {
    const parse = await time(() => JSON.parse(text));
    const built = await time(async () => {
      const r = loadPlan(text);
      return writeBook(layoutSheets(r.index), text);
    });
    const file = path.join(dir, 'book.xlsx');
    fs.writeFileSync(file, built.value);
    const merged = await time(async () => {
      const r = loadPlan(text);
      const book = await readBook(fs.readFileSync(file), 'book.xlsx');
      const base = loadPlan(book.storedPlan).index;
      return mergeEdits(base, r.index, sheetEdits(base, book.readings).edits);
    });
    return {
      plan: name,
      indicators: JSON.parse(text).indicators.length,
      bookMegabytes: +(built.value.length / 1048576).toFixed(1),
      buildMs: Math.round(built.ms),
      mergeMs: Math.round(merged.ms),
      jsonParseMs: +parse.ms.toFixed(1),
      buildVsParse: +(built.ms / parse.ms).toFixed(1),
      mergeVsParse: +(merged.ms / parse.ms).toFixed(1),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function sheetsBench(quick) {
  const sample = fs.readFileSync(path.join(__dirname, '..', 'samples', 'qazvin.plan.json'), 'utf8');
  const generated = stringifyPlan(generatePlan(quick ? 2000 : 20000, 0));
  return {
    // context.sync() counts are asserted on the strict Excel double: tests/excel/sheets-gateway.test.ts
    books: [await bookTimes('qazvin sample', sample), await bookTimes('generated', generated)],
  };
}

module.exports = { sheetsBench };
