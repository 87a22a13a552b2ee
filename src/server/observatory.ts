// The public observatory: once the secretariat opens a plan to everyone, its figures can be read
// without signing in. What units wrote (notes, evidence listed, comments) and the change log
// (people's names) are left out; the rest is the plan as the council reads it.
import type { FastifyInstance } from 'fastify';
import type { Db } from './db';
import { isSecretariat, type User } from '../core/rights/rights';
import { stringifyPlan } from '../core/plan/canonical-json';
import type { Plan } from '../core/plan/plan.types';
import { ApiError, badRequest, forbidden } from './errors';
import { reportAnswer, type ReportQuery } from './report-route';

const notPublic = (id: string) => new ApiError(404, 'not-found', { en: `no public plan "${id}" here`, fa: `برنامه عمومی «${id}» اینجا نیست` });

async function publicDoc(db: Db, id: string): Promise<{ doc: string; revision: number }> {
  const [row] = await db.query<{ doc: string; revision: number }>('SELECT doc, revision FROM plans WHERE id = $1 AND public', [id]);
  if (!row) throw notPublic(id);
  return row;
}

export function observatoryRoutes(app: FastifyInstance, db: Db): void {
  app.post<{ Params: { id: string }; Body: { public?: unknown } | null }>('/api/plans/:id/observatory', async (req) => {
    if (!isSecretariat(req.user as User)) throw forbidden('only the secretariat opens or closes the observatory', 'فقط دبیرخانه رصدخانه را باز یا بسته می‌کند');
    const on = req.body?.public;
    if (typeof on !== 'boolean') throw badRequest('observatory', 'send {"public": true or false}', 'بفرستید {"public": true یا false}');
    const rows = await db.query<{ id: string }>('UPDATE plans SET public = $2 WHERE id = $1 RETURNING id', [req.params.id, on]);
    if (rows.length === 0) throw new ApiError(404, 'not-found', { en: `no plan "${req.params.id}" here`, fa: `برنامه «${req.params.id}» اینجا نیست` });
    return { id: req.params.id, public: on };
  });

  app.get('/api/public/plans', async () => {
    const rows = await db.query<{ id: string; revision: number; doc: string }>('SELECT id, revision, doc FROM plans WHERE public ORDER BY id');
    return rows.map((r) => {
      let title: string | undefined;
      try {
        title = (JSON.parse(r.doc) as Plan).meta.title;
      } catch {
        title = undefined;
      }
      return { id: r.id, revision: r.revision, ...(typeof title === 'string' ? { title } : {}) };
    });
  });

  app.get<{ Params: { id: string } }>('/api/public/plans/:id', async (req, reply) => {
    const { doc, revision } = await publicDoc(db, req.params.id);
    const plan = JSON.parse(doc) as Plan;
    // Figures and definitions are public; what units wrote (notes, evidence they listed) and the
    // change log (people's names) stay with those who sign in.
    delete plan.changes;
    for (const ind of plan.indicators) {
      delete ind.notes;
      delete ind.evidenceSubmitted;
      delete ind.comment;
      for (const item of ind.items ?? []) {
        delete item.notes;
        delete item.evidenceSubmitted;
        delete item.comment;
      }
    }
    return reply.header('ETag', `"${revision}"`).type('application/json; charset=utf-8').send(stringifyPlan(plan));
  });

  app.get<{ Params: { id: string }; Querystring: ReportQuery }>('/api/public/plans/:id/report', async (req, reply) => {
    const { doc, revision } = await publicDoc(db, req.params.id);
    return reply.header('ETag', `"${revision}"`).type('application/json; charset=utf-8').send(reportAnswer(doc, req.params.id, req.query));
  });
}
