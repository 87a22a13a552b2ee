// One source, line by line, into tables: working-group and unit headings, code and title lines,
// header rows (the book's, or a flat table's with a code column) and data rows. Every line that
// looks like table data ends in a table or in the account's skipped rows, with its line; page
// numbers and pictures are never data; a heading is a unit only with evidence (units.ts).
import { normalizeCode } from '../numbers/codes';
import { clean, CONTROL, controlsIn, CAPTION_START, headingLevel, isImageMarker, isPageNumber, numberOf, trimmed } from './cells';
import { districtNumber } from './districts';
import { flatHeaderOf, readFlatRow, badCode, type FlatHeader } from './flat-tables';
import { byContent, byHeader, headerOf, HEADER_LABEL, numberCells } from './header';
import type { Block, BlockRow, ScanSink, SourceLines, UnitEvidence } from './types';
import { isHeadingText, matchKnownUnit, namesOrganisation } from './units';

// The code after its label, with or without a colon; the code itself is read by codeOf.
const CODE_LINE = /(?:کد\s*شاخص\s*(?:هدف\s*)?(?:عملیاتی)?|indicator\s*code)\s*(?:[:：]\s*(.+)|\s([0-9۰-۹٠-٩].*))$/i;
const CODE_TEXT = /^[0-9۰-۹٠-٩](?:[0-9۰-۹٠-٩\s.\-\u2010-\u2015\u2212\u0640]*[0-9۰-۹٠-٩])?/;

/** The code a code line prints, and any title printed on the same line. */
function codeOf(text: string, others: string[]): { code?: string; title?: string } {
  const m = CODE_TEXT.exec(text.trim());
  const rest = m ? text.trim().slice(m[0].length) : text;
  const title = [rest, ...others].map((c) => TITLE_LINE.exec(c)?.[1]).find(Boolean);
  return { ...(m ? { code: normalizeCode(m[0].replace(/\./g, '-')) } : {}), ...(title ? { title: clean(title) } : {}) };
}
const TITLE_LINE = /(?:عنوان\s*شاخص\s*(?:هدف\s*)?(?:عملیاتی)?|indicator\s*title)\s*[:：]\s*(.+)$/i;
const WG_HEADING = /^(?:کارگروه\s*(?:تخصصی\s*)?(.+)|working\s*group\s*[:：-]?\s*(.+))$/i;

/** A working group's name without the word for working group (`کارگروه تخصصی فنی و عمرانی` → `فنی و عمرانی`). */
const wgTitle = (text: string) => {
  const m = WG_HEADING.exec(text);
  return m ? clean(m[1] ?? m[2]) : text;
};

interface Line {
  n: number;
  raw: string[];
  cells: string[];
  filled: string[];
  level: number;
}

function prepare(given: readonly string[], n: number, source: string, sink: ScanSink): Line {
  // Stripped before anything reads the row: a NUL inside a label or a year hides the table.
  const controls = controlsIn(given);
  if (controls) sink.notes.push({ source, line: n, found: `control characters in the row (${controls})`, reading: 'the text without them' });
  const raw = controls ? given.map((c) => c.replace(CONTROL, '')) : [...given];
  const cells = trimmed(raw);
  const filled = cells.filter((c) => c !== '');
  const rawFirst = raw.find((c) => clean(c) !== '') ?? '';
  return { n, raw, cells, filled, level: headingLevel(rawFirst) };
}

/** A paragraph of prose: one cell, not a heading or a code line, a sentence rather than a name. */
function introducesSection(l: Line | undefined): boolean {
  if (!l || l.filled.length !== 1 || l.level > 0 || CODE_LINE.test(l.filled[0])) return false;
  const text = l.filled[0];
  return text.split(' ').length >= 6 || /[:.،]$/.test(text) || /^[-•*]\s/.test(text);
}

/** Page numbers and pictures: lines a page break leaves, never data and never a boundary. */
const isNoise = (l: Line) => l.filled.length === 1 && (isPageNumber(l.filled[0]) || isImageMarker(l.filled[0]));

export function scanSource(src: SourceLines, sink: ScanSink): void {
  const { source } = src;
  const lines = src.rows.map((r, i) => prepare(r, i + 1, source, sink));
  // A source that marks its working-group or unit headings (`## …`, Word heading styles) says
  // which lines are headings; a marked title page alone says nothing about the rest.
  const marked = lines.some((l) => l.level > 0 && l.filled.length === 1 && (WG_HEADING.test(l.filled[0]) || namesOrganisation(l.filled[0])));
  let workingGroup: string | null = null;
  let unit: UnitEvidence | null = null;
  let block: Block | undefined;
  let lastHeader: Block['header'];
  let pendingHeader = false;
  let flat: FlatHeader | undefined;
  let orphanHeader: number | undefined;

  const note = (line: number, found: string, reading: string, ref?: string) => sink.notes.push({ source, line, found, reading, ...(ref ? { ref } : {}) });
  const skipRow = (l: Line, reason: string): void => void sink.account.skippedRows.push({ source, line: l.n, text: l.filled.join(' | '), reason });
  const ignore = (l: Line, reason: string): void => void sink.account.ignoredLines.push({ source, line: l.n, text: l.filled.join(' | '), reason });
  const notUnit = (l: Line, reason: string): void => void sink.account.notUnits.push({ source, line: l.n, text: l.filled[0], reason });
  const neighbour = (i: number, step: 1 | -1) => {
    for (let j = i + step; j >= 0 && j < lines.length; j += step) if (lines[j].filled.length && !(step === 1 && lines[j].filled.length === 1 && isPageNumber(lines[j].filled[0]))) return lines[j];
    return undefined;
  };
  const isDataRow = (l: Line | undefined) => !!l && l.filled.length >= 2 && !CODE_LINE.test(l.filled[0]) && !headerOf(l.cells, l.n) && !flatHeaderOf(l.cells, l.n);
  const close = () => {
    if (block?.pendingTitle) {
      block.rows.push(block.pendingTitle);
      note(block.pendingTitle.line, 'the title cell holds a header label and no title line follows', 'a line without a title', block.code);
      block.pendingTitle = undefined;
    }
  };
  const open = (b: Block | undefined) => {
    close();
    block = b;
    if (b) sink.blocks.push(b);
  };
  const push = (b: Block, row: BlockRow) => {
    const district = districtNumber(row.title ?? '') ?? row.district ?? b.section;
    b.rows.push(district !== undefined ? { ...row, district } : row);
  };
  const unitOf = (printed: string, l: Line, kind: 'heading' | 'column'): UnitEvidence | null => {
    const known = sink.knownUnits;
    if (known) {
      const k = matchKnownUnit(printed, known);
      if (!k) {
        notUnit(l, `not one of the known units (--units)${kind === 'heading' ? ': the tables below have no unit until the next unit heading' : ': the row has no unit'}`);
        return null;
      }
      return { title: k.title, known: k, source, line: l.n, ...(k.title !== printed ? { printed } : {}) };
    }
    return { title: printed, source, line: l.n };
  };

  lines.forEach((l, i) => {
    if (!l.filled.length) return;
    const first = l.filled[0];
    const lone = l.filled.length === 1;
    const codeLine = CODE_LINE.exec(first);
    if (codeLine) {
      flat = undefined;
      orphanHeader = undefined;
      pendingHeader = false;
      const text = clean(codeLine[1] ?? codeLine[2]);
      const { code, title } = codeOf(text, l.filled.slice(1));
      // A code line without a code still opens its table, so its rows are accounted for (as left out).
      open({ source, line: l.n, code: code ?? text, ...(code ? {} : { noCode: true }), workingGroup, unit, title: title ?? null, rows: [] });
      return;
    }
    const heading = lone && (marked ? l.level > 0 : isHeadingText(first));
    if (heading && WG_HEADING.test(first)) {
      workingGroup = wgTitle(first);
      unit = null;
      flat = undefined;
      open(undefined);
      return;
    }
    if (isNoise(l)) return ignore(l, isPageNumber(first) ? 'a page number' : 'a picture');
    if (lone) return loneLine(l, i, first, heading);
    tableRow(l);
  });
  close();

  function loneLine(l: Line, i: number, first: string, heading: boolean): void {
    if (block?.pendingTitle && numberOf(first) === undefined) {
      push(block, { ...block.pendingTitle, title: first });
      note(block.pendingTitle.line, 'row split over two lines: values on one line, the title on the next', `title from line ${l.n}`, block.code);
      block.pendingTitle = undefined;
      return;
    }
    const title = block && !block.header && TITLE_LINE.exec(first);
    if (title) {
      block!.title = clean(title[1]);
      return;
    }
    const insideTable = !!(block?.header || flat) && isDataRow(neighbour(i, 1));
    if (namesOrganisation(first) && isHeadingText(first)) {
      if (insideTable) return labelInTable(l, first, 'a caption or a row label inside the table');
      const before = neighbour(i, -1);
      const after = neighbour(i, 1);
      if (CAPTION_START.test(first) || [before, after].some((x) => x && x.filled.length === 1 && isImageMarker(x.filled[0]))) return notUnit(l, 'a caption beside a picture');
      if (!heading) return notUnit(l, marked ? 'not marked as a heading, as the headings of this source are' : 'not standing alone as a heading');
      // Each unit of a book opens its section with a description of its duties; a caption or a
      // label over a table does not. The known units' list, when given, is evidence enough.
      if (!sink.knownUnits && !introducesSection(after)) return notUnit(l, `no description follows it, as one follows every unit heading: a caption or a label; the tables below stay with ${unit ? `'${unit.title}'` : 'no unit'}`);
      const u = unitOf(first, l, 'heading');
      unit = u;
      if (u) sink.account.units.push(u);
      flat = undefined;
      open(undefined);
      return;
    }
    if (insideTable && districtNumber(first) !== undefined) return labelInTable(l, first, 'a district label inside the table');
    if (insideTable && numberOf(first) === undefined) note(l.n, `a one-cell line inside the table of ${block?.code ?? 'a flat table'}: '${first}'`, 'a label, not a row', block?.code);
    else if (numberOf(first) !== undefined && first !== '-') ignore(l, 'a lone number');
  }

  function labelInTable(l: Line, first: string, what: string): void {
    const d = districtNumber(first);
    if (block && d !== undefined) block.section = d;
    notUnit(l, `${what}${block ? ` of ${block.code}` : ''}${d !== undefined ? `: district ${d} for the rows below` : ''}`);
  }

  function tableRow(l: Line): void {
    const fh = flatHeaderOf(l.cells, l.n);
    if (fh) {
      flat = fh;
      open(undefined);
      return;
    }
    if (flat) return flatRow(l, flat);
    const header = headerOf(l.cells, l.n);
    if (header) {
      lastHeader = header;
      if (!block) {
        orphanHeader = l.n;
        return;
      }
      if (header.titleCol < 0 && pendingHeader) note(l.n, 'the header is split over two lines', 'the columns of the second line', block.code);
      block.header = header;
      pendingHeader = false;
      return;
    }
    if (!block) {
      sink.account.rows++;
      return skipRow(l, orphanHeader !== undefined ? `a table row under a header (line ${orphanHeader}) with no code line above it` : 'a table row outside any table with a code');
    }
    if (!block.header) {
      if (l.cells.every((c) => HEADER_LABEL.test(c) || c === '')) {
        pendingHeader = true;
        return;
      }
      sink.account.rows++;
      if (!lastHeader) return skipRow(l, `a row of ${block.code} with no header row to read it by`);
      block.header = lastHeader;
      note(l.n, `no header row under the code ${block.code}`, `read with the columns of the header at line ${lastHeader.line} (a header left on the previous page or table)`, block.code);
    } else sink.account.rows++;
    // A row with no text and fewer than two numbers is a stray line, not a measured one.
    const texts = l.filled.filter((c) => numberOf(c) === undefined);
    if (texts.length === 0 && numberCells(l.cells) < 2) return skipRow(l, 'a stray line: no title and at most one number');
    const reading = byHeader(l.cells, block.header) ?? byContent(l.cells, block.header);
    const row: BlockRow = { ...reading, line: l.n };
    if (reading.title && HEADER_LABEL.test(reading.title)) {
      block.pendingTitle = row;
      return;
    }
    push(block, row);
  }

  function flatRow(l: Line, fh: FlatHeader): void {
    sink.account.rows++;
    const r = readFlatRow(l.cells, fh);
    const codeCell = fh.col.code === undefined ? '' : l.cells[fh.col.code] ?? '';
    const code = r.code ?? (codeCell === '' ? block?.code : undefined);
    if (!code) return skipRow(l, badCode(l.cells, fh) ? `'${badCode(l.cells, fh)}' in the code column is not a code` : 'no code in the code column, and no row above to continue');
    const rowUnit = r.unit !== null ? unitOf(r.unit, l, 'column') : fh.col.unit === undefined ? unit : null;
    if (rowUnit && !sink.account.units.some((u) => u.title === rowUnit.title)) sink.account.units.push(rowUnit);
    const rowWg = r.workingGroup !== null ? wgTitle(r.workingGroup) : workingGroup;
    const same = block && block.code === code && (block.unit?.title ?? null) === (rowUnit?.title ?? null) && block.workingGroup === rowWg && (fh.col.item === undefined || block.title === r.indicatorTitle);
    if (!same) {
      close();
      block = { source, line: l.n, code, workingGroup: rowWg, unit: rowUnit, title: r.indicatorTitle, header: fh.numbers, rows: [], given: { ...(r.budgetCode ? { budgetCode: r.budgetCode } : {}), ...(r.weight !== undefined ? { weight: r.weight } : {}) } };
      sink.blocks.push(block);
    } else if (fh.col.item === undefined && block!.rows.length === 1) {
      note(l.n, `rows ${block!.line}–${l.n} share the code ${code}`, 'the items of one indicator', code);
    }
    push(block!, { ...r.row, line: l.n });
  }
}
