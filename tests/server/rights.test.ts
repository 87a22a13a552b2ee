// Who reads and changes what, on the Qazvin sample: a reporter sees and changes only their units' lines, and only what a unit reports.
import { checkChange, canRead, canWrite, scopePlan, unitOf, type User } from '../../src/core/rights/rights';
import { loadPlan } from '../../src/core/plan/load';
import { indexOf, sampleText } from '../helpers/plan';
import type { Plan } from '../../src/core/plan/plan.types';

const index = indexOf(JSON.parse(sampleText()) as Plan);
const secretariat: User = { name: 'dabir', role: 'secretariat', units: [] };
const viewer: User = { name: 'nazer', role: 'viewer', units: [] };
const budget: User = { name: 'budget', role: 'reporter', units: ['budget-office'] };
const two: User = { name: 'two', role: 'reporter', units: ['admin-reform', 'budget-office'] };

test('the secretariat changes any line and any editable field; a viewer changes nothing', () => {
  expect(checkChange(index, secretariat, { ref: '1-8-7-1', field: 'actuals.1403' })).toBeUndefined();
  expect(checkChange(index, secretariat, { ref: '1-8-7-1', field: 'targets.1404' })).toBeUndefined();
  expect(checkChange(index, secretariat, { ref: '1-8-7-1', field: 'comment' })).toBeUndefined();
  expect(canWrite(viewer)).toBe(false);
  expect(checkChange(index, viewer, { ref: '1-8-7-1', field: 'actuals.1403' })?.code).toBe('field');
});

test("a reporter changes their units' actuals, notes and evidence, items included, and nothing else", () => {
  for (const field of ['actuals.1403', 'actuals.1403-H1', 'actuals.1404-M07', 'notes.1403', 'evidenceSubmitted.1402']) {
    expect(checkChange(index, budget, { ref: '1-7-5-2', field })).toBeUndefined();
  }
  expect(checkChange(index, budget, { ref: '1-7-3-5.2', field: 'actuals.1403' })).toBeUndefined();
  const other = checkChange(index, budget, { ref: '1-8-7-1', field: 'actuals.1403' });
  expect(other?.code).toBe('unit');
  expect(other?.message.en).toContain('admin-reform');
  expect(other?.message.fa).toContain('admin-reform');
  expect(checkChange(index, budget, { ref: '2-8-7-1.1', field: 'notes.1403' })?.code).toBe('unit');
  for (const field of ['targets.1403', 'comment', 'title', 'unit', 'horizon']) expect(checkChange(index, budget, { ref: '1-7-5-2', field })?.code).toBe('field');
  expect(checkChange(index, two, { ref: '1-8-7-1', field: 'actuals.1403' })).toBeUndefined();
});

test('a field that is not one a sheet edits is refused for everyone, so nothing else in a plan can be written', () => {
  for (const field of ['__proto__.x', 'actuals.__proto__', 'funding.1403', 'actuals.۱۴۰۳', 'actuals.1403-m7', 'actuals.', 'actuals', 'meta.revision', 'notes.1403-H3', '']) {
    expect(checkChange(index, secretariat, { ref: '1-7-5-2', field })?.code).toBe('field');
    expect(checkChange(index, budget, { ref: '1-7-5-2', field })?.code).toBe('field');
  }
});

test('a line the plan has not is left to the merge (which says "unknown"), whoever asks', () => {
  expect(checkChange(index, budget, { ref: '9-9-9', field: 'actuals.1403' })).toBeUndefined();
  expect(unitOf(index, '9-9-9')).toBeUndefined();
  expect(canRead(index, budget, '9-9-9')).toBe(false);
});

test("a reporter's plan holds only their units' lines, loads as a plan, and reads the same on those lines", () => {
  const mine = scopePlan(index, budget);
  expect(mine.indicators.length).toBe(8);
  expect(new Set(mine.indicators.map((i) => i.unit))).toEqual(new Set(['budget-office']));
  expect(mine.units?.map((u) => u.id)).toEqual(['budget-office']);
  expect(mine.changes).toBeUndefined();
  expect(mine.indicators.some((i) => i.funding !== undefined)).toBe(false);
  expect(mine.meta.revision).toBe(index.plan.meta.revision);
  const loaded = loadPlan(JSON.stringify(mine));
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(loaded.index!.indicators.get('1-7-5-2')!.self.actuals).toEqual(index.indicators.get('1-7-5-2')!.self.actuals);

  // Two units: both slices, in the plan's order, still one valid plan.
  const both = scopePlan(index, two);
  const order = index.plan.indicators.filter((i) => i.unit === 'admin-reform' || i.unit === 'budget-office').map((i) => i.id ?? i.code);
  expect(both.indicators.map((i) => i.id ?? i.code)).toEqual(order);
  expect(both.units?.map((u) => u.id)).toEqual(['budget-office', 'admin-reform']);
  expect(loadPlan(JSON.stringify(both)).ok).toBe(true);
  for (const e of index.indicatorList) expect(canRead(index, two, e.id)).toBe(['admin-reform', 'budget-office'].includes(e.indicator.unit ?? ''));

  // A unit the plan does not have shows nothing; the others see the whole plan.
  expect(scopePlan(index, { name: 'x', role: 'reporter', units: ['no-such-unit'] }).indicators).toEqual([]);
  expect(scopePlan(index, viewer)).toBe(index.plan);
  expect(scopePlan(index, secretariat)).toBe(index.plan);
});
