// core/grid/print.ts's print setup in an .xlsx: exceljs' pageSetup and headerFooter, and the
// print titles as the workbook's `_xlnm.Print_Titles` names (ECMA-376 §18.2.5, 18.3.1.62-63).
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { columnLetter } from '../core/grid/layout';
import { headerFooterCode, type PrintSetup } from '../core/grid/print';

/** ECMA-376's code of A4 paper (ST_PaperSize... pageSetup@paperSize 9). */
const A4 = 9;

/** A worksheet's page setup and header and footer, as exceljs' addWorksheet takes them. */
export function printOptions(p: PrintSetup): { pageSetup: Partial<ExcelJS.PageSetup>; headerFooter: Partial<ExcelJS.HeaderFooter> } {
  return {
    pageSetup: {
      paperSize: A4 as ExcelJS.PaperSize,
      orientation: p.orientation,
      fitToPage: true,
      fitToWidth: p.fitToWidth,
      fitToHeight: p.fitToHeight,
      margins: p.margins,
    },
    headerFooter: { oddHeader: headerFooterCode(p.header), oddFooter: headerFooterCode(p.footer) },
  };
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The sheet name as a formula reference: always quoted, its apostrophes doubled. */
const sheetRef = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** A sheet's `_xlnm.Print_Titles` definedName element; `position` is the sheet's 0-based place in the book. */
export function printTitlesName(sheet: string, position: number, p: PrintSetup): string {
  const ref = sheetRef(sheet);
  const parts: string[] = [];
  if (p.titleColumns) parts.push(`${ref}!$${columnLetter(p.titleColumns[0])}:$${columnLetter(p.titleColumns[1])}`);
  parts.push(`${ref}!$${p.titleRows[0]}:$${p.titleRows[1]}`);
  return `<definedName name="_xlnm.Print_Titles" localSheetId="${position}">${xmlText(parts.join(','))}</definedName>`;
}

/** workbook.xml with these definedName elements added (in <definedNames>, which comes before <calcPr>). */
export function withDefinedNames(xml: string, names: readonly string[]): string {
  if (names.length === 0) return xml;
  if (/<definedNames\s*\/>/.test(xml)) return xml.replace(/<definedNames\s*\/>/, `<definedNames>${names.join('')}</definedNames>`);
  if (xml.includes('</definedNames>')) return xml.replace('</definedNames>', `${names.join('')}</definedNames>`);
  const done = xml.replace(/<calcPr\b/, `<definedNames>${names.join('')}</definedNames><calcPr`);
  if (done === xml) throw new Error('exceljs wrote xl/workbook.xml without the calcPr PlanSheets puts the print titles before');
  return done;
}

/**
 * An .xlsx held in memory with these definedName elements added to its workbook.xml: for books
 * exceljs writes whole (a unit template), whose own printTitles leave a sheet name's apostrophes
 * undoubled, which Excel repairs and LibreOffice refuses.
 */
export async function withPrintTitles(xlsx: Buffer, names: readonly string[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const part = zip.file('xl/workbook.xml');
  if (!part) throw new Error('exceljs wrote a package without xl/workbook.xml');
  zip.file('xl/workbook.xml', withDefinedNames(await part.async('string'), names));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
