// A strict double of how Excel calls a custom function, on Windows ("desktop") and on the web.
// Given a function's metadata (read from the JSDoc by custom-functions-metadata, the library the
// build's metadata plugin uses for dist/functions.json) and the formula's arguments as cells, it
// passes the JavaScript values that host passes. Every rule below names its source; what no
// source describes is refused (NotModelled) rather than guessed, so a test cannot lean on it.
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';

export type Host = 'desktop' | 'web';
export const HOSTS: readonly Host[] = ['desktop', 'web'];

/** One argument of a formula, as the user wrote it. */
export type Arg =
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  | { kind: 'boolean'; value: boolean }
  /** A reference to a cell that holds nothing (=PLAN.ACHIEVEMENT(A2,B2) with B2 empty). */
  | { kind: 'empty cell' }
  /** Left out: after the last argument, or between two commas. */
  | { kind: 'omitted' };

export const num = (value: number): Arg => ({ kind: 'number', value });
export const text = (value: string): Arg => ({ kind: 'text', value });
export const bool = (value: boolean): Arg => ({ kind: 'boolean', value });
export const EMPTY_CELL: Arg = { kind: 'empty cell' };
export const OMITTED: Arg = { kind: 'omitted' };

/** A literal as the Arg it is in a formula (numbers, texts, booleans). */
export function literal(v: number | string | boolean): Arg {
  return typeof v === 'number' ? num(v) : typeof v === 'string' ? text(v) : bool(v);
}

export interface Rule {
  says: string;
  source: string;
}

/** What each host passes, and where that is written down. */
export const RULES = {
  omitted: {
    says: 'An optional argument given no value is null, on every host.',
    source: 'https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-parameter-options#optional-parameters',
  },
  emptyCellWeb: {
    says: 'A reference to an empty cell is null in Excel on the web.',
    source: 'https://github.com/OfficeDev/office-js/issues/4702',
  },
  emptyCellDesktop: {
    // Issue 4702 shows it with an `any` parameter; 1951 and 5262 show the same 0 for empty cells
    // of range arguments. No source says a typed (string) parameter gets something else, so the
    // double passes 0 for every scalar parameter: the harder case for the functions.
    says: 'A reference to an empty cell is 0 in Excel on Windows, where the web passes null.',
    source: 'https://github.com/OfficeDev/office-js/issues/4702',
  },
  values: {
    says: 'A parameter of type any takes a number, a text or a boolean as it is; a typed parameter takes its own type; no type means any.',
    source: 'https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json#parameters',
  },
  invocation: {
    says: 'Every call gets an invocation object as its last argument, after the declared parameters.',
    source: 'https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-parameter-options#invocation-parameter',
  },
  errors: {
    says: 'A CustomFunctions.Error shows its code; a message only with #VALUE! and #N/A.',
    source: 'https://learn.microsoft.com/javascript/api/custom-functions-runtime/customfunctions.errorcode',
  },
} satisfies Record<string, Rule>;

/** A call the double has no source for: a test must not depend on what Excel would do. */
export class NotModelled extends Error {}

export interface ParameterMetadata {
  name: string;
  type?: 'any' | 'boolean' | 'number' | 'string';
  optional?: boolean;
  dimensionality?: 'scalar' | 'matrix';
  repeating?: boolean;
}

export interface FunctionMetadata {
  id: string;
  name: string;
  parameters: ParameterMetadata[];
  result: { type?: string; dimensionality?: 'scalar' | 'matrix' };
}

export interface Metadata {
  functions: FunctionMetadata[];
  /** JavaScript function name of each id, as the build's CustomFunctions.associate calls. */
  associate: Array<{ id: string; functionName: string }>;
}

/** The metadata the build writes to functions.json, read from the functions' JSDoc. */
export async function metadataOf(sourceFile: string): Promise<Metadata> {
  const r = await generateCustomFunctionsMetadata(sourceFile);
  if (r.errors.length) throw new Error(`metadata of ${sourceFile}: ${r.errors.join('; ')}`);
  return { functions: JSON.parse(r.metadataJson).functions, associate: r.associate };
}

const TYPE_OF = { number: 'number', text: 'string', boolean: 'boolean' } as const;

/** The value one host passes for one argument of one parameter. */
export function passedValue(host: Host, param: ParameterMetadata, arg: Arg): unknown {
  if (param.dimensionality === 'matrix' || param.repeating) throw new NotModelled(`${param.name}: range and repeating parameters are not modelled`);
  const type = param.type ?? 'any';
  switch (arg.kind) {
    case 'omitted':
      if (!param.optional) throw new NotModelled(`${param.name} is required: Excel does not call a function with it left out`);
      return null; // RULES.omitted
    case 'empty cell':
      return host === 'web' ? null : 0; // RULES.emptyCellWeb, RULES.emptyCellDesktop
    default:
      // RULES.values: no source says how a typed parameter converts another type, so only
      // matching values pass.
      if (type !== 'any' && type !== TYPE_OF[arg.kind]) {
        throw new NotModelled(`${param.name} is declared ${type}; what Excel makes of a ${arg.kind} there is not documented`);
      }
      return arg.value;
  }
}

/** What a cell shows: a value, or an error code with the message of its error indicator. */
export type Shown = { value: unknown } | { error: string; message?: string };

const MESSAGE_CODES = new Set(['#VALUE!', '#N/A']);

/** The custom-functions runtime the functions call (CustomFunctions.Error, ErrorCode, associate). */
export class CustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
    if (message !== undefined && !MESSAGE_CODES.has(code)) throw new NotModelled(`${code} takes no message (RULES.errors)`);
  }
}

export function installCustomFunctionsRuntime(): void {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
    Error: CustomFunctionError,
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!', nullReference: '#NULL!', invalidName: '#NAME?', invalidReference: '#REF!' },
    associate: () => {
      throw new NotModelled('the double associates functions from the metadata, as the build does');
    },
  };
}

type Implementation = (...args: unknown[]) => unknown;

/** Excel on one host, with the functions of one script registered. */
export class ExcelHost {
  /** The arguments of the last call, as the function received them. */
  lastPassed: unknown[] = [];
  private readonly byId = new Map<string, { meta: FunctionMetadata; fn: Implementation }>();

  constructor(
    readonly host: Host,
    metadata: Metadata,
    script: Record<string, unknown>,
  ) {
    for (const meta of metadata.functions) {
      const name = metadata.associate.find((a) => a.id === meta.id)?.functionName;
      const fn = name ? script[name] : undefined;
      if (typeof fn !== 'function') throw new Error(`${meta.id}: the script has no function ${name}`);
      this.byId.set(meta.id, { meta, fn: fn as Implementation });
    }
  }

  /** The values this host passes for a call of `id` with these arguments (RULES.invocation). */
  argumentsFor(id: string, args: readonly Arg[]): unknown[] {
    const { meta } = this.entry(id);
    if (args.length > meta.parameters.length) throw new NotModelled(`${id} takes ${meta.parameters.length} arguments, not ${args.length}`);
    const values = meta.parameters.map((p, i) => passedValue(this.host, p, args[i] ?? OMITTED));
    return [...values, Object.freeze({ functionName: meta.name })];
  }

  /** Computes =NS.ID(args…) the way this host calls the function, and what the cell shows. */
  async compute(id: string, args: readonly Arg[]): Promise<Shown> {
    const passed = this.argumentsFor(id, args);
    this.lastPassed = passed;
    try {
      return { value: await this.entry(id).fn(...passed) };
    } catch (e) {
      if (e instanceof CustomFunctionError) return { error: e.code, ...(e.message ? { message: e.message } : {}) };
      throw e; // not modelled: a test should see any other exception
    }
  }

  private entry(id: string) {
    const e = this.byId.get(id);
    if (!e) throw new NotModelled(`no custom function ${id}`);
    return e;
  }
}
