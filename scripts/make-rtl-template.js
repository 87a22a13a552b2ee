#!/usr/bin/env node
// Writes assets/rtl-template.xlsx: a workbook with one empty right-to-left sheet. Office.js cannot
// set a sheet right-to-left, so the add-in inserts this sheet (insertWorksheetsFromBase64) and
// writes into it. Run again only to change the template; the file is committed.
const path = require('path');
const ExcelJS = require('exceljs');

async function main() {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('PlanSheets RTL', { views: [{ rightToLeft: true }] });
  const out = path.join(__dirname, '..', 'assets', 'rtl-template.xlsx');
  await book.xlsx.writeFile(out);
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
