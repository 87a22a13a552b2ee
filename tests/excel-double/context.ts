// The request context and its batch: every property set, method call and load on a proxy is a
// queued command; context.sync() sends the queue as one request, runs it in order and fails at
// the first command that breaks a rule (those before it stay applied, those after it never run).
// https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#proxy-objects
import { CODES, clientError, ExcelFault, OfficeExtensionError } from './errors';
import { apiVersion, isSetSupported, type HostOptions } from './hosts';
import { jsonBytes, LIMITS, RULES } from './rules';
import type { WorkbookState } from './workbook-state';
import type { WorkbookProxy } from './proxy-workbook';

export interface Command {
  /** "Class.member", as Office names the place of an error (debugInfo.errorLocation). */
  location: string;
  /** API_SETS keys this command needs (the location when not given). */
  api?: string[];
  /** What the command sends to Excel (its JSON counts toward the request size). */
  payload: unknown;
  run: () => void | Promise<void>;
}

export interface FaultPlan {
  afterCommands?: number;
  code?: string;
}

export interface RequestLog {
  /** 1-based number of the sync. */
  sync: number;
  commands: number;
  requestBytes: number;
  responseBytes: number;
  /** The code the sync failed with, if it failed. */
  error?: string;
}

/** What a context needs from the double. */
export interface Engine {
  readonly workbook: WorkbookState;
  readonly hostOptions: HostOptions;
  readonly apiNotFound: 'sync' | 'call';
  nextSync(): { index: number; plan?: FaultPlan };
  record(entry: RequestLog): void;
}

export class RequestContext {
  readonly workbook: WorkbookProxy;
  /** Kept for code that tracks objects across syncs; the double's objects live for the whole run. */
  readonly trackedObjects = { add: (_o: unknown) => undefined, remove: (_o: unknown) => undefined };
  /** @internal */ _queue: Command[] = [];
  /** @internal */ _responses: Array<{ bytes: number; apply: () => void }> = [];
  /** @internal */ _closed = false;

  constructor(
    /** @internal */ readonly _engine: Engine,
    makeWorkbook: (ctx: RequestContext) => WorkbookProxy,
  ) {
    this.workbook = makeWorkbook(this);
  }

  /** @internal */ _supports(key: string): boolean {
    return isSetSupported(this._engine.hostOptions, 'ExcelApi', apiVersion(key));
  }

  /** @internal */ _apiError(key: string, location: string): ExcelFault {
    return new ExcelFault(CODES.apiNotFound, `${key} needs ExcelApi ${apiVersion(key)}; this ${this._engine.hostOptions.host} host has ${this._engine.hostOptions.excelApi}.`, location);
  }

  /** @internal */ _enqueue(command: Command): void {
    if (this._closed) {
      // Objects of a finished Excel.run are invalid (Office.js marks their paths invalid when the run ends).
      throw clientError(CODES.invalidObjectPath, `${command.location}: this object belongs to an Excel.run that has finished; objects cannot be used across runs.`, command.location);
    }
    if (this._engine.apiNotFound === 'call') {
      const missing = (command.api ?? [command.location]).find((k) => !this._supports(k));
      if (missing) {
        const f = this._apiError(missing, command.location);
        throw clientError(CODES.apiNotFound, f.message, command.location);
      }
    }
    this._queue.push(command);
  }

  /** @internal */ _respond(payload: unknown, apply: () => void): void {
    this._responses.push({ bytes: jsonBytes(payload), apply });
  }

  /** Throws InvalidRequestContext when `other` is a proxy of another context. */
  /** @internal */ _same(other: unknown, location: string): void {
    const ctx = (other as { _ctx?: unknown } | null)?._ctx;
    if (ctx !== undefined && ctx !== this) throw clientError(CODES.invalidRequestContext, `${location}: the object belongs to another request context.`, location);
  }

  sync<T>(passThroughValue?: T): Promise<T> {
    return execute(this).then(() => passThroughValue as T);
  }
}

async function execute(ctx: RequestContext): Promise<void> {
  if (ctx._closed) throw clientError(CODES.invalidObjectPath, 'This context belongs to an Excel.run that has finished.', 'RequestContext.sync');
  const engine = ctx._engine;
  const commands = ctx._queue;
  ctx._queue = [];
  ctx._responses = [];
  const { index, plan } = engine.nextSync();
  const requestBytes = jsonBytes(commands.map((c) => ({ l: c.location, p: c.payload })));
  const entry: RequestLog = { sync: index, commands: commands.length, requestBytes, responseBytes: 0 };
  engine.record(entry);
  const web = engine.hostOptions.host === 'web';
  let location = 'RequestContext.sync';
  // Let the caller's code after sync() run in a later turn, as with a real round trip.
  await Promise.resolve();
  try {
    if (plan && plan.afterCommands === undefined) {
      throw new ExcelFault(plan.code ?? CODES.connectionFailure, `Injected failure of sync ${index}: the request did not reach Excel.`);
    }
    if (web && requestBytes > LIMITS.payloadBytes) {
      throw new ExcelFault(CODES.requestPayloadSizeLimitExceeded, `The request has ${requestBytes} bytes; Excel on the web takes ${LIMITS.payloadBytes}. ${RULES.payload.source}`);
    }
    for (let i = 0; i < commands.length; i++) {
      if (plan && i === plan.afterCommands) throw new ExcelFault(plan.code ?? CODES.generalException, `Injected failure of sync ${index} after ${i} commands.`);
      const command = commands[i];
      location = command.location;
      const missing = (command.api ?? [command.location]).find((k) => !ctx._supports(k));
      if (missing) throw ctx._apiError(missing, command.location);
      await command.run();
    }
    if (plan && plan.afterCommands !== undefined && plan.afterCommands >= commands.length) {
      throw new ExcelFault(plan.code ?? CODES.generalException, `Injected failure of sync ${index} after all ${commands.length} commands.`);
    }
    entry.responseBytes = ctx._responses.reduce((n, r) => n + r.bytes, 0);
    if (web && entry.responseBytes > LIMITS.payloadBytes) {
      // The commands ran; only the answer is refused (the pages do not say more).
      throw new ExcelFault(CODES.responsePayloadSizeLimitExceeded, `The response has ${entry.responseBytes} bytes; Excel on the web returns ${LIMITS.payloadBytes}. ${RULES.payload.source}`);
    }
    for (const r of ctx._responses) r.apply();
  } catch (e) {
    if (!(e instanceof ExcelFault)) throw e;
    entry.error = e.code;
    throw new OfficeExtensionError(e.code, e.message, e.location ?? location);
  } finally {
    ctx._responses = [];
    // Changed events fire after the sync that changed the cells, whether or not it failed later (events.ts).
    engine.workbook.events.dispatch();
  }
}

type Batch<T> = (context: RequestContext) => Promise<T>;

/**
 * Excel.run: a fresh context, the batch, then one more sync when commands are still queued
 * ("run functions call sync() implicitly before they resolve", application-specific-api-model#run-function).
 */
export async function runBatch<T>(engine: Engine, makeWorkbook: (ctx: RequestContext) => WorkbookProxy, a: unknown, b?: unknown): Promise<T> {
  const batch = (typeof a === 'function' ? a : b) as Batch<T> | undefined;
  if (typeof batch !== 'function') throw clientError(CODES.invalidArgument, 'Excel.run needs a batch function.', 'Excel.run');
  const ctx = new RequestContext(engine, makeWorkbook);
  try {
    const pending = batch(ctx);
    if (!pending || typeof (pending as Promise<T>).then !== 'function') {
      throw clientError(CODES.runMustReturnPromise, 'The batch passed to Excel.run must return a promise.', 'Excel.run');
    }
    const result = await pending;
    if (ctx._queue.length) await ctx.sync();
    return result;
  } finally {
    ctx._closed = true;
  }
}
