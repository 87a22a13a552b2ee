// The database gateway: the only place that talks to PostgreSQL. Two backends answer the same
// plain SQL: PGlite (PostgreSQL in WebAssembly, kept in a folder: one office needs nothing
// installed) and a PostgreSQL server through a `pg` pool (a city, several server processes).
import * as fs from 'fs';
import { Pool, type PoolClient } from 'pg';

/** One query function: inside a transaction, or on its own. */
export type Query = <T>(sql: string, params?: readonly unknown[]) => Promise<T[]>;

export interface Db {
  query: Query;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  tx<T>(fn: (q: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A folder for the embedded database (created when missing). */
  data?: string;
  /** A `postgres://` URL: a PostgreSQL server. */
  url?: string;
}

/** Opens the database named (a URL wins over a folder). Migrations are the caller's: see migrations.ts. */
export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  if (options.url) return pgDatabase(options.url);
  if (options.data) return pgliteDatabase(options.data);
  throw new Error('name a database: a data folder or a postgres:// URL');
}

async function pgliteDatabase(dir: string): Promise<Db> {
  fs.mkdirSync(dir, { recursive: true });
  // Loaded only when used (a PostgreSQL server never loads the WASM), through Node's own loader:
  // PGlite imports Node modules dynamically, which a sandboxed loader (jest's vm) cannot do.
  // (Node before 20.16 has no getBuiltinModule, and no sandbox to escape either.)
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the plain loader, where it is the only one
  const nodeModule = typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('node:module') : (require('module') as typeof import('module'));
  const nodeRequire = nodeModule.createRequire(__filename);
  const { PGlite } = nodeRequire('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
  const pg = new PGlite(dir);
  await pg.waitReady;
  // PGlite is one connection: its transactions already run one at a time.
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await pg.query<T>(sql, [...params])).rows,
    tx: (fn) => pg.transaction((t) => fn(async <T>(sql: string, params: readonly unknown[] = []) => (await t.query<T>(sql, [...params])).rows)),
    close: () => pg.close(),
  };
}

function pgDatabase(url: string): Db {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('a database URL starts with postgres:// or postgresql://');
  const pool = new Pool({ connectionString: url, max: 10 });
  // An idle client losing its server (a restart) must not end the process: the next query reconnects.
  pool.on('error', () => undefined);
  const on = (c: Pool | PoolClient): Query => async <T>(sql: string, params: readonly unknown[] = []) => (await c.query(sql, [...params])).rows as T[];
  return {
    query: on(pool),
    tx: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(on(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** The default folder of the embedded database, beside where the command runs. */
export const DEFAULT_DATA = 'plansheets-data';

/**
 * The database a command names: `--database URL`, else DATABASE_URL, else `--data DIR`, else
 * ./plansheets-data. Naming both a URL and a folder is a mistake worth saying.
 */
export function databaseOf(o: { data?: string; database?: string }, env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  if (o.data !== undefined && o.database !== undefined) throw new Error('give --data or --database, not both');
  const url = o.database ?? (o.data === undefined ? env.DATABASE_URL || undefined : undefined);
  return url !== undefined ? { url } : { data: o.data ?? DEFAULT_DATA };
}
