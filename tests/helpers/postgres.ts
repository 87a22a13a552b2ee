// A private PostgreSQL cluster for a test file: Debian's server binaries, a temporary folder holding
// the data, the unix socket and the log, trust authentication, 127.0.0.1 on a free port. PostgreSQL
// refuses to run as root, so as root every server command runs as the `postgres` user (runuser).
// CI installs the package and must run these tests; elsewhere a machine without it skips them.
import { type ChildProcess, execFile, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';

/** The folder of the newest installed server's binaries (initdb, pg_ctl, postgres), or undefined. */
export function postgresBin(root = '/usr/lib/postgresql'): string | undefined {
  let versions: string[];
  try {
    versions = fs.readdirSync(root);
  } catch {
    return undefined;
  }
  const usable = versions
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .filter((v) => ['initdb', 'pg_ctl', 'postgres'].every((b) => fs.existsSync(path.join(root, v, 'bin', b))))
    .sort((a, b) => Number(b) - Number(a));
  return usable.length ? path.join(root, usable[0], 'bin') : undefined;
}

export const PG_BIN = postgresBin();
if (process.env.CI && !PG_BIN) throw new Error('PostgreSQL is needed for these tests: apt-get install -y --no-install-recommends postgresql');
/** Outside CI a machine without PostgreSQL skips the tests that need it. */
export const withPostgres = PG_BIN ? describe : describe.skip;

const AS_ROOT = process.getuid?.() === 0;
const SUPERUSER = 'postgres';

export interface Postgres {
  /** postgres://… of the database made at start. */
  url: string;
  /** The temporary folder: data in data/, the socket and server.log beside it. */
  folder: string;
  /** Makes another empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server (fast shutdown) and removes the folder; safe to call twice. */
  stop(): Promise<void>;
}

/** The argv that runs a server binary as the user allowed to: `postgres` when we are root. */
function command(bin: string, args: string[]): [string, string[]] {
  const file = path.join(PG_BIN!, bin);
  return AS_ROOT ? ['runuser', ['-u', SUPERUSER, '--', file, ...args]] : [file, args];
}

function run(bin: string, args: string[], folder: string, timeout = 120000): Promise<string> {
  const [file, argv] = command(bin, args);
  return new Promise((resolve, reject) => {
    // cwd in the folder: the postgres user may not be able to enter ours.
    execFile(file, argv, { cwd: folder, timeout, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${bin} ${args.join(' ')} failed: ${err.message}\n${stderr}${logTail(folder)}`));
      else resolve(stdout);
    });
  });
}

function logTail(folder: string): string {
  try {
    return '\nserver.log:\n' + fs.readFileSync(path.join(folder, 'server.log'), 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}

/** A port nobody listens on now on 127.0.0.1 (the OS picks it; another process may still take it first). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function stopNow(data: string, folder: string): void {
  const [file, argv] = command('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '30']);
  spawnSync(file, argv, { cwd: folder, stdio: 'ignore', timeout: 40000 });
  fs.rmSync(folder, { recursive: true, force: true });
}

/**
 * The last resort when a test process dies or exits without stop(): a small process that waits for
 * the end of its stdin, which closes when we exit however we exit (process.on('exit') inside jest's
 * sandbox never fires), then stops the cluster and removes its folder.
 */
function watchdog(data: string, folder: string): ChildProcess {
  const script = `
    const { spawnSync } = require('child_process');
    const fs = require('fs');
    const [file, argv, folder] = JSON.parse(process.argv[1]);
    process.stdin.on('data', () => {});
    process.stdin.on('close', () => {
      spawnSync(file, argv, { cwd: folder, stdio: 'ignore', timeout: 40000 });
      fs.rmSync(folder, { recursive: true, force: true });
      process.exit(0);
    });`;
  const [file, argv] = command('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '30']);
  const child = spawn(process.execPath, ['-e', script, JSON.stringify([file, argv, folder])], { cwd: '/', detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  return child;
}

/** The ids of the `postgres` user, who runs the server when we are root. */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => spawnSync('id', [flag, SUPERUSER], { encoding: 'utf8' });
  const [uid, gid] = [id('-u'), id('-g')];
  if (uid.status !== 0 || gid.status !== 0) throw new Error(`running as root, but there is no "${SUPERUSER}" user to run PostgreSQL as`);
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

/** Starts a private cluster and makes one database in it. Stop it in afterAll. */
export async function startPostgres(): Promise<Postgres> {
  if (!PG_BIN) throw new Error('PostgreSQL is not installed: apt-get install -y --no-install-recommends postgresql');
  const owner = AS_ROOT ? postgresUser() : undefined;
  // The socket path must stay under the 107 bytes a unix socket name allows.
  const base = os.tmpdir().length < 60 ? os.tmpdir() : '/tmp';
  const folder = fs.mkdtempSync(path.join(base, 'plansheets-pg-'));
  const data = path.join(folder, 'data');
  const guard = watchdog(data, folder);
  let stopped = false;
  try {
    if (owner) fs.chownSync(folder, owner.uid, owner.gid);
    await run('initdb', ['-D', data, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], folder);
    // The cluster is thrown away after the tests: fsync buys nothing here. No TCP but 127.0.0.1.
    fs.appendFileSync(
      path.join(data, 'postgresql.conf'),
      `\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${folder}'\nfsync = off\nmax_connections = 200\n`,
    );
    const port = await startOnFreePort(data, folder);
    const admin = `postgres://${SUPERUSER}@127.0.0.1:${port}`;
    let n = 0;
    const createDatabase = async (): Promise<string> => {
      const name = `plansheets_${n++}`;
      const client = new Client({ connectionString: `${admin}/postgres` });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `${admin}/${name}`;
    };
    const url = await createDatabase();
    const stop = async (): Promise<void> => {
      if (stopped) return;
      stopped = true;
      try {
        await run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '60'], folder);
      } catch {
        stopNow(data, folder);
      }
      fs.rmSync(folder, { recursive: true, force: true });
      guard.kill();
    };
    return { url, folder, createDatabase, stop };
  } catch (e) {
    stopNow(data, folder);
    guard.kill();
    throw e;
  }
}

/** pg_ctl start on a free port; tries another port when one was taken between choosing and binding. */
async function startOnFreePort(data: string, folder: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      await run('pg_ctl', ['start', '-D', data, '-l', path.join(folder, 'server.log'), '-o', `-p ${port}`, '-w', '-t', '90'], folder);
      return port;
    } catch (e) {
      if (attempt >= 3 || !/could not bind|already in use/i.test(logTail(folder))) throw e;
    }
  }
}
