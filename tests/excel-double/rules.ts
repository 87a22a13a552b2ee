// The documented rules the double enforces, each with the page (or issue) that states it, and the
// checks that apply them. A rule whose error code no page gives says so and uses the closest
// documented code.
import { CODES, fault } from './errors';

export interface Rule {
  says: string;
  source: string;
  /** Set when no source names the error code: why this code was chosen. */
  codeChosen?: string;
}

const LEARN = 'https://learn.microsoft.com';

export const RULES = {
  veryHiddenDelete: {
    says: 'Deleting a worksheet whose visibility is VeryHidden fails with InvalidOperation; make it Hidden or Visible first.',
    source: `${LEARN}/javascript/api/excel/excel.worksheet#excel-excel-worksheet-delete-member(1)`,
  },
  oneVisibleSheet: {
    says: 'A workbook keeps at least one visible sheet: hiding or deleting the last visible one fails.',
    source: `${LEARN}/office/troubleshoot/excel/hide-sheet-and-use-xlveryhidden`,
    codeChosen: 'No page gives the API error code; InvalidOperation ("The operation attempted is invalid on the object").',
  },
  unboundedWrite: {
    says: 'Cell-level properties (values, numberFormat, formulas) cannot be set on an unbounded range (whole columns or rows); format properties can.',
    source: `${LEARN}/office/dev/add-ins/excel/excel-add-ins-ranges-unbounded#write-to-an-unbounded-range`,
    codeChosen: 'The page says "returns an error" without a code; InvalidArgument (the request is too large for the argument).',
  },
  unboundedWriteObserved: {
    says: 'Reported (not documented): a 1x1 numberFormat array on an unbounded range works on Windows, Mac and the web.',
    source: 'https://github.com/OfficeDev/office-js-docs-pr/issues/5400',
  },
  unboundedRead: {
    says: 'Reading an unbounded range gives null for values, text, numberFormat and formulas; address and counts stay valid.',
    source: `${LEARN}/office/dev/add-ins/excel/excel-add-ins-ranges-unbounded#read-an-unbounded-range`,
  },
  sheetName: {
    says: 'A sheet name is not blank, has at most 31 characters, none of / \\ ? * : [ ], does not begin or end with an apostrophe and is not "History".',
    source: 'https://support.microsoft.com/office/rename-a-worksheet-3f1f7148-ee83-404d-8ef0-9ff99fbad1f9 (quoted in https://github.com/jmcnamara/libxlsxwriter/issues/223); length also in ' +
      `${LEARN}/javascript/api/excel/excel.worksheet#excel-excel-worksheet-name-member`,
    codeChosen: 'InvalidArgument, as Excel answers a bad sheet name (https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/3361).',
  },
  sheetNameUnique: {
    says: 'Sheet names are unique in the workbook, without regard to case.',
    source: 'https://github.com/OfficeDev/office-scripts-docs/issues/560 ("A resource with the same name or identifier already exists" from addWorksheet)',
  },
  cellLength: {
    says: 'A cell holds at most 32,767 characters.',
    source: 'https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3',
    codeChosen: 'No page gives the API error code; InvalidArgument.',
  },
  formulaLength: {
    says: 'A formula has at most 8,192 characters.',
    source: `${LEARN}/openspecs/office_standards/ms-oi29500/8ebf82e4-4fa4-43a6-9ecd-d2d793a6f4bf and the Excel specifications and limits page`,
    codeChosen: 'FormulaLengthExceedsLimit, the documented code for a too-long formula (documented for its bytecode length).',
  },
  payload: {
    says: 'Excel on the web limits each request and each response to 5 MB (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded, web only).',
    source: `${LEARN}/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins and ` +
      `${LEARN}/office/dev/add-ins/testing/application-specific-api-error-handling#error-codes-and-messages`,
  },
  readCells: {
    says: 'A range read is limited to 5,000,000 cells on every platform.',
    source: `${LEARN}/office/dev/add-ins/excel/performance#payload-size-limit-best-practices`,
    codeChosen: 'RangeExceedsLimit ("The cell count in the range has exceeded the maximum supported number").',
  },
  typedInput: {
    says: 'A value written through values (or formulas) starting with =, + or - is read as a formula; other text is read as Excel reads typed input (numbers, dates), unless the cell is formatted as text (@) or the text starts with an apostrophe.',
    source: `${LEARN}/javascript/api/excel/excel.range#excel-excel-range-values-member`,
  },
  protectedCells: {
    says: 'On a protected sheet, locked cells refuse values and formulas; formatting needs the matching protection option (allowFormatCells/Columns/Rows).',
    source: `${LEARN}/javascript/api/excel/excel.worksheetprotectionoptions`,
    codeChosen: 'AccessDenied, as Excel answers a write to a locked cell (https://github.com/microsoftgraph/microsoft-graph-docs/issues/4546).',
  },
  protectTwice: {
    says: 'protect() fails if the worksheet is already protected.',
    source: `${LEARN}/javascript/api/excel/excel.worksheetprotection#excel-excel-worksheetprotection-protect-member(1)`,
    codeChosen: 'No code given; InvalidOperation.',
  },
  arrayShape: {
    says: 'A values/formulas/numberFormat array must have the range\'s rows and columns (or be a single value for every cell).',
    source: 'https://github.com/OfficeDev/office-js/issues/1025 (InvalidArgument) and https://github.com/OfficeDev/office-js-docs-reference/issues/578 (single value)',
  },
  tableName: {
    says: 'Table names are unique in the workbook, start with a letter or underscore and hold no spaces; a duplicate fails with InvalidArgument.',
    source: 'https://github.com/OfficeDev/office-js/issues/551 and https://github.com/OfficeDev/office-js-docs-reference/issues/555',
  },
  tableOverlap: {
    says: 'A table cannot overlap another table.',
    source: `${LEARN}/javascript/api/excel/excel.tablecollection#excel-excel-tablecollection-add-member(1)`,
    codeChosen: 'MergedRangeConflict, whose documented message says a table cannot overlap another table.',
  },
  dataValidationRule: {
    says: 'A data validation rule holds exactly one kind of criteria.',
    source: `${LEARN}/office/dev/add-ins/excel/excel-add-ins-data-validation#create-validation-rules`,
  },
  getItem: {
    says: 'getItem of a missing item fails with ItemNotFound; *OrNullObject gives an object whose isNullObject is true.',
    source: `${LEARN}/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties`,
  },
  nullObjectUse: {
    says: 'Not documented: a method or property set on a null object; the double fails it with ItemNotFound.',
    source: `${LEARN}/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties`,
  },
  addressLength: {
    says: 'A getRange address has at most 8192 characters (InvalidArgument).',
    source: `${LEARN}/javascript/api/excel/excel.worksheet#excel-excel-worksheet-getrange-member(1)`,
  },
  mergeKeepsTopLeft: {
    says: 'Merging keeps the content of the upper-left cell of each merged area (of each row with across); the contents of the other cells are deleted, and unmerging does not bring them back.',
    source: 'https://support.microsoft.com/office/merge-and-unmerge-cells-5cbd15d5-9375-4540-907f-c673a93fcedf and ' +
      `${LEARN}/office/vba/api/excel.range.merge ("The value of a merged range is specified in the cell of the range's upper-left corner"); ` +
      `Range.merge(across) and Range.unmerge are ExcelApi 1.2 (${LEARN}/javascript/api/excel/excel.range#excel-excel-range-merge-member(1))`,
  },
  mergeOverlap: {
    says: 'Not documented for the API: merging a range that cuts through an existing merged area; the double refuses it (areas wholly inside the range are folded into the new one, as Merge Cells does over a selection).',
    source: `${LEARN}/javascript/api/excel/excel.range#excel-excel-range-merge-member(1)`,
    codeChosen: 'InvalidArgument (the range argument does not fit the sheet).',
  },
  mergeTable: {
    says: 'A table cannot hold merged cells: merging over a table, or adding a table over merged cells, fails with MergedRangeConflict.',
    source: `${LEARN}/office/dev/add-ins/testing/application-specific-api-error-handling#error-codes-and-messages ` +
      '(MergedRangeConflict: "A table can\'t overlap with another table, PivotTable report, query results, merged cells, or XML Map")',
  },
  mergeProtected: {
    says: 'On a protected sheet cells cannot be merged or unmerged: no WorksheetProtectionOptions option allows it (allowFormatCells covers formats, not merging).',
    source: `${LEARN}/javascript/api/excel/excel.worksheetprotectionoptions and https://support.microsoft.com/office/protect-a-worksheet-3179efdb-1285-4d49-a9c3-f4ca36276de6`,
    codeChosen: 'AccessDenied, as for a write to a locked cell (RULES.protectedCells).',
  },
  alignment: {
    says: 'RangeFormat.horizontalAlignment is one of General, Left, Center, Right, Fill, Justify, CenterAcrossSelection, Distributed; verticalAlignment one of Top, Center, Bottom, Justify, Distributed (ExcelApi 1.1).',
    source: `${LEARN}/javascript/api/excel/excel.horizontalalignment and ${LEARN}/javascript/api/excel/excel.verticalalignment`,
  },
  insertNames: {
    says: 'Inserted or copied sheets whose name is taken get a number, as in the Excel UI ("Sheet1 (2)").',
    source: `${LEARN}/office/dev/add-ins/excel/excel-add-ins-worksheets#copy-an-existing-worksheet`,
  },
} satisfies Record<string, Rule>;

export const LIMITS = {
  sheetName: 31,
  cellChars: 32767,
  formulaChars: 8192,
  addressChars: 8192,
  /** 5 MB, read as 5 × 1024 × 1024 bytes of UTF-8 (the pages do not say which megabyte). */
  payloadBytes: 5 * 1024 * 1024,
  readCells: 5_000_000,
} as const;

const BAD_SHEET_CHARS = /[\\/?*[\]:]/;

/** Rule 4: a valid sheet name, unique (case-insensitive) among `others`. */
export function checkSheetName(name: unknown, others: string[], location: string): string {
  if (typeof name !== 'string' || name.trim() === '') fault(CODES.invalidArgument, 'A sheet name cannot be blank.', location);
  if (name.length > LIMITS.sheetName) fault(CODES.invalidArgument, `A sheet name has at most ${LIMITS.sheetName} characters: "${name}".`, location);
  if (BAD_SHEET_CHARS.test(name)) fault(CODES.invalidArgument, `A sheet name cannot hold / \\ ? * : [ ]: "${name}".`, location);
  if (name.startsWith("'") || name.endsWith("'")) fault(CODES.invalidArgument, `A sheet name cannot begin or end with an apostrophe: "${name}".`, location);
  if (name.toLowerCase() === 'history') fault(CODES.invalidArgument, '"History" is a name Excel reserves.', location);
  if (others.some((o) => o.toLowerCase() === name.toLowerCase())) fault(CODES.itemAlreadyExists, `A sheet named "${name}" already exists.`, location);
  return name;
}

/** `name`, or `name (2)`, `name (3)`, ... as Excel names a copy, kept within 31 characters. */
export function uniqueSheetName(name: string, taken: string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(name.toLowerCase())) return name;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = name.slice(0, LIMITS.sheetName - suffix.length) + suffix;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/** Rule 5: the length limits of a cell's text and of a formula. */
export function checkCellLength(text: string, isFormula: boolean, location: string): void {
  if (isFormula && text.length > LIMITS.formulaChars) {
    fault(CODES.formulaLengthExceedsLimit, `A formula has at most ${LIMITS.formulaChars} characters (this one has ${text.length}).`, location);
  }
  if (!isFormula && text.length > LIMITS.cellChars) {
    fault(CODES.invalidArgument, `A cell holds at most ${LIMITS.cellChars} characters (this text has ${text.length}).`, location);
  }
}

const TABLE_NAME = /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/;
const CELL_LIKE = /^([A-Za-z]{1,3}\d+|[RrCc]\d*|[Rr]\d+[Cc]\d+)$/;

/** Table names: the rules of "Rename an Excel table" as the issues cited in RULES.tableName report them. */
export function checkTableName(name: unknown, others: string[], location: string): string {
  if (typeof name !== 'string' || !TABLE_NAME.test(name) || name.length > 255 || CELL_LIKE.test(name)) {
    fault(CODES.invalidArgument, `Not a valid table name: "${String(name)}".`, location);
  }
  if (others.some((o) => o.toLowerCase() === name.toLowerCase())) fault(CODES.invalidArgument, `A table named "${name}" already exists in the workbook.`, location);
  return name;
}

const STYLE = /^TableStyle(Light([1-9]|1\d|2[01])|Medium([1-9]|1\d|2[0-8])|Dark([1-9]|1[01]))$/;

/** Table.style: TableStyleLight1-21, TableStyleMedium1-28, TableStyleDark1-11 (or a custom style; the double has none). */
export function checkTableStyle(style: unknown, location: string): string {
  if (typeof style !== 'string' || !STYLE.test(style)) fault(CODES.invalidArgument, `Not a table style: "${String(style)}".`, location);
  return style;
}

const RULE_KINDS = ['wholeNumber', 'decimal', 'textLength', 'date', 'time', 'list', 'custom'];

export function checkValidationRule(rule: unknown, location: string): Record<string, unknown> {
  const keys = rule && typeof rule === 'object' ? Object.keys(rule).filter((k) => (rule as Record<string, unknown>)[k] !== undefined) : [];
  if (keys.length !== 1 || !RULE_KINDS.includes(keys[0])) {
    fault(CODES.invalidArgument, `A data validation rule holds exactly one of ${RULE_KINDS.join(', ')}.`, location);
  }
  return rule as Record<string, unknown>;
}

/** The UTF-8 size of a JSON payload. */
export function jsonBytes(payload: unknown): number {
  return Buffer.byteLength(JSON.stringify(payload) ?? '', 'utf8');
}
