// The server on a real PostgreSQL (Debian's package, a private cluster in a temporary folder): first
// the cluster helper itself, then the same API suite that runs on PGlite.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { openDatabase, type Db } from '../../src/server/db';
import { migrate, MIGRATIONS } from '../../src/server/migrations';
import { apiSuite } from './api-suite';
import { reviewSuite } from './review-suite';
import { openMigrated } from '../../src/server/migrations';
import { postgresBin, startPostgres, withPostgres, type Postgres } from '../helpers/postgres';

jest.setTimeout(180000);

test('the newest installed server is chosen, and none is found where nothing is installed', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-pgbin-'));
  try {
    expect(postgresBin(path.join(root, 'missing'))).toBeUndefined();
    const install = (version: string, bins: string[]) => {
      fs.mkdirSync(path.join(root, version, 'bin'), { recursive: true });
      for (const b of bins) fs.writeFileSync(path.join(root, version, 'bin', b), '');
    };
    install('9.6', ['initdb', 'pg_ctl', 'postgres']);
    install('15', ['initdb', 'pg_ctl', 'postgres']);
    install('16', ['psql']); // the client alone: no server to start
    expect(postgresBin(root)).toBe(path.join(root, '15', 'bin'));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

withPostgres('a private PostgreSQL cluster', () => {
  let pg: Postgres;
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(async () => {
    await pg?.stop();
  });

  describe('the helper', () => {
    const clients: Client[] = [];
    const connect = async (url = pg.url): Promise<Client> => {
      const c = new Client({ connectionString: url });
      clients.push(c);
      await c.connect();
      return c;
    };
    afterAll(async () => {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    });

    test('listens on 127.0.0.1 only, its socket in its own folder, and stores Persian text as UTF-8', async () => {
      expect(pg.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/\w+$/);
      const c = await connect();
      expect((await c.query('SHOW listen_addresses')).rows[0].listen_addresses).toBe('127.0.0.1');
      expect((await c.query('SHOW unix_socket_directories')).rows[0].unix_socket_directories).toBe(pg.folder);
      expect(fs.readdirSync(pg.folder).some((f) => /^\.s\.PGSQL\.\d+$/.test(f))).toBe(true);
      await c.query('CREATE TABLE t (name text)');
      await c.query('INSERT INTO t VALUES ($1)', ['شهرداری قزوین ۱۴۰۳']);
      expect((await c.query('SELECT name FROM t')).rows).toEqual([{ name: 'شهرداری قزوین ۱۴۰۳' }]);
    });

    test('SELECT … FOR UPDATE serializes two transactions: the second waits for the first and sees its write', async () => {
      const setup = await connect();
      await setup.query('CREATE TABLE plan_rows (id int PRIMARY KEY, revision int NOT NULL)');
      await setup.query('INSERT INTO plan_rows VALUES (1, 0)');
      const [a, b] = [await connect(), await connect()];
      const bPid = (await b.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;

      await a.query('BEGIN');
      expect((await a.query('SELECT revision FROM plan_rows WHERE id = 1 FOR UPDATE')).rows).toEqual([{ revision: 0 }]);
      await b.query('BEGIN');
      let bDone = false;
      const bLocked = b.query('SELECT revision FROM plan_rows WHERE id = 1 FOR UPDATE').then((r) => {
        bDone = true;
        return r.rows[0].revision as number;
      });
      // Wait (no clock) until the database itself reports b blocked on a's row lock.
      while ((await setup.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'", [bPid])).rowCount === 0) {
        await new Promise((r) => setImmediate(r));
      }
      expect(bDone).toBe(false);

      await a.query('UPDATE plan_rows SET revision = revision + 1 WHERE id = 1');
      await a.query('COMMIT');
      // b got the row only after a committed: it reads a's revision, not the one it saw when it asked.
      expect(await bLocked).toBe(1);
      await b.query('UPDATE plan_rows SET revision = revision + 1 WHERE id = 1');
      await b.query('COMMIT');
      expect((await setup.query('SELECT revision FROM plan_rows')).rows).toEqual([{ revision: 2 }]);
    });

    test('createDatabase gives a fresh, empty database each time', async () => {
      const [u1, u2] = [await pg.createDatabase(), await pg.createDatabase()];
      expect(new Set([pg.url, u1, u2]).size).toBe(3);
      const c = await connect(u1);
      expect((await c.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'")).rows).toEqual([{ n: 0 }]);
    });

    test('stop() ends the server and removes its folder, and a second stop() is harmless', async () => {
      const other = await startPostgres();
      const pid = Number(fs.readFileSync(path.join(other.folder, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
      expect(alive(pid)).toBe(true);
      await other.stop();
      expect(fs.existsSync(other.folder)).toBe(false);
      expect(alive(pid)).toBe(false);
      await other.stop();
      const c = new Client({ connectionString: other.url });
      await expect(c.connect()).rejects.toThrow(/ECONNREFUSED/);
    });
  });

  describe("the server's database gateway", () => {
    let db: Db;
    beforeAll(async () => {
      db = await openDatabase({ url: await pg.createDatabase() });
    });
    afterAll(async () => {
      await db?.close();
    });

    test('migrates a fresh database once, and concurrent transactions on one plan row lose no write', async () => {
      expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.id));
      expect(await migrate(db)).toEqual([]);
      await db.query("INSERT INTO plans (id, revision, doc) VALUES ('qazvin-1403', 1, '{}')");
      // Twenty writers at once through the pool, each reading the revision then writing it + 1.
      const writes = Array.from({ length: 20 }, () =>
        db.tx(async (q) => {
          const [{ revision }] = await q<{ revision: number }>("SELECT revision FROM plans WHERE id = 'qazvin-1403' FOR UPDATE");
          await q("UPDATE plans SET revision = $1 WHERE id = 'qazvin-1403'", [revision + 1]);
          return revision + 1;
        }),
      );
      const seen = await Promise.all(writes);
      // Each writer made its own revision: 2..21, none twice, none lost.
      expect([...seen].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
      expect(await db.query('SELECT revision FROM plans')).toEqual([{ revision: 21 }]);
    });
  });

  // The same API suite as on PGlite (api.test.ts), on a fresh database of this cluster.
  apiSuite('PostgreSQL', async () => openDatabase({ url: await pg.createDatabase() }));
  reviewSuite('PostgreSQL', async () => openMigrated({ url: await pg.createDatabase() }));
});

/** Whether a process runs (a zombie left to a parent that never reaps it counts as ended). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
