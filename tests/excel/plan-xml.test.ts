import fc from 'fast-check';
import { PLAN_XML_NAMESPACE, planFromXmlParts, planToXml, planToXmlParts, xmlToPlan } from '../../src/excel/plan-xml';
import { chunkRows, utf8Bytes } from '../../src/excel/requests';
import { sampleText } from '../helpers/plan';

describe('the plan in custom XML parts', () => {
  test('the sample is one part, read back as it was', () => {
    const parts = planToXmlParts(sampleText(), 's1');
    expect(parts).toHaveLength(1);
    expect(planFromXmlParts(parts)).toBe(sampleText());
  });

  test('a plan over the part size is split, each part under 4 MB in UTF-8, and joined back', () => {
    const big = JSON.stringify({ t: 'شاخص '.repeat(700_000), x: '<&>' });
    const parts = planToXmlParts(big, 'big');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(utf8Bytes(p)).toBeLessThan(4 * 1024 * 1024);
    expect(planFromXmlParts(parts)).toBe(big);
    // in any order the workbook lists them
    expect(planFromXmlParts([...parts].reverse())).toBe(big);
  });

  test('a set cut short is passed over for the last whole plan before it', () => {
    const big = JSON.stringify({ t: 'ب'.repeat(2_500_000) });
    const parts = planToXmlParts(big, 'new');
    expect(planFromXmlParts([planToXml('{"old":1}'), ...parts.slice(0, -1)])).toBe('{"old":1}');
    expect(planFromXmlParts([planToXml('{"old":1}'), ...parts])).toBe(big);
  });

  test('property: any text survives a round trip, whole or in parts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        expect(xmlToPlan(planToXml(s))).toBe(s);
        expect(planFromXmlParts(planToXmlParts(s, 'x'))).toBe(s);
      }),
    );
  });

  test("parts of another namespace are not a plan", () => {
    expect(planFromXmlParts(['<plan xmlns="urn:someone:else">{}</plan>', '<other/>'])).toBeNull();
    expect(xmlToPlan(`<p:plan xmlns:p="${PLAN_XML_NAMESPACE}">{&#34;a&#x22;:1}</p:plan>`)).toBe('{"a":1}');
  });
});

describe('requests sized in UTF-8 bytes', () => {
  test('Persian text counts two bytes a character, astral characters four', () => {
    expect(utf8Bytes('abc')).toBe(3);
    expect(utf8Bytes('شاخص')).toBe(8);
    expect(utf8Bytes('😀')).toBe(4);
    expect(utf8Bytes('€')).toBe(3);
    expect(utf8Bytes('ب'.repeat(10))).toBe(Buffer.byteLength('ب'.repeat(10)));
  });

  test('property: chunks keep every row in order, each under the budget unless a row alone is over it', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 60 }), { maxLength: 5 }), { maxLength: 60 }), fc.integer({ min: 10, max: 400 }), (rows, budget) => {
        const chunks = chunkRows(rows, budget);
        expect(chunks.flatMap((c) => c.rows)).toEqual(rows);
        let at = 0;
        for (const c of chunks) {
          expect(c.start).toBe(at);
          at += c.rows.length;
          const bytes = c.rows.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r)), 0);
          if (c.rows.length > 1) expect(bytes).toBeLessThanOrEqual(budget);
        }
      }),
    );
  });
});
