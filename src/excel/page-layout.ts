// core/grid/print.ts's print setup through Office.js (Worksheet.pageLayout, ExcelApi 1.9;
// learn.microsoft.com/javascript/api/excel/excel.pagelayout). Queued only: the caller syncs,
// and calls this only where supports('print').
import { columnLetter } from '../core/grid/layout';
import type { PrintSetup } from '../core/grid/print';

/** Points in an inch: pageLayout's margins are in points, the model's in inches (as the file's). */
const POINTS = 72;

export function queuePrint(sheet: Excel.Worksheet, p: PrintSetup): void {
  const layout = sheet.pageLayout;
  layout.orientation = 'Landscape';
  layout.paperSize = 'A4';
  // Set whole ("x.zoom = {...}", as the PageLayout.zoom page says). 0 pages tall: as many as it
  // takes, the file format's fitToHeight 0 (ECMA-376 §18.3.1.63).
  layout.zoom = { horizontalFitToPages: p.fitToWidth, verticalFitToPages: p.fitToHeight };
  // Whole rows and columns: "The range must span the entire row [column] to be valid".
  layout.setPrintTitleRows(`$${p.titleRows[0]}:$${p.titleRows[1]}`);
  if (p.titleColumns) layout.setPrintTitleColumns(`$${columnLetter(p.titleColumns[0])}:$${columnLetter(p.titleColumns[1])}`);
  layout.leftMargin = p.margins.left * POINTS;
  layout.rightMargin = p.margins.right * POINTS;
  layout.topMargin = p.margins.top * POINTS;
  layout.bottomMargin = p.margins.bottom * POINTS;
  layout.headerMargin = p.margins.header * POINTS;
  layout.footerMargin = p.margins.footer * POINTS;
  const hf = layout.headersFooters.defaultForAllPages;
  hf.leftHeader = p.header.left;
  hf.centerHeader = p.header.center;
  hf.rightHeader = p.header.right;
  hf.leftFooter = p.footer.left;
  hf.centerFooter = p.footer.center;
  hf.rightFooter = p.footer.right;
}
