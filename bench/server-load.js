#!/usr/bin/env node
// The plan server under load: 50 reporters (one client each) send changes to the actuals of their
// own units' lines, through TWO `plansheets serve` processes on one PostgreSQL, each client
// alternating between them and sending the base revision it last saw. Then every acknowledged
// change is looked for in the audit trail (exactly once) and in the final plan. Latency and
// throughput are reported against a baseline measured in the same run: the same number of
// GET /health round trips at the same concurrency through the same two processes (a request that
// reaches the database and does nothing), so the machine's load cancels out in the ratio.
// Prints one JSON document. Needs `npm run build` first.
//   node bench/server-load.js [--quick] [--database postgres://…] [--clients 50] [--requests N]
// Without --database it starts a private PostgreSQL cluster in a temporary folder (Debian's
// server binaries; as the `postgres` user when run as root), and removes it afterwards.
/* global fetch */
const fs = require('fs');
const path = require('path');
const { spawn, execFileSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
const lib = (p) => require(path.join(ROOT, 'lib', 'src', p));
const SAMPLE = path.join(ROOT, 'samples', 'qazvin.plan.json');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const quick = process.argv.includes('--quick');
const CLIENTS = Number(option('--clients', 50));
const REQUESTS = Number(option('--requests', quick ? 8 : 30));
/** No client starts a request after this many seconds of load (the run stays bounded on a slow machine). */
const DEADLINE_S = Number(option('--deadline', quick ? 60 : 300));
const CHANGES_PER_REQUEST = 3;

// ---- A private PostgreSQL cluster (as tests/helpers/postgres.ts starts one) ----

function pgBin() {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error('no PostgreSQL server installed (apt-get install postgresql), and no --database given');
  return path.join(root, versions[0], 'bin');
}

async function freePort() {
  const net = require('net');
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startCluster() {
  const bin = pgBin();
  const asRoot = process.getuid && process.getuid() === 0;
  const as = (file, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, file), ...args]] : [path.join(bin, file), args]);
  const folder = fs.mkdtempSync(path.join('/tmp', 'plansheets-load-pg-'));
  const data = path.join(folder, 'data');
  const pg = (file, args) => {
    const [f, a] = as(file, args);
    execFileSync(f, a, { cwd: folder, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
  };
  if (asRoot) {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
    fs.chownSync(folder, id('-u'), id('-g'));
  }
  const stop = () => {
    try {
      pg('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '60']);
    } catch {
      // already stopped, or never started
    }
    fs.rmSync(folder, { recursive: true, force: true });
  };
  try {
    pg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    // fsync stays on: the numbers are those of a database that keeps what it acknowledges.
    fs.appendFileSync(path.join(data, 'postgresql.conf'), `\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${folder}'\nmax_connections = 100\n`);
    const port = await freePort();
    pg('pg_ctl', ['start', '-D', data, '-l', path.join(folder, 'server.log'), '-o', `-p ${port}`, '-w', '-t', '90']);
    const { Client } = require('pg');
    const admin = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE plansheets_load');
    await admin.end();
    return { url: `postgres://postgres@127.0.0.1:${port}/plansheets_load`, stop };
  } catch (e) {
    stop();
    throw e;
  }
}

// ---- Server processes ----

/** `plansheets serve` in a child process; resolves once it prints where it listens. */
function startServe(database) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'plansheets.js'), 'serve', '--host', '127.0.0.1', '--port', '0', '--database', database], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /PlanSheets server at (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1], pid: child.pid, exited, stop: () => (child.kill('SIGTERM'), exited) });
    });
    exited.then(({ code, signal }) => reject(new Error(`serve ended (${code ?? signal}) before listening: ${err.slice(-1000)}`)));
  });
}

/** The process's peak resident set (Linux: VmHWM), in MB. */
function peakRssMB(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : undefined;
}

// ---- Clients ----

async function call(url, method, token, body) {
  const r = await fetch(url, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/**
 * Each client's own lines: the lines of its unit, dealt out among the unit's reporters (so two
 * reporters rarely touch one line); a unit with fewer lines than reporters shares them all (and
 * its reporters meet conflicts, which count as answered).
 */
function linesOf(index, clients) {
  const byUnit = new Map();
  for (const e of index.indicatorList) {
    const refs = byUnit.get(e.indicator.unit) ?? [];
    refs.push(...e.lines.map((l) => l.ref));
    byUnit.set(e.indicator.unit, refs);
  }
  return clients.map((c) => {
    const all = byUnit.get(c.unit) ?? [];
    const peers = clients.filter((d) => d.unit === c.unit);
    const mine = all.filter((_, i) => i % peers.length === peers.indexOf(c));
    return mine.length ? mine : all;
  });
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Runs `count` requests per client, all clients at once, alternating servers; returns latencies and answers. */
async function load(clients, servers, planId, years, deadline) {
  const latencies = [];
  const acknowledged = [];
  const failures = [];
  let changesSent = 0;
  await Promise.all(
    clients.map(async (c, ci) => {
      let base = c.revision;
      for (let r = 0; r < REQUESTS && Date.now() < deadline; r++) {
        const changes = [];
        for (let k = 0; k < Math.min(CHANGES_PER_REQUEST, c.lines.length); k++) {
          const ref = c.lines[(r * CHANGES_PER_REQUEST + k) % c.lines.length];
          // A value no other change sends: a second row with it would be a duplicate.
          changes.push({ ref, field: `actuals.${years[(r + k) % years.length]}`, value: 1_000_000 + ci * 10_000 + r * 10 + k });
        }
        changesSent += changes.length;
        const server = servers[(ci + r) % servers.length];
        const t0 = now();
        try {
          const answer = await call(`${server.url}/api/plans/${encodeURIComponent(planId)}/changes`, 'POST', c.token, JSON.stringify({ base, changes }));
          latencies.push(now() - t0);
          acknowledged.push({ by: c.name, answer });
          base = answer.revision;
        } catch (e) {
          failures.push(e.message);
        }
      }
    }),
  );
  return { latencies, acknowledged, failures, changesSent };
}

/** The same number of GET /health round trips at the same concurrency: the baseline. */
async function healthLoad(servers, clients, count) {
  const latencies = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, ci) => {
      for (let r = 0; r < count; r++) {
        const t0 = now();
        await call(`${servers[(ci + r) % servers.length].url}/health`, 'GET', '');
        latencies.push(now() - t0);
      }
    }),
  );
  return latencies;
}

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? +s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)].toFixed(1) : null;
};

/**
 * Every acknowledged applied change against the audit trail and the final plan: present exactly
 * once (same line, field, value, person and revision), and the final plan holds for each line and
 * field the value of its last row.
 */
function check(acknowledged, rows, finalIndex) {
  const key = (ref, field, to) => `${ref}\u0000${field}\u0000${JSON.stringify(to)}`;
  const rowsByValue = new Map();
  for (const r of rows) rowsByValue.set(key(r.ref, r.field, r.to), [...(rowsByValue.get(key(r.ref, r.field, r.to)) ?? []), r]);
  let applied = 0;
  let lost = 0;
  let duplicated = 0;
  let conflicts = 0;
  let refused = 0;
  for (const { by, answer } of acknowledged) {
    conflicts += answer.conflicts.length;
    refused += answer.refused.length;
    for (const a of answer.applied) {
      applied++;
      const found = (rowsByValue.get(key(a.ref, a.field, a.to)) ?? []).filter((r) => r.by === by && (a.unchanged || r.revision === answer.revision));
      if (found.length === 0) lost++;
      if (found.length > 1) duplicated++;
    }
  }
  // Rows with a value sent once but stored more than once, whoever acknowledged them.
  const repeatedRows = [...rowsByValue.values()].filter((rs) => rs.length > 1).length;
  const last = new Map();
  for (const r of rows) last.set(`${r.ref}\u0000${r.field}`, r);
  let finalMismatch = 0;
  for (const r of last.values()) {
    const line = finalIndex.items.get(r.ref) ?? finalIndex.indicators.get(r.ref)?.self;
    const year = r.field.slice('actuals.'.length);
    const value = line ? line.actuals[year] : undefined;
    if ((value ?? null) !== r.to) finalMismatch++;
  }
  return { applied, conflicts, refused, lost, duplicated, repeatedRows, finalMismatch };
}

async function main() {
  const { run } = lib('cli/main.js');
  const { loadPlan } = lib('core/plan/load.js');
  const started = Date.now();
  const cluster = option('--database') ? { url: option('--database'), stop: () => undefined } : await startCluster();
  const servers = [];
  try {
    const text = fs.readFileSync(SAMPLE, 'utf8');
    const index = loadPlan(text).index;
    const units = index.plan.units.map((u) => u.id).filter((u) => index.indicatorList.some((e) => e.indicator.unit === u));
    // People through the CLI itself (`users add` prints the token as the last word of its last line).
    const addUser = async (name, role, unit) => {
      const out = [];
      const err = [];
      const code = await run(['users', 'add', name, '--role', role, ...(unit ? ['--unit', unit] : []), '--database', cluster.url], { out: (l) => out.push(l), err: (l) => err.push(l) });
      if (code !== 0) throw new Error(`users add ${name}: ${err.join(' ')}`);
      return out[out.length - 1].split(' ').pop();
    };
    const secretariat = await addUser('secretariat', 'secretariat');
    const clients = [];
    for (let i = 0; i < CLIENTS; i++) {
      const unit = units[i % units.length];
      clients.push({ name: `reporter-${i}`, unit, token: await addUser(`reporter-${i}`, 'reporter', unit) });
    }
    linesOf(index, clients).forEach((lines, i) => (clients[i].lines = lines));

    servers.push(await startServe(cluster.url), await startServe(cluster.url));
    const created = await call(`${servers[0].url}/api/plans`, 'POST', secretariat, text);
    for (const c of clients) c.revision = created.revision;
    const years = index.plan.meta.years.filter((y) => !(index.plan.meta.locked ?? []).includes(String(y)));

    const healthT0 = now();
    const healthLatencies = await healthLoad(servers, CLIENTS, REQUESTS);
    const healthSeconds = (now() - healthT0) / 1000;

    const t0 = now();
    const result = await load(clients, servers, created.id, years, Date.now() + DEADLINE_S * 1000);
    const seconds = (now() - t0) / 1000;

    const rows = await call(`${servers[1].url}/api/plans/${encodeURIComponent(created.id)}/changes?since=0`, 'GET', secretariat);
    const finalText = await (await fetch(`${servers[0].url}/api/plans/${encodeURIComponent(created.id)}`, { headers: { authorization: `Bearer ${secretariat}` } })).text();
    const final = loadPlan(finalText);
    const verdict = check(result.acknowledged, rows, final.index);
    const revisions = new Set(rows.map((r) => r.revision));
    const peaks = servers.map((s) => peakRssMB(s.pid));

    const requests = result.acknowledged.length;
    const throughput = requests / seconds;
    const healthThroughput = healthLatencies.length / healthSeconds;
    const ok = verdict.lost === 0 && verdict.duplicated === 0 && verdict.repeatedRows === 0 && verdict.finalMismatch === 0 && result.failures.length === 0 && final.ok;
    console.log(
      JSON.stringify(
        {
          name: 'server load: reporters sending changes through two server processes on one PostgreSQL',
          node: process.version,
          quick,
          date: new Date().toISOString(),
          clients: CLIENTS,
          serverProcesses: servers.length,
          requestsPlanned: CLIENTS * REQUESTS,
          requests,
          failed: result.failures.length,
          ...(result.failures.length ? { firstFailures: result.failures.slice(0, 3) } : {}),
          changesSent: result.changesSent,
          ...verdict,
          revisions: revisions.size,
          finalRevision: final.index?.plan.meta.revision,
          latencyMs: { p50: percentile(result.latencies, 50), p95: percentile(result.latencies, 95), max: percentile(result.latencies, 100) },
          throughputPerSecond: +throughput.toFixed(1),
          seconds: +seconds.toFixed(1),
          serverPeakRssMB: peaks,
          baseline: {
            what: 'GET /health round trips, same count and concurrency, same two processes',
            latencyMs: { p50: percentile(healthLatencies, 50), p95: percentile(healthLatencies, 95), max: percentile(healthLatencies, 100) },
            throughputPerSecond: +healthThroughput.toFixed(1),
          },
          ratio: {
            p50: +(percentile(result.latencies, 50) / percentile(healthLatencies, 50)).toFixed(1),
            p95: +(percentile(result.latencies, 95) / percentile(healthLatencies, 95)).toFixed(1),
            throughput: +(healthThroughput / throughput).toFixed(1),
          },
          ok,
          totalSeconds: +((Date.now() - started) / 1000).toFixed(1),
        },
        null,
        2,
      ),
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    cluster.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`server-load: ${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 1;
});
