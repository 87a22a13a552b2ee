/* global Excel, Office */
// The Office.js side of the add-in. Every Excel.run of PlanSheets lives in this folder, and each
// operation takes a fixed number of context.sync() calls, whatever the size of the plan.
import type { HostInfo, WorkbookGateway } from './gateway';
import { PLAN_XML_NAMESPACE, planToXml, xmlToPlan } from './plan-xml';

export const officeGateway: WorkbookGateway = {
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

/** Reads the host's language and theme from Office.context. */
export function officeHost(): HostInfo {
  const ctx = Office.context;
  const background = ctx.officeTheme?.bodyBackgroundColor ?? '#ffffff';
  return {
    displayLanguage: ctx.displayLanguage ?? 'en-US',
    dark: isDark(background),
  };
}

/** True for a dark colour (`#1f1f1f`), by its relative luminance. */
export function isDark(hex: string): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(hex);
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}
