// Signing in with a bearer token, and refusing an address that keeps guessing. Failures are
// counted in the database, so the limit holds across every server process.
import type { FastifyRequest } from 'fastify';
import type { Db } from './db';
import type { User } from '../core/rights/rights';
import { userOfToken } from './users';
import { ApiError } from './errors';

export interface SignInLimit {
  /** Failed sign-ins from one address within the window before it is refused (429). */
  failures: number;
  windowSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMIT: SignInLimit = { failures: 10, windowSeconds: 15 * 60 };

const unauthorized = (en: string, fa: string) => new ApiError(401, 'unauthorized', { en, fa });

/** The person a request speaks for; throws 401 (no or bad token) or 429 (too many failures). */
export async function signIn(db: Db, req: FastifyRequest, limit: SignInLimit): Promise<User> {
  const address = req.ip;
  const [{ n }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM sign_in_failures WHERE address = $1 AND at > now() - make_interval(secs => $2)", [address, limit.windowSeconds]);
  if (n >= limit.failures) {
    const minutes = Math.ceil(limit.windowSeconds / 60);
    throw new ApiError(429, 'too-many-failures', { en: `too many failed sign-ins from this address: try again in ${minutes} minutes`, fa: `ورودهای ناموفق زیادی از این نشانی: ${minutes} دقیقه دیگر دوباره تلاش کنید` }, { retryAfter: limit.windowSeconds });
  }
  const header = req.headers.authorization;
  const m = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw unauthorized('sign in: send Authorization: Bearer TOKEN (the token `plansheets users add` printed)', 'وارد شوید: Authorization: Bearer TOKEN بفرستید (توکنی که `plansheets users add` چاپ کرد)');
  const user = await userOfToken(db, m[1]);
  if (user) return user;
  // Old failures are dropped as new ones come, so the table stays the size of the window.
  await db.tx(async (q) => {
    await q('DELETE FROM sign_in_failures WHERE at < now() - make_interval(secs => $1)', [limit.windowSeconds]);
    await q('INSERT INTO sign_in_failures (address) VALUES ($1)', [address]);
  });
  throw unauthorized('this token is not valid (mistyped, or revoked)', 'این توکن معتبر نیست (اشتباه وارد شده یا باطل شده است)');
}
