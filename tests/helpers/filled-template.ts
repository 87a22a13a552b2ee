import ExcelJS from 'exceljs';
import { loadPlan } from '../../src/core/plan/load';
import { T_FIRST_ROW, T_IDS_ROW, unitTemplate } from '../../src/core/templates/template';
import { writeTemplate } from '../../src/xlsx/write-template';
import { sampleText } from './plan';

/** The sample's bus company template for 1403, with actuals typed by row key (Persian digits welcome). */
export async function filledBusTemplate(values: Record<string, string | number>): Promise<ArrayBuffer> {
  return filledTemplate(sampleText(), 'bus-org', 1403, values);
}

/** A unit's template built from `planText` (which a test may have altered), with actuals for the period typed by row key. */
export async function filledTemplate(planText: string, unit: string, year: number, values: Record<string, string | number>): Promise<ArrayBuffer> {
  const index = loadPlan(planText).index!;
  const { model, base } = unitTemplate(index, unit, year);
  const bytes = await writeTemplate(model, base);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  const ids = (ws.getRow(T_IDS_ROW).values as string[]).slice(1);
  ws.eachRow((row, r) => {
    const v = values[String(row.getCell(1).value)];
    if (r >= T_FIRST_ROW && v !== undefined) row.getCell(ids.indexOf(`actual:${year}`) + 1).value = v;
  });
  const out = new Uint8Array(await wb.xlsx.writeBuffer());
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
}

/** The first line of the bus company measured without items (a line a template can change). */
export function busLine() {
  return loadPlan(sampleText()).index!.indicatorList.find((e) => e.indicator.unit === 'bus-org' && !e.hasItems)!;
}
