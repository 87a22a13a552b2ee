/* global Office */
// What this Excel can do. The manifest asks only for what the pane cannot open without; every
// API above that is checked here before use, and what is missing is reported, not failed on.
// Versions from learn.microsoft.com "Excel JavaScript API requirement sets" and each API's page.

/** Optional features, with the ExcelApi version each needs. */
export const FEATURE_API = {
  /** The plan kept in a custom XML part (Workbook.customXmlParts). */
  storePlan: '1.5',
  /** Column widths, hidden rows and columns, sheet protection (RangeFormat.columnWidth, Range.rowHidden, WorksheetProtection). */
  sheetFormat: '1.2',
  /** Status colours (Range.conditionalFormats). */
  statusColours: '1.6',
  /** Frozen header rows and key columns (Worksheet.freezePanes). */
  freeze: '1.7',
  /** Checks on typed values (Range.dataValidation): the templates' number checks, the Definitions sheet's drop-down lists. */
  numberChecks: '1.8',
  /** PivotTables over the Facts table (Workbook.pivotTables). */
  pivots: '1.8',
  /** Print setup: A4 landscape, one page wide, repeated titles, header and footer (Worksheet.pageLayout). */
  print: '1.9',
  /** Right-to-left sheets, inserted from a template (Workbook.insertWorksheetsFromBase64). */
  rtlSheets: '1.13',
} as const;

export type Feature = keyof typeof FEATURE_API;

/** True when this Excel supports the feature's requirement set (false outside Office). */
export function supports(feature: Feature): boolean {
  return typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('ExcelApi', FEATURE_API[feature]);
}

/** The features of `wanted` this Excel lacks. */
export const missing = (wanted: readonly Feature[]): Feature[] => wanted.filter((f) => !supports(f));

/**
 * Changed events, for turning Persian digits typed in actual cells into numbers (typing.ts):
 * Worksheet.onChanged needs ExcelApi 1.7, WorksheetCollection.onChanged (every sheet, those built
 * later too) 1.9. Below 1.7 typed Persian digits stay text until the merge reads them, as before:
 * not a feature the pane reports missing, since nothing is lost.
 */
export const CHANGED_EVENTS_API = { worksheet: '1.7', everySheet: '1.9' } as const;

/** True when this Excel supports the ExcelApi version (false outside Office). */
export function supportsApi(version: string): boolean {
  return typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('ExcelApi', version);
}
