// Evidence files a unit attaches to a line and period: kept in the database with their checked
// type, and given back only as downloads (never as a page that could run in the site's origin).
import type { EvidenceItem } from '../core/api/changes-answer';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from './db';
import { canRead, canWrite, checkChange, lineOf, type User } from '../core/rights/rights';
import { isPlanYear, parsePeriod } from '../core/numbers/periods';
import { isLocked } from '../core/grid/merge';
import type { PlanIndex } from '../core/plan/plan-index';
import { ApiError, badRequest, forbidden, notFound } from './errors';
import { currentPlan, indexOfStored } from './store';

export const DEFAULT_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** The accepted types, each with the first bytes its files begin with. */
const SIGNATURES: Record<string, Buffer> = {
  'application/pdf': Buffer.from('%PDF-'),
  'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': Buffer.from([0xff, 0xd8, 0xff]),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': Buffer.from('PK\x03\x04', 'latin1'),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': Buffer.from('PK\x03\x04', 'latin1'),
};

// Control characters and the bidi controls that can make a name read as another (`gpj.exe`).
// eslint-disable-next-line no-control-regex -- control characters are what is removed
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g;

/** A file name as kept: no control or bidi-override characters, at most 200 characters. */
export function cleanName(name: unknown): string {
  const clean = Array.from(typeof name === 'string' ? name.replace(UNSAFE_IN_NAME, '').trim() : '').slice(0, 200).join('');
  return clean || 'evidence';
}

/** `attachment` with an ASCII name for old clients and the real one in RFC 5987 form. */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const evidenceType = (en: string, fa: string) => new ApiError(415, 'evidence-type', { en, fa });

function checkedType(req: FastifyRequest, body: Buffer): string {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const sig = SIGNATURES[type];
  const kinds = 'PDF, PNG, JPEG, .xlsx or .docx';
  if (!sig) throw evidenceType(`evidence must be ${kinds}, not "${type || 'no type'}"`, `مستند باید PDF، PNG، JPEG، xlsx. یا docx. باشد، نه «${type || 'بی‌نوع'}»`);
  if (!body.subarray(0, sig.length).equals(sig)) throw evidenceType(`the file is not what its type ${type} says (its first bytes do not match)`, `محتوای فایل با نوع ${type} نمی‌خواند (بایت‌های آغازش جور نیست)`);
  return type;
}

function planIndex(doc: string, id: string): PlanIndex {
  const index = indexOfStored(doc).index;
  if (!index) throw new ApiError(500, 'stored-plan', { en: `the stored plan "${id}" does not load`, fa: `برنامه ذخیره‌شده «${id}» بارگذاری نمی‌شود` });
  return index;
}

const hasLine = (index: PlanIndex, ref: string) => lineOf(index, ref) !== undefined;

/** A row as the database gives it: the listed item, with its plan and the time as a date. */
type Row = Omit<EvidenceItem, 'at'> & { plan_id: string; at: Date | string };
const listed = (r: Row): EvidenceItem => ({ id: r.id, ref: r.ref, period: r.period, name: r.name, type: r.type, size: r.size, by: r.by, at: new Date(r.at).toISOString() });

export function evidenceRoutes(app: FastifyInstance, db: Db, maxBytes: number): void {
  // Its own scope: these bodies are read whole as bytes here, and nowhere else.
  void app.register(async (scope) => {
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post<{ Params: { id: string }; Querystring: { ref?: unknown; period?: unknown; name?: unknown } }>('/api/plans/:id/evidence', { bodyLimit: maxBytes }, async (req, reply) => {
      const u = req.user as User;
      if (!canWrite(u)) throw forbidden('a viewer reads the plan but does not attach evidence', 'بیننده برنامه را می‌بیند اما مستند پیوست نمی‌کند');
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const type = checkedType(req, body);
      const { ref, period } = req.query;
      if (typeof ref !== 'string' || typeof period !== 'string') throw badRequest('query', 'give ref (a line of the plan) and period (such as 1403 or 1403-H1) once each', 'ref (سطری از برنامه) و period (مانند 1403 یا 1403-H1) را هر کدام یک بار بدهید');
      const answer = await db.tx(async (q) => {
        const s = await currentPlan(q, req.params.id);
        const index = planIndex(s.doc, req.params.id);
        if (!hasLine(index, ref)) throw badRequest('ref', `plan "${req.params.id}" has no line "${ref}"`, `برنامه «${req.params.id}» سطر «${ref}» ندارد`);
        const p = parsePeriod(period);
        if (!p || !isPlanYear(p.year, index.plan.meta.years, index.plan.meta.baselineYear)) throw badRequest('period', `"${period}" is not a year or period of this plan (${index.plan.meta.years.join(', ')})`, `«${period}» سال یا دوره‌ای از این برنامه نیست (${index.plan.meta.years.join('، ')})`);
        const refusal = checkChange(index, u, { ref, field: `evidenceSubmitted.${p.key}` });
        if (refusal) throw new ApiError(403, 'forbidden', refusal.message);
        if (isLocked(index.plan, `actuals.${p.key}`)) throw new ApiError(409, 'locked', { en: `period ${p.key} is locked: the secretariat closed it`, fa: `دوره ${p.key} قفل است: دبیرخانه آن را بسته است` });
        const [row] = await q<Row>(
          'INSERT INTO evidence (plan_id, ref, period, name, type, size, bytes, by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id::text AS id, plan_id, ref, period, name, type, size, by, at',
          [req.params.id, ref, p.key, cleanName(req.query.name), type, body.length, body, u.name],
        );
        return listed(row);
      });
      return reply.code(201).send(answer);
    });
  });

  app.get<{ Params: { id: string }; Querystring: { ref?: unknown } }>('/api/plans/:id/evidence', async (req) => {
    const u = req.user as User;
    const ref = typeof req.query.ref === 'string' ? req.query.ref : null;
    const index = planIndex((await currentPlan(db.query, req.params.id)).doc, req.params.id);
    const rows = await db.query<Row>('SELECT id::text AS id, plan_id, ref, period, name, type, size, by, at FROM evidence WHERE plan_id = $1 AND ($2::text IS NULL OR ref = $2) ORDER BY id', [req.params.id, ref]);
    return rows.filter((r) => canRead(index, u, r.ref)).map(listed);
  });

  app.get<{ Params: { id: string } }>('/api/evidence/:id', async (req, reply) => {
    const none = notFound({ en: `evidence ${req.params.id}`, fa: `مستند ${req.params.id}` });
    if (!/^\d{1,18}$/.test(req.params.id)) throw none;
    const [row] = await db.query<Row & { bytes: Uint8Array }>('SELECT id::text AS id, plan_id, ref, period, name, type, size, by, at, bytes FROM evidence WHERE id = $1::bigint', [req.params.id]);
    // Another unit's file answers as a missing one: ids cannot be probed.
    if (!row || !canRead(planIndex((await currentPlan(db.query, row.plan_id)).doc, row.plan_id), req.user as User, row.ref)) throw none;
    return reply
      .header('Content-Type', 'application/octet-stream')
      .header('Content-Disposition', attachment(row.name))
      .header('Content-Security-Policy', "sandbox; default-src 'none'")
      .header('X-Content-Type-Options', 'nosniff')
      .send(Buffer.from(row.bytes));
  });
}
