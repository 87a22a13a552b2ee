// The schema, as numbered migrations applied at start. Every process runs them; an advisory lock
// held for the transaction makes two processes starting at once take turns, and the second finds
// the work done.
import { openDatabase, type DatabaseOptions, type Db } from './db';

/** Any number: it only has to be the same in every PlanSheets process. */
const MIGRATION_LOCK = 7_402_614;

/** Never edit or reorder a migration that has shipped: add the next one. */
export const MIGRATIONS: ReadonlyArray<{ id: number; statements: readonly string[] }> = [
  {
    id: 1,
    // The plan JSON is kept as text: jsonb would reorder its keys, and the server gives back the very file.
    statements: [
      `CREATE TABLE plans (
        id text PRIMARY KEY,
        revision integer NOT NULL,
        doc text NOT NULL,
        updated timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE revisions (
        plan_id text NOT NULL REFERENCES plans(id),
        revision integer NOT NULL,
        doc text NOT NULL,
        at timestamptz NOT NULL,
        by text NOT NULL,
        PRIMARY KEY (plan_id, revision)
      )`,
      `CREATE TABLE changes (
        id bigserial PRIMARY KEY,
        plan_id text NOT NULL REFERENCES plans(id),
        revision integer NOT NULL,
        at timestamptz NOT NULL,
        by text NOT NULL,
        ref text NOT NULL,
        field text NOT NULL,
        from_value jsonb,
        to_value jsonb
      )`,
      'CREATE INDEX changes_by_revision ON changes (plan_id, revision)',
      `CREATE TABLE users (
        name text PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('secretariat', 'reporter', 'viewer')),
        units text[] NOT NULL DEFAULT '{}',
        token_hash text NOT NULL UNIQUE,
        created timestamptz NOT NULL DEFAULT now(),
        revoked timestamptz
      )`,
      `CREATE TABLE sign_in_failures (
        address text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX sign_in_failures_by_address ON sign_in_failures (address, at)',
      `CREATE TABLE submissions (
        id bigserial PRIMARY KEY,
        plan_id text NOT NULL REFERENCES plans(id),
        base integer NOT NULL,
        by text NOT NULL,
        changes jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
        comment text,
        created timestamptz NOT NULL DEFAULT now(),
        decided timestamptz
      )`,
    ],
  },
  {
    id: 2,
    // Issue 15, the browser pages: sign-in sessions (only the SHA-256 of their random id is kept),
    // evidence files kept with their lines, and the plans the secretariat shows to everyone.
    statements: [
      `CREATE TABLE sessions (
        id_hash text PRIMARY KEY,
        user_name text NOT NULL REFERENCES users(name),
        created timestamptz NOT NULL DEFAULT now(),
        expires timestamptz NOT NULL
      )`,
      'CREATE INDEX sessions_by_expiry ON sessions (expires)',
      `CREATE TABLE evidence (
        id bigserial PRIMARY KEY,
        plan_id text NOT NULL REFERENCES plans(id),
        ref text NOT NULL,
        period text NOT NULL,
        name text NOT NULL,
        type text NOT NULL,
        size integer NOT NULL,
        bytes bytea NOT NULL,
        by text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX evidence_by_line ON evidence (plan_id, ref)',
      'ALTER TABLE plans ADD COLUMN public boolean NOT NULL DEFAULT false',
    ],
  },
];

/** Applies the migrations not yet applied, all in one transaction; returns the ids applied now. */
export async function migrate(db: Db): Promise<number[]> {
  return db.tx(async (q) => {
    await q('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await q('CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await q<{ id: number }>('SELECT id FROM schema_migrations')).map((r) => r.id));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.id)) continue;
      for (const sql of m.statements) await q(sql);
      await q('INSERT INTO schema_migrations (id) VALUES ($1)', [m.id]);
      applied.push(m.id);
    }
    return applied;
  });
}

/** Opens the database and brings its schema up to date: what every command that uses it does first. */
export async function openMigrated(options: DatabaseOptions): Promise<Db> {
  const db = await openDatabase(options);
  try {
    await migrate(db);
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
  return db;
}
