// The lines above a unit template's header (its title, the unit line, the instructions), as both
// writers lay them out: the command line's .xlsx (xlsx/write-template.ts) and the pane's Office.js
// sheet (excel/sheets-writer.ts). Each is merged across the visible columns from B, wraps within
// them and is as tall as its text, so the title prints whole on a page one wide and the
// instructions never print over the unit line.
import { linesHeight, linesIn } from '../grid/print';
import { T_META_ROW, type TemplateModel } from './template';

/** One line of the title's 14-point text, in points (11-point lines are print.ts's). */
const TITLE_LINE_HEIGHT = 24;
/** A 14-point title takes about this much more room per character than 11-point text. */
const TITLE_SCALE = 1.4;

export interface TitleLine {
  /** The sheet row (1-based). */
  row: number;
  text: string;
  /** First and last column (0-based) of the merged cell the line is written in. */
  from: number;
  to: number;
  font: { bold: boolean; italic: boolean; size: number };
  horizontal: 'left' | 'right';
  /** The row's height, in points. */
  height: number;
}

/** The template's title, unit and instruction lines (the rows between its meta row and its header), merged from column B to the last. */
export function titleLines(model: TemplateModel): TitleLine[] {
  const width = model.columns.slice(1).reduce((w, c) => w + (c.hidden ? 0 : c.width), 0);
  const last = model.columns.length - 1;
  const line = (row: number, text: string, font: TitleLine['font']): TitleLine => {
    const title = font.size > 11;
    const lines = linesIn(text, title ? width / TITLE_SCALE : width);
    return { row, text, from: 1, to: last, font, horizontal: model.rtl ? 'right' : 'left', height: title ? linesHeight(lines, TITLE_LINE_HEIGHT) : linesHeight(lines) };
  };
  return [
    line(T_META_ROW + 1, model.title, { bold: true, italic: false, size: 14 }),
    line(T_META_ROW + 2, model.subtitle, { bold: true, italic: false, size: 11 }),
    line(T_META_ROW + 3, model.instructions, { bold: false, italic: true, size: 11 }),
  ];
}
