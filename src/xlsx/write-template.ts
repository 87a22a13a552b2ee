// Writes a unit's data-entry template as an .xlsx: the form's rows, only the input cells
// unlocked, a number check on the actual cells that still lets Persian digits through as text
// (they are read on merge), right-to-left for fa, and the plan it was made from.
import ExcelJS from 'exceljs';
import { keepXmlCodes } from './write-book';
import { columnLetter } from '../core/grid/layout';
import { BASE_SHEET, baseSheetRows } from '../core/grid/base-sheet';
import { numberCheck, T_FIRST_ROW, T_HEADER_ROW, T_IDS_ROW, T_META_ROW, templateMatrix, type TemplateModel } from '../core/templates/template';

const INPUT_FILL = 'FFFFF8E1';
const HEADER_FILL = 'FFDDEBF7';

export function addTemplateSheet(book: ExcelJS.Workbook, model: TemplateModel): ExcelJS.Worksheet {
  const ws = book.addWorksheet(model.name, { views: [{ state: 'frozen', xSplit: 3, ySplit: T_HEADER_ROW, rightToLeft: model.rtl }] });
  ws.columns = model.columns.map((c) => ({ key: c.id, width: c.width, hidden: !!c.hidden, style: c.format ? { numFmt: c.format } : {} }));
  templateMatrix(model).forEach((values, i) => {
    ws.getRow(i + 1).values = values.map((v) => (v === null ? undefined : typeof v === 'string' ? keepXmlCodes(v) : v)) as ExcelJS.CellValue[];
  });
  ws.getRow(T_IDS_ROW).hidden = true;
  ws.getRow(T_META_ROW).hidden = true;
  ws.getCell('B3').font = { bold: true, size: 14 };
  ws.getCell('B4').font = { bold: true };
  ws.getCell('B5').font = { italic: true };
  ws.getRow(5).alignment = { wrapText: true };
  const header = ws.getRow(T_HEADER_ROW);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } }));
  const lang = model.lang;
  model.rows.forEach((row, i) => {
    const r = ws.getRow(T_FIRST_ROW + i);
    if (row.kind === 'header') r.font = { bold: true };
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

/** The .xlsx bytes of a unit's template, carrying the plan it was made from. */
export async function writeTemplate(model: TemplateModel, planJson: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'PlanSheets';
  addTemplateSheet(book, model);
  book.addWorksheet(BASE_SHEET, { state: 'veryHidden' }).addRows(baseSheetRows(planJson).map((row) => row.map(keepXmlCodes)));
  return Buffer.from(await book.xlsx.writeBuffer());
}
