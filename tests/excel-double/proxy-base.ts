// Proxy objects: what an add-in holds instead of Excel's objects. Reading needs load() and a
// sync (PropertyNotLoaded otherwise); writing and calling queue commands; objects a command
// creates (getItem, add, getRange, ...) are resolved when that command runs, so later commands
// of the same batch can use them.
import { CODES, clientError, ExcelFault, fault, notLoaded } from './errors';
import { RULES } from './rules';
import type { RequestContext } from './context';
import type { WorkbookState } from './workbook-state';

/** How a proxy finds its Excel object when a command runs: the object, null (a null object), or a fault. */
export interface Ref<T> {
  get(): T | null;
}

export const fixed = <T>(value: T): Ref<T> => ({ get: () => value });

/** The result of a method returning a primitive: `.value` is readable after the sync. */
export class ClientResult<T> {
  private done = false;
  private result?: T;

  get value(): T {
    if (!this.done) throw clientError(CODES.valueNotLoaded, 'The value of this result is not loaded yet: sync the context before reading it.', 'ClientResult.value');
    return this.result as T;
  }

  /** @internal */ _resolve(value: T): void {
    this.result = value;
    this.done = true;
  }
}

/** Splits a load argument into property paths ("a, b/c" | ["a"] | { select }). */
export function loadPaths(spec: unknown): string[] {
  if (spec === undefined || spec === null) return [];
  if (typeof spec === 'object' && !Array.isArray(spec)) return loadPaths((spec as { select?: unknown }).select);
  const list = Array.isArray(spec) ? spec : [spec];
  return list.flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean);
}

const gone = (t: unknown) => {
  const o = t as { deleted?: boolean; sheet?: { deleted?: boolean } } | null;
  return !!o && (o.deleted === true || o.sheet?.deleted === true);
};

export abstract class ClientObject<T> {
  /** @internal */ _values = new Map<string, unknown>();
  /** @internal */ _null?: boolean;
  protected abstract readonly _type: string;

  constructor(
    /** @internal */ readonly _ctx: RequestContext,
    /** @internal */ readonly _ref: Ref<T>,
  ) {}

  get context(): RequestContext {
    return this._ctx;
  }

  /** @internal */ get _wb(): WorkbookState {
    return this._ctx._engine.workbook;
  }

  /** Set by every sync that created or loaded this object. */
  get isNullObject(): boolean {
    if (this._null === undefined) throw notLoaded(this._type, 'isNullObject');
    return this._null;
  }

  /** The properties load() without arguments (or a collection's 'items') loads. */
  /** @internal */ abstract _scalars(): string[];

  /** A property's value for a load, read from the Excel object. */
  /** @internal */ abstract _read(target: T, prop: string, location: string): unknown;

  /** A navigation property, for load paths such as "format/font/bold". */
  /** @internal */ _child(_name: string): ClientObject<unknown> | undefined {
    return undefined;
  }

  /**
   * The workbook's list that holds objects of this kind, for those removed by leaving it (tables,
   * PivotTables, custom XML parts) rather than by a deleted flag.
   */
  /** @internal */ _holders(): readonly T[] | undefined {
    return undefined;
  }

  /** @internal */ _target(location: string): T {
    const t = this._ref.get();
    if (t === null) fault(CODES.itemNotFound, `The ${this._type} is a null object (it does not exist). ${RULES.nullObjectUse.source}`, location);
    const holders = this._holders();
    if (gone(t) || (holders && !holders.includes(t))) fault(CODES.itemNotFound, `The ${this._type} no longer exists (it was deleted).`, location);
    return t;
  }

  /** @internal */ _readAll(target: T, props: string[], location: string): Record<string, unknown> {
    const snap: Record<string, unknown> = {};
    for (const p of props) {
      const key = `${this._type}.${p}`;
      if (!this._ctx._supports(key)) throw this._ctx._apiError(key, location);
      snap[p] = this._read(target, p, location);
    }
    return snap;
  }

  /** @internal */ _receive(snap: Record<string, unknown>): void {
    this._null = false;
    for (const [k, v] of Object.entries(snap)) this._values.set(k, v);
  }

  load(spec?: unknown): this {
    const paths = loadPaths(spec);
    const own = new Set<string>();
    const nested = new Map<string, string[]>();
    for (const p of paths) {
      const [head, ...rest] = p.split('/');
      const child = this._child(head);
      if (child) nested.set(head, [...(nested.get(head) ?? []), ...(rest.length ? [rest.join('/')] : [])]);
      else own.add(head);
    }
    for (const [name, rest] of nested) this._child(name)!.load(rest.length ? rest : undefined);
    if (own.size === 0 && nested.size > 0) return this;
    const props = own.size ? [...own] : this._scalars();
    const location = `${this._type}.load`;
    this._ctx._enqueue({
      location,
      api: [],
      payload: { load: props },
      run: () => {
        const t = this._ref.get();
        if (t === null) {
          this._ctx._respond({ isNull: true }, () => (this._null = true));
          return;
        }
        if (gone(t)) fault(CODES.itemNotFound, `The ${this._type} no longer exists (it was deleted).`, location);
        const snap = this._readAll(t, props, location);
        this._ctx._respond(snap, () => this._receive(snap));
      },
    });
    return this;
  }

  /** Sets several properties, as Office.js set() does (nested objects for navigation properties). */
  set(properties: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(properties)) {
      const child = this._child(k);
      if (child && v && typeof v === 'object' && !Array.isArray(v)) child.set(v as Record<string, unknown>);
      else (this as unknown as Record<string, unknown>)[k] = v;
    }
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._values);
  }

  /** A loaded property (undefined on a null object, as Office.js gives). */
  protected _get<V>(prop: string): V {
    if (this._null === true) return undefined as V;
    if (!this._values.has(prop)) throw notLoaded(this._type, prop);
    return this._values.get(prop) as V;
  }

  /** Queues setting a property; the proxy shows the new value at once, as Office.js does. */
  protected _set(prop: string, value: unknown, apply: (target: T, location: string) => void, api?: string[]): void {
    const location = `${this._type}.${prop}`;
    this._ctx._enqueue({ location, api: api ?? [location, `${location}.set`], payload: { set: prop, value }, run: () => apply(this._target(location), location) });
    this._values.set(prop, value);
  }

  /** Queues a method call with no result. */
  protected _call(method: string, args: unknown[], run: (target: T, location: string) => void | Promise<void>, api?: string[]): void {
    const location = `${this._type}.${method}`;
    this._ctx._enqueue({ location, api: api ?? [location], payload: { call: method, args: plain(args) }, run: () => run(this._target(location), location) });
  }

  /** Queues a method call whose result is read after the sync. */
  protected _result<R>(method: string, args: unknown[], run: (target: T, location: string) => R | Promise<R>, api?: string[]): ClientResult<R> {
    const result = new ClientResult<R>();
    const location = `${this._type}.${method}`;
    this._ctx._enqueue({
      location,
      api: api ?? [location],
      payload: { call: method, args: plain(args) },
      run: async () => {
        const value = await run(this._target(location), location);
        this._ctx._respond({ value }, () => result._resolve(value));
      },
    });
    return result;
  }

  /** Queues creating an object (getItem, add, getRange, ...); it is found when the command runs. */
  protected _make<U, C extends ClientObject<U>>(method: string, args: unknown[], make: new (ctx: RequestContext, ref: Ref<U>) => C, resolve: (parent: T, location: string) => U | null | Promise<U | null>, options: { orNull?: boolean; api?: string[] } = {}): C {
    const location = `${this._type}.${method}`;
    const slot: { done: boolean; value: U | null } = { done: false, value: null };
    const child = new make(this._ctx, {
      get: () => {
        if (!slot.done) throw new ExcelFault(CODES.generalException, `${location} has not run yet.`, location);
        return slot.value;
      },
    });
    this._ctx._enqueue({
      location,
      api: options.api ?? [location],
      payload: { call: method, args: plain(args) },
      run: async () => {
        const parent = this._ref.get();
        if (parent !== null && gone(parent)) fault(CODES.itemNotFound, `The ${this._type} no longer exists (it was deleted).`, location);
        const value = parent === null ? null : await resolve(parent, location);
        if (value === null && !options.orNull) fault(CODES.itemNotFound, `${location}: the item does not exist. ${RULES.getItem.source}`, location);
        slot.done = true;
        slot.value = value;
        this._ctx._respond({ isNull: value === null }, () => (child._null = value === null));
      },
    });
    return child;
  }

  /** Checks that a proxy argument comes from this context. */
  protected _same(other: unknown, method: string): void {
    this._ctx._same(other, `${this._type}.${method}`);
  }
}

/** Proxy arguments are sent as references, not as their contents. */
function plain(args: unknown[]): unknown[] {
  return args.map((a) => (a instanceof ClientObject ? { ref: (a as unknown as { _type: string })._type } : a));
}

/** A collection: load('items'), load('items/name'), load('name') load the items' properties. */
export abstract class CollectionObject<T, E, P extends ClientObject<E>> extends ClientObject<T> {
  /** @internal */ abstract _entities(target: T, location: string): E[];
  /** @internal */ abstract _proxy(entity: E): P;

  /** @internal */ _scalars(): string[] {
    return ['items'];
  }

  /** @internal */ _read(_target: T, prop: string, location: string): unknown {
    return fault(CODES.invalidArgument, `A collection has no property ${prop}.`, location);
  }

  get items(): P[] {
    return this._get<P[]>('items');
  }

  override load(spec?: unknown): this {
    const props = loadPaths(spec)
      .filter((p) => p !== 'items')
      .map((p) => (p.startsWith('items/') ? p.slice('items/'.length) : p));
    const location = `${this._type}.load`;
    this._ctx._enqueue({
      location,
      api: [`${this._type}.items`],
      payload: { load: ['items', ...props] },
      run: () => {
        const t = this._target(location);
        const entities = this._entities(t, location);
        const proxies = entities.map((e) => this._proxy(e));
        const snaps = proxies.map((p, i) => p._readAll(entities[i], props.length ? props : p._scalars(), location));
        this._ctx._respond(snaps, () => {
          this._null = false;
          this._values.set('items', proxies);
          proxies.forEach((p, i) => p._receive(snaps[i]));
        });
      },
    });
    return this;
  }
}
