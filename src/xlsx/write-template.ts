// Writes a unit's data-entry template as an .xlsx: the form's rows, only the input cells
// unlocked, a number check on the actual cells that still lets Persian digits through as text
// (they are read on merge), right-to-left for fa, and the plan it was made from.
import ExcelJS from 'exceljs';
import { keepXmlCodes } from './stream-package';
import { cellOpen, columnLetter } from '../core/grid/layout';
import { FROZEN_COLUMNS, INPUT_FILL, openingView } from '../core/grid/input-cells';
import { BASE_SHEET, baseSheetRows } from '../core/grid/base-sheet';
import { numberCheck, T_FIRST_ROW, T_HEADER_ROW, T_IDS_ROW, T_META_ROW, templateMatrix, type TemplateModel } from '../core/templates/template';
import { headerHeight, templatePrint, wrappedHeight, wrapsText, type PrintSetup } from '../core/grid/print';
import { titleLines } from '../core/templates/title-lines';
import { printOptions, printTitlesName, withPrintTitles } from './print-xlsx';

/** The rows above the header (title, unit line, instructions), as core/templates/title-lines lays them out. */
function titleBlock(ws: ExcelJS.Worksheet, model: TemplateModel): void {
  for (const line of titleLines(model)) {
    ws.mergeCells(`${columnLetter(line.from)}${line.row}:${columnLetter(line.to)}${line.row}`);
    const cell = ws.getCell(`${columnLetter(line.from)}${line.row}`);
    cell.font = { bold: line.font.bold, italic: line.font.italic, size: line.font.size };
    cell.alignment = { wrapText: true, vertical: 'top', horizontal: line.horizontal };
    ws.getRow(line.row).height = line.height;
  }
}

const HEADER_FILL = 'FFDDEBF7';

export function addTemplateSheet(book: ExcelJS.Workbook, model: TemplateModel, print?: PrintSetup): ExcelJS.Worksheet {
  const view = openingView(model.columns, model.rows, T_FIRST_ROW);
  const ws = book.addWorksheet(model.name, { views: [{ state: 'frozen', xSplit: FROZEN_COLUMNS, ySplit: T_HEADER_ROW, rightToLeft: model.rtl, ...view }], ...(print ? printOptions(print) : {}) });
  // Its print titles are the book's defined names (writeTemplate), as the indicator sheets' are.
  ws.columns = model.columns.map((c) => ({
    key: c.id,
    width: c.width,
    hidden: !!c.hidden,
    style: { ...(c.format ? { numFmt: c.format } : {}), ...(wrapsText(c) ? { alignment: { wrapText: true, vertical: 'top' as const } } : c.id === 'code' ? { alignment: { shrinkToFit: true, vertical: 'top' as const } } : {}) },
  }));
  templateMatrix(model).forEach((values, i) => {
    ws.getRow(i + 1).values = values.map((v) => (v === null ? undefined : typeof v === 'string' ? keepXmlCodes(v) : v)) as ExcelJS.CellValue[];
  });
  ws.getRow(T_IDS_ROW).hidden = true;
  ws.getRow(T_META_ROW).hidden = true;
  titleBlock(ws, model);
  const header = ws.getRow(T_HEADER_ROW);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.height = headerHeight(model.columns);
  header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } }));
  const lang = model.lang;
  model.rows.forEach((row, i) => {
    const r = ws.getRow(T_FIRST_ROW + i);
    if (row.kind === 'header') r.font = { bold: true };
    const height = wrappedHeight(row.cells, model.columns);
    if (height) r.height = height;
    model.columns.forEach((col, c) => {
      // Only cells the merge reads back are open: an indicator measured by items has no actual of
      // its own, so that cell stays locked and plain (layout's cellOpen, as on indicator sheets).
      if (!cellOpen(row, col)) return;
      const cell = r.getCell(c + 1);
      cell.protection = { locked: false };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${INPUT_FILL}` } };
      if (col.id.startsWith('actual:')) {
        const ref = `${columnLetter(c)}${T_FIRST_ROW + i}`;
        cell.dataValidation = {
          type: 'custom',
          allowBlank: true,
          formulae: [numberCheck(ref)],
          showErrorMessage: true,
          errorStyle: 'stop',
          errorTitle: lang === 'fa' ? 'عدد وارد کنید' : 'A number, please',
          error: lang === 'fa' ? 'عدد (با ارقام فارسی یا لاتین)، یا - برای «بدون مقدار»' : 'A number (Persian or Latin digits), or - for none',
        };
      }
    });
  });
  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });
  return ws;
}

/** The .xlsx bytes of a unit's template, carrying the plan it was made from; it prints A4 landscape, one page wide. */
export async function writeTemplate(model: TemplateModel, planJson: string, day = new Date()): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'PlanSheets';
  const print = templatePrint(model, day);
  addTemplateSheet(book, model, print);
  book.addWorksheet(BASE_SHEET, { state: 'veryHidden' }).addRows(baseSheetRows(planJson).map((row) => row.map(keepXmlCodes)));
  return withPrintTitles(Buffer.from(await book.xlsx.writeBuffer()), [printTitlesName(model.name, 0, print)]);
}
