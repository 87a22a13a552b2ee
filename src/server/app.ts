// The plan server's HTTP API. Stateless: every request reads what it needs from the database, and
// every write is one transaction, so several processes can serve one PostgreSQL.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import cookie from '@fastify/cookie';
import type { Db } from './db';
import { canRead, canWrite, isSecretariat, scopePlan, type User } from '../core/rights/rights';
import { loadPlan, loadPlanValue } from '../core/plan/load';
import { stringifyPlan } from '../core/plan/canonical-json';
import type { PlanIndex } from '../core/plan/plan-index';
import { DEFAULT_SIGN_IN_LIMIT, type SignInLimit } from './auth';
import { DEFAULT_SESSION_HOURS, requestUser, routeOf, sessionRoutes } from './sessions';
import { securityHeaders, webPages } from './web-pages';
import { DEFAULT_EVIDENCE_BYTES, evidenceRoutes } from './evidence';
import { lockRoutes } from './locks';
import { ApiError, badRequest, errorBody, forbidden, handleError } from './errors';
import { changesSince, currentPlan, indexOfStored, insertPlan, listPlans, revisionOf, storeRevision, type Stored } from './store';
import { applyChanges } from './changes';
import { applyBook } from './books';
import { accept, listSubmissions, reject, submit, waitsForReview } from './review';
import { XLSX_TYPE } from '../xlsx/read-book';
import { reportAnswer, type ReportQuery } from './report-route';
import { templateRoute } from './unit-template';
import { observatoryRoutes } from './observatory';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    rawBody: string | undefined;
  }
}

export interface AppOptions {
  /** Origins whose pages may call the API (CORS); none by default. */
  origins?: string[];
  /** The largest request body in bytes (default 32 MB: a large city's plan with room to spare). */
  bodyLimit?: number;
  signInLimit?: SignInLimit;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For (the rate limit counts per address). */
  trustProxy?: boolean;
  /** How long a browser page's sign-in lasts (default 8 hours). */
  sessionHours?: number;
  /** The browser pages: webpack's output folder, holding web.html; none when absent. */
  web?: string;
  /** The largest evidence file in bytes (default 10 MB). */
  evidenceBytes?: number;
}

export const DEFAULT_BODY_LIMIT = 32 * 1024 * 1024;

/** Who asked; a route reached without a sign-in is refused here too, never read as nobody. */
const user = (req: FastifyRequest): User => {
  if (!req.user) throw new ApiError(401, 'unauthorized', { en: 'sign in first', fa: 'نخست وارد شوید' });
  return req.user;
};
const etag = (revision: number) => `"${revision}"`;
const sendJsonText = (reply: FastifyReply, text: string) => reply.type('application/json; charset=utf-8').send(text);

/** A whole number from the path or the query, or a 400 naming it. */
function wholeNumber(name: string, v: unknown): number {
  if (typeof v === 'string' && /^\d{1,9}$/.test(v)) return Number(v);
  throw badRequest('query', `${name} must be a whole number, not ${JSON.stringify(v)}`, `${name} باید عدد صحیح باشد، نه ${JSON.stringify(v)}`);
}

/** A plan from a request body, checked as `validate` checks a file: its errors are a 400 with every problem. */
function planOfBody(req: FastifyRequest): PlanIndex {
  const r = loadPlan(req.rawBody ?? '');
  if (r.ok && r.index) return r.index;
  const problems = r.problems.filter((p) => p.severity === 'error');
  throw badRequest('invalid-plan', `the plan has ${problems.length} error(s): ${problems.slice(0, 3).map((p) => `${p.path || '(file)'} ${p.message.en}`).join('; ')}`, `برنامه ${problems.length} خطا دارد: ${problems.slice(0, 3).map((p) => `${p.path || '(فایل)'} ${p.message.fa}`).join('؛ ')}`, { problems });
}

const needSecretariat = (req: FastifyRequest) => {
  if (!isSecretariat(user(req))) throw forbidden('only the secretariat may do this', 'فقط دبیرخانه می‌تواند این کار را بکند');
};

/** The plan as this user may read it, as file text. */
function docFor(u: User, s: Stored, id: string): string {
  if (u.role !== 'reporter') return s.doc;
  const r = indexOfStored(s.doc);
  if (!r.index) throw new ApiError(500, 'stored-plan', { en: `the stored plan "${id}" does not load`, fa: `برنامه ذخیره‌شده «${id}» بارگذاری نمی‌شود` });
  return stringifyPlan(scopePlan(r.index, u));
}

export function buildApp(db: Db, options: AppOptions = {}): FastifyInstance {
  const limit = options.signInLimit ?? DEFAULT_SIGN_IN_LIMIT;
  // No logger: requests carry tokens and plan data, and neither belongs in a log.
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    // A path the router cannot read (broken percent-encoding) gets the API's own error shape.
    frameworkErrors: (error, _req, reply) => void (reply as FastifyReply).code(400).send(errorBody('bad-url', { en: `the address cannot be read: ${error.message}`, fa: 'نشانی درخواست خواندنی نیست' })),
  });
  app.decorateRequest('user', null);
  app.decorateRequest('rawBody', undefined);
  securityHeaders(app);
  void app.register(cookie);
  // The text is kept: a plan is checked from its text (repeated keys, lines and columns), and
  // stored as sent. Keys such as __proto__ are refused, as fastify's own parser does. JSON only:
  // any other body is a 415.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    req.rawBody = body as string;
    parseJson(req, body as string, done);
  });
  // Workbooks arrive as they are saved (.xlsx, a zip): read whole, within the body limit.
  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  if (options.origins?.length) void app.register(cors, { origin: options.origins, methods: ['GET', 'POST', 'PUT', 'DELETE'], exposedHeaders: ['ETag'] });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((req, reply) => reply.code(404).send(errorBody('not-found', { en: `no ${req.method} ${req.url.split('?')[0]} here`, fa: `${req.method} ${req.url.split('?')[0]} اینجا وجود ندارد` })));
  app.addHook('onRequest', async (req) => {
    // By the route matched, not the text of the request's target (absolute form, percent-encoding).
    if (req.method === 'OPTIONS' || !routeOf(req).startsWith('/api/')) return;
    req.user = await requestUser(db, req, limit);
  });
  // No NUL in a path or query value: nothing the plan names holds one, and the database refuses it.
  app.addHook('preHandler', async (req) => {
    const values = [...Object.values((req.params ?? {}) as Record<string, unknown>), ...Object.values((req.query ?? {}) as Record<string, unknown>)].flat();
    if (values.some((v) => typeof v === 'string' && v.includes('\u0000'))) throw badRequest('nul', 'the address holds a NUL character', 'نشانی درخواست نویسه NUL دارد');
  });
  sessionRoutes(app, db, limit, options.sessionHours ?? DEFAULT_SESSION_HOURS);
  evidenceRoutes(app, db, options.evidenceBytes ?? DEFAULT_EVIDENCE_BYTES);
  lockRoutes(app, db);
  if (options.web !== undefined) webPages(app, options.web);

  app.get('/health', async () => {
    await db.query('SELECT 1');
    return { status: 'ok' };
  });

  app.post('/api/plans', async (req, reply) => {
    needSecretariat(req);
    const plan = planOfBody(req).plan;
    const revision = plan.meta.revision ?? 0;
    const text = req.rawBody!.charCodeAt(0) === 0xfeff ? req.rawBody!.slice(1) : req.rawBody!;
    const made = await db.tx((q) => insertPlan(q, plan.meta.id, revision, text, user(req).name, new Date().toISOString()));
    if (!made) throw new ApiError(409, 'exists', { en: `plan "${plan.meta.id}" is already on this server: change it with PUT /api/plans/${plan.meta.id}`, fa: `برنامه «${plan.meta.id}» از پیش روی این سرور هست: با PUT /api/plans/${plan.meta.id} تغییرش دهید` });
    return reply.code(201).header('ETag', etag(revision)).header('Location', `/api/plans/${encodeURIComponent(plan.meta.id)}`).send({ id: plan.meta.id, revision });
  });

  app.get('/api/plans', async () => listPlans(db.query));

  app.get<{ Params: { id: string } }>('/api/plans/:id', async (req, reply) => {
    const s = await currentPlan(db.query, req.params.id);
    return sendJsonText(reply.header('ETag', etag(s.revision)), docFor(user(req), s, req.params.id));
  });

  app.put<{ Params: { id: string } }>('/api/plans/:id', async (req, reply) => {
    needSecretariat(req);
    const ifMatch = req.headers['if-match'];
    if (ifMatch === undefined) throw new ApiError(428, 'if-match', { en: 'send If-Match with the ETag of the revision you changed', fa: 'If-Match را با ETag ویرایشی که تغییر داده‌اید بفرستید' });
    const plan = planOfBody(req).plan;
    if (plan.meta.id !== req.params.id) throw badRequest('plan-id', `the plan sent is "${plan.meta.id}", not "${req.params.id}"`, `برنامه فرستاده‌شده «${plan.meta.id}» است، نه «${req.params.id}»`);
    const revision = await db.tx(async (q) => {
      const cur = await currentPlan(q, req.params.id, true);
      if (!ifMatch.split(',').some((t) => t.trim() === etag(cur.revision))) {
        throw new ApiError(412, 'stale', { en: `the plan is at revision ${cur.revision} now, not ${ifMatch}: get it again and redo the change`, fa: `برنامه اکنون در ویرایش ${cur.revision} است، نه ${ifMatch}: دوباره بگیرید و تغییر را تکرار کنید` }, { revision: cur.revision });
      }
      const next = cur.revision + 1;
      plan.meta.revision = next;
      await storeRevision(q, req.params.id, next, stringifyPlan(plan), user(req).name, new Date().toISOString(), []);
      return next;
    });
    return reply.header('ETag', etag(revision)).send({ id: req.params.id, revision });
  });

  app.post<{ Params: { id: string } }>('/api/plans/:id/changes', async (req, reply) => {
    if (!canWrite(user(req))) throw forbidden('a viewer reads the plan but does not change it', 'بیننده برنامه را می‌بیند اما تغییر نمی‌دهد');
    const u = user(req);
    const answer = await db.tx(async (q) => ((await waitsForReview(q, req.params.id, u)) ? submit(q, req.params.id, u, req.body) : applyChanges(q, req.params.id, u, req.body, new Date().toISOString())));
    if ('submission' in answer) return reply.code(202).send(answer);
    return reply.header('ETag', etag(answer.revision)).send(answer);
  });

  app.get<{ Params: { id: string }; Querystring: { status?: string } }>('/api/plans/:id/submissions', async (req) => {
    if (!canWrite(user(req))) throw forbidden('a viewer does not see submissions', 'بیننده ارسال‌ها را نمی‌بیند');
    return db.tx((q) => listSubmissions(q, req.params.id, user(req), req.query.status));
  });

  app.post<{ Params: { id: string }; Body: { comment?: unknown } | null }>('/api/submissions/:id/accept', async (req, reply) => {
    needSecretariat(req);
    const comment = typeof req.body?.comment === 'string' ? req.body.comment.slice(0, 2000) : undefined;
    const answer = await db.tx((q) => accept(q, req.params.id, user(req), comment, new Date().toISOString()));
    return reply.header('ETag', etag(answer.revision)).send(answer);
  });

  app.post<{ Params: { id: string }; Body: { comment?: unknown } | null }>('/api/submissions/:id/reject', async (req) => {
    needSecretariat(req);
    return db.tx((q) => reject(q, req.params.id, req.body?.comment));
  });

  app.post<{ Params: { id: string }; Querystring: { name?: string } }>('/api/plans/:id/books', async (req, reply) => {
    if (!canWrite(user(req))) throw forbidden('a viewer reads the plan but does not change it', 'بیننده برنامه را می‌بیند اما تغییر نمی‌دهد');
    if (!Buffer.isBuffer(req.body)) throw badRequest('book', `send the workbook as ${XLSX_TYPE}`, `کارپوشه را با نوع ${XLSX_TYPE} بفرستید`);
    const name = typeof req.query.name === 'string' && req.query.name.length <= 200 ? req.query.name : 'book.xlsx';
    const answer = await db.tx((q) => applyBook(q, req.params.id, user(req), req.body as Buffer, name, new Date().toISOString()));
    if ('submission' in answer) return reply.code(202).send(answer);
    return reply.header('ETag', etag(answer.revision)).send(answer);
  });

  app.get<{ Params: { id: string }; Querystring: { since?: string } }>('/api/plans/:id/changes', async (req) => {
    const since = req.query.since === undefined ? 0 : wholeNumber('since', req.query.since);
    const s = await currentPlan(db.query, req.params.id);
    const rows = await changesSince(db.query, req.params.id, since);
    if (user(req).role !== 'reporter') return rows;
    const index = indexOfStored(s.doc).index;
    return index ? rows.filter((r) => canRead(index, user(req), r.ref)) : [];
  });

  app.get<{ Params: { id: string; n: string } }>('/api/plans/:id/revisions/:n', async (req, reply) => {
    const s = await revisionOf(db.query, req.params.id, wholeNumber('the revision', req.params.n));
    return sendJsonText(reply.header('ETag', etag(s.revision)), docFor(user(req), s, req.params.id));
  });

  app.get<{ Params: { id: string }; Querystring: ReportQuery }>('/api/plans/:id/report', async (req, reply) => {
    const s = await currentPlan(db.query, req.params.id);
    const u = user(req);
    return sendJsonText(reply.header('ETag', etag(s.revision)), reportAnswer(s.doc, req.params.id, req.query, (index) => (u.role === 'reporter' ? loadPlanValue(scopePlan(index, u)).index : index)));
  });
  templateRoute(app, db);
  observatoryRoutes(app, db);

  return app;
}
