// `plansheets users add|list|revoke`: the people of a plan server and their tokens, straight in
// its database (so the first secretariat can be added before the first `serve`).
import { Command, Option } from 'commander';
import type { Db } from '../server/db';
import { openNamedDatabase } from './database-option';
import { serverUrl } from './server-client';
import { addUser, listUsers, revokeUser, UserError } from '../server/users';
import { ROLES, type Role } from '../core/rights/rights';
import { table, type Output } from './output';
import { EXIT } from './commands';

interface Where {
  data?: string;
  database?: string;
}

const where = (c: Command) =>
  c
    .option('--data <dir>', 'the embedded database folder (default: ./plansheets-data)')
    .option('--database <url>', 'a PostgreSQL server: postgres://USER:PASSWORD@HOST/DB (default: DATABASE_URL)');

/** Runs `fn` on the migrated database named; a database that cannot be opened is one line, exit 1. */
async function withDb(o: Where, io: Output, fn: (db: Db) => Promise<number>): Promise<number> {
  const db = await openNamedDatabase(o, io);
  if (typeof db === 'number') return db;
  try {
    return await fn(db);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    io.err(`plansheets: ${e.message}`);
    return EXIT.failed;
  } finally {
    await db.close();
  }
}

export function addUsersCommand(cli: Command, io: Output, setCode: (code: number) => void): void {
  const users = cli.command('users').description("the plan server's people: add one (prints their token once), list them, revoke one");
  where(
    users
      .command('add')
      .description('add a person; their token is the last word of the last line printed, and is shown only this once')
      .argument('<name>', 'their name, as the audit trail will show it')
      .addOption(new Option('--role <role>', 'secretariat does everything, a reporter reports for their units, a viewer reads').choices([...ROLES]).makeOptionMandatory())
      .option('--unit <id>', "a reporter's unit (repeat for several)", (v: string, all: string[]) => [...all, v], [] as string[])
      .option('--link <url>', "also print a sign-in link to the server's pages at this address (e.g. https://plans.example.org)"),
  ).action(async (name: string, o: Where & { role: Role; unit: string[]; link?: string }) =>
    setCode(
      await withDb(o, io, async (db) => {
        const link = o.link === undefined ? undefined : serverUrl(o.link);
        const token = await addUser(db, name, o.role, o.unit);
        io.out(`added ${name}: ${o.role}${o.unit.length ? ` of ${o.unit.join(', ')}` : ''}`);
        // The token rides in the fragment: browsers never send it to the server, and the page drops it.
        if (link) io.out(`sign-in link for ${name} (as secret as the token): ${new URL('/', link).href}#token=${token}`);
        io.out(`token for ${name} (shown once, keep it secret): ${token}`);
        return EXIT.ok;
      }),
    ),
  );
  where(users.command('list').description('everyone, with their role, units and whether revoked (never their tokens)')).action(async (o: Where) =>
    setCode(
      await withDb(o, io, async (db) => {
        const rows = await listUsers(db);
        if (rows.length === 0) io.out('nobody yet: add the secretariat with `plansheets users add NAME --role secretariat`');
        else for (const line of table(['name', 'role', 'units', 'added', 'revoked'], rows.map((u) => [u.name, u.role, u.units.join(', '), u.created.slice(0, 10), u.revoked?.slice(0, 10) ?? '']), [false, false, false, false, false])) io.out(line);
        return EXIT.ok;
      }),
    ),
  );
  where(users.command('revoke').description('revoke a person: their token stops working at once; their name stays in the audit trail').argument('<name>', 'who')).action(async (name: string, o: Where) =>
    setCode(
      await withDb(o, io, async (db) => {
        if (!(await revokeUser(db, name))) throw new UserError(`nobody active is called "${name}"`);
        io.out(`revoked ${name}`);
        return EXIT.ok;
      }),
    ),
  );
}
