/* global Excel */
// Print setup through Office.js (Worksheet.pageLayout, ExcelApi 1.9) on the strict Excel double:
// the pane's sheets print as the command line's do, and where Excel lacks the API it is said.
import { officeGateway } from '../../src/excel/office-gateway';
import { layoutSheets } from '../../src/core/grid/layout';
import { loadPlan } from '../../src/core/plan/load';
import { jalaliDate } from '../../src/core/grid/print';
import { addTemplateSheet, buildSheets, writeFactsTable } from '../../src/runtime/sheets-session';
import { writeFacts } from '../../src/excel/office-facts';
import { FACTS_SHEET } from '../../src/core/grid/reserved-names';
import { pageLayoutOf } from '../excel-double';
import { sampleText } from '../helpers/plan';
import { excelDouble, hostPresets, opened, restoreOffice, RTL_TEMPLATE } from './helpers';

afterEach(restoreOffice);

const sample = opened(sampleText());
const names = layoutSheets(loadPlan(sampleText()).index!).map((m) => m.name);
const TITLE = 'برنامه راهبردی عملیاتی پنج‌ساله سوم شهر و شهرداری قزوین (نمونه)';

const factsRequest = {
  sheet: 'Facts',
  pivotSheet: 'Pivots',
  rtl: false,
  headers: ['Working group', 'Year', 'Achievement', 'Planned', 'Spent'],
  formats: [undefined, undefined, '0.0%', '#,##0', '#,##0'],
  rows: [['wg1', 1403, 0.5, 10, 4]],
  fields: { workingGroup: 'Working group', year: 'Year', achievement: 'Achievement', planned: 'Planned', spent: 'Spent' },
  titles: { achievement: 'Average', budget: 'Funding' },
};

describe('the pane sets up printing where Excel has ExcelApi 1.9', () => {
  test('every indicator sheet: A4 landscape, one page wide, header rows and code and title columns repeated, header and footer', async () => {
    const d = excelDouble(hostPresets.web);
    const result = await buildSheets(officeGateway, sample, { rtlTemplate: RTL_TEMPLATE });
    expect(result.missing).toEqual([]);
    for (const name of names) {
      const l = pageLayoutOf(d.workbook.sheetByKey(name)!);
      expect({ name, orientation: l.orientation, paper: l.paperSize, zoom: l.zoom, rows: l.titleRows, columns: l.titleColumns }).toEqual({
        name,
        orientation: 'Landscape',
        paper: 'A4',
        zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
        rows: [1, 2],
        columns: [1, 2], // B:C, code and title
      });
      expect(l.headersFooters.centerHeader).toBe(`&B${TITLE}`);
      expect(l.headersFooters.rightHeader).toBe('&A');
      expect(l.headersFooters.centerFooter).toBe('صفحه &P از &N');
      expect(l.headersFooters.leftFooter).toBe(jalaliDate(new Date(), 'fa'));
    }
  });

  test('a unit template: its header row and code and title columns repeated', async () => {
    const d = excelDouble(hostPresets.web);
    const { sheet } = await addTemplateSheet(officeGateway, sample, 'bus-org', '1403', { rtlTemplate: RTL_TEMPLATE });
    const l = pageLayoutOf(d.workbook.sheetByKey(sheet)!);
    expect([l.orientation, l.paperSize, l.titleRows, l.titleColumns]).toEqual(['Landscape', 'A4', [6, 6], [1, 2]]);
  });

  test('the Facts sheet: A4 landscape, one page wide, its header row on every page, page x of y in its language', async () => {
    const d = excelDouble(hostPresets.web);
    await writeFactsTable(officeGateway, sample, 'fa');
    const l = pageLayoutOf(d.workbook.sheetByKey(FACTS_SHEET.fa)!);
    expect([l.orientation, l.paperSize, l.zoom, l.titleRows, l.titleColumns]).toEqual(['Landscape', 'A4', { horizontalFitToPages: 1, verticalFitToPages: 0 }, [1, 1], undefined]);
    expect(l.headersFooters.rightHeader).toBe('&A');
    expect(l.headersFooters.centerFooter).toBe('صفحه &P از &N');
    expect(l.headersFooters.leftFooter).toBe(jalaliDate(new Date(), 'fa'));
  });

  test("the Facts sheet's header names the plan when the request gives its title, an ampersand kept as text", async () => {
    const d = excelDouble(hostPresets.web);
    await writeFacts({ ...factsRequest, title: 'Roads & parks' });
    const l = pageLayoutOf(d.workbook.sheetByKey('Facts')!);
    expect(l.headersFooters.centerHeader).toBe('&BRoads && parks');
    expect(l.headersFooters.centerFooter).toBe('Page &P of &N');
  });

  test('on Office 2019 (ExcelApi 1.7) the Facts sheet is written without print setup', async () => {
    const d = excelDouble(hostPresets.office2019);
    await writeFactsTable(officeGateway, sample, 'en');
    expect(d.valuesOf('Facts').length).toBeGreaterThan(1);
    expect(pageLayoutOf(d.workbook.sheetByKey('Facts')!).orientation).toBeUndefined();
  });

  test('on Office 2019 (ExcelApi 1.7) the sheets are built without it, and the build says print setup is missing', async () => {
    const d = excelDouble(hostPresets.office2019);
    const result = await buildSheets(officeGateway, sample, {});
    expect(result.missing).toContain('print');
    expect(pageLayoutOf(d.workbook.sheetByKey(names[0])!).orientation).toBeUndefined();
  });
});

describe('the double holds pageLayout to what Microsoft documents', () => {
  const attempt = (f: (ws: Excel.Worksheet) => void) =>
    Excel.run(async (context) => {
      f(context.workbook.worksheets.getItem('S'));
      await context.sync();
    }).then(
      () => 'ok',
      (e: { code?: string }) => e.code,
    );

  test.each([
    ['print title rows that are not whole rows', (ws: Excel.Worksheet) => ws.pageLayout.setPrintTitleRows('A1:C2'), 'InvalidArgument'],
    ['print title columns that are not whole columns', (ws: Excel.Worksheet) => ws.pageLayout.setPrintTitleColumns('B1:C9'), 'InvalidArgument'],
    ['a print scale over 400', (ws: Excel.Worksheet) => void (ws.pageLayout.zoom = { scale: 401 }), 'InvalidArgument'],
    ['a paper size Excel does not have', (ws: Excel.Worksheet) => void (ws.pageLayout.paperSize = 'A9' as Excel.PaperType), 'InvalidArgument'],
    ['whole rows', (ws: Excel.Worksheet) => ws.pageLayout.setPrintTitleRows('$1:$2'), 'ok'],
  ])('%s', async (_what, f, code) => {
    excelDouble(hostPresets.web).addSheet('S');
    expect(await attempt(f)).toBe(code);
  });

  test('below ExcelApi 1.9 it fails with ApiNotFound', async () => {
    excelDouble(hostPresets.office2019).addSheet('S');
    expect(await attempt((ws) => void (ws.pageLayout.orientation = 'Landscape'))).toBe('ApiNotFound');
  });
});
