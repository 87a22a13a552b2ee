/* global Excel */
// The plan kept in the workbook's custom XML parts, and recalculation: the part of the Office.js
// gateway the PLAN functions need (kept apart so their bundle stays small).
import type { PlanStorage } from './gateway';
import { PLAN_XML_NAMESPACE, planFromXmlParts, planToXmlParts } from './plan-xml';
import { supports } from './capabilities';

export const officeStorage: PlanStorage = {
  // 1 sync to list the parts in our namespace, then one a part (a plan of usual size has one).
  async readStoredPlan() {
    if (!supports('storePlan')) return null;
    return Excel.run(async (context) => {
      const parts = context.workbook.customXmlParts.getByNamespace(PLAN_XML_NAMESPACE);
      parts.load('items');
      await context.sync();
      const xmls: string[] = [];
      // One part a response: a large plan's parts together would pass Excel on the web's 5 MB.
      for (const part of parts.items) {
        const xml = part.getXml();
        await context.sync();
        xmls.push(xml.value);
      }
      return planFromXmlParts(xmls);
    });
  },

  // 1 sync to list the parts, one a new part, then one to delete the old parts: until the new
  // parts are all there, the old plan is the one read.
  async storePlan(json: string) {
    // Custom XML parts need ExcelApi 1.5 (Excel 2016 has 1.1): there the plan lives in the pane
    // only, and the pane says so (HostInfo.missing).
    if (!supports('storePlan')) return;
    await Excel.run(async (context) => {
      const parts = context.workbook.customXmlParts.getByNamespace(PLAN_XML_NAMESPACE);
      parts.load('items');
      await context.sync();
      const old = [...parts.items];
      const set = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      const xmls = planToXmlParts(json, set);
      for (const xml of xmls) {
        context.workbook.customXmlParts.add(xml);
        if (xmls.length > 1) await context.sync();
      }
      for (const part of old) part.delete();
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
