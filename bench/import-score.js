// How an import compares with a hand-checked reading of the same tables (tables.json: blocks of
// rows with code, title, measure, targets, horizon, unit and the anomaly the reader noted). Pure:
// used by bench/import-accuracy.js on any book and by the tests on Qazvin's four working groups.
'use strict';

/** The import's measured lines in plan order. */
function lines(plan) {
  return plan.indicators.flatMap((ind) =>
    ind.items
      ? ind.items.map((it) => ({ code: ind.code, title: it.title ?? null, measure: it.measure ?? null, targets: it.targets ?? {}, horizon: it.horizon ?? null }))
      : [{ code: ind.code, title: ind.title ?? null, measure: ind.measure ?? null, targets: ind.targets ?? {}, horizon: ind.horizon ?? null }],
  );
}

const sameTargets = (a, b) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? null) !== (b[k] ?? null)) return false;
  return true;
};

/**
 * Scores an import ({plan, account}) against hand-checked blocks. A row is exact when a line with
 * its code and title has its targets, horizon and measure; lost when no line has its code and
 * title and the account does not list it as left out; a unit is invented when the reading has no
 * unit of that name.
 */
function score(result, blocks) {
  const ours = lines(result.plan);
  const used = new Set();
  const skippedText = (result.account.skippedRows || []).map((s) => s.text).join('\n');
  const rows = blocks.flatMap((b) => b.rows.map((row) => ({ b, row })));
  let exact = 0;
  let plain = 0;
  let plainExact = 0;
  const lost = [];
  const wrong = [];
  for (const { b, row } of rows) {
    const i = ours.findIndex((o, k) => !used.has(k) && o.code === b.codeAsPrinted && (o.title ?? '') === (row.title ?? ''));
    if (i >= 0) used.add(i);
    const o = ours[i];
    const ok = !!o && sameTargets(o.targets, row.targets) && o.horizon === row.horizon && o.measure === row.measure;
    if (ok) exact++;
    if (!row.anomaly) {
      plain++;
      if (ok) plainExact++;
      else wrong.push(`${b.codeAsPrinted} ${row.title}`);
    }
    if (!o && !(row.title && skippedText.includes(row.title))) lost.push(`${b.codeAsPrinted} ${row.title}`);
  }
  const known = new Set(blocks.map((b) => b.unit).filter(Boolean));
  const invented = (result.plan.units || []).map((u) => u.title).filter((t) => !known.has(t));
  return {
    rows: rows.length,
    exact,
    rowsWithoutAnomaly: plain,
    exactWithoutAnomaly: plainExact,
    exactRate: plain ? +(plainExact / plain).toFixed(4) : 1,
    notExact: wrong,
    lost,
    inventedUnits: invented,
  };
}

module.exports = { score, lines };
