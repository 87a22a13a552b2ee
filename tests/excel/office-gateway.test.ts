import fc from 'fast-check';
import { OfficeMockObject } from 'office-addin-mock';
import { countingRun } from '../helpers/counting-run';
import { officeGateway, isDark } from '../../src/excel/office-gateway';
import { PLAN_XML_NAMESPACE, planToXml, xmlToPlan } from '../../src/excel/plan-xml';
import { sampleText } from '../helpers/plan';

/**
 * An Excel mock (office-addin-mock) whose custom XML parts live in `state.parts`, counting
 * context.sync() calls. The mock wraps the objects it is built with, so the scoped collection
 * and its parts are made up front, as they stand when the test starts.
 */
function mockExcel(initial: string[] = []) {
  const state = { parts: initial.map((xml) => ({ xml, deleted: false })), syncs: 0, calculated: [] as unknown[], namespaces: [] as string[] };
  const scoped = {
    items: state.parts.map((p) => ({
      getXml: () => ({ value: p.xml }),
      delete: () => {
        p.deleted = true;
      },
    })),
  };
  const data = {
    context: {
      workbook: {
        customXmlParts: {
          scoped,
          getByNamespace(ns: string) {
            state.namespaces.push(ns);
            return this.scoped;
          },
          add(xml: string) {
            state.parts.push({ xml, deleted: false });
            return {};
          },
        },
        application: {
          calculate(type: unknown) {
            state.calculated.push(type);
          },
        },
      },
    },
    run: countingRun(state),
  };
  const excel = new OfficeMockObject(data) as unknown as Record<string, unknown>;
  excel.CalculationType = { full: 'Full' };
  (global as unknown as { Excel: unknown }).Excel = excel;
  return state;
}

describe('the Office.js gateway', () => {
  test('stores the plan in a custom XML part of our namespace, replacing the old one, in 2 syncs', async () => {
    const state = mockExcel([planToXml('{"old":true}')]);
    const text = sampleText();
    await officeGateway.storePlan(text);
    expect(state.syncs).toBe(2);
    expect(state.namespaces).toEqual([PLAN_XML_NAMESPACE]);
    const live = state.parts.filter((p) => !p.deleted);
    expect(live).toHaveLength(1);
    expect(xmlToPlan(live[0].xml)).toBe(text);
  });

  test('reads the stored plan back in 2 syncs; a workbook without one gives null in 1', async () => {
    const text = sampleText();
    let state = mockExcel([planToXml(text)]);
    expect(await officeGateway.readStoredPlan()).toBe(text);
    expect(state.syncs).toBe(2);
    state = mockExcel([]);
    expect(await officeGateway.readStoredPlan()).toBeNull();
    expect(state.syncs).toBe(1);
  });

  test('recalculates fully in 1 sync', async () => {
    const state = mockExcel();
    await officeGateway.recalculate();
    expect(state.calculated).toEqual(['Full']);
    expect(state.syncs).toBe(1);
  });

  test('the theme colour tells dark from light', () => {
    expect(isDark('#1f1f1f')).toBe(true);
    expect(isDark('#ffffff')).toBe(false);
    expect(isDark('not a colour')).toBe(false);
  });
});

describe('the stored plan XML', () => {
  test('any text survives the round trip, markup and Persian included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(xmlToPlan(planToXml(s))).toBe(s);
      }),
    );
    const tricky = '{"title":"a < b && c > d ]]> </plan> &amp; منطقه ۳"}';
    expect(xmlToPlan(planToXml(tricky))).toBe(tricky);
  });

  test('numeric entities and a namespace prefix, as another writer may produce, read back', () => {
    expect(xmlToPlan(`<p:plan xmlns:p="${PLAN_XML_NAMESPACE}">{&#34;a&#x22;:1}</p:plan>`)).toBe('{"a":1}');
  });

  test('a part that is not ours is not a plan', () => {
    expect(xmlToPlan('<plan xmlns="urn:someone:else">{}</plan>')).toBeNull();
    expect(xmlToPlan('<other/>')).toBeNull();
  });
});
