// What Excel cannot hold in one cell: 32,767 characters of text, 8,192 characters of formula
// (Excel specifications and limits). A sheet that would pass them is refused before anything is
// written, naming the cell, instead of failing half-way with Excel's own error.
import { columnLetter, FIRST_DATA_ROW, isFormula, type SheetModel } from './layout';

/** A sheet Excel could not hold: refused before any write, in both languages. */
export class OverExcelLimits extends Error {
  constructor(readonly text: { en: string; fa: string }) {
    super(text.en);
  }
}

export { TEXT_LIMIT as CELL_CHARS, FORMULA_LIMIT as FORMULA_CHARS } from '../numbers/limits';
import { TEXT_LIMIT as CELL_CHARS, FORMULA_LIMIT as FORMULA_CHARS } from '../numbers/limits';

function tooLong(at: string, where: string, length: number, formula: boolean): { en: string; fa: string } {
  const limit = formula ? FORMULA_CHARS : CELL_CHARS;
  return {
    en: `${at}${where ? ` (${where})` : ''} would hold ${length} characters${formula ? ' of formula' : ''}; Excel holds at most ${limit}. Nothing was changed.`,
    fa: `${at}${where ? ` (${where})` : ''} ${length} نویسه${formula ? ' فرمول' : ''} می‌شد؛ اکسل حداکثر ${limit} نویسه در یک خانه نگه می‌دارد. چیزی تغییر نکرد.`,
  };
}

/** The first cell of indicator sheets over Excel's limits, said in English and Persian, naming its line; null when none is. */
export function overExcelLimits(models: readonly SheetModel[]): { en: string; fa: string } | null {
  for (const m of models) {
    for (let r = 0; r < m.rows.length; r++) {
      const row = m.rows[r];
      for (let c = 0; c < row.cells.length; c++) {
        const cell = row.cells[c];
        const formula = isFormula(cell);
        const length = formula ? cell.formula.length : typeof cell === 'string' ? cell.length : 0;
        if (length > (formula ? FORMULA_CHARS : CELL_CHARS)) {
          return tooLong(`"${m.name}"!${columnLetter(c)}${FIRST_DATA_ROW + r}`, `line ${row.ref}, ${m.columns[c]?.header ?? ''}`, length, formula);
        }
      }
    }
  }
  return null;
}

/** The first text over a cell's limit in rows of plain values written from row `firstRow` of `sheet`; null when none is. */
export function textOverExcelLimits(sheet: string, rows: readonly (readonly unknown[])[], firstRow = 1): { en: string; fa: string } | null {
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < rows[r].length; c++) {
      const v = rows[r][c];
      if (typeof v === 'string' && v.length > CELL_CHARS) return tooLong(`"${sheet}"!${columnLetter(c)}${firstRow + r}`, '', v.length, false);
    }
  }
  return null;
}
