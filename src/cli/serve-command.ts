// `plansheets serve`: the plan server, on the embedded database (a folder) or a PostgreSQL server.
import type { Command } from 'commander';
import { openNamedDatabase } from './database-option';
import * as fs from 'fs';
import * as path from 'path';
import { buildApp } from '../server/app';
import { defaultWebFolder, PAGE } from '../server/web-pages';
import { UsageError } from './plan-file';
import { EXIT } from './commands';
import type { Output } from './output';

export interface ServeOptions {
  port: string;
  host: string;
  data?: string;
  database?: string;
  origin: string[];
  trustProxy?: boolean;
  /** The browser pages' folder (webpack's output); default the package's own build. */
  web?: string;
}

export interface Serving {
  url: string;
  /** Stops listening, lets requests in flight finish, closes the database. */
  close(): Promise<void>;
}

/** Starts the server and returns once it listens (the CLI then waits for a signal). */
export async function startServer(o: ServeOptions, io: Output): Promise<Serving | number> {
  const port = Number(o.port);
  if (!/^\d{1,5}$/.test(o.port) || port > 65535) throw new UsageError(`--port must be a port number (0 to 65535; 0 picks a free one), not "${o.port}"`);
  for (const origin of o.origin) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new UsageError(`--origin must be a page's origin such as https://plans.example.org (scheme and host, no path), not "${origin}"`);
  }
  const web = o.web ?? defaultWebFolder();
  if (o.web !== undefined && !fs.existsSync(path.join(o.web, PAGE))) throw new UsageError(`--web must be a folder holding ${PAGE} (npm run build writes it to dist), and ${o.web} has none`);
  if (web === undefined) io.err('plansheets: no web pages: run npm run build');
  const db = await openNamedDatabase(o, io);
  if (typeof db === 'number') return db;
  const app = buildApp(db, { origins: o.origin, trustProxy: o.trustProxy, web });
  try {
    await app.listen({ host: o.host, port });
  } catch (e) {
    await app.close();
    await db.close();
    io.err(`plansheets: cannot listen on ${o.host}:${o.port}: ${(e as Error).message}`);
    return EXIT.failed;
  }
  const address = app.server.address();
  const url = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${address !== null && typeof address === 'object' ? address.port : port}`;
  io.out(`PlanSheets server at ${url}`);
  return {
    url,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

/** Serves until SIGINT or SIGTERM, then closes cleanly (requests in flight finish; the database is closed). */
export async function serve(o: ServeOptions, io: Output): Promise<number> {
  const s = await startServer(o, io);
  if (typeof s === 'number') return s;
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await s.close();
  io.out('PlanSheets server stopped');
  return EXIT.ok;
}

export function addServeCommand(cli: Command, io: Output, setCode: (code: number) => void): void {
  cli
    .command('serve')
    .description('run the plan server: one canonical plan for every unit, over HTTP, on an embedded database (a folder) or PostgreSQL')
    .option('--port <port>', 'the port to listen on', '8080')
    .option('--host <host>', 'the address to listen on (put a reverse proxy with TLS in front for other machines)', '127.0.0.1')
    .option('--data <dir>', 'the embedded database folder (default: ./plansheets-data)')
    .option('--database <url>', 'a PostgreSQL server: postgres://USER:PASSWORD@HOST/DB (default: DATABASE_URL)')
    .option('--origin <url>', 'a web origin allowed to call the API from a browser (repeat for several)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--web <dir>', 'the browser pages: the folder npm run build writes (default: this package\'s dist, when built)')
    .option('--trust-proxy', "behind a reverse proxy: take each client's address from X-Forwarded-For (sign-in limits count per address)")
    .action(async (o: ServeOptions) => setCode(await serve(o, io)));
}
