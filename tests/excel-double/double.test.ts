/* global Excel, Office, OfficeExtension */
// The Excel double: Office.js proxy semantics, and one test per documented rule (rules.ts).
import { hostPresets, OfficeExtensionError } from './index';
import { excelDouble as setup, restoreOffice } from '../excel/helpers';

afterEach(restoreOffice);

/** The code an Excel.run batch fails with. */
async function codeOf(batch: (context: Excel.RequestContext) => Promise<unknown>): Promise<string> {
  try {
    await Excel.run(batch);
  } catch (e) {
    expect(e).toBeInstanceOf(OfficeExtensionError);
    return (e as OfficeExtensionError).code;
  }
  throw new Error('the batch did not fail');
}

describe('install', () => {
  test('sets Excel, Office and OfficeExtension, and puts the previous globals back', async () => {
    const g = globalThis as unknown as Record<string, unknown>;
    g.Excel = 'before';
    const double = setup({ ...hostPresets.office2019, displayLanguage: 'fa-IR' });
    expect(Excel.SheetVisibility.veryHidden).toBe('VeryHidden');
    expect(Excel.WorksheetPositionType.end).toBe('End');
    expect(Office.context.displayLanguage).toBe('fa-IR');
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.7')).toBe(true);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.8')).toBe(false);
    expect(OfficeExtension.Error).toBe(OfficeExtensionError);
    expect(await Excel.run(async () => 42)).toBe(42);
    expect(double.runCount).toBe(1);
    restoreOffice();
    expect(g.Excel).toBe('before');
    expect('Office' in g).toBe(false);
    delete g.Excel;
  });
});

describe('proxy semantics', () => {
  test('writes are queued: nothing changes before sync', async () => {
    const double = setup();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [[5]];
      expect(double.cells('Sheet1')).toEqual([]);
      await context.sync();
      expect(double.cells('Sheet1')).toEqual([[5]]);
    });
  });

  test('reading a property not loaded, or loaded but not synced, throws PropertyNotLoaded', async () => {
    setup();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      expect(() => ws.name).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      ws.load('name');
      expect(() => ws.name).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await context.sync();
      expect(ws.name).toBe('Sheet1');
      expect(() => ws.visibility).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  test('a method returning a value gives a ClientResult readable after the sync', async () => {
    setup();
    await Excel.run(async (context) => {
      const count = context.workbook.worksheets.getCount();
      expect(() => count.value).toThrow(expect.objectContaining({ code: 'ValueNotLoaded' }));
      await context.sync();
      expect(count.value).toBe(1);
    });
  });

  test('getItem of a missing sheet fails at sync with ItemNotFound; getItemOrNullObject gives isNullObject', async () => {
    setup();
    expect(await codeOf(async (context) => {
      context.workbook.worksheets.getItem('Nope');
      await context.sync();
    })).toBe('ItemNotFound');
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject('Nope');
      const used = ws.getUsedRangeOrNullObject(true).load('values');
      expect(() => ws.isNullObject).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await context.sync();
      expect(ws.isNullObject).toBe(true);
      expect(used.isNullObject).toBe(true);
    });
  });

  test('objects made in a batch are used by later commands of the same batch', async () => {
    const double = setup();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.add('Data');
      ws.getRange('A1:B1').values = [['x', 2]];
      ws.name = 'Renamed';
      ws.getRange('B2').formulas = [['=B1*3']];
      ws.activate();
      await context.sync();
    });
    expect(double.sheetNames()).toEqual([{ name: 'Sheet1', visibility: 'Visible' }, { name: 'Renamed', visibility: 'Visible' }]);
    expect(double.valuesOf('Renamed')).toEqual([['x', 2], ['', 6]]);
    expect(double.sheet('Renamed').active).toBe(true);
    expect(double.syncCount).toBe(1);
  });

  test('a failing command throws OfficeExtension.Error: commands before it stay applied, those after never run', async () => {
    const double = setup().addSheet('Secret', [['s']], { visibility: 'VeryHidden' });
    let error: OfficeExtensionError | undefined;
    await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.getItem('Sheet1').getRange('A1').values = [['before']];
      sheets.getItem('Secret').delete();
      sheets.getItem('Sheet1').getRange('A2').values = [['after']];
      await context.sync();
    }).catch((e) => (error = e));
    expect(error).toBeInstanceOf(OfficeExtensionError);
    expect(error!.code).toBe('InvalidOperation');
    expect(error!.debugInfo).toEqual(expect.objectContaining({ code: 'InvalidOperation', errorLocation: 'Worksheet.delete' }));
    expect(double.cells('Sheet1')).toEqual([['before']]);
    expect(double.sheetNames().map((s) => s.name)).toEqual(['Sheet1', 'Secret']);
  });

  test('proxies of one Excel.run cannot be used in another', async () => {
    setup();
    let old: Excel.Worksheet | undefined;
    await Excel.run(async (context) => {
      old = context.workbook.worksheets.getItem('Sheet1');
      await context.sync();
    });
    expect(() => old!.getRange('A1')).toThrow(expect.objectContaining({ code: 'InvalidObjectPath' }));
    expect(await codeOf(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:B2');
      await Excel.run(async (other) => other.workbook.worksheets.getItem('Sheet1').freezePanes.freezeAt(range));
    })).toBe('InvalidRequestContext');
  });

  test('Excel.run syncs what is left queued when the batch ends; a batch must return a promise', async () => {
    const double = setup();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['late']];
    });
    expect(double.cells('Sheet1')).toEqual([['late']]);
    expect(double.syncCount).toBe(1);
    await expect(double.run(() => 1 as never)).rejects.toEqual(expect.objectContaining({ code: 'RunMustReturnPromise' }));
  });

  test('failAt: a sync that never reached Excel runs nothing; with afterCommands the first k run', async () => {
    const double = setup();
    const write = (context: Excel.RequestContext, cell: string) => (context.workbook.worksheets.getItem('Sheet1').getRange(cell).values = [[cell]]);
    double.failAt(1);
    expect(await codeOf(async (context) => {
      write(context, 'A1');
      await context.sync();
    })).toBe('ConnectionFailure');
    expect(double.cells('Sheet1')).toEqual([]);
    double.failAt(2, { afterCommands: 2, code: 'GeneralException' });
    expect(await codeOf(async (context) => {
      write(context, 'A1');
      await context.sync(); // sync 1 from now: passes
      write(context, 'A2'); // getItem, getRange, values: the failure comes before the values
      write(context, 'A3');
      await context.sync();
    })).toBe('GeneralException');
    expect(double.cells('Sheet1')).toEqual([['A1']]);
    expect(double.syncCount).toBe(3);
    expect(double.requests.map((r) => [r.commands, r.error])).toEqual([[3, 'ConnectionFailure'], [3, undefined], [6, 'GeneralException']]);
    expect(double.requests[1].requestBytes).toBeGreaterThan(0);
  });
});

describe('documented rules', () => {
  test('1. deleting a very hidden sheet fails with InvalidOperation; make it hidden first', async () => {
    const double = setup().addSheet('Base', [['b']], { visibility: 'VeryHidden' });
    expect(await codeOf(async (context) => {
      context.workbook.worksheets.getItem('Base').delete();
      await context.sync();
    })).toBe('InvalidOperation');
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Base');
      ws.visibility = Excel.SheetVisibility.hidden;
      ws.delete();
      await context.sync();
    });
    expect(double.sheetNames().map((s) => s.name)).toEqual(['Sheet1']);
  });

  test('2. a workbook keeps one visible sheet: hiding or deleting the last one fails', async () => {
    setup().addSheet('Hidden', [], { visibility: 'Hidden' });
    for (const act of [(ws: Excel.Worksheet) => (ws.visibility = Excel.SheetVisibility.hidden), (ws: Excel.Worksheet) => ws.delete()]) {
      expect(await codeOf(async (context) => {
        act(context.workbook.worksheets.getItem('Sheet1'));
        await context.sync();
      })).toBe('InvalidOperation');
    }
  });

  test('3. unbounded ranges: no values, formulas or numberFormat; formats allowed; reads give null', async () => {
    const double = setup().addSheet('S', [['a', 'b']]);
    for (const [address, prop] of [['A:A', 'values'], ['A:C', 'formulas'], ['1:1', 'numberFormat'], ['2:3', 'values']] as const) {
      expect(await codeOf(async (context) => {
        context.workbook.worksheets.getItem('S').getRange(address)[prop] = [['@']];
        await context.sync();
      })).toBe('InvalidArgument');
    }
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('S');
      ws.getRange('B:B').format.columnWidth = 70;
      ws.getRange('C:C').columnHidden = true;
      ws.getRange('1:1').rowHidden = true;
      const col = ws.getRange('A:A').load(['values', 'text', 'numberFormat', 'address', 'rowCount']);
      await context.sync();
      expect(col.values).toBeNull();
      expect(col.text).toBeNull();
      expect(col.address).toBe('S!A:A');
      expect(col.rowCount).toBe(1048576);
    });
    expect(double.sheet('S')).toEqual(expect.objectContaining({ columnWidths: { B: 70 }, hiddenColumns: ['C'], hiddenRows: [1] }));
  });

  test('3b. in "observed" mode (issue #5400) one numberFormat can be set on whole columns', async () => {
    const double = setup({ unboundedNumberFormat: 'observed' });
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A:A').numberFormat = [['@']];
      ws.getRange('A5').values = [['1-2-3']];
      await context.sync();
    });
    expect(double.numberFormat('Sheet1', 'A5')).toBe('@');
    expect(double.valuesOf('Sheet1')[4]).toEqual(['1-2-3']);
  });

  test('4. sheet names: length, characters, apostrophes, History, uniqueness without case', async () => {
    setup().addSheet('Data');
    const bad = ['', ' ', 'x'.repeat(32), 'a/b', 'a\\b', 'a?', 'a*', 'a[1]', 'a:b', "'quoted", "end'", 'History', 'history'];
    for (const name of bad) {
      expect(await codeOf(async (context) => {
        context.workbook.worksheets.add(name);
        await context.sync();
      })).toBe('InvalidArgument');
      expect(await codeOf(async (context) => {
        context.workbook.worksheets.getItem('Data').name = name;
        await context.sync();
      })).toBe('InvalidArgument');
    }
    expect(await codeOf(async (context) => void context.workbook.worksheets.add('DATA'))).toBe('ItemAlreadyExists');
    expect(await codeOf(async (context) => void (context.workbook.worksheets.getItem('Data').name = 'sheet1'))).toBe('ItemAlreadyExists');
    await Excel.run(async (context) => {
      context.workbook.worksheets.add("x".repeat(31));
      context.workbook.worksheets.getItem('Data').name = "Ali's data";
      context.workbook.worksheets.getItem('Sheet1').name = 'SHEET1';
    });
  });

  test('5. a cell holds 32,767 characters; a formula 8,192', async () => {
    const double = setup();
    const write = (prop: 'values' | 'formulas', text: string) =>
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1')[prop] = [[text]];
        await context.sync();
      }).then(
        () => 'ok',
        (e: OfficeExtensionError) => e.code,
      );
    expect(await write('values', 'a'.repeat(32767))).toBe('ok');
    expect(await write('values', 'a'.repeat(32768))).toBe('InvalidArgument');
    const formula = (n: number) => `="${'b'.repeat(n - 3)}"`;
    expect(await write('formulas', formula(8192))).toBe('ok');
    expect(await write('formulas', formula(8193))).toBe('FormulaLengthExceedsLimit');
    expect(await write('values', `-${'c'.repeat(8192)}`)).toBe('FormulaLengthExceedsLimit'); // "-..." is read as a formula
    expect((double.cells('Sheet1')[0][0] as { formula: string }).formula).toHaveLength(8192);
  });

  test('6. Excel on the web refuses requests and responses over 5 MB; the desktop does not', async () => {
    const persian = 'سلام دنیا '.repeat(1600); // 16,000 characters, 28,800 bytes
    const rows = Array.from({ length: 230 }, () => [persian]); // 6.6 MB of UTF-8
    const write = async () =>
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1:A230').values = rows;
        await context.sync();
      });
    const web = setup(hostPresets.web);
    await expect(write()).rejects.toEqual(expect.objectContaining({ code: 'RequestPayloadSizeLimitExceeded' }));
    expect(web.requests[0].requestBytes).toBeGreaterThan(6 * 1024 * 1024);
    expect(web.cells('Sheet1')).toEqual([]);
    restoreOffice();
    const desktop = setup(hostPresets.m365);
    await write();
    expect(desktop.cells('Sheet1')).toHaveLength(230);
    restoreOffice();
    const big = setup(hostPresets.web).addSheet('Big', rows);
    expect(await codeOf(async (context) => {
      context.workbook.worksheets.getItem('Big').getRange('A1:A230').load('values');
      await context.sync();
    })).toBe('ResponsePayloadSizeLimitExceeded');
    expect(big.requests[0].responseBytes).toBeGreaterThan(5 * 1024 * 1024);
  });

  test('7. text written through values is read as typed, unless the cell is text (@) or it starts with an apostrophe', async () => {
    const double = setup({ now: new Date(2026, 5, 1) });
    const input = ['1-2-3', '1/2/2024', '3-4', '1/2', '12', '1,234', '1.5', '-3', '1e3', '50%', 'TRUE', '=1+2', '۱۲۳', "'1-2-3", '12:30', 'plain'];
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRangeByIndexes(0, 0, input.length, 1).values = input.map((v) => [v]);
      ws.getRangeByIndexes(0, 1, input.length, 1).numberFormat = input.map(() => ['@']);
      ws.getRangeByIndexes(0, 1, input.length, 1).values = input.map((v) => [v]);
      await context.sync();
    });
    const values = double.valuesOf('Sheet1');
    expect(values.map((r) => r[0])).toEqual([37623, 45293, 46085, 46024, 12, 1234, 1.5, -3, 1000, 0.5, true, 3, '۱۲۳', '1-2-3', 0.5208333333333334, 'plain']);
    expect(values.map((r) => r[1])).toEqual([...input.slice(0, 13), '1-2-3', '12:30', 'plain']);
    expect(double.numberFormat('Sheet1', 'A1')).toBe('m/d/yyyy');
    expect(double.numberFormat('Sheet1', 'A10')).toBe('0%');
    expect(double.cells('Sheet1')[11][0]).toEqual({ formula: '=1+2' });
  });

  test('8. a protected sheet refuses writes to locked cells; cells unlocked before protecting accept them', async () => {
    const double = setup();
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('B2').format.protection.locked = false;
      ws.protection.protect({ allowFormatColumns: true });
      ws.getRange('B2').values = [['typed by the add-in']];
      ws.getRange('C:C').format.columnWidth = 90;
      await context.sync();
    });
    for (const act of [(ws: Excel.Worksheet) => (ws.getRange('A1').values = [[1]]), (ws: Excel.Worksheet) => (ws.getRange('B2').format.fill.color = '#FF0000')]) {
      expect(await codeOf(async (context) => {
        act(context.workbook.worksheets.getItem('Sheet1'));
        await context.sync();
      })).toBe('AccessDenied');
    }
    expect(() => double.type('Sheet1', 'A1', '5')).toThrow(expect.objectContaining({ code: 'AccessDenied' }));
    double.type('Sheet1', 'B2', '5');
    expect(double.valuesOf('Sheet1')).toEqual([['', ''], ['', 5]]);
    expect(await codeOf(async (context) => void context.workbook.worksheets.getItem('Sheet1').protection.protect())).toBe('InvalidOperation');
  });

  test('9. requirement sets: isSetSupported answers from the host; newer APIs fail with ApiNotFound', async () => {
    const old = setup(hostPresets.office2016);
    expect(old.isSetSupported('ExcelApi', '1.1')).toBe(true);
    expect(old.isSetSupported('ExcelApi', '1.2')).toBe(false);
    expect(old.isSetSupported('SharedRuntime', '1.1')).toBe(false);
    const calls: Array<(ws: Excel.Worksheet, context: Excel.RequestContext) => unknown> = [
      (ws) => ws.getRangeByIndexes(0, 0, 1, 1),
      (ws) => (ws.visibility = Excel.SheetVisibility.hidden), // reading is 1.1, setting 1.2
      (ws) => ws.getUsedRange(true),
      (ws) => ws.protection.protect(),
      (ws) => ws.freezePanes.freezeRows(1),
      (ws) => ws.getRange('A:A').format.columnWidth = 10,
      (_ws, context) => context.workbook.worksheets.getItemOrNullObject('x'),
      (_ws, context) => context.workbook.customXmlParts.add('<a xmlns="urn:x"/>'),
      (_ws, context) => context.workbook.insertWorksheetsFromBase64('AA=='),
    ];
    for (const call of calls) {
      expect(await codeOf(async (context) => {
        call(context.workbook.worksheets.getItem('Sheet1'), context);
        await context.sync();
      })).toBe('ApiNotFound');
    }
    restoreOffice();
    const d2021 = setup(hostPresets.office2021);
    expect([d2021.isSetSupported('ExcelApi', '1.14'), d2021.isSetSupported('ExcelApi', '1.15'), d2021.isSetSupported('SharedRuntime', '1.1'), d2021.isSetSupported('CustomFunctionsRuntime', '1.3'), d2021.isSetSupported('CustomFunctionsRuntime', '1.4')]).toEqual([true, false, true, true, false]);
    restoreOffice();
    setup({ ...hostPresets.office2019, apiNotFound: 'call' });
    await Excel.run(async (context) => {
      expect(() => context.workbook.pivotTables.add('P', 'Sheet1!A1:B3', 'Sheet1!D1')).toThrow(expect.objectContaining({ code: 'ApiNotFound' }));
      context.workbook.worksheets.getItem('Sheet1').getRangeByIndexes(0, 0, 1, 1).values = [[1]];
      await context.sync();
    });
  });
});
