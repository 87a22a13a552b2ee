import fc from 'fast-check';
import { generations, genCell } from '../../src/core/grid/generations';
import { BASE_ID, BASE_PENDING_ID } from '../../src/core/grid/base-sheet';
import { KEY_ID, sheetName } from '../../src/core/grid/layout';

const sheet = (name: string, gen?: number) => ({ name, row1: gen === undefined ? [KEY_ID, 'code'] : [KEY_ID, 'code', 'title', genCell(gen)] });
const base = (name: string, gen?: number, id = BASE_ID) => ({ name, row1: gen === undefined ? [id] : [id, gen] });

describe('which generation of PlanSheets sheets is live', () => {
  test('a book without generations (built by the command line): its sheets and base are live', () => {
    const g = generations([sheet('A'), sheet('B'), base('PlanSheets'), { name: 'Mine', row1: ['x'] }]);
    expect(g).toEqual({ base: 'PlanSheets', live: 0, sheets: ['A', 'B'], leftovers: [], next: 1 });
  });

  test('a rebuild cut short before its commit: the old generation stays live, the new sheets are leftovers', () => {
    const g = generations([sheet('A', 3), base('PlanSheets', 3), sheet('PlanSheets~4~1', 4), base('PlanSheets~4', 4, BASE_PENDING_ID)]);
    expect(g.base).toBe('PlanSheets');
    expect(g.sheets).toEqual(['A']);
    expect(g.leftovers).toEqual(['PlanSheets~4~1', 'PlanSheets~4']);
    expect(g.next).toBe(5);
  });

  test('cut short after its commit: the new generation is live even under temporary names', () => {
    const g = generations([sheet('A', 3), base('PlanSheets', 3), sheet('PlanSheets~4~1', 4), base('PlanSheets~4', 4)]);
    expect(g.base).toBe('PlanSheets~4');
    expect(g.sheets).toEqual(['PlanSheets~4~1']);
    expect(g.leftovers).toEqual(['A', 'PlanSheets']);
  });

  test('property: exactly one base is live, and every PlanSheets sheet is live or a leftover', () => {
    const heads = fc.array(fc.record({ kind: fc.constantFrom('sheet', 'base', 'pending', 'other'), gen: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }) }), { maxLength: 12 });
    fc.assert(
      fc.property(heads, (hs) => {
        const list = hs.map((h, i) => (h.kind === 'sheet' ? sheet(`s${i}`, h.gen) : h.kind === 'base' ? base(`b${i}`, h.gen) : h.kind === 'pending' ? base(`p${i}`, h.gen, BASE_PENDING_ID) : { name: `o${i}`, row1: ['mine'] }));
        const g = generations(list);
        const ours = list.filter((h) => h.row1[0] !== 'mine').map((h) => h.name);
        expect([...g.sheets, ...g.leftovers, ...(g.base ? [g.base] : [])].sort()).toEqual(ours.sort());
        expect(g.base === null).toBe(!hs.some((h) => h.kind === 'base'));
        expect(g.next).toBeGreaterThan(Math.max(0, ...hs.filter((h) => h.kind !== 'other').map((h) => h.gen ?? 0)));
      }),
    );
  });
});

describe('sheet names Excel accepts', () => {
  test.each([
    ['History', 'History (2)'],
    ["'quoted'", 'quoted'],
    ['a/b:c*d?[e]', 'a b c d e'],
    ['   ', 'Sheet'],
    ['x'.repeat(40), 'x'.repeat(31)],
  ])('%j becomes %j', (title, name) => {
    expect(sheetName(title, new Set())).toBe(name);
  });

  test('property: every name is one Excel takes, and unique in the book', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { maxLength: 20 }), (titles) => {
        const taken = new Set<string>();
        const names = titles.map((t) => sheetName(t, taken));
        for (const n of names) {
          expect(n.length).toBeGreaterThan(0);
          expect(n.length).toBeLessThanOrEqual(31);
          expect(n).not.toMatch(/[\\/?*[\]:]|^'|'$/);
          expect(n.toLowerCase()).not.toBe('history');
        }
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
      }),
    );
  });
});
