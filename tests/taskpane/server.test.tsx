/** @jest-environment jsdom */
// The pane as a client of a real plan server (PGlite, over HTTP on 127.0.0.1): open a plan from
// it, build sheets, type, Sync: the typed values go to the server with their base revision, and
// the server's answer (applied, conflicts, refused with reasons) is shown with each cell.
import '@testing-library/jest-dom';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { FastifyInstance } from 'fastify';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { PlanStore } from '../../src/runtime/plan-store';
import type { Plan } from '../../src/core/plan/plan.types';
import { openDatabase, type Db } from '../../src/server/db';
import { migrate } from '../../src/server/migrations';
import { addUser } from '../../src/server/users';
import { buildApp } from '../../src/server/app';
import { FakeWorkbook } from '../helpers/fake-workbook';
import { sampleText } from '../helpers/plan';
import { httpFetch, httpFetchAsFetch } from '../helpers/http-fetcher';
import { proseOf } from '../helpers/isolates';

const sample = JSON.parse(sampleText()) as Plan;
const PLAN = sample.meta.id;
const REVIEWED = 'reviewed-plan';
const governance = sample.workingGroups!.find((w) => w.id === 'governance')!.title;

let db: Db;
let app: FastifyInstance;
let server = '';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-pane-server-'));
const tokens = { secretariat: '', reporter: '' };

/** The API as the secretariat (or anyone) calls it, outside the pane. */
async function api(method: string, url: string, who: keyof typeof tokens, body?: unknown, headers: Record<string, string> = {}) {
  const a = await httpFetch(server + url, { method, headers: { authorization: `Bearer ${tokens[who]}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await a.text();
  return { status: a.status, etag: a.headers.get('etag'), json: () => JSON.parse(text) };
}
const onServer = async (id = PLAN) => (await api('GET', `/api/plans/${id}`, 'secretariat')).json() as Plan;
const actual = (p: Plan, ref: string, year: string) => p.indicators.find((i) => i.id === ref)!.actuals?.[year];

beforeAll(async () => {
  db = await openDatabase({ data: tmp });
  await migrate(db);
  tokens.secretariat = await addUser(db, 'dabirkhaneh', 'secretariat', []);
  tokens.reporter = await addUser(db, 'budget-reporter', 'reporter', ['budget-office']);
  app = buildApp(db);
  await app.listen({ host: '127.0.0.1', port: 0 });
  server = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  expect((await api('POST', '/api/plans', 'secretariat', sampleText())).status).toBe(201);
  const reviewed = JSON.parse(sampleText()) as Plan;
  reviewed.meta.id = REVIEWED;
  reviewed.meta.review = 'required';
  expect((await api('POST', '/api/plans', 'secretariat', reviewed)).status).toBe(201);
}, 300_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

beforeEach(() => localStorage.clear());

const click = async (name: RegExp | string) => {
  const button = await screen.findByRole('button', { name });
  await act(async () => {
    fireEvent.click(button);
  });
};
const type = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

function pane() {
  const workbook = new FakeWorkbook();
  const store = new PlanStore(workbook);
  render(<App store={store} gateway={workbook} host={{ displayLanguage: 'en-US', dark: false }} loadSample={async () => sampleText()} fetcher={httpFetchAsFetch} />);
  return { workbook, store };
}

/** Opens a plan from the server as `who`, then shows the pane in English (the sample is fa-IR) unless kept in Persian. */
async function openFromServer(who: keyof typeof tokens, id = PLAN, address = server, persian = false) {
  const opened = pane();
  fireEvent.click(screen.getByRole('tab', { name: 'Server' }));
  type(/Server address/, address);
  type(/Your token/, tokens[who]);
  await click('Connect');
  fireEvent.click(await screen.findByRole('radio', { name: new RegExp(`^${id} \\(revision`) }));
  await click('Open from the server');
  if (persian) return opened;
  fireEvent.click(await screen.findByRole('button', { name: /زبان/ }));
  await screen.findByText(/Sync sends what is typed to the server/);
  return opened;
}

describe('the pane on a plan server', () => {
  test('a reporter opens their slice, types Persian digits, and Sync sends them: applied on the server under their name', async () => {
    const { workbook, store } = await openFromServer('reporter');
    // Only their unit's lines came: the server cut the plan for this token.
    expect(new Set(store.current!.result.plan.indicators.map((i) => i.unit))).toEqual(new Set(['budget-office']));
    expect(store.current!.server).toEqual({ address: server, token: tokens.reporter, planId: PLAN });
    await click('Build sheets');
    expect(await screen.findByText(/1 sheet written/)).toBeInTheDocument();
    workbook.type(governance, '1-7-5-2', 'actual:1404', '۸۲');
    await click('Sync from sheets');
    expect(screen.getByText('1 change, 0 conflicts, 0 not applicable')).toBeInTheDocument();
    // The server knows who sends: no name to give.
    expect(screen.queryByRole('textbox', { name: /Your name/ })).toBeNull();
    const before = Number(JSON.parse((await api('GET', `/api/plans/${PLAN}`, 'secretariat')).etag!));
    await click('Send to the server');
    const answer = await screen.findByRole('region', { name: "The server's answer" });
    expect(within(answer).getByText(`1 applied, 0 in conflict, 0 refused: the plan is at revision ${before + 1}.`)).toBeInTheDocument();
    expect(within(within(answer).getByRole('list', { name: 'Applied' })).getByText(/1-7-5-2\u2069 · actual 1404: \(empty\) → 82/)).toBeInTheDocument();
    const kept = await onServer();
    expect(actual(kept, '1-7-5-2', '1404')).toBe(82);
    expect(kept.changes!.at(-1)).toEqual(expect.objectContaining({ by: 'budget-reporter', ref: '1-7-5-2', field: 'actuals.1404', to: 82 }));
    // The pane now holds the server's new revision, and the sheets were rebuilt on it.
    expect(store.current!.result.plan.meta.revision).toBe(before + 1);
    expect(workbook.cell(governance, '1-7-5-2', 'actual:1404')).toBe(82);
    expect(JSON.parse(workbook.base!).meta.revision).toBe(before + 1);
    // Address, token and plan are remembered for the next workbook.
    expect(JSON.parse(localStorage.getItem('plansheets.server')!)).toEqual({ address: server, token: tokens.reporter, planId: PLAN });
  });

  test('changed on the server meanwhile: noticed, then a conflict and a locked period come back as the server says, and nothing typed is lost', async () => {
    const { workbook, store } = await openFromServer('reporter');
    await click('Build sheets');
    const mine = store.current!.result.plan.meta.revision!;
    // Meanwhile the secretariat sets a value and closes 1403.
    const set = await api('POST', `/api/plans/${PLAN}/changes`, 'secretariat', { base: mine, changes: [{ ref: '1-7-4-5', field: 'actuals.1404', value: 50 }] });
    expect(set.json().applied).toHaveLength(1);
    const whole = await onServer();
    whole.meta.locked = ['1403'];
    const put = await api('PUT', `/api/plans/${PLAN}`, 'secretariat', whole, { 'if-match': set.etag! });
    expect(put.status).toBe(200);
    const theirs = Number(JSON.parse(put.etag!));
    // Coming back to the pane, the person is told.
    await act(async () => {
      window.dispatchEvent(new Event('focus'));
    });
    expect(await screen.findByText(`The plan changed on the server: revision ${theirs} there, ${mine} here.`)).toBeInTheDocument();

    workbook.type(governance, '1-7-4-5', 'actual:1404', 60);
    workbook.type(governance, '3-3-1-2', 'actual:1403', 5);
    workbook.type(governance, '1-7-5-2', 'actual:1405', 70);
    await click('Sync from sheets');
    expect(screen.getByText('3 changes, 0 conflicts, 0 not applicable')).toBeInTheDocument();
    await click('Send to the server');
    const answer = await screen.findByRole('region', { name: "The server's answer" });
    expect(within(answer).getByText(`1 applied, 1 in conflict, 1 refused: the plan is at revision ${theirs + 1}.`)).toBeInTheDocument();
    const conflicts = within(answer).getByRole('list', { name: /Changed on the server meanwhile/ });
    expect(within(conflicts).getByText(/'.+'!\w+\d+/)).toBeInTheDocument();
    expect(within(conflicts).getByText(/1-7-4-5\u2069 · actual 1404: yours 60, the server's 50/)).toBeInTheDocument();
    const refused = within(answer).getByRole('list', { name: /Refused by the server/ });
    expect(within(refused).getByText(/3-3-1-2\u2069 · actual 1403: 5: .*1403.*(locked|closed)/i)).toBeInTheDocument();
    // The server took only the open, unchanged line.
    const kept = await onServer();
    expect(actual(kept, '1-7-5-2', '1405')).toBe(70);
    expect(actual(kept, '1-7-4-5', '1404')).toBe(50);
    expect(actual(kept, '3-3-1-2', '1403')).toBe(0);
    // The sheets are on the new revision; what the server did not take is still typed there.
    expect(store.current!.result.plan.meta.revision).toBe(theirs + 1);
    expect(workbook.cell(governance, '1-7-4-5', 'actual:1404')).toBe(60);
    expect(workbook.cell(governance, '3-3-1-2', 'actual:1403')).toBe(5);
    // Taking the server's value for the conflict drops only that typed value.
    await click("Take the server's values for these");
    expect(await screen.findByText(/now show the server.s values/)).toBeInTheDocument();
    expect(workbook.cell(governance, '1-7-4-5', 'actual:1404')).toBe(50);
    expect(workbook.cell(governance, '3-3-1-2', 'actual:1403')).toBe(5);
  });

  test('refresh brings the server’s revision into the sheets and keeps what was typed', async () => {
    const { workbook, store } = await openFromServer('reporter');
    await click('Build sheets');
    const mine = store.current!.result.plan.meta.revision!;
    workbook.type(governance, '1-7-5-2', 'actual:1406', 33);
    const set = await api('POST', `/api/plans/${PLAN}/changes`, 'secretariat', { base: mine, changes: [{ ref: '3-3-1-2', field: 'actuals.1405', value: 12 }] });
    expect(set.status).toBe(200);
    await act(async () => {
      window.dispatchEvent(new Event('focus'));
    });
    await click('Refresh from the server');
    expect(await screen.findByText(`Refreshed to revision ${mine + 1}; what was typed in the sheets is kept.`)).toBeInTheDocument();
    expect(store.current!.result.plan.meta.revision).toBe(mine + 1);
    expect(workbook.cell(governance, '3-3-1-2', 'actual:1405')).toBe(12);
    expect(workbook.cell(governance, '1-7-5-2', 'actual:1406')).toBe(33);
    expect(await screen.findByText(new RegExp(`revision ${mine + 1}: Sync sends`))).toBeInTheDocument();
  });

  test('where the plan asks for review, Sync leaves a pending submission for the secretariat and the values stay typed', async () => {
    const { workbook } = await openFromServer('reporter', REVIEWED);
    await click('Build sheets');
    workbook.type(governance, '1-7-5-2', 'actual:1404', 91);
    await click('Sync from sheets');
    await click('Send to the server');
    const said = await screen.findByText(/Sent for the secretariat's review \(submission \S+\)/);
    const id = /submission (\S+)\)/.exec(said.textContent!)![1];
    const pending = (await api('GET', `/api/plans/${REVIEWED}/submissions?status=pending`, 'secretariat')).json() as Array<{ id: string; by: string; changes: unknown[] }>;
    expect(pending).toContainEqual(expect.objectContaining({ id, by: 'budget-reporter', changes: [{ ref: '1-7-5-2', field: 'actuals.1404', value: 91 }] }));
    expect(actual(await onServer(REVIEWED), '1-7-5-2', '1404')).toBeUndefined();
    expect(workbook.cell(governance, '1-7-5-2', 'actual:1404')).toBe(91);
  });

  test('a wrong token and an unreachable server are said plainly, in the pane’s language, and open nothing', async () => {
    const { store } = pane();
    fireEvent.click(screen.getByRole('tab', { name: 'Server' }));
    type(/Server address/, server);
    type(/Your token/, 'forged-token');
    await click('Connect');
    expect(await screen.findByRole('alert')).toHaveTextContent(/answered 401: .*token/i);
    expect(screen.queryByRole('button', { name: 'Open from the server' })).toBeNull();
    // A port nobody listens on (the server's own, once closed).
    const gone = buildApp(db);
    await gone.listen({ host: '127.0.0.1', port: 0 });
    const closed = `http://127.0.0.1:${(gone.server.address() as { port: number }).port}`;
    await gone.close();
    type(/Server address/, closed);
    type(/Your token/, tokens.reporter);
    await click('Connect');
    expect(await screen.findByRole('alert')).toHaveTextContent(`could not reach ${closed}: ECONNREFUSED`);
    type(/Server address/, 'ftp://example.org');
    await click('Connect');
    expect(await screen.findByRole('alert')).toHaveTextContent('the server address must start with http:// or https://');
    expect(store.current).toBeUndefined();
    expect(localStorage.getItem('plansheets.server')).toBeNull();
  });

  test('a remembered server fills the form; forgetting it removes the token from this computer', async () => {
    localStorage.setItem('plansheets.server', JSON.stringify({ address: server, token: tokens.reporter, planId: PLAN }));
    pane();
    fireEvent.click(screen.getByRole('tab', { name: 'Server' }));
    expect(screen.getByLabelText(/Server address/)).toHaveValue(server);
    expect(screen.getByLabelText(/Your token/)).toHaveValue(tokens.reporter);
    await click('Forget this server');
    expect(screen.getByText(/no longer kept on this computer/)).toBeInTheDocument();
    expect(localStorage.getItem('plansheets.server')).toBeNull();
    expect(screen.getByLabelText(/Your token/)).toHaveValue('');
  });

  test('in Persian: the link, the send and the server\'s answer read in Persian, with codes and cells isolated', async () => {
    const { workbook } = await openFromServer('reporter', PLAN, server, true);
    await screen.findByText(/همگام‌سازی» مقدارهای واردشده را به کارساز می‌فرستد/);
    await click('ساختن برگه‌ها');
    await screen.findByText(/۱ برگه نوشته شد/);
    workbook.type(governance, '1-7-5-2', 'actual:1406', '۶۱');
    workbook.type(governance, '3-3-1-3', 'actual:1406', 'حدود ۵');
    await click('همگام‌سازی از برگه‌ها');
    await click('فرستادن به کارساز');
    const answer = await screen.findByRole('region', { name: 'پاسخ کارساز' });
    expect(answer).toHaveTextContent(/۱ اعمال شد، ۰ ناسازگار، ۰ پذیرفته نشد: برنامه در ویرایش [۰-۹]+ است/);
    // What could not be read is still listed, with its cell, beside the server's answer.
    expect(within(within(answer).getByRole('list', { name: 'اعمال‌نشده' })).getByText(/حدود ۵/)).toBeInTheDocument();
    // The prose of the whole pane: no Latin digit outside isolated codes and cells, and no Latin
    // word but the product's and the file formats' names.
    const prose = proseOf(screen.getByTestId('pane'));
    expect(prose).not.toMatch(/[0-9]/);
    expect(prose.replace(/PlanSheets|English|Word|JSON/g, '')).not.toMatch(/[A-Za-z]/);
    expect(workbook.cell(governance, '3-3-1-3', 'actual:1406')).toBe('حدود ۵');
  });
});
