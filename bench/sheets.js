// Indicator sheets: context.sync() counts of the Office.js gateway (against a counting stand-in
// for Excel), and the time to build and to merge .xlsx books of the sample and of a generated
// plan, each beside JSON.parse of the same plan (a baseline measured in the same run).
const fs = require('fs');
const os = require('os');
const path = require('path');
const lib = (p) => require(path.join(__dirname, '..', 'lib', 'src', p));
const { loadPlan } = lib('core/plan/load.js');
const { layoutSheets, toMatrix } = lib('core/grid/layout.js');
const { baseSheetRows } = lib('core/grid/base-sheet.js');
const { sheetEdits, mergeEdits } = lib('core/grid/merge.js');
const { writeBook } = lib('xlsx/write-book.js');
const { readBook } = lib('xlsx/read-book.js');
const { officeGateway } = lib('excel/office-gateway.js');
const { buildSheets } = lib('runtime/sheets-session.js');
const { stringifyPlan } = lib('core/plan/canonical-json.js');
const { generatePlan } = require('./generate-plan');

/** Just enough of Excel's object model for the gateway, counting context.sync(). */
function countingExcel(existing) {
  let syncs = 0;
  const range = (values = [['']], isNullObject = false) => ({
    load() {
      return this;
    },
    isNullObject,
    values,
    format: { font: {}, protection: {} },
    conditionalFormats: { add: () => ({ cellValue: { format: { fill: {} } } }) },
  });
  const sheet = (name, values) => ({
    name,
    isNullObject: false,
    load() {
      return this;
    },
    delete() {},
    getRange: (a) => (a === 'A1' ? range([[values?.[0]?.[0] ?? '']]) : range()),
    getRangeByIndexes: () => range(),
    getUsedRange: () => range(values),
    getUsedRangeOrNullObject: () => range(values ?? [['']], !values),
    tables: { add: () => ({}) },
    freezePanes: { freezeAt() {} },
    protection: { protect() {} },
  });
  const items = existing.map((s) => sheet(s.name, s.values));
  const context = {
    sync: async () => {
      syncs++;
    },
    workbook: {
      worksheets: {
        items,
        load() {},
        getItemOrNullObject: (n) => items.find((s) => s.name === n) ?? { ...sheet(n), isNullObject: true, getUsedRangeOrNullObject: () => range([['']], true) },
        add: (n) => sheet(n),
        getItem: (n) => sheet(n),
      },
      insertWorksheetsFromBase64: () => ({ value: ['x'] }),
    },
  };
  global.Excel = {
    run: (cb) => cb(context),
    ConditionalFormatType: { cellValue: 'CellValue' },
    WorksheetPositionType: { end: 'End' },
    SheetVisibility: { veryHidden: 'VeryHidden' },
  };
  global.Office = { context: { requirements: { isSetSupported: () => true } } };
  return () => syncs;
}

function time(fn) {
  const t0 = process.hrtime.bigint();
  const r = fn();
  return Promise.resolve(r).then((v) => ({ ms: Number(process.hrtime.bigint() - t0) / 1e6, value: v }));
}

async function syncCounts(text) {
  const result = loadPlan(text);
  const models = layoutSheets(result.index);
  const opened = { text, source: 'bench', result };
  let count = countingExcel([]);
  await buildSheets(officeGateway, opened, { rtlTemplate: 'UEsDBA==' });
  const build = count();
  count = countingExcel([...models.map((m) => ({ name: m.name, values: toMatrix(m) })), { name: 'PlanSheets', values: baseSheetRows(text) }]);
  await officeGateway.readIndicatorSheets();
  return { sheets: models.length, buildSyncs: build, syncBackSyncs: count(), limit: 2 + models.length };
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
    syncs: await syncCounts(sample),
    books: [await bookTimes('qazvin sample', sample), await bookTimes('generated', generated)],
  };
}

module.exports = { sheetsBench };
