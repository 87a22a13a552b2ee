// Sessions for the browser pages: a person signs in once with their token and gets an HttpOnly
// cookie holding a random session id; the database keeps only its SHA-256 and when it ends.
import { randomBytes } from 'crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from './db';
import { badRequest } from './errors';
import { SESSION_COOKIE, sessionHash, signIn, userOfTokenCounted, type SignInLimit, type Signed } from './auth';

export const DEFAULT_SESSION_HOURS = 8;

const answer = (u: Signed) => ({ name: u.name, role: u.role, units: u.role === 'reporter' ? u.units : [], expires: u.expires ?? null });

export function sessionRoutes(app: FastifyInstance, db: Db, limit: SignInLimit, hours: number): void {
  const cookieOptions = (req: FastifyRequest) => ({ httpOnly: true, sameSite: 'strict' as const, path: '/', secure: req.protocol === 'https' });

  app.post<{ Body: { token?: unknown } | null }>('/api/session', async (req, reply) => {
    const token = req.body?.token;
    if (typeof token !== 'string') throw badRequest('token', 'send {"token": "..."}: the token `plansheets users add` printed', 'ارسال کنید {"token": "..."}: توکنی که `plansheets users add` چاپ کرد');
    const user = await userOfTokenCounted(db, req.ip, token, limit);
    const id = randomBytes(32).toString('base64url');
    const expires = new Date(Date.now() + hours * 3600_000).toISOString();
    await db.tx(async (q) => {
      // Ended sessions are dropped as new ones begin, so the table holds the live ones.
      await q('DELETE FROM sessions WHERE expires < now()');
      await q('INSERT INTO sessions (id_hash, user_name, expires) VALUES ($1, $2, $3)', [sessionHash(id), user.name, expires]);
    });
    void reply.setCookie(SESSION_COOKIE, id, { ...cookieOptions(req), maxAge: Math.round(hours * 3600) });
    return answer({ ...user, expires });
  });

  app.get('/api/session', async (req) => answer(req.user as Signed));

  app.delete('/api/session', async (req, reply) => {
    const id = req.cookies[SESSION_COOKIE];
    if (id !== undefined) await db.query('DELETE FROM sessions WHERE id_hash = $1', [sessionHash(id)]);
    void reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
    return reply.code(204).send();
  });
}

/**
 * The route a request reached, as the router matched it (`/api/plans/:id`): the router's own
 * reading, whatever form the request's target took (absolute, percent-encoded). '' when no route matched.
 */
export function routeOf(req: FastifyRequest): string {
  return req.routeOptions.url ?? '';
}

/** Who a request to /api speaks for, or null where no sign-in is asked (signing in, public pages). */
export async function requestUser(db: Db, req: FastifyRequest, limit: SignInLimit): Promise<Signed | null> {
  const path = routeOf(req);
  if (path.startsWith('/api/public/') || (req.method === 'POST' && path === '/api/session')) return null;
  return signIn(db, req, limit);
}
