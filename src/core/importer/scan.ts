// One source, line by line, into tables: working-group and unit headings, code and title lines,
// header rows (the book's, or a flat table's with a code column) and data rows. Every line that
// looks like table data ends in a table or in the account's skipped rows, with its line; page
// numbers and pictures are never data; a heading is a unit only with evidence (units.ts).
import { normalizeCode } from '../numbers/codes';
import { clean, CONTROL, controlsIn, CAPTION_START, headingLevel, isImageMarker, isPageNumber, numberOf, trimmed } from './cells';
import { districtNumber } from './districts';
import { why } from './skip-reasons';
import type { Bilingual } from '../plan/problems';
import { flatHeaderOf, readFlatRow, badCode, type FlatHeader } from './flat-tables';
import { byContent, byHeader, headerOf, HEADER_LABEL, numberCells } from './header';
import type { Block, BlockRow, ScanSink, SourceLines, UnitEvidence } from './types';
import { isHeadingText, matchKnownUnit, namesOrganisation } from './units';

// The code after its label (with or without a colon, or in the next cell, or on the next line),
// or before it as right-to-left text converted backwards shows it; read by codeOf.
const CODE_LABEL = '(?:کد|شماره)\\s*شاخص\\s*(?:هدف\\s*)?(?:عملیاتی)?|indicator\\s*code';
const CODE_LINE = new RegExp(`^(?:[-•*]\\s*)?(?:${CODE_LABEL})\\s*(?:[:：]\\s*(.*)|\\s([0-9۰-۹٠-٩].*))$|^([0-9۰-۹٠-٩][0-9۰-۹٠-٩\\s./\\-\\u2010-\\u2015\\u2212\\u0640]*)\\s*[:：]\\s*(?:${CODE_LABEL})$`, 'i');
/** The code's label with nothing after it, the code in the next cell. */
const CODE_ALONE = new RegExp(`^(?:${CODE_LABEL})\\s*[:：]?$`, 'i');
const CODE_TEXT = /^[0-9۰-۹٠-٩](?:[0-9۰-۹٠-٩\s./\\\-\u2010-\u2015\u2212\u0640]*[0-9۰-۹٠-٩])?/;

/** The code a code line prints, and any title printed on the same line. */
function codeOf(text: string, others: string[]): { code?: string; title?: string } {
  const m = CODE_TEXT.exec(text.trim());
  const rest = m ? text.trim().slice(m[0].length) : text;
  // `۱/۷/۵/۲` and `1.7.5.2` are the same code as `۱-۷-۵-۲`.
  const code = m ? normalizeCode(m[0].replace(/[./\\]/g, '-')) : undefined;
  let title = [rest, ...others].map((c) => TITLE_LINE.exec(c)?.[1]).find(Boolean);
  // A title printed after the code without its label (`۱-۷-۳-۵ - تطبیق …`); `(ادامه)` is no title.
  const bare = rest.replace(/^\s*[-–—:：|]\s*/, '').trim();
  if (!title && m && /\p{L}{2}/u.test(bare) && !/^[(（[]/.test(bare)) title = bare;
  return { ...(code && /^\d+(?:-\d+)*$/.test(code) ? { code } : {}), ...(title ? { title: clean(title) } : {}) };
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

/** The label of a row that totals the rows above it. */
const TOTAL_ROW = /^(?:جمع(?:\s*کل)?|مجموع|کل|total|sum)$/i;

/** A paragraph of prose: one cell, not a heading or a code line, a sentence rather than a name. */
function introducesSection(l: Line | undefined): boolean {
  if (!l || l.filled.length !== 1 || l.level > 0 || CODE_LINE.test(l.filled[0])) return false;
  const text = l.filled[0];
  return text.split(' ').length >= 6 || /[:.،]$/.test(text) || /^[-•*]\s/.test(text);
}

/** Text that can be (part of) a title: not a number, a picture or a caption's opening words. */
const isTextLine = (text: string) => numberOf(text) === undefined && !isImageMarker(text) && !CAPTION_START.test(text) && /\p{L}/u.test(text);

/** A page number, in one cell or a few (`صفحه | ۱۲`). */
const isPageLine = (l: Line) => l.filled.length <= 3 && isPageNumber(l.filled.join(' '));

/** Page numbers and pictures: lines a page break leaves, never data and never a boundary. */
const isNoise = (l: Line) => isPageLine(l) || (l.filled.length === 1 && isImageMarker(l.filled[0]));

/** A row whose only text says it totals the rows above it. */
function isTotalRow(l: Line): boolean {
  const texts = l.filled.filter((c) => numberOf(c) === undefined);
  return texts.length === 1 && TOTAL_ROW.test(texts[0]);
}

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
  // A line printed the same on three pages or more is a running header or footer, not data.
  const seen = new Map<string, number>();
  for (const l of lines) if (l.filled.length === 1 && l.level === 0) seen.set(l.filled[0], (seen.get(l.filled[0]) ?? 0) + 1);
  const running = (text: string) => (seen.get(text) ?? 0) >= 3 && districtNumber(text) === undefined && !HEADER_LABEL.test(text) && !CODE_LINE.test(text) && !TITLE_LINE.test(text);

  const note = (line: number, found: string, reading: string, ref?: string) => sink.notes.push({ source, line, found, reading, ...(ref ? { ref } : {}) });
  const skipRow = (l: Line, reason: Bilingual): void => void sink.account.skippedRows.push({ source, line: l.n, text: l.filled.join(' | '), reason });
  const ignore = (l: Line, reason: Bilingual): void => void sink.account.ignoredLines.push({ source, line: l.n, text: l.filled.join(' | '), reason });
  const notUnit = (l: Line, reason: Bilingual): void => void sink.account.notUnits.push({ source, line: l.n, text: l.filled[0], reason });
  // The next (or previous) line that says something: page numbers skipped, and pictures going forward.
  const neighbour = (i: number, step: 1 | -1) => {
    for (let j = i + step; j >= 0 && j < lines.length; j += step) {
      const l = lines[j];
      if (!l.filled.length || (step === 1 ? isNoise(l) : isPageLine(l))) continue;
      return l;
    }
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
        notUnit(l, why.notKnownUnit(kind === 'heading'));
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
    const codeLine = CODE_LINE.exec(first) ?? (l.filled.length === 2 && CODE_ALONE.test(first) && CODE_TEXT.test(l.filled[1]) ? ['', ''] : null);
    if (codeLine) {
      flat = undefined;
      orphanHeader = undefined;
      pendingHeader = false;
      let text = clean(codeLine[1] ?? codeLine[2] ?? codeLine[3]);
      let others = l.filled.slice(1);
      // The label alone: the code is in the next cell, or alone on the next line.
      if (!text && others.length) [text, others] = [others[0], others.slice(1)];
      else if (!text) {
        const next = lines[i + 1]?.filled.length ? lines[i + 1] : lines[i + 2];
        if (next && next.filled.length === 1 && CODE_TEXT.test(next.filled[0]) && numberOf(next.filled[0]) === undefined) {
          text = next.filled[0];
          next.filled = [];
        }
      }
      const { code, title } = codeOf(text, others);
      // A code line without a code still opens its table, so its rows are accounted for (as left out).
      open({ source, line: l.n, code: code ?? text, ...(code ? {} : { noCode: true }), workingGroup, unit, title: title ?? null, rows: [] });
      return;
    }
    const heading = lone && (marked ? l.level > 0 : isHeadingText(first));
    if (heading && WG_HEADING.test(first)) {
      // The working group's name again (a running header on every page) changes nothing.
      if (wgTitle(first) === workingGroup) return ignore(l, why.runningWorkingGroup());
      workingGroup = wgTitle(first);
      unit = null;
      flat = undefined;
      open(undefined);
      return;
    }
    if (isNoise(l)) return ignore(l, isImageMarker(first) ? why.picture() : why.pageNumber());
    if (lone && running(first)) return ignore(l, why.repeatedLine());
    if (lone) return loneLine(l, i, first, heading);
    tableRow(l, i);
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
    if (block && !block.header && !block.rows.length && (!marked || l.level === 0) && isTextLine(first)) {
      if (HEADER_LABEL.test(first)) {
        pendingHeader = true;
        return;
      }
      // Between the code line and the header: the title without its label, or the rest of a
      // title the page wrapped onto a second line.
      const wrapped = block.title !== null;
      block.title = wrapped ? `${block.title} ${first}` : first;
      note(l.n, wrapped ? `the title of ${block.code} goes on over this line` : `a line between the code line of ${block.code} and its header, without the title's label`, wrapped ? `one title: '${block.title}'` : 'the title', block.code);
      return;
    }
    const last = block?.rows[block.rows.length - 1];
    if (block?.header && last && last.line === l.n - 1 && isTextLine(first) && districtNumber(first) === undefined && !namesOrganisation(first)) {
      // Right under a row, with nothing else on the line: that row's text, wrapped.
      const col = l.cells.findIndex((c) => c !== '');
      const field = col === block.header.measureCol && last.measure !== null ? 'measure' : 'title';
      last[field] = `${last[field] ?? ''} ${first}`.trim();
      note(l.n, `the ${field === 'title' ? 'title' : 'unit of measure'} of the row above goes on over this line`, `one ${field === 'title' ? 'title' : 'unit of measure'}: '${last[field]}'`, block.code);
      return;
    }
    const insideTable = !!(block?.header || flat) && isDataRow(neighbour(i, 1));
    if (namesOrganisation(first) && isHeadingText(first)) {
      if (insideTable) return labelInTable(l, first, 'caption');
      const before = neighbour(i, -1);
      const after = neighbour(i, 1);
      let next: Line | undefined;
      for (let j = i + 1; j < lines.length && !next; j++) if (lines[j].filled.length) next = lines[j];
      if (CAPTION_START.test(first) || [before, next].some((x) => x && x.filled.length === 1 && isImageMarker(x.filled[0]))) return notUnit(l, why.caption());
      // A line naming one of the known units is evidence enough, marked or not.
      const known = sink.knownUnits && matchKnownUnit(first, sink.knownUnits);
      if (!heading && !known) return notUnit(l, marked ? why.notMarked() : why.notAlone());
      // Each unit of a book opens its section with a description of its duties; a caption or a
      // label over a table does not. The known units' list, when given, is evidence enough.
      if (!sink.knownUnits && !introducesSection(after)) return notUnit(l, why.noDescription(unit?.title));
      const u = unitOf(first, l, 'heading');
      unit = u;
      if (u) sink.account.units.push(u);
      flat = undefined;
      open(undefined);
      return;
    }
    if (insideTable && districtNumber(first) !== undefined) return labelInTable(l, first, 'district');
    if (insideTable && numberOf(first) === undefined) note(l.n, `a one-cell line inside the table of ${block?.code ?? 'a flat table'}: '${first}'`, 'a label, not a row', block?.code);
    else if (numberOf(first) !== undefined && first !== '-') ignore(l, why.loneNumber());
  }

  function labelInTable(l: Line, first: string, what: 'district' | 'caption'): void {
    const d = districtNumber(first);
    if (block && d !== undefined) block.section = d;
    notUnit(l, why.labelInTable(what, block?.code, d));
  }

  function tableRow(l: Line, i: number): void {
    // A header over two rows (the years under a merged «اهداف کمی سالانه»): the label row and the
    // years row are read as one, each column named by whichever row names it.
    const next = lines[i + 1];
    if (!l.filled.some((c) => numberOf(c) !== undefined) && next && !headerOf(l.cells, l.n) && !flatHeaderOf(l.cells, l.n) && (headerOf(next.cells, next.n) || flatHeaderOf(next.cells, next.n))) {
      const merged = Array.from({ length: Math.max(l.cells.length, next.cells.length) }, (_, k) => next.cells[k] || l.cells[k] || '');
      next.cells = merged;
      return;
    }
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
      return skipRow(l, why.outsideTable(orphanHeader));
    }
    if (!block.header) {
      if (l.cells.every((c) => HEADER_LABEL.test(c) || c === '')) {
        pendingHeader = true;
        return;
      }
      sink.account.rows++;
      if (!lastHeader) return skipRow(l, why.noHeader(block.code));
      block.header = lastHeader;
      note(l.n, `no header row under the code ${block.code}`, `read with the columns of the header at line ${lastHeader.line} (a header left on the previous page or table)`, block.code);
    } else sink.account.rows++;
    // A row with no text and fewer than two numbers is a stray line, not a measured one; a total
    // row sums the lines above it.
    if (l.filled.every((c) => numberOf(c) !== undefined) && numberCells(l.cells) < 2) return skipRow(l, why.stray());
    if (isTotalRow(l)) return skipRow(l, why.total());
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
    if (isTotalRow(l)) return skipRow(l, why.total());
    const r = readFlatRow(l.cells, fh);
    const codeCell = fh.col.code === undefined ? '' : l.cells[fh.col.code] ?? '';
    const code = r.code ?? (codeCell === '' ? block?.code : undefined);
    if (!code) {
      const bad = badCode(l.cells, fh);
      return skipRow(l, why.badCode(bad || undefined));
    }
    // A row whose code cell is blank continues the one above (merged cells exported blank): its
    // blank unit, working group and indicator title are the ones above too.
    const continuing = codeCell === '' && block !== undefined;
    const rowUnit = r.unit !== null ? unitOf(r.unit, l, 'column') : continuing ? block!.unit : fh.col.unit === undefined ? unit : null;
    if (rowUnit && !sink.account.units.some((u) => u.title === rowUnit.title)) sink.account.units.push(rowUnit);
    const rowWg = r.workingGroup !== null ? wgTitle(r.workingGroup) : continuing ? block!.workingGroup : workingGroup;
    if (continuing && r.indicatorTitle === null) r.indicatorTitle = block!.title;
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
