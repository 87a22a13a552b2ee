// The database gateway on PGlite in a temporary folder: migrations once, transactions all or nothing, data kept on disk.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openDatabase, type Db } from '../../src/server/db';
import { migrate, MIGRATIONS } from '../../src/server/migrations';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-db-'));
let db: Db | undefined;

afterAll(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('migrations run once, a failed transaction leaves nothing, and the folder keeps what was committed', async () => {
  db = await openDatabase({ data: dir });
  expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.id));
  // A second start (or a second process) finds the work done.
  expect(await migrate(db)).toEqual([]);
  const tables = await db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
  expect(tables.map((t) => t.table_name)).toEqual(['changes', 'evidence', 'plans', 'revisions', 'schema_migrations', 'sessions', 'sign_in_failures', 'submissions', 'users']);

  await db.tx((q) => q("INSERT INTO plans (id, revision, doc) VALUES ('kept', 1, '{}')"));
  await expect(
    db.tx(async (q) => {
      await q("INSERT INTO plans (id, revision, doc) VALUES ('lost', 1, '{}')");
      throw new Error('a failure half-way');
    }),
  ).rejects.toThrow('a failure half-way');
  // A statement the database refuses rolls back the whole transaction too.
  await expect(db.tx(async (q) => {
    await q("INSERT INTO plans (id, revision, doc) VALUES ('also lost', 1, '{}')");
    await q("INSERT INTO plans (id, revision, doc) VALUES ('kept', 2, '{}')");
  })).rejects.toThrow();
  expect((await db.query<{ id: string }>('SELECT id FROM plans ORDER BY id')).map((r) => r.id)).toEqual(['kept']);
  // Parameters travel as values, never as SQL.
  const evil = "x'); DROP TABLE plans; --";
  expect(await db.query<{ v: string }>('SELECT $1::text AS v', [evil])).toEqual([{ v: evil }]);

  await db.close();
  db = await openDatabase({ data: dir });
  expect(await migrate(db)).toEqual([]);
  expect((await db.query<{ id: string }>('SELECT id FROM plans')).map((r) => r.id)).toEqual(['kept']);
}, 240_000);

test('a database must be named, and a URL must be a PostgreSQL one', async () => {
  await expect(openDatabase({})).rejects.toThrow(/name a database/);
  await expect(openDatabase({ url: 'mysql://x' })).rejects.toThrow(/postgres:\/\//);
});
