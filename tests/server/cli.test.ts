// `plansheets users` and `plansheets serve` through run(argv, io), on a fresh embedded database folder.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-serve-'));
const data = path.join(root, 'data');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function capture(onLine?: (line: string) => void) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => (out.push(s), onLine?.(s)), err: (s: string) => void err.push(s) } };
}

test('the root help lists serve, users, pull and push', async () => {
  const c = capture();
  expect(await run(['--help'], c.io)).toBe(0);
  for (const command of ['serve', 'users', 'pull', 'push']) expect(c.out.join('\n')).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
});

test('users add on a fresh folder prints the token last; list, revoke; then serve answers /health and the token signs in, and SIGTERM closes it', async () => {
  const add = capture();
  expect(await run(['users', 'add', 'دبیرخانه', '--role', 'secretariat', '--data', data], add.io)).toBe(0);
  const token = add.out[add.out.length - 1].split(' ').pop()!;
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const reporter = capture();
  expect(await run(['users', 'add', 'ali', '--role', 'reporter', '--unit', 'budget-office', '--unit', 'bus-org', '--data', data], reporter.io)).toBe(0);
  expect(reporter.out[reporter.out.length - 1].split(' ').pop()).not.toBe(token);
  // With --link, a sign-in link carrying the same token in its fragment; the token is still last.
  const linked = capture();
  expect(await run(['users', 'add', 'maryam', '--role', 'viewer', '--link', 'https://plans.example.org/app', '--data', data], linked.io)).toBe(0);
  const viewerToken = linked.out[linked.out.length - 1].split(' ').pop()!;
  expect(linked.out.join('\n')).toContain(`https://plans.example.org/#token=${viewerToken}`);
  expect(await run(['users', 'add', 'nima', '--role', 'viewer', '--link', 'ftp://x', '--data', data], capture().io)).toBe(2);

  // Mistakes: exit 1 with one line, or 2 for usage; nothing added.
  const again = capture();
  expect(await run(['users', 'add', 'ali', '--role', 'viewer', '--data', data], again.io)).toBe(1);
  expect(again.err.join('\n')).toContain('already');
  const noUnit = capture();
  expect(await run(['users', 'add', 'reza', '--role', 'reporter', '--data', data], noUnit.io)).toBe(1);
  expect(noUnit.err.join('\n')).toContain('--unit');
  expect(await run(['users', 'add', 'reza', '--role', 'king', '--data', data], capture().io)).toBe(2);
  expect(await run(['users', 'add', 'reza', '--role', 'viewer', '--data', data, '--database', 'postgres://x/y'], capture().io)).toBe(2);
  expect(await run(['users', 'revoke', 'nobody', '--data', data], capture().io)).toBe(1);
  const revoke = capture();
  expect(await run(['users', 'add', 'gone', '--role', 'viewer', '--data', data], capture().io)).toBe(0);
  expect(await run(['users', 'revoke', 'gone', '--data', data], revoke.io)).toBe(0);
  expect(revoke.out).toEqual(['revoked gone']);
  expect(await run(['users', 'revoke', 'gone', '--data', data], capture().io)).toBe(1);

  const list = capture();
  expect(await run(['users', 'list', '--data', data], list.io)).toBe(0);
  const listed = list.out.join('\n');
  expect(listed).toContain('دبیرخانه');
  expect(listed).toMatch(/ali\s+reporter\s+budget-office, bus-org/);
  expect(listed).toMatch(/gone\s+viewer\s+\S+\s+\d{4}-\d\d-\d\d/);
  expect(listed).not.toContain(token);
  expect(fs.readdirSync(data).length).toBeGreaterThan(0);
  // The database keeps only hashes.
  expect(fs.readdirSync(data, { recursive: true }).some((f) => { const p = path.join(data, String(f)); return fs.statSync(p).isFile() && fs.readFileSync(p).includes(token); })).toBe(false);

  // serve on port 0: it says where it listens, answers, and stops on SIGTERM.
  let listening!: (url: string) => void;
  const at = new Promise<string>((resolve) => (listening = resolve));
  const served = capture((line) => {
    const m = /^PlanSheets server at (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
    if (m) listening(m[1]);
  });
  const ended = run(['serve', '--port', '0', '--data', data], served.io);
  const url = await Promise.race([at, ended.then((code) => { throw new Error(`serve ended with ${code}: ${served.err.join(' ')}`); })]);
  expect((await (await fetch(`${url}/health`)).json())).toEqual({ status: 'ok' });
  expect((await fetch(`${url}/api/plans`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  process.emit('SIGTERM');
  expect(await ended).toBe(0);
  expect(served.out).toContain('PlanSheets server stopped');
  await expect(fetch(`${url}/health`)).rejects.toThrow();
}, 300_000);

test('serve refuses a bad port or origin before opening anything', async () => {
  const bad = capture();
  expect(await run(['serve', '--port', 'eighty', '--data', data], bad.io)).toBe(2);
  expect(bad.err.join('\n')).toContain('--port');
  expect(await run(['serve', '--origin', 'https://x.example/path', '--data', data], capture().io)).toBe(2);
});
