/* global Excel */
// The Excel double: the API surface the gateway uses, and the inspection helpers.
import { readFileSync } from 'fs';
import { join } from 'path';
import { ExcelDouble, OfficeExtensionError } from './index';
import { excelDouble as setup, restoreOffice } from '../excel/helpers';

afterEach(restoreOffice);

const codeOf = (batch: (context: Excel.RequestContext) => Promise<unknown>) =>
  Excel.run(batch).then(
    () => 'ok',
    (e: OfficeExtensionError) => e.code,
  );

describe('worksheets', () => {
  test('load items (and items/name), position, active sheet, counts', async () => {
    setup({ activeSheet: 'B' }).addSheet('B').addSheet('C', [], { visibility: 'Hidden' });
    await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name,items/visibility');
      const active = sheets.getActiveWorksheet().load('name,position');
      const all = sheets.getCount();
      const visible = sheets.getCount(true);
      await context.sync();
      expect(sheets.items.map((s) => [s.name, s.visibility])).toEqual([['Sheet1', 'Visible'], ['B', 'Visible'], ['C', 'Hidden']]);
      expect(() => sheets.items[0].position).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      expect([active.name, active.position, all.value, visible.value]).toEqual(['B', 1, 3, 2]);
      sheets.getItem('C').position = 0;
      sheets.load('items');
      await context.sync();
      expect(sheets.items.map((s) => `${s.position}:${s.name}:${s.id.length}`)).toEqual(['0:C:38', '1:Sheet1:38', '2:B:38']);
    });
  });

  test('getUsedRange: A1 on a blank sheet; getUsedRangeOrNullObject: null; valuesOnly ignores formats', async () => {
    setup().addSheet('Data', [[null, null], [null, 'x']]);
    await Excel.run(async (context) => {
      const blank = context.workbook.worksheets.getItem('Sheet1');
      blank.getRange('D9').format.fill.color = '#FFEB9C';
      const a = blank.getUsedRange(true).load('address');
      const b = blank.getUsedRangeOrNullObject(true);
      const c = blank.getUsedRange().load('address');
      const d = context.workbook.worksheets.getItem('Data').getUsedRange(true).load('address,values');
      await context.sync();
      expect([a.address, b.isNullObject, c.address, d.address, d.values]).toEqual(['Sheet1!A1', true, 'Sheet1!D9', 'Data!B2', [['x']]]);
    });
  });
});

describe('ranges', () => {
  test('addresses: cells, ranges, whole columns and rows, getRangeByIndexes, getCell', async () => {
    setup();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      const ranges = [ws.getRange('B2'), ws.getRange('$A$1:C3'), ws.getRange('A:C'), ws.getRange('2:3'), ws.getRangeByIndexes(1, 2, 3, 4), ws.getRange('B2:C3').getCell(1, 1), ws.getRange()];
      ranges.forEach((r) => r.load('address,rowIndex,columnIndex,rowCount,columnCount'));
      await context.sync();
      expect(ranges.map((r) => r.address)).toEqual(['Sheet1!B2', 'Sheet1!A1:C3', 'Sheet1!A:C', 'Sheet1!2:3', 'Sheet1!C2:F4', 'Sheet1!C3', 'Sheet1!1:1048576']);
      expect([ranges[4].rowIndex, ranges[4].columnIndex, ranges[4].rowCount, ranges[4].columnCount]).toEqual([1, 2, 3, 4]);
    });
    expect(await codeOf(async (context) => void context.workbook.worksheets.getItem('Sheet1').getRange('A0'))).toBe('InvalidArgument');
    expect(await codeOf(async (context) => void context.workbook.worksheets.getItem('Sheet1').getRangeByIndexes(0, 0, 0, 1))).toBe('InvalidArgument');
  });

  test('one value, or [[value]], fills the range; another shape fails with InvalidArgument; null leaves a cell', async () => {
    const double = setup();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:B2').values = [['x']];
      ws.getRange('A1:B2').numberFormat = '0.00' as unknown as string[][];
      ws.getRange('A2:B2').values = [[null, 7]];
      await context.sync();
    });
    expect(double.cells('Sheet1')).toEqual([['x', 'x'], ['x', 7]]);
    expect(double.numberFormat('Sheet1', 'B2')).toBe('0.00');
    expect(await codeOf(async (context) => void (context.workbook.worksheets.getItem('Sheet1').getRange('A1:B2').values = [[1, 2]]))).toBe('InvalidArgument');
  });

  test('formulas read back as results, computed lazily with HyperFormula; #VALUE! where it cannot', async () => {
    const double = setup().addSheet('Data', [[2, 3, '=A1*B1', '=Data!C1+1', '=1/0', '=PLAN.UNKNOWN(1)']]);
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Data');
      const texts = ws.getRange('A1:B1').load('values');
      await context.sync();
      expect(texts.values).toEqual([[2, 3]]);
      expect(double.workbook.calc.builds).toBe(0); // no formula read yet
      const all = ws.getRange('A1:F1').load('values,formulas,text');
      await context.sync();
      expect(all.values).toEqual([[2, 3, 6, 7, '#DIV/0!', '#VALUE!']]);
      expect(all.formulas[0].slice(2, 4)).toEqual(['=A1*B1', '=Data!C1+1']);
      expect(all.text).toEqual([['2', '3', '6', '7', '#DIV/0!', '#VALUE!']]);
      ws.getRange('A1').values = [[10]];
      all.load('values');
      await context.sync();
      expect(all.values[0][3]).toBe(31);
    });
  });

  test('text shows the value as its number format shows it', async () => {
    setup().addSheet('T', [[45293, 0.256, 1234.5, 'x', true, 0.5, -3]], { numberFormats: [['m/d/yyyy', '0.0%', '#,##0.00', '@', 'General', 'h:mm AM/PM', '0;(0)']] });
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('T').getRange('A1:G1').load('text');
      await context.sync();
      expect(r.text).toEqual([['1/2/2024', '25.6%', '1,234.50', 'x', 'TRUE', '12:00 PM', '(3)']]);
    });
  });

  test('formats, hiding, conditional formats and data validation are kept', async () => {
    const double = setup();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      const header = ws.getRange('A1:C1');
      header.format.font.bold = true;
      header.format.wrapText = true;
      ws.getRange('B2').format.fill.color = '#fff8e1';
      const cf = ws.getRange('C2:C9').conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
      cf.cellValue.format.fill.color = '#C6EFCE';
      cf.cellValue.rule = { formula1: '="green"', operator: 'EqualTo' };
      ws.getRange('B2').dataValidation.rule = { custom: { formula: '=ISNUMBER(B2)' } };
      ws.getRange('B2').dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: 'A number', message: 'Type a number' };
      const loaded = header.format.load('wrapText');
      header.format.font.load('bold');
      const fill = ws.getRange('B2').format.fill.load('color');
      await context.sync();
      expect([loaded.wrapText, header.format.font.bold, fill.color]).toEqual([true, true, '#FFF8E1']);
    });
    expect(double.sheet('Sheet1').conditionalFormats).toEqual([{ type: 'CellValue', fill: '#C6EFCE', rule: { formula1: '="green"', operator: 'EqualTo' } }]);
    double.type('Sheet1', 'B2', '12');
    expect(() => double.type('Sheet1', 'B2', 'twelve')).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
    expect(double.valuesOf('Sheet1')[1][1]).toBe(12);
    expect(await codeOf(async (context) => void (context.workbook.worksheets.getItem('Sheet1').getRange('A1').dataValidation.rule = { custom: { formula: '=1' }, list: { source: 'a', inCellDropDown: true } }))).toBe('InvalidArgument');
    expect(await codeOf(async (context) => void context.workbook.worksheets.getItem('Sheet1').getRange('A1').conditionalFormats.add('Sparkles' as Excel.ConditionalFormatType))).toBe('InvalidArgument');
  });
});

describe('tables, panes, protection', () => {
  test('tables.add, name and style; names unique in the workbook; no overlap', async () => {
    const double = setup().addSheet('A', [['Code', 'Value'], ['x', 1]]).addSheet('B', [['', 'Value'], ['y', 2]]);
    await Excel.run(async (context) => {
      const t = context.workbook.worksheets.getItem('A').tables.add('A1:B2', true);
      t.name = 'Facts';
      t.style = 'TableStyleLight9';
      const t2 = context.workbook.worksheets.getItem('B').tables.add('B!A1:B2', true).load('name');
      await context.sync();
      expect(t2.name).toBe('Table1');
    });
    expect(double.sheet('A').tables).toEqual([{ name: 'Facts', address: 'A1:B2', style: 'TableStyleLight9', headers: ['Code', 'Value'] }]);
    expect(double.sheet('B').tables[0].headers).toEqual(['Column1', 'Value']);
    expect(await codeOf(async (context) => void (context.workbook.worksheets.getItem('B').tables.getItem('Table1').name = 'facts'))).toBe('InvalidArgument');
    expect(await codeOf(async (context) => void context.workbook.worksheets.getItem('A').tables.add('B2:C3', true))).toBe('MergedRangeConflict');
    expect(await codeOf(async (context) => void (context.workbook.tables.getItem('Facts').style = 'Fancy'))).toBe('InvalidArgument');
  });

  test('freezePanes and protection state', async () => {
    const double = setup();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.freezePanes.freezeAt(ws.getRange('A1:C4'));
      ws.protection.protect({ allowFormatColumns: true });
      ws.protection.load('protected');
      await context.sync();
      expect(ws.protection.protected).toBe(true);
    });
    expect(double.sheet('Sheet1')).toEqual(expect.objectContaining({ frozen: { rows: 4, cols: 3 }, protected: true, protectionOptions: { allowFormatColumns: true } }));
    await Excel.run(async (context) => context.workbook.worksheets.getItem('Sheet1').freezePanes.freezeRows(1));
    expect(double.sheet('Sheet1').frozen).toEqual({ rows: 1, cols: 0 });
  });
});

describe('workbook', () => {
  test('custom XML parts: add, getByNamespace, getXml, delete, setXml; the XML must be well formed', async () => {
    const double = setup().addCustomXml('<other xmlns="urn:else"/>');
    await Excel.run(async (context) => {
      context.workbook.customXmlParts.add('<?xml version="1.0"?><p:plan xmlns:p="urn:x">1</p:plan>');
      const parts = context.workbook.customXmlParts.getByNamespace('urn:x');
      parts.load('items');
      const count = parts.getCount();
      await context.sync();
      expect(count.value).toBe(1);
      const xml = parts.items[0].getXml();
      await context.sync();
      expect(xml.value).toContain('>1</p:plan>');
      parts.items[0].setXml('<plan xmlns="urn:x">2</plan>');
      await context.sync();
    });
    expect(double.customXml().map((p) => [p.namespace, p.xml])).toEqual([['urn:else', '<other xmlns="urn:else"/>'], ['urn:x', '<plan xmlns="urn:x">2</plan>']]);
    expect(await codeOf(async (context) => void context.workbook.customXmlParts.add('<unclosed>'))).toBe('InvalidArgument');
    await Excel.run(async (context) => {
      const parts = context.workbook.customXmlParts.getByNamespace('urn:x').load('items');
      await context.sync();
      parts.items.forEach((p) => p.delete());
    });
    expect(double.customXml()).toHaveLength(1);
  });

  test('application.calculate records the calculation type', async () => {
    const double = setup();
    await Excel.run(async (context) => context.workbook.application.calculate(Excel.CalculationType.full));
    expect(double.calculations).toEqual(['Full']);
    expect(await codeOf(async (context) => context.workbook.application.calculate('Soon' as Excel.CalculationType))).toBe('InvalidArgument');
  });

  test('insertWorksheetsFromBase64 inserts the file\'s sheet, right-to-left, renamed as Excel does when taken', async () => {
    const template = readFileSync(join(__dirname, '../../assets/rtl-template.xlsx')).toString('base64');
    const double = setup();
    for (let i = 0; i < 2; i++) {
      await Excel.run(async (context) => {
        const ids = context.workbook.insertWorksheetsFromBase64(template, { positionType: Excel.WorksheetPositionType.end });
        await context.sync();
        expect(ids.value).toHaveLength(1);
        context.workbook.worksheets.getItem(ids.value[0]).getRange('A1').values = [['in']];
      });
    }
    expect(double.sheetNames().map((s) => s.name)).toEqual(['Sheet1', 'PlanSheets RTL', 'PlanSheets RTL (2)']);
    expect(double.sheet('PlanSheets RTL (2)').rtl).toBe(true);
    expect(double.sheet('Sheet1').rtl).toBe(false);
    expect(await codeOf(async (context) => void context.workbook.insertWorksheetsFromBase64('bm90IGEgemlw'))).toBe('InvalidArgument');
  });

  test('PivotTables over a table: hierarchies name its headers, others fail with ItemNotFound', async () => {
    const double = setup().addSheet('Facts', [['Group', 'Year', 'Planned'], ['a', 2026, 10], ['b', 2027, 20]]).addSheet('Pivots');
    await Excel.run(async (context) => {
      const table = context.workbook.worksheets.getItem('Facts').tables.add('A1:C3', true);
      const p = context.workbook.pivotTables.add('Budget', table, context.workbook.worksheets.getItem('Pivots').getRange('A3'));
      p.rowHierarchies.add(p.hierarchies.getItem('Group'));
      p.columnHierarchies.add(p.hierarchies.getItem('Year'));
      const planned = p.dataHierarchies.add(p.hierarchies.getItem('Planned'));
      planned.summarizeBy = Excel.AggregationFunction.average;
      planned.numberFormat = '0.0';
      planned.load('name');
      await context.sync();
      expect(planned.name).toBe('Average of Planned');
    });
    expect(double.sheet('Pivots').pivots).toEqual([{ name: 'Budget', at: 'A3', source: 'Table1', fields: ['Group', 'Year', 'Planned'], rows: ['Group'], columns: ['Year'], data: [{ field: 'Planned', name: 'Average of Planned', summarizeBy: 'Average', numberFormat: '0.0' }] }]);
    expect(await codeOf(async (context) => {
      const p = context.workbook.pivotTables.getItem('Budget');
      p.rowHierarchies.add(p.hierarchies.getItem('Spent'));
    })).toBe('ItemNotFound');
  });
});

describe('inspection helpers', () => {
  test('addSheet, sheetNames, sheet, cells, valuesOf, numberFormat, type', () => {
    const double = new ExcelDouble({ sheets: ['Main'], now: new Date(2026, 0, 1) });
    double.addSheet('S', [['a', 1, '=B1+1'], [null, true, '']], { visibility: 'Hidden', numberFormats: [['@']] });
    expect(double.sheetNames()).toEqual([{ name: 'Main', visibility: 'Visible' }, { name: 'S', visibility: 'Hidden' }]);
    expect(double.cells('S')).toEqual([['a', 1, { formula: '=B1+1' }], [null, true, null]]);
    expect(double.valuesOf('S')).toEqual([['a', 1, 2], ['', true, '']]);
    expect(double.numberFormat('S', 'A1')).toBe('@');
    expect(double.numberFormat('S', 'B1')).toBe('General');
    double.type('S', 'A1', '1-2-3');
    double.type('S', 'B2', '1-2-3');
    expect(double.value('S', 'A1')).toBe('1-2-3');
    expect(double.value('S', 'B2')).toBe(37623);
    expect(double.sheet('S')).toEqual(expect.objectContaining({ name: 'S', visibility: 'Hidden', protected: false, rtl: false, frozen: null, tables: [], active: false }));
  });
});
