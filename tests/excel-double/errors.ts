// Errors of the double: the OfficeExtension.Error that context.sync() rejects with, and the
// internal fault a command throws while it runs (turned into that error by the sync).

/**
 * The error codes the double uses. Each is a documented code: the application-specific error
 * table (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling#error-codes-and-messages),
 * Excel.ErrorCodes (https://learn.microsoft.com/javascript/api/excel/excel.errorcodes) or
 * OfficeExtension.ErrorCodes (https://learn.microsoft.com/javascript/api/office/officeextension.errorcodes).
 */
export const CODES = {
  accessDenied: 'AccessDenied',
  apiNotFound: 'ApiNotFound',
  badPassword: 'BadPassword',
  connectionFailure: 'ConnectionFailure',
  formulaLengthExceedsLimit: 'FormulaLengthExceedsLimit',
  generalException: 'GeneralException',
  invalidArgument: 'InvalidArgument',
  invalidObjectPath: 'InvalidObjectPath',
  invalidOperation: 'InvalidOperation',
  invalidRequestContext: 'InvalidRequestContext',
  itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound',
  mergedRangeConflict: 'MergedRangeConflict',
  propertyNotLoaded: 'PropertyNotLoaded',
  rangeExceedsLimit: 'RangeExceedsLimit',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
  runMustReturnPromise: 'RunMustReturnPromise',
  valueNotLoaded: 'ValueNotLoaded',
} as const;

export type ErrorCode = (typeof CODES)[keyof typeof CODES];

export interface DebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
}

/**
 * What `context.sync()` rejects with, and what reading an unloaded property throws: `code`,
 * `message` and `debugInfo`, as OfficeExtension.Error has them
 * (https://learn.microsoft.com/javascript/api/office/officeextension.error).
 */
export class OfficeExtensionError extends Error {
  readonly code: string;
  readonly debugInfo: DebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: null = null;

  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = 'OfficeExtension.Error';
    this.code = code;
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

/** A rule broken while a queued command runs; the sync turns it into an OfficeExtensionError. */
export class ExcelFault extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly location?: string,
  ) {
    super(message);
    this.name = 'ExcelFault';
  }
}

/** Throws the fault a command hit (the sync adds the command's location when it has none). */
export function fault(code: ErrorCode, message: string, location?: string): never {
  throw new ExcelFault(code, message, location);
}

/** The error thrown on the spot, outside a sync (unloaded property, proxy of a finished run, ...). */
export function clientError(code: ErrorCode, message: string, location?: string): OfficeExtensionError {
  return new OfficeExtensionError(code, message, location);
}

export function notLoaded(type: string, prop: string): OfficeExtensionError {
  // Office.js throws PropertyNotLoaded when a property is read before load() and sync():
  // https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#load
  // (code and wording seen in https://github.com/OfficeDev/office-js/issues/777).
  return clientError(CODES.propertyNotLoaded, `${type}.${prop} is not loaded: load it and sync the context before reading it.`, `${type}.${prop}`);
}
