// The importer's shapes: what it reads (rows of cells from a source), what it finds in them (tables
// under a code, in a unit and a working group) and what it reports (every interpretation, and an
// account in which every code and every table row is found again).
import type { Plan } from '../plan/plan.types';
import type { Bilingual } from '../plan/problems';
import type { Header, RowReading } from './header';
import type { KnownUnit } from './units';

export interface SourceLines {
  /** File name (and sheet), for the report. */
  source: string;
  /** Rows of cells, as the source gives them. */
  rows: string[][];
}

export interface Anomaly {
  source: string;
  /** 1-based line of the source. */
  line: number;
  /** The indicator (or item) it concerns, once known. */
  ref?: string;
  found: string;
  reading: string;
}

/** Where a unit came from: a heading line, a column of a flat table, the known units' list. */
export interface UnitEvidence {
  title: string;
  /** The known unit it maps onto (`--units`). */
  known?: KnownUnit;
  source: string;
  line: number;
  /** The text the source printed, when a known unit's name differs from it. */
  printed?: string;
}

export interface BlockRow extends RowReading {
  line: number;
  /** A district given by the row's title, a label inside the table or a district column. */
  district?: number;
  polarity?: 'positive' | 'negative';
}

/** One table under one code line (or one run of a flat table's rows with the same code). */
export interface Block {
  source: string;
  line: number;
  code: string;
  workingGroup: string | null;
  unit: UnitEvidence | null;
  title: string | null;
  header?: Header;
  rows: BlockRow[];
  /** A data row whose title cell held a header label: its title comes on the next line. */
  pendingTitle?: BlockRow;
  /** A district label inside the table, for the rows below it. */
  section?: number;
  /** The code line printed no code: the table is accounted for, its rows left out. */
  noCode?: boolean;
  /** Definitions a flat table gives in columns of its own. */
  given?: { budgetCode?: string; weight?: number };
}

/** A source line that holds no plan data and was left out, with why. */
export interface Skipped {
  source: string;
  line: number;
  text: string;
  reason: Bilingual;
}

/** What became of one table (one code line, or a flat table's run of rows with one code). */
export interface TableFate {
  source: string;
  line: number;
  code: string;
  /** An indicator of its own, merged into the indicator above, or left out (see skippedTables). */
  as: 'indicator' | 'continued' | 'skipped';
  /** The indicator it became or continues. */
  id?: string;
}

/** Every code and every table row of the sources, found again in the plan or in this account. */
export interface ImportAccount {
  /** Each table with its line and what became of it, in source order. */
  codes: TableFate[];
  /** Tables (a code line, or a flat table's run of rows with one code). */
  tables: number;
  /** …that became an indicator of their own, */
  indicators: number;
  /** …that continue the table above them (same code, same unit, no title of their own), */
  continued: number;
  /** …and that had no rows to read. tables = indicators + continued + skipped.length. */
  skippedTables: Skipped[];
  /** Table rows (lines with two or more cells under a table). */
  rows: number;
  /** …read as a measured line (an indicator's own or an item), */
  rowsRead: number;
  /** …and left out. rows = rowsRead + skippedRows.length. */
  skippedRows: Skipped[];
  /** Page numbers, pictures, lone numbers: never measured lines. */
  ignoredLines: Skipped[];
  /** Units, each with the line that gave it. */
  units: UnitEvidence[];
  /** Lines that looked like a unit heading and were not taken as one, with why. */
  notUnits: Skipped[];
  /** Each source with the tables read from it (a source with none was probably the wrong file). */
  sources: Array<{ source: string; tables: number }>;
}

export interface ImportOptions {
  id?: string;
  title?: string;
  locale?: string;
  /** The units the municipality has: headings are mapped onto them, and only onto them. */
  knownUnits?: readonly KnownUnit[];
}

export interface ImportResult {
  plan: Plan;
  anomalies: Anomaly[];
  stats: { workingGroups: number; units: number; blocks: number; indicators: number; rows: number };
  account: ImportAccount;
}

/** What the scanners of one source add to. */
export interface ScanSink {
  blocks: Block[];
  notes: Anomaly[];
  account: Pick<ImportAccount, 'skippedRows' | 'ignoredLines' | 'units' | 'notUnits'> & { rows: number };
  knownUnits?: readonly KnownUnit[];
}
