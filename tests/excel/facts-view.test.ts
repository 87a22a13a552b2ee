// Writing the Facts table from the pane (a standalone "write Facts", not only within Apply): the
// person on one of the plan's sheets stays there, the one on a sheet of their own is shown the
// PivotTables; and the Facts sheet's page header names the plan. On the strict Excel double.
import { officeGateway } from '../../src/excel/office-gateway';
import { addTemplateSheet, buildSheets, writeFactsTable } from '../../src/runtime/sheets-session';
import { layoutSheets } from '../../src/core/grid/layout';
import { loadPlan } from '../../src/core/plan/load';
import { FACTS_SHEET, PIVOTS_SHEET } from '../../src/core/grid/reserved-names';
import { pageLayoutOf } from '../excel-double';
import { sampleText } from '../helpers/plan';
import { excelDouble, hostPresets, opened, restoreOffice } from './helpers';

afterEach(restoreOffice);

const sample = opened(sampleText());
const names = layoutSheets(loadPlan(sampleText()).index!).map((m) => m.name);
const TITLE = 'برنامه راهبردی عملیاتی پنج‌ساله سوم شهر و شهرداری قزوین (نمونه)';

describe('a standalone write of the Facts table keeps the person where they were', () => {
  test('on an indicator sheet at F12: still there after the Facts table and PivotTables are written', async () => {
    const d = excelDouble(hostPresets.m365);
    await buildSheets(officeGateway, sample);
    d.select(names[2], 'F12');
    const { pivots } = await writeFactsTable(officeGateway, sample, 'fa');
    expect(pivots).toBe(true);
    expect(d.selection()).toEqual({ sheet: names[2], address: 'F12' });
  });

  test('on a unit template at B7:C9: still there', async () => {
    const d = excelDouble(hostPresets.m365);
    const { sheet } = await addTemplateSheet(officeGateway, sample, 'bus-org', '1403');
    d.select(sheet, 'B7:C9');
    await writeFactsTable(officeGateway, sample, 'fa');
    expect(d.selection()).toEqual({ sheet, address: 'B7:C9' });
  });

  test('on the Facts sheet the write replaces: on the new Facts sheet, same cell', async () => {
    const d = excelDouble(hostPresets.m365);
    await writeFactsTable(officeGateway, sample, 'fa');
    d.select(FACTS_SHEET.fa, 'C5');
    await writeFactsTable(officeGateway, sample, 'fa');
    expect(d.selection()).toEqual({ sheet: FACTS_SHEET.fa, address: 'C5' });
    expect(d.sheetNames().map((s) => s.name).filter((n) => n.startsWith('PlanSheets~'))).toEqual([]);
  });

  test('on a sheet of their own (no plan sheet): shown the PivotTables, as before', async () => {
    const d = excelDouble(hostPresets.m365);
    d.select('Sheet1', 'D4');
    await writeFactsTable(officeGateway, sample, 'en');
    expect(d.selection().sheet).toBe(PIVOTS_SHEET.en);
  });

  test('without PivotTables (Office 2019, ExcelApi 1.7), a person on their own sheet is shown the Facts table', async () => {
    const d = excelDouble(hostPresets.office2019);
    d.select('Sheet1', 'D4');
    const { pivots } = await writeFactsTable(officeGateway, sample, 'en');
    expect(pivots).toBe(false);
    expect(d.selection().sheet).toBe(FACTS_SHEET.en);
  });
});

describe("the Facts sheet's page header", () => {
  test("names the plan (its Persian title on the Persian Facts sheet), as the indicator sheets' do", async () => {
    const d = excelDouble(hostPresets.web);
    await writeFactsTable(officeGateway, sample, 'fa');
    expect(pageLayoutOf(d.workbook.sheetByKey(FACTS_SHEET.fa)!).headersFooters.centerHeader).toBe(`&B${TITLE}`);
  });

  test('on the English Facts sheet, the English title when the plan has one, else its title', async () => {
    const plan = JSON.parse(sampleText()) as { meta: { titleEn?: string } };
    const d = excelDouble(hostPresets.web);
    await writeFactsTable(officeGateway, sample, 'en');
    expect(pageLayoutOf(d.workbook.sheetByKey(FACTS_SHEET.en)!).headersFooters.centerHeader).toBe(`&B${plan.meta.titleEn ?? TITLE}`);
    plan.meta.titleEn = 'Qazvin five-year plan & budget';
    await writeFactsTable(officeGateway, opened(JSON.stringify(plan)), 'en');
    expect(pageLayoutOf(d.workbook.sheetByKey(FACTS_SHEET.en)!).headersFooters.centerHeader).toBe('&BQazvin five-year plan && budget');
  });
});
