// Locking and unlocking a period (the secretariat closes a period once its numbers are final): one
// new revision, written as PUT writes one, under the plan's row lock.
import type { FastifyInstance } from 'fastify';
import type { Db } from './db';
import { isSecretariat, type User } from '../core/rights/rights';
import { isPlanYear, parsePeriod } from '../core/numbers/periods';
import { loadPlanValue } from '../core/plan/load';
import { stringifyPlan } from '../core/plan/canonical-json';
import type { Plan } from '../core/plan/plan.types';
import { ApiError, badRequest, forbidden } from './errors';
import { currentPlan, storeRevision } from './store';

export function lockRoutes(app: FastifyInstance, db: Db): void {
  app.post<{ Params: { id: string }; Body: { period?: unknown; locked?: unknown } | null }>('/api/plans/:id/locks', async (req, reply) => {
    const u = req.user as User;
    if (!isSecretariat(u)) throw forbidden('only the secretariat locks and unlocks periods', 'فقط دبیرخانه دوره‌ها را قفل و باز می‌کند');
    const { period, locked } = req.body ?? {};
    if (typeof period !== 'string' || typeof locked !== 'boolean') throw badRequest('locks', 'send {"period": "1403", "locked": true or false}', 'ارسال کنید {"period": "1403", "locked": true یا false}');
    const answer = await db.tx(async (q) => {
      const cur = await currentPlan(q, req.params.id, true);
      // A copy of its own: the checked index is shared, and this plan is changed.
      const plan = JSON.parse(cur.doc) as Plan;
      const p = parsePeriod(period);
      if (!p || !isPlanYear(p.year, plan.meta.years)) throw badRequest('period', `"${period}" is not a year or period of this plan (${plan.meta.years.join(', ')})`, `«${period}» سال یا دوره‌ای از این برنامه نیست (${plan.meta.years.join('، ')})`);
      const now = plan.meta.locked ?? [];
      if (now.includes(p.key) === locked) return { revision: cur.revision, locked: now };
      const next = locked ? [...now, p.key] : now.filter((k) => k !== p.key);
      if (next.length) plan.meta.locked = next;
      else delete plan.meta.locked;
      plan.meta.revision = cur.revision + 1;
      const checked = loadPlanValue(plan);
      if (!checked.index) throw new ApiError(500, 'stored-plan', { en: `plan "${req.params.id}" does not load with this lock`, fa: `برنامه «${req.params.id}» با این قفل بارگذاری نمی‌شود` });
      await storeRevision(q, req.params.id, cur.revision + 1, stringifyPlan(plan), u.name, new Date().toISOString(), []);
      return { revision: cur.revision + 1, locked: next };
    });
    return reply.header('ETag', `"${answer.revision}"`).send(answer);
  });
}
