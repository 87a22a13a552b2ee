// Writes a unit's data-entry template as an .xlsx: the form's rows, only the input cells
// unlocked, a number check on the actual cells that still lets Persian digits through as text
// (they are read on merge), right-to-left for fa, and the plan it was made from.
import ExcelJS from 'exceljs';
import { keepXmlCodes } from './write-book';
import { columnLetter } from '../core/grid/layout';
import { BASE_SHEET, baseSheetRows } from '../core/grid/base-sheet';
import { numberCheck, T_FIRST_ROW, T_HEADER_ROW, T_IDS_ROW, T_META_ROW, templateMatrix, type TemplateModel } from '../core/templates/template';
import { headerHeight, linesIn, templatePrint, wrappedHeight, wrapsText, type PrintSetup } from '../core/grid/print';
import { printOptions } from './print-xlsx';

/** The title row's height for its 14-point text, in points. */
const TITLE_HEIGHT = 24;

/** The rows above the header (title, unit line, instructions): each across the visible columns from B, wrapped, as tall as its text. */
function titleBlock(ws: ExcelJS.Worksheet, model: TemplateModel): void {
  const last = columnLetter(model.columns.length - 1);
  const width = model.columns.slice(1).reduce((w, c) => w + (c.hidden ? 0 : c.width), 0);
  const lines: Array<[number, string, number]> = [
    [3, model.title, TITLE_HEIGHT],
    [4, model.subtitle, 15],
    [5, model.instructions, 15],
  ];
  for (const [row, text, lineHeight] of lines) {
    ws.mergeCells(`B${row}:${last}${row}`);
    ws.getCell(`B${row}`).alignment = { wrapText: true, vertical: 'top', horizontal: model.rtl ? 'right' : 'left' };
    // A 14-point title takes about twice the room of 11-point text.
    const n = linesIn(text, row === 3 ? width / 1.4 : width);
    ws.getRow(row).height = Math.min(409, n * lineHeight + 3);
  }
}

const INPUT_FILL = 'FFFFF8E1';
const HEADER_FILL = 'FFDDEBF7';

export function addTemplateSheet(book: ExcelJS.Workbook, model: TemplateModel, print?: PrintSetup): ExcelJS.Worksheet {
  const ws = book.addWorksheet(model.name, { views: [{ state: 'frozen', xSplit: 3, ySplit: T_HEADER_ROW, rightToLeft: model.rtl }], ...(print ? printOptions(print) : {}) });
  if (print) {
    ws.pageSetup.printTitlesRow = `${print.titleRows[0]}:${print.titleRows[1]}`;
    if (print.titleColumns) ws.pageSetup.printTitlesColumn = `${columnLetter(print.titleColumns[0])}:${columnLetter(print.titleColumns[1])}`;
  }
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
  ws.getCell('B3').font = { bold: true, size: 14 };
  ws.getCell('B4').font = { bold: true };
  ws.getCell('B5').font = { italic: true };
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
      if (!col.editable) return;
      // An indicator measured by items has no actual of its own: that cell stays locked.
      if (row.kind === 'header' && col.id.startsWith('actual:')) return;
      const cell = r.getCell(c + 1);
      cell.protection = { locked: false };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: INPUT_FILL } };
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
  addTemplateSheet(book, model, templatePrint(model, day));
  book.addWorksheet(BASE_SHEET, { state: 'veryHidden' }).addRows(baseSheetRows(planJson).map((row) => row.map(keepXmlCodes)));
  return Buffer.from(await book.xlsx.writeBuffer());
}
