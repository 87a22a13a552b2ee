// The pane's unit template (Office.js, on the strict Excel double) lays out its title, unit and
// instruction lines as the command line's .xlsx does (read back with exceljs): the same merged
// cells, row heights, fonts and alignment, from core/templates/title-lines. The finding
// was a template printed with its title cut and its instruction line over the unit line.
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { officeGateway } from '../../src/excel/office-gateway';
import { addTemplateSheet } from '../../src/runtime/sheets-session';
import { layoutTemplate } from '../../src/core/templates/template';
import { titleLines } from '../../src/core/templates/title-lines';
import { loadPlan } from '../../src/core/plan/load';
import { SAMPLE_PATH, sampleText } from '../helpers/plan';
import { cli, tempFolder } from '../hostile/cli';
import { excelDouble, hostPresets, opened, restoreOffice, RTL_TEMPLATE } from './helpers';

afterEach(restoreOffice);
const { dirFor } = tempFolder('title-lines');
const sample = opened(sampleText());
const index = loadPlan(sampleText()).index!;

/** What a reader of either file sees of rows 3 to 6: merged cells, heights, and the look of each line's first cell. */
interface Looks {
  merges: string[];
  heights: Record<number, number | undefined>;
  lines: Array<{ bold: boolean; italic: boolean; size: number; wrap: boolean; horizontal: string; vertical: string }>;
}

async function cliLooks(unit: string, sheetLang: 'en' | 'fa'): Promise<Looks> {
  const dir = dirFor(unit);
  const r = await cli('templates', SAMPLE_PATH, '-o', dir, '--year', '1403', '--unit', unit, '--sheet-lang', sheetLang);
  expect(r.code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, fs.readdirSync(dir)[0]));
  const ws = wb.worksheets[0];
  const merges = (ws.model as unknown as { merges: string[] }).merges;
  return {
    merges: [...merges].sort(),
    heights: Object.fromEntries([3, 4, 5, 6].map((n) => [n, ws.getRow(n).height])),
    lines: [3, 4, 5].map((n) => {
      const c = ws.getCell(`B${n}`);
      return { bold: !!c.font?.bold, italic: !!c.font?.italic, size: c.font?.size ?? 11, wrap: !!c.alignment?.wrapText, horizontal: String(c.alignment?.horizontal), vertical: String(c.alignment?.vertical) };
    }),
  };
}

async function paneLooks(unit: string, sheetLang: 'en' | 'fa'): Promise<Looks> {
  const d = excelDouble(hostPresets.web);
  const { sheet } = await addTemplateSheet(officeGateway, sample, unit, '1403', { lang: sheetLang, rtlTemplate: RTL_TEMPLATE });
  const s = d.sheet(sheet);
  // Excel's names for the .xlsx's alignment words.
  const word: Record<string, string> = { Left: 'left', Right: 'right', Center: 'middle', Top: 'top', Bottom: 'bottom' };
  return {
    merges: s.merges,
    heights: Object.fromEntries([3, 4, 5, 6].map((n) => [n, s.rowHeights[n]])),
    lines: [3, 4, 5].map((n) => {
      const c = d.cellStyle(sheet, `B${n}`);
      return { bold: !!c.bold, italic: !!c.italic, size: c.size ?? 11, wrap: !!c.wrap, horizontal: word[c.hAlign ?? ''], vertical: word[c.vAlign ?? ''] };
    }),
  };
}

describe('a template written by the pane and by the command line', () => {
  test.each([
    ['bus-org', 'fa'],
    ['budget-office', 'en'],
  ] as const)('%s (%s): the same merged title lines, heights and looks', async (unit, lang) => {
    const fromCli = await cliLooks(unit, lang);
    const fromPane = await paneLooks(unit, lang);
    expect(fromPane).toEqual(fromCli);
    // Each line spans the sheet from B to its last column, and the title is in 14 points.
    const last = String.fromCharCode(64 + layoutTemplate(index, unit, '1403', lang).columns.length);
    expect(fromCli.merges).toEqual([`B3:${last}3`, `B4:${last}4`, `B5:${last}5`]);
    expect(fromCli.lines[0]).toMatchObject({ bold: true, size: 14, wrap: true, horizontal: lang === 'fa' ? 'right' : 'left' });
  });

  test('each line is as tall as its text wrapped in the merged width: narrower columns, taller rows', () => {
    const model = layoutTemplate(index, 'bus-org', '1403', 'fa');
    const [title, unit, instructions] = titleLines(model);
    expect([title.row, unit.row, instructions.row]).toEqual([3, 4, 5]);
    // The sample's instructions fit the merged width (the visible columns' characters) on one line.
    expect([title.height, unit.height, instructions.height]).toEqual([27, 18, 18]);
    // Columns a third as wide: the instructions (over 120 characters) need two lines or more,
    // and the row grows so that the next line does not print over them.
    const narrow = { ...model, columns: model.columns.map((c) => ({ ...c, width: c.width / 3 })) };
    expect(instructions.text.length).toBeGreaterThan(120);
    expect(titleLines(narrow)[2].height).toBeGreaterThanOrEqual(2 * 15 + 3);
    expect(titleLines(narrow)[0].height).toBeGreaterThanOrEqual(2 * 24 + 3);
  });

  test('on Office 2016 (ExcelApi 1.1) the lines are written unmerged rather than failing', async () => {
    const d = excelDouble(hostPresets.office2016);
    const { sheet, missing } = await addTemplateSheet(officeGateway, sample, 'bus-org', '1403');
    expect(missing).toContain('sheetFormat');
    expect(d.sheet(sheet).merges).toEqual([]);
    expect(d.valuesOf(sheet)[2][1]).toBe(layoutTemplate(index, 'bus-org', '1403').title);
  });
});
