// `GET /api/plans/:id/template?unit=&period=&lang=`: a unit's template of the current revision, as
// `plansheets templates` writes it, for a reporter to fill offline and send back to /books.
import type { FastifyInstance } from 'fastify';
import type { Db } from './db';
import type { User } from '../core/rights/rights';
import { templateFileNames, templateUnits, unitTemplate } from '../core/templates/template';
import { writeTemplate } from '../xlsx/write-template';
import { XLSX_TYPE } from '../xlsx/read-book';
import { ApiError, badRequest, forbidden } from './errors';
import { currentPlan, indexOfStored } from './store';
import { attachment } from './evidence';

export function templateRoute(app: FastifyInstance, db: Db): void {
  app.get<{ Params: { id: string }; Querystring: { unit?: unknown; period?: unknown; lang?: unknown } }>('/api/plans/:id/template', async (req, reply) => {
    const u = req.user as User;
    const { unit, period, lang } = req.query;
    if (typeof unit !== 'string' || typeof period !== 'string' || (lang !== undefined && lang !== 'fa' && lang !== 'en')) {
      throw badRequest('query', 'give unit=UNIT&period=PERIOD (and lang=fa or en) once each', 'unit=UNIT&period=PERIOD (و lang=fa یا en) را هر کدام یک بار بدهید');
    }
    if (u.role === 'viewer' || (u.role === 'reporter' && !u.units.includes(unit))) throw forbidden(`only ${unit}'s reporters and the secretariat get its template`, `قالب ${unit} را فقط گزارشگران آن واحد و دبیرخانه می‌گیرند`);
    const s = await currentPlan(db.query, req.params.id);
    const index = indexOfStored(s.doc).index;
    if (!index) throw new ApiError(500, 'stored-plan', { en: `the stored plan "${req.params.id}" does not load`, fa: `برنامه ذخیره‌شده «${req.params.id}» بارگذاری نمی‌شود` });
    const units = templateUnits(index);
    if (!units.includes(unit)) throw badRequest('unit', `plan "${req.params.id}" has no lines of unit "${unit}"`, `برنامه «${req.params.id}» سطری از واحد «${unit}» ندارد`);
    let made;
    try {
      made = unitTemplate(index, unit, period, lang as 'fa' | 'en' | undefined);
    } catch (e) {
      throw badRequest('period', (e as Error).message, `«${period}» دوره‌ای از این برنامه نیست (${index.years.join('، ')})`);
    }
    const bytes = await writeTemplate(made.model, made.base);
    return reply.type(XLSX_TYPE).header('Content-Disposition', attachment(templateFileNames(units).get(unit)!)).send(bytes);
  });
}
