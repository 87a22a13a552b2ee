// The server killed with SIGKILL in the middle of a load, and restarted on the same database: every
// acknowledged change is there exactly once, nothing is applied twice or half, and the revisions
// are contiguous, each one the previous plus its change rows. Two `plansheets serve` processes on
// a private PostgreSQL (one killed); and one process on an embedded (PGlite) folder, which must
// reopen after the kill. Reporters (one client each) send actuals of their own unit's lines with
// the base revision they last saw; a request whose answer never came is sent again, unchanged.
// No clocks: the kill comes after a count of answers, restarts wait for the line `serve` prints.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { openMigrated } from '../../src/server/migrations';
import { addUser } from '../../src/server/users';
import { loadPlan } from '../../src/core/plan/load';
import type { Plan } from '../../src/core/plan/plan.types';
import { ROOT, sampleText } from '../helpers/plan';
import { startPostgres, withPostgres, type Postgres } from '../helpers/postgres';

jest.setTimeout(600_000);

const CLIENTS = 10;
/** Requests per client: fewer on the embedded database, whose one process writes more slowly. */
const REQUESTS = { postgres: 20, embedded: 10 };
/** The kill comes after a third of the answers. */
const killAfter = (requests: number) => Math.floor((CLIENTS * requests) / 3);

const children = new Set<ChildProcess>();
afterAll(async () => {
  await Promise.all([...children].map((c) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : (c.once('exit', () => resolve()), c.kill('SIGKILL'))))));
});

interface Serve {
  url: string;
  child: ChildProcess;
  exited: Promise<void>;
}

/** The built `plansheets serve` in a process of its own; resolves when it prints where it listens. */
function serve(where: string[]): Promise<Serve> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'plansheets.js'), 'serve', '--host', '127.0.0.1', '--port', '0', ...where], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let ended = '';
  const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => ((ended = `${code ?? signal}`), children.delete(child), resolve())));
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /PlanSheets server at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ url: m[1], child, exited });
    });
    void exited.then(() => reject(new Error(`serve ended (${ended}) before listening: ${out}${err}`)));
  });
}

interface Change {
  ref: string;
  field: string;
  value: number;
}
interface Row {
  ref: string;
  field: string;
  from: unknown;
  to: unknown;
  by: string;
  at: string;
  revision: number;
}
interface Answer {
  applied: Array<{ ref: string; field: string; to: unknown; unchanged?: true }>;
  conflicts: unknown[];
  refused: unknown[];
  revision: number;
}

const sample = sampleText();
const planId = (JSON.parse(sample) as Plan).meta.id;
const index = loadPlan(sample).index!;
const years = index.plan.meta.years.filter((y) => !(index.plan.meta.locked ?? []).includes(String(y)));

/** Ten reporters, each of a unit of their own, and the lines of that unit. */
function reporters(): Array<{ name: string; unit: string; lines: string[] }> {
  const units = [...new Set(index.indicatorList.map((e) => e.indicator.unit!))].slice(0, CLIENTS);
  return units.map((unit, i) => ({ name: `reporter-${i}`, unit, lines: index.indicatorList.filter((e) => e.indicator.unit === unit).flatMap((e) => e.lines.map((l) => l.ref)) }));
}

/** Request r of client c: up to three actuals of its lines, each with a value no other request sends. */
function changesOf(c: number, r: number, lines: string[]): Change[] {
  return Array.from({ length: Math.min(3, lines.length) }, (_, k) => ({ ref: lines[(r * 3 + k) % lines.length], field: `actuals.${years[(r + k) % years.length]}`, value: 1_000_000 + c * 10_000 + r * 10 + k }));
}

async function api<T>(url: string, token: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const r = await fetch(url, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/**
 * Runs the load over `servers` (each client alternating), kills the server with requests in flight
 * once a third of the answers have come, restarts it with `restart`, and resends every request whose
 * answer never came (to a live server: the other one, or the restarted one). Returns each request
 * with its answer, and how many sends went unanswered.
 */
async function loadWithKill(requests: number, servers: Serve[], tokens: string[], people: ReturnType<typeof reporters>, restart: () => Promise<Serve>) {
  const urls = servers.map((s) => s.url);
  const inFlight = urls.map(() => 0);
  let answers = 0;
  let killed = -1;
  let restarted!: () => void;
  const back = new Promise<void>((resolve) => (restarted = resolve));
  let restarting: Promise<void> | undefined;
  const maybeKill = () => {
    if (killed >= 0 || answers < killAfter(requests)) return;
    const busiest = inFlight.indexOf(Math.max(...inFlight));
    if (inFlight[busiest] < 2) return;
    killed = busiest;
    servers[busiest].child.kill('SIGKILL');
    restarting = servers[busiest].exited.then(async () => {
      const s = await restart();
      servers[busiest] = s;
      urls[busiest] = s.url;
      restarted();
    });
    restarting.catch(() => undefined); // awaited below; a failed restart must not end the run unhandled
  };
  const sent: Array<{ by: string; changes: Change[]; answer: Answer }> = [];
  let unanswered = 0;
  await Promise.all(
    people.map(async (p, c) => {
      let base = index.plan.meta.revision ?? 0;
      for (let r = 0; r < requests; r++) {
        const changes = changesOf(c, r, p.lines);
        for (let attempt = 0; ; attempt++) {
          if (attempt > 10) throw new Error(`${p.name} request ${r}: no answer after ${attempt} sends`);
          let s = (c + r + attempt) % urls.length;
          // A resend goes to a live server: the other one, or (alone) the restarted one once it listens.
          if (attempt > 0 && s === killed && urls.length === 1) await back;
          if (attempt > 0 && s === killed && urls.length > 1 && restarting) s = (s + 1) % urls.length;
          inFlight[s]++;
          maybeKill();
          let answer: Answer | undefined;
          try {
            const a = await api<Answer>(`${urls[s]}/api/plans/${planId}/changes`, tokens[c], { method: 'POST', body: JSON.stringify({ base, changes }) });
            expect(a.status).toBe(200);
            answer = a.body;
          } catch (e) {
            // fetch failed: the connection died with the server (a TypeError of Node's realm, not jest's).
            if ((e as Error).message !== 'fetch failed') throw e;
            unanswered++;
          } finally {
            inFlight[s]--;
          }
          if (!answer) continue;
          answers++;
          maybeKill();
          sent.push({ by: p.name, changes, answer });
          base = answer.revision;
          break;
        }
      }
    }),
  );
  await restarting;
  return { sent, unanswered, killed, requests };
}

/** Writes an audit row into a plan as applyMerge does (a value, or none for null) and logs it. */
function applyRow(plan: Plan, row: Row): void {
  const [id, item] = row.ref.split('.');
  const ind = plan.indicators.find((i) => (i.id ?? i.code) === id)!;
  const line = (item === undefined ? ind : ind.items!.find((it) => it.id === item)!) as { actuals?: Record<string, unknown> };
  const key = row.field.slice('actuals.'.length);
  expect(line.actuals?.[key] ?? null).toEqual(row.from); // the row's `from` is what the previous revision held
  if (row.to === null) delete line.actuals![key];
  else (line.actuals ??= {})[key] = row.to;
  plan.changes = [...(plan.changes ?? []), { at: row.at, by: row.by, ref: row.ref, field: row.field, from: row.from, to: row.to } as NonNullable<Plan['changes']>[number]];
}

/** Everything a user relies on after the kill, through the API of a live server. */
async function checkAfterKill(url: string, secretariat: string, run: Awaited<ReturnType<typeof loadWithKill>>) {
  // The kill hit work in flight, and every request was answered in the end.
  expect(run.killed).toBeGreaterThanOrEqual(0);
  expect(run.unanswered).toBeGreaterThan(0);
  expect(run.sent).toHaveLength(CLIENTS * run.requests);

  const rows = (await api<Row[]>(`${url}/api/plans/${planId}/changes?since=0`, secretariat)).body;
  const key = (ref: string, field: string, to: unknown) => `${ref} ${field} ${JSON.stringify(to)}`;
  const byValue = new Map<string, Row[]>();
  for (const r of rows) byValue.set(key(r.ref, r.field, r.to), [...(byValue.get(key(r.ref, r.field, r.to)) ?? []), r]);
  // Never twice: every value is sent by one request only, so it is stored at most once.
  expect([...byValue.values()].filter((rs) => rs.length > 1)).toEqual([]);
  // Every acknowledged applied change is there exactly once, by its sender, at the revision answered
  // (or earlier, for a resend the plan already held: the first send applied but its answer was lost).
  for (const { by, answer } of run.sent) {
    // Each reporter alone on their lines: nothing refused, and no conflict (a resend meets its own value).
    expect(answer.refused).toEqual([]);
    expect(answer.conflicts).toEqual([]);
    for (const a of answer.applied) {
      const found = byValue.get(key(a.ref, a.field, a.to)) ?? [];
      expect(found.map((r) => [r.by, a.unchanged ? 'earlier' : r.revision])).toEqual([[by, a.unchanged ? 'earlier' : answer.revision]]);
      if (a.unchanged) expect(found[0].revision).toBeLessThanOrEqual(answer.revision);
    }
  }
  // Never half: whatever of one request was stored is in one revision.
  for (const { changes } of run.sent) {
    const revisions = new Set(changes.flatMap((c) => (byValue.get(key(c.ref, c.field, c.value)) ?? []).map((r) => r.revision)));
    expect(revisions.size).toBeLessThanOrEqual(1);
  }

  // Revisions 0..N, no gap; each loads and is the previous plus exactly its change rows.
  const current = await api<Plan>(`${url}/api/plans/${planId}`, secretariat);
  const last = current.body.meta.revision!;
  expect([...new Set(rows.map((r) => r.revision))]).toEqual(Array.from({ length: last }, (_, i) => i + 1));
  expect((await api(`${url}/api/plans/${planId}/revisions/${last + 1}`, secretariat)).status).toBe(404);
  let previous = (await api<Plan>(`${url}/api/plans/${planId}/revisions/0`, secretariat)).body;
  expect(previous).toEqual(JSON.parse(sample));
  for (let n = 1; n <= last; n++) {
    const text = await (await fetch(`${url}/api/plans/${planId}/revisions/${n}`, { headers: { authorization: `Bearer ${secretariat}` } })).text();
    const loaded = loadPlan(text);
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const expected = JSON.parse(JSON.stringify(previous)) as Plan;
    for (const r of rows.filter((x) => x.revision === n)) applyRow(expected, r);
    expected.meta.revision = n;
    expect(loaded.index!.plan).toEqual(expected);
    previous = loaded.index!.plan;
  }
  expect(current.body).toEqual(previous);
  return last;
}

/** The secretariat's token and one a reporter, added straight in the database before any server runs. */
async function addPeople(where: { url: string } | { data: string }, people: ReturnType<typeof reporters>): Promise<{ secretariat: string; tokens: string[] }> {
  const db = await openMigrated(where);
  try {
    const secretariat = await addUser(db, 'secretariat', 'secretariat', []);
    const tokens: string[] = [];
    for (const p of people) tokens.push(await addUser(db, p.name, 'reporter', [p.unit]));
    return { secretariat, tokens };
  } finally {
    await db.close();
  }
}

test(`the embedded database, ${CLIENTS} reporters × ${REQUESTS.embedded} requests: the one process killed after ${killAfter(REQUESTS.embedded)} answers reopens its folder; nothing acknowledged lost, nothing twice or half`, async () => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-fault-'));
  try {
    const people = reporters();
    const { secretariat, tokens } = await addPeople({ data }, people);
    const servers = [await serve(['--data', data])];
    expect((await api(`${servers[0].url}/api/plans`, secretariat, { method: 'POST', body: sample })).status).toBe(201);
    const run = await loadWithKill(REQUESTS.embedded, servers, tokens, people, () => serve(['--data', data]));
    expect(run.killed).toBe(0);
    await checkAfterKill(servers[0].url, secretariat, run);
    servers[0].child.kill('SIGTERM');
    await servers[0].exited;
  } finally {
    fs.rmSync(data, { recursive: true, force: true });
  }
});

withPostgres('SIGKILL of one of two server processes on PostgreSQL', () => {
  let pg: Postgres;
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(async () => {
    await pg?.stop();
  });

  test(`${CLIENTS} reporters × ${REQUESTS.postgres} requests: one process killed after ${killAfter(REQUESTS.postgres)} answers and restarted; nothing acknowledged lost, nothing twice or half`, async () => {
    const people = reporters();
    const { secretariat, tokens } = await addPeople({ url: pg.url }, people);
    const servers = [await serve(['--database', pg.url]), await serve(['--database', pg.url])];
    expect((await api(`${servers[0].url}/api/plans`, secretariat, { method: 'POST', body: sample })).status).toBe(201);

    const run = await loadWithKill(REQUESTS.postgres, servers, tokens, people, () => serve(['--database', pg.url]));
    const last = await checkAfterKill(servers[1 - run.killed].url, secretariat, run);

    // The database itself: one row a revision, 0..N, and the plan's row at N.
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    try {
      const revs = (await client.query('SELECT revision FROM revisions WHERE plan_id = $1 ORDER BY revision', [planId])).rows.map((r) => r.revision);
      expect(revs).toEqual(Array.from({ length: last + 1 }, (_, i) => i));
      expect((await client.query('SELECT revision FROM plans WHERE id = $1', [planId])).rows).toEqual([{ revision: last }]);
    } finally {
      await client.end();
    }
    // The restarted process serves the same plan.
    expect((await api<Plan>(`${servers[run.killed].url}/api/plans/${planId}`, secretariat)).body.meta.revision).toBe(last);
    for (const s of servers) {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  });
});
