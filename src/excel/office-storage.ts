/* global Excel */
// The plan kept in the workbook's custom XML part, and recalculation: the part of the Office.js
// gateway the PLAN functions need (kept apart so their bundle stays small).
import type { PlanStorage } from './gateway';
import { PLAN_XML_NAMESPACE, planToXml, xmlToPlan } from './plan-xml';

export const officeStorage: PlanStorage = {
  // 2 syncs: list the parts in our namespace, then read the newest one's XML.
  async readStoredPlan() {
    return Excel.run(async (context) => {
      const parts = context.workbook.customXmlParts.getByNamespace(PLAN_XML_NAMESPACE);
      parts.load('items');
      await context.sync();
      if (parts.items.length === 0) return null;
      const xml = parts.items[parts.items.length - 1].getXml();
      await context.sync();
      return xmlToPlan(xml.value);
    });
  },

  // 2 syncs: list the parts in our namespace, then delete them and add the new one together.
  async storePlan(json: string) {
    await Excel.run(async (context) => {
      const parts = context.workbook.customXmlParts.getByNamespace(PLAN_XML_NAMESPACE);
      parts.load('items');
      await context.sync();
      for (const part of parts.items) part.delete();
      context.workbook.customXmlParts.add(planToXml(json));
      await context.sync();
    });
  },

  // 1 sync.
  async recalculate() {
    await Excel.run(async (context) => {
      context.workbook.application.calculate(Excel.CalculationType.full);
      await context.sync();
    });
  },
};
