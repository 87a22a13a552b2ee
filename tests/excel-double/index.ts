// A strict in-memory double of the part of the Excel JavaScript API the Office.js gateway
// (src/excel/*.ts) uses, with Office.js proxy semantics and the documented rules of rules.ts.
//
//   const double = new ExcelDouble({ ...hostPresets.web, activeSheet: 'Data' }).addSheet('Data', [['a', 1]]);
//   const uninstall = install(double);          // globals Excel, Office, OfficeExtension
//   await officeGateway.readActiveSheet();       // code under test, through Excel.run
//   double.failAt(2, { afterCommands: 3 });      // the 2nd sync from now fails after 3 commands
//   double.cells('Data'); double.requests;       // inspect the workbook and the requests
//   uninstall();
export { ExcelDouble, type ExcelDoubleOptions, type StoredCell } from './double';
export { install, EXCEL_ENUMS } from './install';
export { hostPresets, API_SETS, type HostOptions, type HostKind, type HostPreset } from './hosts';
export { OfficeExtensionError, CODES } from './errors';
export { RULES, LIMITS } from './rules';
export type { RequestLog, FaultPlan } from './context';
export { parseTyped, dateSerial } from './parse-typed';
export { pageLayoutOf, type PageLayoutState } from './proxy-page-layout';
