// Review on the plan server, on whatever database `makeDb` opens (PGlite in review.test.ts, a real
// PostgreSQL in postgres.test.ts) (`meta.review: "required"`): a reporter's changes, sent as changes or
// in a filled template, wait as pending submissions; the secretariat lists, accepts (merged then
// with the reporter's rights, the changes route's answer) or rejects them with a comment.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/server/db';
import { addUser } from '../../src/server/users';
import { buildApp } from '../../src/server/app';
import { loadPlan } from '../../src/core/plan/load';
import type { Plan } from '../../src/core/plan/plan.types';
import { busLine, filledBusTemplate } from '../helpers/filled-template';
import { sampleText } from '../helpers/plan';

/** The review flow as a jest describe block, on a fresh database from `makeDb`. */
export function reviewSuite(name: string, makeDb: () => Promise<Db>): void {
  describe(`review on ${name}`, () => {
    const plan = JSON.parse(sampleText()) as Plan;
    plan.meta.review = 'required';
    const planId = plan.meta.id;
    const line = busLine();
    const otherLine = loadPlan(sampleText()).index!.indicatorList.find((e) => e.indicator.unit !== 'bus-org' && !e.hasItems)!;

    let db: Db;
    let app: FastifyInstance;
    let url: string;
    const tokens = { secretariat: '', bus: '', viewer: '' };

    async function ask(method: string, path: string, token: string, body?: unknown, type = 'application/json') {
      const r = await fetch(url + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': type } : {}) },
        ...(body !== undefined ? { body: (body instanceof Uint8Array ? body : JSON.stringify(body)) as RequestInit['body'] } : {}),
      });
      const text = await r.text();
      return { status: r.status, json: text ? JSON.parse(text) : null };
    }
    const revision = async () => Number((await fetch(`${url}/api/plans/${planId}`, { headers: { authorization: `Bearer ${tokens.secretariat}` } })).headers.get('etag')!.replace(/"/g, ''));

    beforeAll(async () => {
      db = await makeDb();
      tokens.secretariat = await addUser(db, 'secretariat', 'secretariat', []);
      tokens.bus = await addUser(db, 'bus-staff', 'reporter', ['bus-org']);
      tokens.viewer = await addUser(db, 'council', 'viewer', []);
      app = buildApp(db);
      await app.listen({ host: '127.0.0.1', port: 0 });
      url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      expect((await ask('POST', '/api/plans', tokens.secretariat, plan)).status).toBe(201);
    });

    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    describe('a plan that asks for review', () => {
      let first: string;

      it("keeps a reporter's changes pending: 202, nothing applied", async () => {
        const before = await revision();
        const r = await ask('POST', `/api/plans/${planId}/changes`, tokens.bus, { base: plan.meta.revision ?? 0, changes: [{ ref: line.id, field: 'actuals.1403', value: '۶۱' }, { ref: otherLine.id, field: 'actuals.1403', value: 5 }] });
        expect(r.status).toBe(202);
        // The other unit's line is refused at once; the reporter's own waits.
        expect(r.json).toEqual({ submission: expect.any(String), status: 'pending', refused: [expect.objectContaining({ ref: otherLine.id, reason: 'unit' })] });
        first = r.json.submission;
        expect(await revision()).toBe(before);
      });

      it('lists it for the secretariat and for its sender, not for a viewer', async () => {
        const all = await ask('GET', `/api/plans/${planId}/submissions?status=pending`, tokens.secretariat);
        expect(all.status).toBe(200);
        expect(all.json).toEqual([expect.objectContaining({ id: first, by: 'bus-staff', status: 'pending', changes: expect.arrayContaining([expect.objectContaining({ ref: line.id })]) })]);
        expect((await ask('GET', `/api/plans/${planId}/submissions`, tokens.bus)).json).toHaveLength(1);
        expect((await ask('GET', `/api/plans/${planId}/submissions`, tokens.viewer)).status).toBe(403);
        expect((await ask('GET', `/api/plans/${planId}/submissions?status=maybe`, tokens.secretariat)).status).toBe(400);
      });

      it("accepts: merged with the reporter's rights, the changes route's answer, one revision more", async () => {
        expect((await ask('POST', `/api/submissions/${first}/accept`, tokens.bus, {})).status).toBe(403);
        const before = await revision();
        const r = await ask('POST', `/api/submissions/${first}/accept`, tokens.secretariat, {});
        expect(r.status).toBe(200);
        expect(r.json.status).toBe('accepted');
        expect(r.json.applied).toEqual([expect.objectContaining({ ref: line.id, field: 'actuals.1403', to: 61 })]);
        // The other unit's line never waited: nothing else to refuse now.
        expect(r.json.refused).toEqual([]);
        expect(r.json.revision).toBe(Number(before) + 1);
        const trail = (await ask('GET', `/api/plans/${planId}/changes?since=${before}`, tokens.secretariat)).json;
        expect(trail).toEqual([expect.objectContaining({ by: 'bus-staff', ref: line.id, to: 61 })]);
        expect((await ask('POST', `/api/submissions/${first}/accept`, tokens.secretariat, {})).status).toBe(409);
      });

      it('rejects with a comment, and only with one', async () => {
        const sent = await ask('POST', `/api/plans/${planId}/changes`, tokens.bus, { base: Number(await revision()), changes: [{ ref: line.id, field: 'actuals.1403', value: 1000 }] });
        expect(sent.status).toBe(202);
        expect((await ask('POST', `/api/submissions/${sent.json.submission}/reject`, tokens.secretariat, {})).status).toBe(400);
        const before = await revision();
        const r = await ask('POST', `/api/submissions/${sent.json.submission}/reject`, tokens.secretariat, { comment: 'عدد با مستندات نمی‌خواند' });
        expect(r.json).toEqual({ submission: sent.json.submission, status: 'rejected', comment: 'عدد با مستندات نمی‌خواند' });
        expect(await revision()).toBe(before);
        const mine = (await ask('GET', `/api/plans/${planId}/submissions?status=rejected`, tokens.bus)).json;
        expect(mine).toEqual([expect.objectContaining({ comment: 'عدد با مستندات نمی‌خواند' })]);
        expect((await ask('POST', '/api/submissions/99999/accept', tokens.secretariat, {})).status).toBe(404);
        expect((await ask('POST', '/api/submissions/abc/accept', tokens.secretariat, {})).status).toBe(400);
      });

      it("keeps a reporter's filled template pending too; the secretariat's own changes apply at once", async () => {
        const bytes = new Uint8Array(await filledBusTemplate({ [line.id]: 70 }));
        const r = await ask('POST', `/api/plans/${planId}/books?name=bus.xlsx`, tokens.bus, bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        expect(r.status).toBe(202);
        expect(r.json).toMatchObject({ status: 'pending', book: 'bus.xlsx' });
        const before = await revision();
        const own = await ask('POST', `/api/plans/${planId}/changes`, tokens.secretariat, { base: Number(before), changes: [{ ref: otherLine.id, field: 'actuals.1403', value: 3 }] });
        expect(own.status).toBe(200);
        expect(own.json.revision).toBe(Number(before) + 1);
      });
    });

  });
}
