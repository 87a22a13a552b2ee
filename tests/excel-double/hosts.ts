// Hosts and requirement sets: what Office.context.requirements.isSetSupported answers, and the
// ExcelApi version each API member the double models needs.
//
// Versions by host: https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets
// (volume-licensed perpetual Office: 2016 has ExcelApi 1.1, 2019 up to 1.7, 2021 up to 1.14,
// 2024 up to 1.17; Microsoft 365, Mac and the web have 1.21);
// https://learn.microsoft.com/javascript/api/requirement-sets/common/shared-runtime-requirement-sets
// (SharedRuntime 1.1 from Excel 2021, 1.2 from Excel 2024);
// https://learn.microsoft.com/javascript/api/requirement-sets/excel/custom-functions-requirement-sets
// (CustomFunctionsRuntime 1.1-1.3 from Office 2021; 1.4-1.5 on Microsoft 365, Mac and the web).

export type HostKind = 'windows' | 'mac' | 'web';

export interface HostOptions {
  host: HostKind;
  /** The highest ExcelApi version the host supports, e.g. '1.8'. */
  excelApi: string;
  /** Other requirement sets and their highest version, e.g. { SharedRuntime: '1.1' }. */
  sets: Record<string, string>;
}

export const hostPresets = {
  office2016: { host: 'windows', excelApi: '1.1', sets: {} },
  office2019: { host: 'windows', excelApi: '1.7', sets: {} },
  office2021: { host: 'windows', excelApi: '1.14', sets: { SharedRuntime: '1.1', CustomFunctionsRuntime: '1.3' } },
  office2024: { host: 'windows', excelApi: '1.17', sets: { SharedRuntime: '1.2', CustomFunctionsRuntime: '1.3' } },
  m365: { host: 'windows', excelApi: '1.21', sets: { SharedRuntime: '1.2', CustomFunctionsRuntime: '1.5', ExcelApiDesktop: '1.1' } },
  mac: { host: 'mac', excelApi: '1.21', sets: { SharedRuntime: '1.2', CustomFunctionsRuntime: '1.5', ExcelApiDesktop: '1.1' } },
  web: { host: 'web', excelApi: '1.21', sets: { SharedRuntime: '1.2', CustomFunctionsRuntime: '1.5', ExcelApiOnline: '1.1' } },
} as const satisfies Record<string, HostOptions>;

export type HostPreset = keyof typeof hostPresets;

/** Compares dotted versions numerically ('1.10' > '1.9'). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function isSetSupported(host: HostOptions, name: string, version = '1.1'): boolean {
  const have = name === 'ExcelApi' ? host.excelApi : host.sets[name];
  return have !== undefined && compareVersions(have, version) >= 0;
}

/**
 * The ExcelApi version of each member, keyed by "Class.member" (".set" when setting needs more
 * than reading). Each from the member's reference page on learn.microsoft.com
 * (/javascript/api/excel/excel.<class>#...). Members not listed are ExcelApi 1.1.
 */
export const API_SETS: Record<string, string> = {
  'WorksheetCollection.getItemOrNullObject': '1.4',
  'WorksheetCollection.getCount': '1.4',
  'Worksheet.visibility.set': '1.2', // "ExcelApi 1.1 for reading visibility; 1.2 for setting it."
  'Worksheet.getRangeByIndexes': '1.7',
  'Worksheet.getUsedRange.valuesOnly': '1.2', // the valuesOnly parameter
  'Worksheet.getUsedRangeOrNullObject': '1.4',
  'Worksheet.freezePanes': '1.7',
  'Worksheet.onChanged': '1.7', // excel.worksheet#excel-excel-worksheet-onchanged-member
  'WorksheetCollection.onChanged': '1.9', // excel.worksheetcollection#excel-excel-worksheetcollection-onchanged-member
  // Workbook.getSelectedRange, Range.select and Worksheet.activate are ExcelApi 1.1 (excel.workbook, excel.range, excel.worksheet pages).
  'WorksheetFreezePanes.freezeAt': '1.7',
  'WorksheetFreezePanes.freezeRows': '1.7',
  'WorksheetFreezePanes.freezeColumns': '1.7',
  'WorksheetFreezePanes.unfreeze': '1.7',
  'WorksheetProtection.protect': '1.2',
  'WorksheetProtection.protect.password': '1.7',
  'WorksheetProtection.unprotect': '1.2',
  'WorksheetProtection.unprotect.password': '1.7',
  'WorksheetProtection.protected': '1.2',
  'WorksheetProtection.options': '1.2',
  'TableCollection.add.range': '1.3', // a Range argument; a string works from 1.1
  'TableCollection.getCount': '1.4',
  'TableCollection.getItemOrNullObject': '1.4',
  'Range.columnHidden': '1.2',
  'Range.merge': '1.2', // excel.range#excel-excel-range-merge-member(1)
  'Range.unmerge': '1.2', // excel.range#excel-excel-range-unmerge-member(1)
  'Range.rowHidden': '1.2',
  'Range.getUsedRangeOrNullObject': '1.4',
  'Range.conditionalFormats': '1.6',
  'ConditionalFormatCollection.add': '1.6',
  'ConditionalFormatCollection.getCount': '1.6',
  'ConditionalFormat.type': '1.6',
  'ConditionalFormat.cellValue': '1.6',
  'CellValueConditionalFormat.rule': '1.6',
  'ConditionalRangeFill.color': '1.6',
  'ConditionalRangeFont.bold': '1.6',
  'ConditionalRangeFont.color': '1.6',
  'Range.dataValidation': '1.8',
  'DataValidation.rule': '1.8',
  'DataValidation.errorAlert': '1.8',
  'DataValidation.prompt': '1.8',
  'DataValidation.clear': '1.8',
  'RangeFormat.columnWidth': '1.2',
  'RangeFormat.rowHeight': '1.2',
  'RangeFormat.protection': '1.2',
  'FormatProtection.locked': '1.2',
  'Workbook.customXmlParts': '1.5',
  'CustomXmlPartCollection.add': '1.5',
  'CustomXmlPartCollection.getByNamespace': '1.5',
  'CustomXmlPartCollection.getCount': '1.5',
  'CustomXmlPartCollection.getItem': '1.5',
  'CustomXmlPartCollection.getItemOrNullObject': '1.5',
  'CustomXmlPartCollection.items': '1.5',
  'CustomXmlPartScopedCollection.items': '1.5',
  'CustomXmlPartScopedCollection.getCount': '1.5',
  'CustomXmlPart.id': '1.5',
  'CustomXmlPart.namespaceUri': '1.5',
  'CustomXmlPart.getXml': '1.5',
  'CustomXmlPart.setXml': '1.5',
  'CustomXmlPart.delete': '1.5',
  'Workbook.pivotTables': '1.3',
  'PivotTableCollection.add': '1.8',
  'PivotTableCollection.getItem': '1.3',
  'PivotTableCollection.getCount': '1.4',
  'PivotTable.name': '1.3',
  'PivotTable.delete': '1.8',
  'PivotTable.hierarchies': '1.8',
  'PivotHierarchyCollection.getItem': '1.8',
  'RowColumnPivotHierarchyCollection.add': '1.8',
  'DataPivotHierarchyCollection.add': '1.8',
  'DataPivotHierarchy.summarizeBy': '1.8',
  'DataPivotHierarchy.numberFormat': '1.8',
  'DataPivotHierarchy.name': '1.8',
  'Workbook.insertWorksheetsFromBase64': '1.13',
  // Worksheet.pageLayout and its members (excel.pagelayout, excel.headerfooter pages).
  'PageLayout.orientation': '1.9',
  'PageLayout.paperSize': '1.9',
  'PageLayout.zoom': '1.9',
  'PageLayout.setPrintTitleRows': '1.9',
  'PageLayout.setPrintTitleColumns': '1.9',
  'PageLayout.leftMargin': '1.9',
  'PageLayout.rightMargin': '1.9',
  'PageLayout.topMargin': '1.9',
  'PageLayout.bottomMargin': '1.9',
  'PageLayout.headerMargin': '1.9',
  'PageLayout.footerMargin': '1.9',
  'HeaderFooter.leftHeader': '1.9',
  'HeaderFooter.centerHeader': '1.9',
  'HeaderFooter.rightHeader': '1.9',
  'HeaderFooter.leftFooter': '1.9',
  'HeaderFooter.centerFooter': '1.9',
  'HeaderFooter.rightFooter': '1.9',
};

/** The ExcelApi version `key` needs ('1.1' when not listed). */
export function apiVersion(key: string): string {
  return API_SETS[key] ?? '1.1';
}
