// `plansheets import FILE… -o PLAN.json`: the approved plan's tables (TSV/CSV text or .xlsx
// sheets, as pasted from the book) into a plan file, with a report of everything interpreted.
import * as path from 'path';
import ExcelJS from 'exceljs';
import { importTables, type SourceLines } from '../core/importer/importer';
import { cellText } from '../core/grid/read';
import { raw } from '../xlsx/read-book';
import { loadPlanValue } from '../core/plan/load';
import { stringifyPlan } from '../core/plan/canonical-json';
import { UsageError } from './plan-file';
import { readBytes, writeAtomically } from './files';
import { countLine, problemLine, type Lang, type Output } from './output';
import { EXIT } from './commands';

function rowsOf(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    rows[r - 1] = ((row.values as ExcelJS.CellValue[]) ?? []).slice(1).map((v) => cellText(raw(v)));
  });
  return Array.from(rows, (r) => r ?? []);
}

/** A source file's rows of cells: TSV text, CSV, or every sheet of an .xlsx. */
export async function readSource(file: string): Promise<SourceLines[]> {
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readBytes(file) as unknown as ExcelJS.Buffer);
    return wb.worksheets.map((ws) => ({ source: wb.worksheets.length > 1 ? `${name}!${ws.name}` : name, rows: rowsOf(ws) }));
  }
  if (ext === '.csv') {
    const wb = new ExcelJS.Workbook();
    const ws = await wb.csv.readFile(file, { map: (v: unknown) => v });
    return [{ source: name, rows: rowsOf(ws) }];
  }
  const text = readBytes(file).toString('utf8').replace(/^\ufeff/, '');
  return [{ source: name, rows: text.split(/\r?\n/).map((l) => l.split('\t')) }];
}

export async function importCommand(files: string[], opts: { out?: string; id?: string; title?: string; json?: boolean; lang: Lang }, io: Output): Promise<number> {
  if (!opts.out) throw new UsageError('give the plan file to write with -o PLAN.json');
  if (files.length === 0) throw new UsageError('give at least one table file (.tsv, .csv, .xlsx)');
  const sources = (await Promise.all(files.map(readSource))).flat();
  const result = importTables(sources, { id: opts.id ?? path.basename(opts.out).replace(/\.(plan\.)?json$/i, ''), title: opts.title });
  const checked = loadPlanValue(result.plan);
  if (checked.ok) writeAtomically(opts.out, stringifyPlan(result.plan));
  if (opts.json) {
    io.out(JSON.stringify({ written: checked.ok ? opts.out : null, stats: result.stats, anomalies: result.anomalies, problems: checked.problems.filter((p) => p.code !== 'import-note') }, null, 2));
  } else {
    const s = result.stats;
    io.out(`${s.workingGroups} working groups, ${s.units} units, ${s.blocks} tables, ${s.indicators} indicators, ${s.rows} rows`);
    for (const a of result.anomalies) io.out(`${a.source}:${a.line}  ${a.ref ? `${a.ref}  ` : ''}${a.found}; read as ${a.reading}`);
    for (const p of checked.problems.filter((x) => x.code !== 'import-note')) io.out(problemLine(p, opts.lang));
    io.out(checked.ok ? `${opts.out} written; ${result.anomalies.length} row(s) interpreted (kept in the plan as warnings until removed)` : `not written: ${countLine(checked.problems)}`);
  }
  return checked.ok ? EXIT.ok : EXIT.failed;
}
