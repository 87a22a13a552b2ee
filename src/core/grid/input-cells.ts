// Which cells of a sheet people type in, as both writers (exceljs and Office.js) mark them: open
// cells unlocked and filled, every other cell locked and plain, so that nothing looks editable that
// the merge would not read back. With them, where a sheet opens: scrolled to its first column
// after the frozen ones, the first input selected.
import { cellOpen, columnLetter, type Column, type SheetRow } from './layout';

/** The fill of cells open to typing (RGB hex; exceljs takes it with an alpha `FF` before it). */
export const INPUT_FILL = 'FFF8E1';

/** Columns frozen on the left (right in right-to-left sheets): the hidden key, the code and the title. */
export const FROZEN_COLUMNS = 3;

/** The sheet rows (1-based, first to last) of each run of open cells in column `column`, rows starting at `firstRow`. */
export function openRuns(rows: readonly SheetRow[], column: Column, firstRow: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  rows.forEach((row, i) => {
    if (!cellOpen(row, column)) return;
    const r = firstRow + i;
    const last = runs[runs.length - 1];
    if (last && last[1] === r - 1) last[1] = r;
    else runs.push([r, r]);
  });
  return runs;
}

/**
 * Where a sheet opens: `topLeftCell`, the first cell of the scrolling pane (the first column after
 * the frozen ones, the first data row), and `activeCell`, the first open cell in reading order
 * (the top-left cell when none is open).
 */
export function openingView(columns: readonly Column[], rows: readonly SheetRow[], firstRow: number): { topLeftCell: string; activeCell: string } {
  const topLeftCell = `${columnLetter(FROZEN_COLUMNS)}${firstRow}`;
  for (let i = 0; i < rows.length; i++) {
    const c = columns.findIndex((col) => !col.hidden && cellOpen(rows[i], col));
    if (c >= 0) return { topLeftCell, activeCell: `${columnLetter(c)}${firstRow + i}` };
  }
  return { topLeftCell, activeCell: topLeftCell };
}
