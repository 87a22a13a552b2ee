// Evidence files: only the accepted types, checked by their first bytes; kept with a line and a
// period the writer may report; listed by rights; served back only as a download that cannot run.
import { startServer, type Answer, type TestServer } from './web-helpers';
import { cleanName } from '../../src/server/evidence';

jest.setTimeout(120_000);

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ evidenceBytes: 64 * 1024 });
});
afterAll(async () => s?.close());

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80]), Buffer.from('\n%%EOF\n')]);
const upload = (who: 'secretariat' | 'reporter' | 'viewer' | 'other', query: string, body: Buffer | string, type: string, plan = s.planId) =>
  s.ask('POST', `/api/plans/${plan}/evidence?${query}`, { who, body: typeof body === 'string' ? Buffer.from(body) : body, headers: { 'content-type': type } });
const code = (a: Answer) => a.json().error?.code;

test('a PDF round-trips byte for byte, served only as a download that cannot run as a page', async () => {
  const name = 'گزارش بودجه ۱۴۰۳ "نهایی".pdf';
  const up = await upload('reporter', `ref=1-7-5-2&period=${encodeURIComponent('۱۴۰۳-h1')}&name=${encodeURIComponent(name)}`, PDF, 'application/pdf');
  expect(up.status).toBe(201);
  expect(up.json()).toMatchObject({ ref: '1-7-5-2', period: '1403-H1', name, type: 'application/pdf', size: PDF.length, by: 'budget-reporter' });
  const down = await s.ask('GET', `/api/evidence/${up.json().id}`, { who: 'viewer' });
  expect(down.status).toBe(200);
  expect(down.bytes.equals(PDF)).toBe(true);
  expect(down.headers.get('content-type')).toBe('application/octet-stream');
  expect(down.headers.get('content-disposition')).toBe(`attachment; filename="${name.replace(/[^ -~]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  expect(down.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
  expect(down.headers.get('x-content-type-options')).toBe('nosniff');
  const list = await s.ask('GET', `/api/plans/${s.planId}/evidence?ref=1-7-5-2`, { who: 'secretariat' });
  expect(list.json()).toEqual([expect.objectContaining({ id: up.json().id, name, size: PDF.length })]);
  expect(list.json()[0]).not.toHaveProperty('bytes');
});

test('HTML or SVG sent as an image, an unknown type, or a type its bytes do not match is 415 evidence-type', async () => {
  const q = 'ref=1-7-5-2&period=1403&name=x.png';
  expect(code(await upload('reporter', q, '<html><script>alert(1)</script></html>', 'image/png'))).toBe('evidence-type');
  expect(code(await upload('reporter', q, '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'image/png'))).toBe('evidence-type');
  expect(code(await upload('reporter', q, '<svg/>', 'image/svg+xml'))).toBe('evidence-type');
  expect(code(await upload('reporter', q, '<html></html>', 'text/html'))).toBe('evidence-type');
  expect(code(await upload('reporter', q, PDF, 'image/jpeg'))).toBe('evidence-type');
  expect(code(await upload('reporter', q, 'PK\x03\x04 fake', 'application/pdf'))).toBe('evidence-type');
  const a = await upload('reporter', q, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]), 'image/jpeg');
  expect(a.status).toBe(201);
  expect((await upload('reporter', q, Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(65 * 1024)]), 'application/pdf')).status).toBe(413);
});

test('rights: a viewer is 403; another unit is 403 to attach, 404 to download, absent from lists', async () => {
  const mine = await upload('reporter', 'ref=1-7-5-2&period=1404&name=a.pdf', PDF, 'application/pdf');
  expect(mine.status).toBe(201);
  expect((await upload('viewer', 'ref=1-7-5-2&period=1404&name=a.pdf', PDF, 'application/pdf')).status).toBe(403);
  expect((await upload('other', 'ref=1-7-5-2&period=1404&name=a.pdf', PDF, 'application/pdf')).status).toBe(403);
  const theirs = await s.ask('GET', `/api/evidence/${mine.json().id}`, { who: 'other' });
  expect(theirs.status).toBe(404);
  expect((await s.ask('GET', '/api/evidence/999999', { who: 'other' })).text).toBe(theirs.text.replaceAll(String(mine.json().id), '999999'));
  expect((await s.ask('GET', `/api/plans/${s.planId}/evidence`, { who: 'other' })).json()).toEqual([]);
  expect((await s.ask('GET', `/api/plans/${s.planId}/evidence`, { who: 'reporter' })).json().length).toBeGreaterThan(0);
  expect((await s.ask('GET', `/api/evidence/${mine.json().id}`)).status).toBe(401);
});

test('a line or period the plan has not is 400; a locked period is 409', async () => {
  expect(code(await upload('reporter', 'ref=no-such-line&period=1403&name=a.pdf', PDF, 'application/pdf'))).toBe('ref');
  expect(code(await upload('reporter', 'ref=1-7-5-2&period=1399&name=a.pdf', PDF, 'application/pdf'))).toBe('period');
  expect(code(await upload('reporter', 'ref=1-7-5-2&period=1403-Q5&name=a.pdf', PDF, 'application/pdf'))).toBe('period');
  expect(code(await upload('reporter', 'period=1403', PDF, 'application/pdf'))).toBe('query');
  const cur = await s.ask('GET', `/api/plans/${s.planId}`, { who: 'secretariat' });
  const plan = cur.json();
  plan.meta.locked = ['1402'];
  const put = await s.ask('PUT', `/api/plans/${s.planId}`, { who: 'secretariat', json: plan, headers: { 'if-match': cur.headers.get('etag')! } });
  expect(put.status).toBe(200);
  const locked = await upload('reporter', 'ref=1-7-5-2&period=1402-M03&name=a.pdf', PDF, 'application/pdf');
  expect(locked.status).toBe(409);
  expect(code(locked)).toBe('locked');
});

test('names lose control and bidi-override characters and are cut to 200 characters', () => {
  expect(cleanName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  expect(cleanName('a\r\nb\u0000c\u2066d')).toBe('abcd');
  expect(Array.from(cleanName('ب'.repeat(500)))).toHaveLength(200);
  expect(cleanName('\u202E')).toBe('evidence');
  expect(cleanName(undefined)).toBe('evidence');
});
