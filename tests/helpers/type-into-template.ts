import type ExcelJS from 'exceljs';
import { T_FIRST_ROW, T_IDS_ROW } from '../../src/core/templates/template';

/** A typed cell: the row's key, the column's id, what is typed. */
export type TypedCell = [string, string, ExcelJS.CellValue];

/** Types into a template's sheet as a person would: by row key and column id; `add` appends rows. */
export function typeIntoTemplate(ws: ExcelJS.Worksheet, cells: TypedCell[], add: Array<Record<string, ExcelJS.CellValue>> = []): void {
  const ids = (ws.getRow(T_IDS_ROW).values as string[]).slice(1);
  for (const [ref, id, v] of cells) {
    let done = false;
    ws.eachRow((row, r) => {
      if (r >= T_FIRST_ROW && row.getCell(1).value === ref) {
        row.getCell(ids.indexOf(id) + 1).value = v;
        done = true;
      }
    });
    if (!done) throw new Error(`no row ${ref}`);
  }
  for (const extra of add) {
    const row = ws.getRow(ws.rowCount + 1);
    for (const [id, v] of Object.entries(extra)) row.getCell(ids.indexOf(id) + 1).value = v;
  }
}
