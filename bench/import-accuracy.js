#!/usr/bin/env node
// Import accuracy on a book the importer was not written against: reads the raw table files of a
// folder (index.json lists them, as in tests/fixtures/qazvin/raw) and scores the import against the
// hand-checked tables.json beside them. Prints one JSON document. Needs `npm run build` first.
//   node bench/import-accuracy.js [DATA_DIR]   (default: tests/fixtures/qazvin)
'use strict';
const fs = require('fs');
const path = require('path');
const { importTables } = require(path.join(__dirname, '..', 'lib', 'src', 'core', 'importer', 'importer.js'));
const { score } = require('./import-score');

const dir = path.resolve(process.argv[2] || path.join(__dirname, '..', 'tests', 'fixtures', 'qazvin'));
const index = JSON.parse(fs.readFileSync(path.join(dir, 'raw', 'index.json'), 'utf8'));
const sources = Object.values(index).map((v) => ({ source: path.basename(v.file), rows: fs.readFileSync(path.join(dir, v.file), 'utf8').split('\n').map((l) => l.split('\t')) }));
const result = importTables(sources);
const s = score(result, JSON.parse(fs.readFileSync(path.join(dir, 'tables.json'), 'utf8')));
const a = result.account;
process.stdout.write(
  JSON.stringify(
    {
      data: dir,
      ...s,
      goal: { exactRate: 0.99, lost: 0, inventedUnits: 0 },
      met: s.exactRate >= 0.99 && s.lost.length === 0 && s.inventedUnits.length === 0,
      account: { tables: a.tables, indicators: a.indicators, continued: a.continued, skippedTables: a.skippedTables.length, rows: a.rows, rowsRead: a.rowsRead, skippedRows: a.skippedRows.length, ignoredLines: a.ignoredLines.length, notUnits: a.notUnits.length },
      peakRssMb: +(process.memoryUsage().rss / 2 ** 20).toFixed(1),
    },
    null,
    2,
  ) + '\n',
);
