/* global Excel */
// Merged cells and alignment in the Excel double: Range.merge(across) and Range.unmerge
// (ExcelApi 1.2), held to the rules of rules.ts that cite Microsoft's pages.
import { OfficeExtensionError, RULES, hostPresets } from './index';
import { excelDouble as setup, restoreOffice } from '../excel/helpers';

afterEach(restoreOffice);

const codeOf = (batch: (context: Excel.RequestContext) => Promise<unknown>) =>
  Excel.run(batch).then(
    () => 'ok',
    (e: OfficeExtensionError) => e.code,
  );
const on = (f: (ws: Excel.Worksheet) => void) => codeOf(async (context) => {
  f(context.workbook.worksheets.getItem('S'));
  await context.sync();
});

describe('Range.merge and Range.unmerge', () => {
  test('merge keeps the upper-left cell and deletes the others; unmerge does not bring them back', async () => {
    const d = setup().addSheet('S', [['عنوان', 'x', 2], ['a', 'b', '=1+1']]);
    expect(await on((ws) => ws.getRange('A1:C2').merge())).toBe('ok');
    expect(d.sheet('S').merges).toEqual(['A1:C2']);
    expect(d.cells('S')).toEqual([['عنوان']]);
    expect(await on((ws) => ws.getRange('B2').unmerge())).toBe('ok');
    expect(d.sheet('S').merges).toEqual([]);
    expect(d.cells('S')).toEqual([['عنوان']]);
    expect(RULES.mergeKeepsTopLeft.source).toContain('support.microsoft.com/office/merge-and-unmerge-cells');
  });

  test('across: each row its own merged area, each keeping its first cell; one column merges nothing', async () => {
    const d = setup().addSheet('S', [['t1', 'x'], ['t2', 'y'], ['t3']]);
    expect(await on((ws) => ws.getRange('A1:C3').merge(true))).toBe('ok');
    expect(d.sheet('S').merges).toEqual(['A1:C1', 'A2:C2', 'A3:C3']);
    expect(d.cells('S')).toEqual([['t1'], ['t2'], ['t3']]);
    expect(await on((ws) => ws.getRange('E1:E3').merge(true))).toBe('ok');
    expect(d.sheet('S').merges).toHaveLength(3);
  });

  test('a merged area inside the new one is folded in; one the range cuts through is refused', async () => {
    const d = setup().addSheet('S');
    await on((ws) => ws.getRange('B2:C2').merge());
    expect(await on((ws) => ws.getRange('A1:D3').merge())).toBe('ok');
    expect(d.sheet('S').merges).toEqual(['A1:D3']);
    expect(await on((ws) => ws.getRange('C3:F3').merge())).toBe('InvalidArgument');
    expect(d.sheet('S').merges).toEqual(['A1:D3']);
  });

  test('a protected sheet refuses merging and unmerging, whatever formatting it allows', async () => {
    const d = setup().addSheet('S', [['t']]);
    await on((ws) => ws.getRange('A1:C1').merge());
    await on((ws) => ws.protection.protect({ allowFormatCells: true, allowFormatColumns: true, allowFormatRows: true }));
    expect(await on((ws) => ws.getRange('A2:C2').merge())).toBe('AccessDenied');
    expect(await on((ws) => ws.getRange('A1:C1').unmerge())).toBe('AccessDenied');
    expect(d.sheet('S').merges).toEqual(['A1:C1']);
  });

  test('no merged cells in a table, nor a table over merged cells (MergedRangeConflict)', async () => {
    const d = setup().addSheet('S', [['h1', 'h2'], [1, 2]]);
    await on((ws) => void ws.tables.add('A1:B2', true));
    expect(await on((ws) => ws.getRange('A2:B2').merge())).toBe('MergedRangeConflict');
    await on((ws) => ws.getRange('D1:E1').merge());
    expect(await on((ws) => void ws.tables.add('D1:E3', true))).toBe('MergedRangeConflict');
    expect(d.sheet('S').tables).toHaveLength(1);
  });

  test('below ExcelApi 1.2 (Office 2016) merge fails with ApiNotFound', async () => {
    const d = setup(hostPresets.office2016).addSheet('S');
    expect(await on((ws) => ws.getRange('A1:B1').merge())).toBe('ApiNotFound');
    expect(d.sheet('S').merges).toEqual([]);
  });
});

describe('alignment and font', () => {
  test('horizontal and vertical alignment, italic and size are kept and read back', async () => {
    const d = setup().addSheet('S');
    await Excel.run(async (context) => {
      const f = context.workbook.worksheets.getItem('S').getRange('B3:D3').format;
      f.horizontalAlignment = 'Right';
      f.verticalAlignment = 'Top';
      f.font.italic = true;
      f.font.size = 14;
      await context.sync();
      const read = context.workbook.worksheets.getItem('S').getRange('B3:D3').format.load('horizontalAlignment,verticalAlignment');
      read.font.load('italic,size');
      await context.sync();
      expect([read.horizontalAlignment, read.verticalAlignment, read.font.italic, read.font.size]).toEqual(['Right', 'Top', true, 14]);
    });
    expect(d.cellStyle('S', 'C3')).toMatchObject({ hAlign: 'Right', vAlign: 'Top', italic: true, size: 14 });
  });

  test.each([
    ['an alignment Excel does not have', (ws: Excel.Worksheet) => void (ws.getRange('A1').format.horizontalAlignment = 'Middle' as Excel.HorizontalAlignment)],
    ['a vertical alignment given as a horizontal one', (ws: Excel.Worksheet) => void (ws.getRange('A1').format.verticalAlignment = 'Left' as Excel.VerticalAlignment)],
    ['a font size of 0', (ws: Excel.Worksheet) => void (ws.getRange('A1').format.font.size = 0)],
  ])('%s: InvalidArgument', async (_what, f) => {
    setup().addSheet('S');
    expect(await on(f)).toBe('InvalidArgument');
  });
});
