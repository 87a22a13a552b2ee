import type { Change, Plan } from '../../../src/core/plan/plan.types';
import { filterChanges, jalaliDate, type ChangeEntry } from '../../../src/core/web/change-log';
import { clone, indexOf, sampleText } from '../../helpers/plan';

const raw = JSON.parse(sampleText()) as Plan;
// Units of the lines below, straight from the sample: 1-7-3-5 and 1-7-5-2 are budget-office's.
const otherLine = raw.indicators.find((i) => i.unit === 'human-capital' && !i.items?.length)!.id!;

const log: Change[] = [
  { at: '2024-10-06T10:35:00Z', by: 'ali', ref: '1-7-3-5.1', field: 'actuals.1403', from: null, to: 54 },
  { at: '2024-10-07T08:00:00Z', by: 'sara', ref: otherLine, field: 'actuals.1403', from: 1, to: 2 },
  { at: '2024-10-05T08:00:00Z', by: 'ali', ref: '1-7-5-2', field: 'notes.1403', from: null, to: 'گزارش' },
  { at: '2024-10-07T08:00:00Z', by: 'ali', ref: '1-7-3-5', field: 'comment', from: null, to: 'x' },
  { at: '2024-10-08T09:00:00Z', by: 'reza', ref: 'gone-1', field: 'actuals.1403', from: null, to: 3 },
  { at: '2024-10-06T11:00:00Z', by: 'sara', ref: '1-7-3-5.2', field: 'actuals.1403', from: 100, to: 104 },
];
const index = indexOf({ ...clone(raw), changes: log });
const refs = (cs: readonly ChangeEntry[]) => cs.map((c) => c.ref);

describe('filterChanges', () => {
  test('no filter: everything, newest first; equal times keep the later-recorded first', () => {
    const input = clone(log);
    const out = filterChanges(log, index);
    expect(refs(out)).toEqual(['gone-1', '1-7-3-5', otherLine, '1-7-3-5.2', '1-7-3-5.1', '1-7-5-2']);
    expect(log).toEqual(input); // not sorted in place
  });

  test('by unit: the lines of the unit, items through their indicator; a line the plan no longer has belongs to none', () => {
    expect(refs(filterChanges(log, index, { unit: 'budget-office' }))).toEqual(['1-7-3-5', '1-7-3-5.2', '1-7-3-5.1', '1-7-5-2']);
    expect(refs(filterChanges(log, index, { unit: 'human-capital' }))).toEqual([otherLine]);
    expect(filterChanges(log, index, { unit: 'nobody' })).toEqual([]);
  });

  test('by line: an indicator brings its items; an item only itself; a removed line still found by its ref', () => {
    expect(refs(filterChanges(log, index, { ref: '1-7-3-5' }))).toEqual(['1-7-3-5', '1-7-3-5.2', '1-7-3-5.1']);
    expect(refs(filterChanges(log, index, { ref: '1-7-3-5.1' }))).toEqual(['1-7-3-5.1']);
    expect(refs(filterChanges(log, index, { ref: 'gone-1' }))).toEqual(['gone-1']);
    // as typed: Persian digits, the item's ref too
    expect(refs(filterChanges(log, index, { ref: '۱-۷-۳-۵' }))).toEqual(['1-7-3-5', '1-7-3-5.2', '1-7-3-5.1']);
    expect(refs(filterChanges(log, index, { ref: '۱-۷-۳-۵.۱' }))).toEqual(['1-7-3-5.1']);
    expect(filterChanges(log, index, { ref: 'wg:governance' })).toEqual([]);
    // a prefix is not a parent: 1-7 is no indicator of 1-7-3-5's
    expect(filterChanges(log, index, { ref: '1-7' })).toEqual([]);
  });

  test('by person, and filters together', () => {
    expect(refs(filterChanges(log, index, { by: 'ali' }))).toEqual(['1-7-3-5', '1-7-3-5.1', '1-7-5-2']);
    expect(refs(filterChanges(log, index, { by: 'sara', unit: 'budget-office' }))).toEqual(['1-7-3-5.2']);
    expect(filterChanges(log, index, { by: 'ALI' })).toEqual([]);
  });

  test("the server's list: revision breaks ties of time, and the entries come back whole", () => {
    const server = [
      { at: '2024-10-06T10:00:00.000Z', by: 'ali', ref: '1-7-5-2', field: 'actuals.1403', from: null, to: 1, revision: 8 },
      { at: '2024-10-06T10:00:00.000Z', by: 'ali', ref: '1-7-3-5.1', field: 'actuals.1403', from: null, to: 2, revision: 9 },
      { at: 'not a time', by: 'ali', ref: '1-7-3-5.2', field: 'actuals.1403', from: null, to: 3, revision: 10 },
      { at: '2024-10-07T10:00:00.000Z', by: 'ali', ref: '1-7-3-5.3', field: 'actuals.1403', from: null, to: 4, revision: 7 },
    ];
    const out = filterChanges(server, index, { unit: 'budget-office' });
    expect(out.map((c) => c.revision)).toEqual([7, 9, 8, 10]);
    expect(out[0]).toBe(server[3]);
  });
});

describe('jalaliDate: Tehran wall clock, Jalali calendar', () => {
  test('the same moment in Persian and English digits', () => {
    expect(jalaliDate('2024-10-06T10:35:00Z', 'fa')).toBe('۱۴۰۳/۰۷/۱۵ ۱۴:۰۵');
    expect(jalaliDate('2024-10-06T10:35:00Z', 'en')).toBe('1403/07/15 14:05');
  });

  test('UTC+3:30 across midnight and across Nowruz (1403 is a leap year: Esfand has 30 days)', () => {
    expect(jalaliDate('2024-10-06T20:29:00Z', 'en')).toBe('1403/07/15 23:59');
    expect(jalaliDate('2024-10-06T20:30:00Z', 'en')).toBe('1403/07/16 00:00');
    expect(jalaliDate('2025-03-20T20:29:00Z', 'en')).toBe('1403/12/30 23:59');
    expect(jalaliDate('2025-03-20T20:31:00Z', 'en')).toBe('1404/01/01 00:01');
    // summer: no daylight saving since 1402, still +3:30
    expect(jalaliDate('2025-07-01T12:00:00Z', 'en')).toBe('1404/04/10 15:30');
  });

  test('a time written with an offset; a text that is not a time is shown as it is', () => {
    expect(jalaliDate('2024-10-06T14:05:00+03:30', 'fa')).toBe('۱۴۰۳/۰۷/۱۵ ۱۴:۰۵');
    expect(jalaliDate('<script>alert(1)</script>', 'fa')).toBe('<script>alert(1)</script>');
    expect(jalaliDate('', 'en')).toBe('');
  });
});
