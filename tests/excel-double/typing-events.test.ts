/* global Excel */
// The double's changed events, selection and activation, as the pages cited in events.ts,
// proxy-events.ts and proxy-range.ts say they behave.
import { ExcelDouble, install, hostPresets } from '.';

let uninstall: (() => void) | undefined;
afterEach(() => uninstall?.());

function double(preset: (typeof hostPresets)[keyof typeof hostPresets]) {
  const d = new ExcelDouble(preset).addSheet('Data', [['a']]).addSheet('Other');
  uninstall = install(d);
  return d;
}

describe('changed events', () => {
  test("a sheet's handler runs after the sync that changed its cells, with the changed area", async () => {
    const d = double(hostPresets.m365);
    const seen: Array<{ address: string; worksheetId: string; triggerSource?: string }> = [];
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Data').onChanged.add(async (e: { address: string; worksheetId: string; triggerSource?: string }) => void seen.push(e));
      await context.sync();
      context.workbook.worksheets.getItem('Data').getRange('B2:C3').values = [[1, 2], [3, 4]];
      context.workbook.worksheets.getItem('Other').getRange('A1').values = [['x']];
      expect(seen).toEqual([]);
      await context.sync();
      // Not yet: handlers run in a later turn, not inside the batch.
      expect(seen).toEqual([]);
    });
    d.type('Data', 'D4', 'typed');
    await d.events.settled();
    expect(seen.map((e) => [e.address, e.worksheetId, e.triggerSource])).toEqual([
      ['B2:C3', d.sheet('Data').id, 'ThisLocalAddin'],
      ['D4', d.sheet('Data').id, 'Unknown'],
    ]);
  });

  test('a removed handler runs no more (removed in the context it was added in, as the events page shows)', async () => {
    const d = double(hostPresets.m365);
    const seen: unknown[] = [];
    await Excel.run(async (context) => {
      const registration = context.workbook.worksheets.onChanged.add(async (e: unknown) => void seen.push(e));
      await context.sync();
      registration.remove();
      await context.sync();
    });
    d.type('Data', 'D5', 'again');
    await d.events.settled();
    expect(seen).toEqual([]);
    expect(d.events.count).toBe(0);
  });

  test('Worksheet.onChanged needs ExcelApi 1.7 and the collection’s 1.9; triggerSource comes with 1.14', async () => {
    double(hostPresets.office2016);
    await expect(Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Data').onChanged.add(async () => undefined);
      await context.sync();
    })).rejects.toMatchObject({ code: 'ApiNotFound' });
    uninstall!();
    const d = double(hostPresets.office2019);
    await expect(Excel.run(async (context) => {
      context.workbook.worksheets.onChanged.add(async () => undefined);
      await context.sync();
    })).rejects.toMatchObject({ code: 'ApiNotFound' });
    const seen: Array<{ triggerSource?: string }> = [];
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Data').onChanged.add(async (e: { triggerSource?: string }) => void seen.push(e));
      await context.sync();
    });
    d.type('Data', 'A2', '1');
    await d.events.settled();
    expect(seen).toHaveLength(1);
    expect(seen[0].triggerSource).toBeUndefined();
  });

  test('handlers that keep changing cells are reported as a loop, not waited on forever', async () => {
    const d = double(hostPresets.m365);
    let n = 0;
    await Excel.run(async (context) => {
      context.workbook.worksheets.onChanged.add(() =>
        Excel.run(async (c) => {
          c.workbook.worksheets.getItem('Data').getRange('A9').values = [[++n]];
          await c.sync();
        }),
      );
      await context.sync();
    });
    d.type('Data', 'A1', 'go');
    await expect(d.events.settled()).rejects.toThrow(/keep changing cells/);
  });
});

describe('selection', () => {
  test('Range.select activates its sheet and selects; getSelectedRange gives the active sheet’s selection', async () => {
    const d = double(hostPresets.m365);
    expect(d.selection()).toEqual({ sheet: 'Sheet1', address: 'A1' });
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Other').getRange('F12').select();
      const r = context.workbook.getSelectedRange().load('address');
      await context.sync();
      expect(r.address).toBe('Other!F12');
    });
    expect(d.selection()).toEqual({ sheet: 'Other', address: 'F12' });
    d.select('Data', 'B2:C4');
    expect(d.selection()).toEqual({ sheet: 'Data', address: 'B2:C4' });
  });
});
