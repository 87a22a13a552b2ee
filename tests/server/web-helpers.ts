// A plan server on PGlite for the browser pages' server tests: the Qazvin sample stored, four
// people (secretariat, a budget-office reporter, a viewer, a traffic-org reporter), the app on
// 127.0.0.1 at a free port, asked with fetch. `close` ends the app, the database and the folder.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Db } from '../../src/server/db';
import { migrate } from '../../src/server/migrations';
import { addUser } from '../../src/server/users';
import { buildApp, type AppOptions } from '../../src/server/app';
import { sampleText } from '../helpers/plan';

export type Who = 'secretariat' | 'reporter' | 'viewer' | 'other';

export interface Answer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers are checked field by field
}

export interface TestServer {
  db: Db;
  base: string;
  planId: string;
  tokens: Record<Who, string>;
  /** A request; `who` signs it with a bearer token. */
  ask(method: string, url: string, opts?: { who?: Who; json?: unknown; body?: Buffer | string; headers?: Record<string, string> }): Promise<Answer>;
  /** Another app on the same database. */
  another(options: AppOptions): Promise<string>;
  close(): Promise<void>;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const a = app.server.address();
  if (a === null || typeof a === 'string') throw new Error('no port');
  return `http://127.0.0.1:${a.port}`;
}

export async function startServer(options: AppOptions = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-web-'));
  const db = await openDatabase({ data: dir });
  await migrate(db);
  const tokens: Record<Who, string> = {
    secretariat: await addUser(db, 'dabirkhaneh', 'secretariat', []),
    reporter: await addUser(db, 'budget-reporter', 'reporter', ['budget-office']),
    viewer: await addUser(db, 'nazer', 'viewer', []),
    other: await addUser(db, 'traffic-reporter', 'reporter', ['traffic-org']),
  };
  const apps: FastifyInstance[] = [];
  const another = async (o: AppOptions) => {
    const app = buildApp(db, o);
    apps.push(app);
    return listen(app);
  };
  const base = await another(options);
  const ask: TestServer['ask'] = async (method, url, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.who ? { authorization: `Bearer ${tokens[opts.who]}` } : {}), ...(opts.json !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers };
    const body = opts.json !== undefined ? JSON.stringify(opts.json) : typeof opts.body === 'string' || opts.body === undefined ? opts.body : new Uint8Array(opts.body);
    const r = await fetch(base + url, { method, headers, ...(body !== undefined ? { body } : {}) });
    const bytes = Buffer.from(await r.arrayBuffer());
    const text = bytes.toString('utf8');
    return { status: r.status, headers: r.headers, bytes, text, json: () => JSON.parse(text) };
  };
  const sample = sampleText();
  const planId = (JSON.parse(sample) as { meta: { id: string } }).meta.id;
  const made = await ask('POST', '/api/plans', { who: 'secretariat', body: sample, headers: { 'content-type': 'application/json' } });
  if (made.status !== 201) throw new Error(`the sample was not stored: ${made.text}`);
  return {
    db,
    base,
    planId,
    tokens,
    ask,
    another,
    close: async () => {
      for (const a of apps) await a.close();
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The cookie a sign-in answer set, as a browser would send it back (`name=value`). */
export function cookieOf(a: Answer): string {
  const set = a.headers.get('set-cookie') ?? '';
  return set.split(';')[0];
}
