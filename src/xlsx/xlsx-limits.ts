// What an .xlsx is read within, and the error that refuses one beyond it. The limits are sized
// from the largest book PlanSheets writes (a 20,000-indicator plan), with room to spare.

export const MB = 1024 * 1024;

/** The largest .xlsx file read. A 20,000-indicator book with its Facts sheet is about 13 MB. */
export const MAX_FILE_BYTES = 64 * MB;
/** Parts (files) in the package. A book has a few dozen, a few more per sheet. */
export const MAX_ENTRIES = 2000;
/** What one part may unpack to. The largest part of a 20,000-indicator book is its Facts sheet, 47 MB. */
export const MAX_ENTRY_BYTES = 128 * MB;
/** What the whole package may unpack to (140 MB for a 20,000-indicator book). */
export const MAX_TOTAL_BYTES = 256 * MB;
/**
 * Rows of the sheets read, counted to each sheet's last row as exceljs holds them (a single cell
 * in row 1,000,000 is a million rows); for the sheets exceljs reads, and apart for the others.
 * A 20,000-indicator book has 20,500 in its PlanSheets sheets and 100,000 in its Facts table.
 */
export const MAX_ROWS = 250_000;
/**
 * Cells of the sheets read, counted to each row's last cell, with merged and validated ranges,
 * which exceljs spreads cell by cell; for the sheets exceljs reads, and apart for the others.
 * A 20,000-indicator book has 600,000 in its PlanSheets sheets and 1,140,000 in its Facts table.
 */
export const MAX_CELLS = 1_500_000;
/** Shared strings (every distinct text of the book; 60,000 in a 20,000-indicator book). */
export const MAX_STRINGS = 1_500_000;
/** Merged ranges (exceljs checks each new one against all before it). */
export const MAX_MERGES = 5000;

/** An .xlsx that is not read, with why; the message starts with the file's name. */
export class XlsxRefused extends Error {}

export const count = (n: number) => n.toLocaleString('en-US');
export const megabytes = (n: number) => `${(n / MB).toFixed(n < 10 * MB ? 1 : 0)} MB`;
export const refuse = (file: string, why: string): never => {
  throw new XlsxRefused(`${file}: ${why}`);
};
/** The first line of an error thrown by JSZip or exceljs, short enough for a message. */
export const reason = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200);
export const notXlsx = (file: string, why: string) => refuse(file, `not an .xlsx workbook (${why})`);

/** Refuses a file too large to read, before it is read. */
export function checkXlsxSize(bytes: number, file: string): void {
  if (bytes === 0) refuse(file, 'the file is empty (0 bytes), not an .xlsx workbook');
  if (bytes > MAX_FILE_BYTES) refuse(file, `the file is ${megabytes(bytes)}; PlanSheets reads workbooks of at most ${megabytes(MAX_FILE_BYTES)} (MAX_FILE_BYTES)`);
}

/**
 * Why a book about to be written could not be read back by merge, or undefined: its indicator
 * sheets' cells (with the hidden id row) and its Facts rows against the limits above. `build`
 * refuses such a plan before writing anything, rather than write a book no merge accepts.
 */
export function unreadableBook(sheets: ReadonlyArray<{ columns: readonly unknown[]; rows: readonly unknown[] }>, factRows: number): string | undefined {
  const rows = sheets.reduce((n, s) => n + s.rows.length + 2, 0);
  const cells = sheets.reduce((n, s) => n + (s.rows.length + 2) * (s.columns.length + 1), 0);
  if (rows > MAX_ROWS || cells > MAX_CELLS) {
    return `its indicator sheets would hold ${count(rows)} rows and ${count(cells)} cells; a book PlanSheets reads back holds at most ${count(MAX_ROWS)} rows and ${count(MAX_CELLS)} cells (MAX_ROWS, MAX_CELLS)`;
  }
  if (factRows + 1 > MAX_ROWS) return `its Facts table would hold ${count(factRows + 1)} rows; a book PlanSheets reads back holds at most ${count(MAX_ROWS)} (MAX_ROWS)`;
  return undefined;
}
