// Formula results, computed with HyperFormula over every sheet's cells, only when a read needs
// one and at most once per workbook change. What HyperFormula cannot compute (a function it does
// not know, a syntax it does not read, a circular reference) reads as #VALUE!; the Excel errors
// it does compute (#DIV/0!, #N/A, #REF!, ...) read as they are.
import { DetailedCellError, HyperFormula } from 'hyperformula';
import type { Stored } from './parse-typed';
import type { SheetState, WorkbookState } from './workbook-state';

const CANNOT = new Set(['NAME', 'ERROR', 'CYCLE', 'LIC']);

export class Calc {
  private version = -1;
  private engine: HyperFormula | null = null;
  private ids = new Map<SheetState, number>();
  /** How many times the engine was built (tests check it stays lazy). */
  builds = 0;

  constructor(private readonly workbook: WorkbookState) {}

  private build(): void {
    this.engine?.destroy();
    this.engine = null;
    this.ids.clear();
    this.version = this.workbook.version;
    this.builds++;
    const sheets = this.workbook.live();
    const data: Record<string, unknown[][]> = {};
    for (const sheet of sheets) {
      const used = sheet.usedArea(true);
      const rows: unknown[][] = [];
      if (used) {
        for (let r = 0; r <= used.r1; r++) {
          const row: unknown[] = [];
          for (let c = 0; c <= used.c1; c++) row.push(raw(sheet, r, c));
          rows.push(row);
        }
      }
      data[sheet.name] = rows;
    }
    try {
      this.engine = HyperFormula.buildFromSheets(data as never, { licenseKey: 'gpl-v3' });
      for (const sheet of sheets) this.ids.set(sheet, this.engine.getSheetId(sheet.name)!);
    } catch {
      this.engine = null;
    }
  }

  /** The result of the formula in (r, c) of `sheet`. */
  result(sheet: SheetState, r: number, c: number): Stored {
    if (this.version !== this.workbook.version) this.build();
    const id = this.ids.get(sheet);
    if (!this.engine || id === undefined) return { error: '#VALUE!' };
    try {
      return toStored(this.engine.getCellValue({ sheet: id, row: r, col: c }));
    } catch {
      return { error: '#VALUE!' };
    }
  }

  /** Evaluates `formula` as if it were in `sheet` (data validation formulas), with one cell changed. */
  evaluate(sheet: SheetState, formula: string): Stored {
    this.version = -1; // the caller changed a cell for this evaluation: rebuild now and after
    this.build();
    const id = this.ids.get(sheet);
    if (!this.engine || id === undefined) return { error: '#VALUE!' };
    try {
      const v = this.engine.calculateFormula(formula, id);
      return toStored(Array.isArray(v) ? v[0]?.[0] : v);
    } catch {
      return { error: '#VALUE!' };
    } finally {
      this.version = -1;
    }
  }
}

/** A cell as HyperFormula takes it: texts behind an apostrophe so they stay texts. */
function raw(sheet: SheetState, r: number, c: number): unknown {
  const cell = sheet.cell(r, c);
  if (!cell) return null;
  if (cell.formula !== undefined) return cell.formula;
  const v = cell.value;
  if (v === undefined || v === '') return null;
  if (typeof v === 'string') return `'${v}`;
  if (typeof v === 'object') return v.error;
  return v;
}

function toStored(v: unknown): Stored {
  if (v instanceof DetailedCellError) return { error: CANNOT.has(v.type) ? '#VALUE!' : v.value };
  if (v === null || v === undefined) return 0; // an empty result shows 0, as in Excel
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return { error: '#VALUE!' };
}
