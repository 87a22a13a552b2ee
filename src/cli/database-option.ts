// The database a server command works on (--data, --database or DATABASE_URL), opened and migrated:
// one way for `serve` and `users`.
import { databaseOf, type Db } from '../server/db';
import { openMigrated } from '../server/migrations';
import { UsageError } from './plan-file';
import { EXIT } from './commands';
import type { Output } from './output';

/** The migrated database named by the options; one line and exit 1 when it cannot be opened. */
export async function openNamedDatabase(o: { data?: string; database?: string }, io: Output): Promise<Db | number> {
  let options;
  try {
    options = databaseOf(o);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  try {
    return await openMigrated(options);
  } catch (e) {
    io.err(`plansheets: cannot open the database ${options.url ? 'at --database' : `in ${options.data}`}: ${(e as Error).message}`);
    return EXIT.failed;
  }
}
