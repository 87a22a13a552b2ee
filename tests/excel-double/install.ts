// Puts a double in place of Office.js: the globals Excel, Office and OfficeExtension, as the
// add-in's code finds them in Excel. Returns the function that puts the previous globals back.
import { CODES, OfficeExtensionError } from './errors';
import type { ExcelDouble } from './double';
import { ClientResult } from './proxy-base';

const platform = { windows: 'PC', mac: 'Mac', web: 'OfficeOnline' } as const;

/** The enums of the Excel namespace the add-in uses (values as in @types/office-js). */
export const EXCEL_ENUMS = {
  WorksheetPositionType: { none: 'None', before: 'Before', after: 'After', beginning: 'Beginning', end: 'End' },
  SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
  CalculationType: { recalculate: 'Recalculate', full: 'Full', fullRebuild: 'FullRebuild' },
  ConditionalFormatType: { custom: 'Custom', dataBar: 'DataBar', colorScale: 'ColorScale', iconSet: 'IconSet', topBottom: 'TopBottom', presetCriteria: 'PresetCriteria', containsText: 'ContainsText', cellValue: 'CellValue' },
  ConditionalCellValueOperator: { invalid: 'Invalid', between: 'Between', notBetween: 'NotBetween', equalTo: 'EqualTo', notEqualTo: 'NotEqualTo', greaterThan: 'GreaterThan', lessThan: 'LessThan', greaterThanOrEqual: 'GreaterThanOrEqual', lessThanOrEqual: 'LessThanOrEqual' },
  AggregationFunction: { unknown: 'Unknown', automatic: 'Automatic', sum: 'Sum', count: 'Count', average: 'Average', max: 'Max', min: 'Min', product: 'Product', countNumbers: 'CountNumbers', standardDeviation: 'StandardDeviation', standardDeviationP: 'StandardDeviationP', variance: 'Variance', varianceP: 'VarianceP' },
  DataValidationAlertStyle: { stop: 'Stop', warning: 'Warning', information: 'Information' },
  CalculationMode: { automatic: 'Automatic', automaticExceptTables: 'AutomaticExceptTables', manual: 'Manual' },
  ErrorCodes: Object.fromEntries(Object.entries(CODES).map(([k, v]) => [k, v])),
} as const;

/** Sets the globals for `double`; the returned function restores what was there before. */
export function install(double: ExcelDouble): () => void {
  const g = globalThis as unknown as Record<string, unknown>;
  const names = ['Excel', 'Office', 'OfficeExtension'] as const;
  const before = names.map((n) => ({ n, had: Object.prototype.hasOwnProperty.call(g, n), value: g[n] }));
  g.Excel = {
    ...EXCEL_ENUMS,
    run: (a: unknown, b?: unknown) => double.run(a, b),
  };
  g.Office = {
    context: {
      requirements: { isSetSupported: (name: string, version?: string) => double.isSetSupported(name, version) },
      displayLanguage: double.displayLanguage,
      officeTheme: { ...double.officeTheme },
      host: 'Excel',
      platform: platform[double.host],
    },
    HostType: { Excel: 'Excel' },
    PlatformType: { PC: 'PC', Mac: 'Mac', OfficeOnline: 'OfficeOnline' },
    onReady: async () => ({ host: 'Excel', platform: platform[double.host] }),
  };
  g.OfficeExtension = { Error: OfficeExtensionError, ClientResult, ErrorCodes: EXCEL_ENUMS.ErrorCodes };
  return () => {
    double.workbook.events.close();
    for (const b of before) {
      if (b.had) g[b.n] = b.value;
      else delete g[b.n];
    }
  };
}
