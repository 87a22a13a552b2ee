// Reading a plan's approved tables, as staff paste them from the Word/PDF book or keep them in a
// flat sheet, into a plan. The input is rows of cells (TSV, CSV, a sheet, a Word document); the
// output is a plan, an honest report of every row that had to be interpreted or inferred, and an
// account in which every code and table row of the sources is found again.
import { assemble } from './assemble';
import { scanSource } from './scan';
import type { ImportOptions, ImportResult, ScanSink, SourceLines } from './types';

export type { Anomaly, ImportAccount, ImportOptions, ImportResult, SourceLines, Skipped, UnitEvidence } from './types';
export type { KnownUnit } from './units';

/** Reads pasted plan tables (one or more sources) into a plan, a report of what was interpreted, and an account. */
export function importTables(sources: readonly SourceLines[], options: ImportOptions = {}): ImportResult {
  const sink: ScanSink = { blocks: [], notes: [], account: { rows: 0, skippedRows: [], ignoredLines: [], units: [], notUnits: [] }, ...(options.knownUnits ? { knownUnits: options.knownUnits } : {}) };
  for (const source of sources) scanSource(source, sink);
  return assemble(sink, sources.map((s) => s.source), options);
}
