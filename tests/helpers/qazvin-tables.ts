// The Qazvin book's tables as the tests use them: the raw sources (rows of cells), where each table
// sits in them, and the hand-checked reading (tables.json) to compare an import with.
import * as fs from 'fs';
import * as path from 'path';
import type { ImportResult, SourceLines } from '../../src/core/importer/importer';
import { ROOT } from './plan';

export const DATA = path.join(ROOT, 'tests', 'fixtures', 'qazvin');

export type TableRow = { title: string | null; measure: string | null; targets: Record<string, number | null>; horizon: number | null; anomaly: string | null };
export type TableBlock = { seq: number; line: number; workingGroup: string; unit: string | null; codeAsPrinted: string; title: string | null; rows: TableRow[] };

export const truth = (): TableBlock[] => JSON.parse(fs.readFileSync(path.join(DATA, 'tables.json'), 'utf8')) as TableBlock[];

export function rawSources(): SourceLines[] {
  const index = JSON.parse(fs.readFileSync(path.join(DATA, 'raw', 'index.json'), 'utf8')) as Record<string, { file: string }>;
  return Object.values(index).map((v) => ({ source: path.basename(v.file), rows: fs.readFileSync(path.join(DATA, v.file), 'utf8').split('\n').map((l) => l.split('\t')) }));
}

/** Measured lines in plan order: code, title, measure, targets, horizon (what a reader checks). */
export function measured(plan: ImportResult['plan']) {
  return plan.indicators.flatMap((ind) =>
    ind.items
      ? ind.items.map((it) => ({ code: ind.code, title: it.title ?? null, measure: it.measure ?? null, targets: it.targets, horizon: it.horizon ?? null }))
      : [{ code: ind.code, title: ind.title ?? null, measure: ind.measure ?? null, targets: ind.targets, horizon: ind.horizon ?? null }],
  );
}

/** A table of a source: its code line, header line and data rows (0-based row indexes). */
export interface Located {
  source: number;
  code: number;
  header: number;
  rows: number[];
}

const filled = (r: string[]) => r.filter((c) => c.trim() !== '');

/** Where each table is in the sources: the code line, the header under it and its data rows. */
export function locateTables(sources: SourceLines[]): Located[] {
  const found: Located[] = [];
  sources.forEach((s, si) => {
    s.rows.forEach((r, i) => {
      if (!/کد\s*شاخص/.test(r[0] ?? '') || !/[:：]/.test(r[0])) return;
      let h = i + 1;
      while (h < s.rows.length && !s.rows[h].some((c) => /^[۱1][۴4][۰0][۲2]$/.test(c.trim()))) h++;
      const rows: number[] = [];
      for (let k = h + 1; k < s.rows.length && filled(s.rows[k]).length >= 2 && !/کد\s*شاخص/.test(s.rows[k][0] ?? ''); k++) rows.push(k);
      if (h < s.rows.length && rows.length) found.push({ source: si, code: i, header: h, rows });
    });
  });
  return found;
}

/** Sources with lines inserted before given rows (later insertions first, so indexes stay valid). */
export function insertBefore(sources: SourceLines[], edits: Array<{ source: number; at: number; lines: string[][] }>): SourceLines[] {
  const copy = sources.map((s) => ({ source: s.source, rows: s.rows.map((r) => [...r]) }));
  for (const e of [...edits].sort((a, b) => b.at - a.at)) copy[e.source].rows.splice(e.at, 0, ...e.lines);
  return copy;
}
