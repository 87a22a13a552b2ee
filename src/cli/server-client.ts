// The command line as a client of the plan server: the shared client (src/client), with the
// token and address taken from the command line.
import { isolate } from '../core/numbers/bidi';
import { parseServerAddress } from '../client/server-api';
import { UsageError } from './plan-file';

export { call, ServerError, type Answer } from '../client/server-api';

/** The token from --token or PLANSHEETS_TOKEN; none is a usage error. */
export function tokenOf(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const token = given ?? env.PLANSHEETS_TOKEN;
  if (!token) throw new UsageError({ en: 'give the token with --token TOKEN or PLANSHEETS_TOKEN', fa: `رمز دسترسی را با ${isolate('--token TOKEN')} یا ${isolate('PLANSHEETS_TOKEN')} بدهید` });
  return token;
}

/** The server's address, checked: http(s) only; anything else is a usage error. */
export function serverUrl(text: string): URL {
  const r = parseServerAddress(text);
  if ('problem' in r) throw new UsageError(r.problem);
  return r.url;
}
