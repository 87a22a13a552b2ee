// A synthetic plan shaped like Qazvin's (codes, units, working groups, items with districts,
// sum/last lines, actuals for two years, funding), scaled to any size, for benchmarks.
// `units`: how many units the indicators are spread over, in turn (40 by default).
function generatePlan(indicators, itemsPer, { units: unitCount = 40 } = {}) {
  const years = [1402, 1403, 1404, 1405, 1406];
  const wgs = Array.from({ length: 8 }, (_, i) => ({ id: `wg${i}`, title: `کارگروه ${i}` }));
  const units = Array.from({ length: unitCount }, (_, i) => ({ id: `u${i}`, title: `واحد ${i}`, workingGroups: [`wg${i % 8}`] }));
  const districts = Array.from({ length: 13 }, (_, i) => ({ id: `d${i + 1}`, title: `منطقه ${i + 1}` }));
  const nodes = [];
  for (let v = 1; v <= 4; v++) {
    nodes.push({ id: `${v}`, level: 'vision', title: `v${v}` });
    for (let s = 1; s <= 9; s++) nodes.push({ id: `${v}-${s}`, level: 'strategy', parent: `${v}`, title: `s${s}` });
  }
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const line = (i) => {
    const sum = i % 3 === 0;
    const targets = {};
    let total = 0;
    for (const y of years) {
      const t = Math.round(10 + rand() * 90);
      targets[y] = t;
      total += t;
    }
    return {
      aggregation: sum ? 'sum' : 'last',
      targets,
      horizon: sum ? total : targets[1406],
      actuals: { 1402: Math.round(rand() * 100), 1403: Math.round(rand() * 100), '1404-H1': Math.round(rand() * 50) },
    };
  };
  const list = [];
  for (let i = 0; i < indicators; i++) {
    const v = 1 + (i % 4);
    const s = 1 + (Math.floor(i / 4) % 9);
    const code = `${v}-${s}-${1 + (Math.floor(i / 36) % 20)}-${1 + Math.floor(i / 720)}`;
    const ind = {
      id: `${code}@${i}`,
      code,
      parent: `${v}-${s}`,
      title: `شاخص ${i}`,
      workingGroup: `wg${i % 8}`,
      unit: `u${i % unitCount}`,
      measure: 'درصد',
      polarity: i % 7 === 0 ? 'negative' : 'positive',
      aggregation: 'last',
      funding: { 1402: { planned: 1000 + i, spent: 900 + i }, 1403: { planned: 1200, spent: null } },
    };
    if (itemsPer > 0) {
      ind.items = Array.from({ length: itemsPer }, (_, j) => ({ id: String(j + 1), title: `زیرشاخص ${j + 1}`, district: `d${1 + ((i + j) % 13)}`, ...line(i + j) }));
    } else {
      Object.assign(ind, line(i));
    }
    list.push(ind);
  }
  return {
    format: 'plansheets.plan',
    version: 1,
    meta: { id: 'generated', title: 'generated', locale: 'fa-IR', years, baselineYear: 1401, levels: [{ id: 'vision', title: 'v' }, { id: 'strategy', title: 's' }] },
    nodes,
    workingGroups: wgs,
    units,
    districts,
    indicators: list,
  };
}

module.exports = { generatePlan };
