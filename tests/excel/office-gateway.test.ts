// The plan kept in the workbook, the Facts table and unit template sheets, through Office.js on the
// strict double of Excel.
import { officeGateway, officeHost, isDark } from '../../src/excel/office-gateway';
import { PLAN_XML_NAMESPACE, planToXml } from '../../src/excel/plan-xml';
import { writeFactsTable, addTemplateSheet } from '../../src/runtime/sheets-session';
import { readTemplate } from '../../src/core/templates/template';
import { OverExcelLimits } from '../../src/core/grid/excel-limits';
import { makePlan, sampleText } from '../helpers/plan';
import { excelDouble, hostPresets, opened, openedUnchecked, restoreOffice, RTL_TEMPLATE } from './helpers';

afterEach(restoreOffice);

describe('the plan kept in the workbook', () => {
  test('stored in a custom XML part of our namespace, replacing the old one; read back as stored', async () => {
    const d = excelDouble(hostPresets.m365);
    d.addCustomXml(planToXml('{"old":true}'));
    d.addCustomXml('<other xmlns="urn:someone:else"/>');
    await officeGateway.storePlan(sampleText());
    expect(d.customXml().filter((p) => p.namespace === PLAN_XML_NAMESPACE)).toHaveLength(1);
    expect(d.customXml().some((p) => p.namespace === 'urn:someone:else')).toBe(true);
    expect(await officeGateway.readStoredPlan()).toBe(sampleText());
  });

  test('a store cut short leaves a whole plan: the one before, or the new one once its part is added', async () => {
    const d = excelDouble(hostPresets.m365);
    await officeGateway.storePlan('{"v":1}');
    d.failAt(2);
    await expect(officeGateway.storePlan('{"v":2}')).rejects.toBeDefined();
    expect(await officeGateway.readStoredPlan()).toBe('{"v":1}');
    d.failAt(2, { afterCommands: 1 });
    await expect(officeGateway.storePlan('{"v":3}')).rejects.toBeDefined();
    expect(await officeGateway.readStoredPlan()).toBe('{"v":3}');
  });

  test('a workbook without a plan reads as none; recalculation is a full one', async () => {
    const d = excelDouble(hostPresets.web);
    expect(await officeGateway.readStoredPlan()).toBeNull();
    await officeGateway.recalculate();
    expect(d.calculations).toEqual(['Full']);
  });

  test('the host: language, theme, and what this Excel lacks', () => {
    excelDouble({ ...hostPresets.office2016, displayLanguage: 'fa-IR' });
    const host = officeHost();
    expect(host.displayLanguage).toBe('fa-IR');
    expect(host.missing).toEqual(['storePlan', 'sheetFormat', 'statusColours', 'freeze', 'numberChecks', 'pivots', 'print', 'rtlSheets']);
    excelDouble(hostPresets.m365);
    expect(officeHost().missing).toEqual([]);
    expect(isDark('#1f1f1f')).toBe(true);
    expect(isDark('#ffffff')).toBe(false);
  });
});

describe('the Facts table', () => {
  test('codes such as 1-2-3 stay text (not dates), with its two PivotTables', async () => {
    const plan = makePlan([
      { id: 'a', code: '1-2-3', title: 'one', unit: 'u1', workingGroup: 'wg1', measure: '%', targets: { 1402: 1, 1403: 2, 1404: 3 } },
      { id: '3-4', code: '3-4', title: 'two', unit: 'u2', workingGroup: 'wg2', measure: '%', targets: { 1402: 1, 1403: 2, 1404: 3 } },
    ] as never);
    const d = excelDouble(hostPresets.m365);
    const result = await writeFactsTable(officeGateway, opened(JSON.stringify(plan)), 'en');
    expect(result.pivots).toBe(true);
    const values = d.valuesOf('Facts');
    const code = values[0].indexOf('Code');
    const id = values[0].indexOf('Id');
    expect(values.slice(1).map((r) => r[code])).toEqual(['1-2-3', '1-2-3', '1-2-3', '3-4', '3-4', '3-4']);
    expect(values.slice(1).map((r) => r[id])).toEqual(['a', 'a', 'a', '3-4', '3-4', '3-4']);
    expect(d.sheet('Pivots').pivots.map((p) => p.name)).toEqual(['PlanSheetsAchievement', 'PlanSheetsBudget']);
    expect(d.sheet('Facts').tables.map((t) => t.name)).toEqual(['PlanSheetsFacts']);
  });

  test('rewritten when Facts and Pivots are the only visible sheets', async () => {
    const d = excelDouble({ ...hostPresets.m365, sheets: [] });
    d.addSheet('Facts', [['old']]);
    d.addSheet('Pivots', [['old']]);
    d.addSheet('Hidden', [['x']], { visibility: 'VeryHidden' });
    await writeFactsTable(officeGateway, opened(sampleText()), 'en');
    await writeFactsTable(officeGateway, opened(sampleText()), 'en');
    expect(d.sheetNames().map((s) => s.name)).toEqual(['Hidden', 'Facts', 'Pivots']);
    expect(d.valuesOf('Facts').length).toBe(1401);
  });

  test('Excel 2019: no PivotTables, the table is still there to pivot by hand', async () => {
    const d = excelDouble(hostPresets.office2019);
    expect((await writeFactsTable(officeGateway, opened(sampleText()), 'fa')).pivots).toBe(false);
    expect(d.sheet('داده‌ها').tables).toHaveLength(1);
  });
});

describe('what Excel cannot hold, in Facts and templates', () => {
  test('a title over 32,767 characters is refused before anything is written, naming its cell', async () => {
    const plan = JSON.parse(sampleText());
    plan.indicators[0].title = 'x'.repeat(33000);
    const d = excelDouble(hostPresets.m365);
    const before = d.sheetNames();
    const facts = await writeFactsTable(officeGateway, openedUnchecked(plan), 'en').catch((e: unknown) => e);
    expect((facts as OverExcelLimits).text.en).toMatch(/^"Facts"!G\d+ would hold 33000 characters; Excel holds at most 32767\. Nothing was changed\.$/);
    const unit = plan.indicators[0].unit;
    const template = await addTemplateSheet(officeGateway, openedUnchecked(plan), unit, '1403').catch((e: unknown) => e);
    expect(template).toBeInstanceOf(OverExcelLimits);
    expect(d.sheetNames()).toEqual(before);
    expect(d.requests).toEqual([]);
  });
});

describe('unit template sheets', () => {
  test('right to left, protected, inputs unlocked and checked; read back as a template', async () => {
    const d = excelDouble(hostPresets.web);
    const text = sampleText();
    const unit = JSON.parse(text).units[0].id;
    const { sheet, rtl } = await addTemplateSheet(officeGateway, opened(text), unit, '1403', { rtlTemplate: RTL_TEMPLATE });
    expect(rtl).toBe('applied');
    expect(d.sheet(sheet).rtl).toBe(true);
    expect(d.sheet(sheet).protected).toBe(true);
    expect(d.sheet(sheet).validations.length).toBeGreaterThan(0);
    const reading = readTemplate(sheet, d.valuesOf(sheet) as never);
    expect(reading?.meta.unit).toBe(unit);
    // a second one gets a name of its own
    const second = await addTemplateSheet(officeGateway, opened(text), unit, '1403');
    expect(second.sheet).not.toBe(sheet);
  });
});
