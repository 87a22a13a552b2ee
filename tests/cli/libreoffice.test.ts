import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { loadPlan } from '../../src/core/plan/load';
import * as F from '../../src/core/functions/plan-functions';
import { FIRST_DATA_ROW, ID_ROW } from '../../src/core/grid/layout';
import { STATUS_WORDS } from '../../src/core/grid/labels';
import { readTemplate, T_FIRST_ROW, T_IDS_ROW } from '../../src/core/templates/template';
import { soffice, throughLibreOffice } from '../helpers/libreoffice';
import { ROOT, SAMPLE_PATH, sampleText } from '../helpers/plan';

const LO = soffice();
if (!LO && process.env.CI) throw new Error('LibreOffice is needed for these tests: apt-get install -y libreoffice-calc-nogui');
// Outside CI a machine without LibreOffice skips this file; CI installs it and must run it.
const describeWithLibreOffice = LO ? describe : describe.skip;

const BIN = path.join(ROOT, 'bin', 'plansheets.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-lo-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const index = loadPlan(sampleText()).index!;

/** A cell's value after LibreOffice: the computed result of a formula, or the value. */
const valueOf = (v: ExcelJS.CellValue): unknown => (v && typeof v === 'object' && 'formula' in v ? (v as ExcelJS.CellFormulaValue).result ?? null : v ?? null);

describeWithLibreOffice('in LibreOffice, a second spreadsheet program', () => {
  test("the plansheets build workbook opens and its achievement formulas compute the engine's numbers", async () => {
    expect(spawnSync(process.execPath, [BIN, 'build', SAMPLE_PATH, '-o', path.join(tmp, 'book.xlsx')]).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(throughLibreOffice(LO!, path.join(tmp, 'book.xlsx'), tmp));
    let compared = 0;
    for (const ws of wb.worksheets) {
      const ids = (ws.getRow(ID_ROW).values as unknown[]).slice(1) as string[];
      if (ids[0] !== 'plansheets:key') continue;
      ws.eachRow((row, r) => {
        if (r < FIRST_DATA_ROW) return;
        const ref = String(row.getCell(1).value);
        ids.forEach((id, c) => {
          const [kind, y] = id.split(':');
          const got = valueOf(row.getCell(c + 1).value);
          let want: unknown;
          if (kind === 'achievement') want = F.achievement(index, ref, Number(y), 'annual');
          else if (kind === 'cumulative') want = F.achievement(index, ref);
          else if (kind === 'status') {
            const s = F.status(index, ref, Number(y), 'annual') as keyof (typeof STATUS_WORDS)['fa'] | '';
            want = s ? STATUS_WORDS.fa[s] : '';
          } else if (kind === 'target' && !index.indicators.get(ref)?.hasItems) want = F.target(index, ref, Number(y));
          else return;
          compared++;
          if (typeof want === 'number') expect({ ref, id, got: Math.round((got as number) * 1e9) / 1e9 }).toEqual({ ref, id, got: Math.round(want * 1e9) / 1e9 });
          else expect({ ref, id, got: got ?? '' }).toEqual({ ref, id, got: want });
        });
      });
    }
    expect(compared).toBeGreaterThan(3000);
  });

  test('a generated template opens with its values, and reads back as the same template', async () => {
    expect(spawnSync(process.execPath, [BIN, 'templates', SAMPLE_PATH, '-o', tmp, '--unit', 'bus-org', '--year', '1403']).status).toBe(0);
    const original = new ExcelJS.Workbook();
    await original.xlsx.readFile(path.join(tmp, 'bus-org.xlsx'));
    const converted = new ExcelJS.Workbook();
    await converted.xlsx.readFile(throughLibreOffice(LO!, path.join(tmp, 'bus-org.xlsx'), tmp));
    const [a, b] = [original.worksheets[0], converted.worksheets[0]];
    const ids = (a.getRow(T_IDS_ROW).values as unknown[]).slice(1);
    for (let r = T_FIRST_ROW; r <= a.rowCount; r++) {
      ids.forEach((_, c) => expect(valueOf(b.getRow(r).getCell(c + 1).value)).toEqual(valueOf(a.getRow(r).getCell(c + 1).value)));
    }
    const matrix = (ws: ExcelJS.Worksheet) => {
      const m: unknown[][] = [];
      ws.eachRow({ includeEmpty: true }, (row, r) => (m[r - 1] = (row.values as unknown[]).slice(1).map((v) => valueOf(v as ExcelJS.CellValue))));
      return m as Parameters<typeof readTemplate>[1];
    };
    expect(readTemplate('t', matrix(b))).toEqual(readTemplate('t', matrix(a)));
  });
});
