// The plan a workbook was built from, kept in a very hidden sheet as well as in the custom XML
// part: spreadsheet programs that drop custom XML parts (exceljs, some others) keep sheets, and a
// merge without its base could not tell a stale cell from a typed one.

export const BASE_SHEET = 'PlanSheets';
export const BASE_ID = 'plansheets:base';
/** A1 of a base sheet still being written: not a base until its A1 says BASE_ID. */
export const BASE_PENDING_ID = 'plansheets:base-pending';
/** Below Excel's 32,767 characters a cell. */
const CHUNK = 30000;

/** The sheet's cells: the id in A1, then the plan JSON in chunks down column A. */
export function baseSheetRows(json: string): string[][] {
  const rows = [[BASE_ID]];
  for (let i = 0; i < json.length; i += CHUNK) rows.push([json.slice(i, i + CHUNK)]);
  return rows;
}

/** The plan JSON back from such a sheet's column A, or null when it is not one. */
export function baseFromRows(columnA: readonly unknown[]): string | null {
  if (columnA[0] !== BASE_ID) return null;
  return columnA.slice(1).map((v) => (v == null ? '' : String(v))).join('');
}
