// Signing in: a bearer token (the command line, the add-in) or a session cookie (the browser
// pages, see sessions.ts), and refusing an address that keeps guessing tokens. Failures are
// counted in the database, so the limit holds across every server process.
import { createHash } from 'crypto';
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

export const SESSION_COOKIE = 'plansheets_session';
/** The header a page sends with every cookie-signed change: a form on another site cannot set it. */
export const CSRF_HEADER = 'x-plansheets-request';

/** A signed-in person, and when their session ends (undefined for a bearer token). */
export interface Signed extends User {
  expires?: string;
}

const unauthorized = (en: string, fa: string) => new ApiError(401, 'unauthorized', { en, fa });

export const sessionHash = (id: string): string => createHash('sha256').update(id, 'utf8').digest('hex');

/**
 * The person a token belongs to, counting a wrong token against the address: 401 for a token that
 * is not valid, 429 once an address has failed too often. A valid token is let in all the same:
 * behind a proxy many people share one address, and one person's typos must not lock out the rest
 * (a 32-byte token cannot be guessed; the limit slows the guessing down, it is not the lock).
 */
export async function userOfTokenCounted(db: Db, address: string, token: string, limit: SignInLimit): Promise<User> {
  const user = await userOfToken(db, token);
  if (user) return user;
  const [{ n }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM sign_in_failures WHERE address = $1 AND at > now() - make_interval(secs => $2)", [address, limit.windowSeconds]);
  if (n >= limit.failures) {
    const minutes = Math.ceil(limit.windowSeconds / 60);
    throw new ApiError(429, 'too-many-failures', { en: `too many failed sign-ins from this address: try again in ${minutes} minutes`, fa: `ورودهای ناموفق زیادی از این نشانی: ${minutes} دقیقه دیگر دوباره تلاش کنید` }, { retryAfter: limit.windowSeconds });
  }
  // Old failures are dropped as new ones come, so the table stays the size of the window.
  await db.tx(async (q) => {
    await q('DELETE FROM sign_in_failures WHERE at < now() - make_interval(secs => $1)', [limit.windowSeconds]);
    await q('INSERT INTO sign_in_failures (address) VALUES ($1)', [address]);
  });
  throw unauthorized('this token is not valid (mistyped, or revoked)', 'این توکن معتبر نیست (اشتباه وارد شده یا باطل شده است)');
}

/**
 * The person of a session id, while the session lasts and the person is not revoked. A session id
 * is 32 random bytes, so a wrong one is not counted as a guess: it is an ended session.
 */
async function userOfSession(db: Db, id: string): Promise<Signed> {
  const rows = id.length > 0 && id.length <= 100
    ? await db.query<{ name: string; role: User['role']; units: string[]; expires: Date | string }>(
        'SELECT u.name, u.role, u.units, s.expires FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.id_hash = $1 AND s.expires > now() AND u.revoked IS NULL',
        [sessionHash(id)],
      )
    : [];
  if (rows.length === 0) throw new ApiError(401, 'session-expired', { en: 'your session has ended: sign in again', fa: 'نشست شما به پایان رسیده است: دوباره وارد شوید' });
  const [r] = rows;
  return { name: r.name, role: r.role, units: r.units, expires: new Date(r.expires).toISOString() };
}

/**
 * The person a request speaks for: its bearer token, else its session cookie (a change signed by
 * the cookie must carry the CSRF header). Throws 401, 403 `csrf` or 429.
 */
export async function signIn(db: Db, req: FastifyRequest, limit: SignInLimit): Promise<Signed> {
  const header = req.headers.authorization;
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (header === undefined && cookie !== undefined) {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.headers[CSRF_HEADER] !== '1') {
      throw new ApiError(403, 'csrf', { en: `a change from a page must carry the header X-PlanSheets-Request: 1`, fa: 'تغییری که از صفحه فرستاده می‌شود باید سرآیند X-PlanSheets-Request: 1 داشته باشد' });
    }
    return userOfSession(db, cookie);
  }
  const m = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) throw unauthorized('sign in: send Authorization: Bearer TOKEN (the token `plansheets users add` printed)', 'وارد شوید: Authorization: Bearer TOKEN بفرستید (توکنی که `plansheets users add` چاپ کرد)');
  return userOfTokenCounted(db, req.ip, m[1], limit);
}
