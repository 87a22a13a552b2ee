// The plan server's pages in a real browser (Chromium): a reporter reports with evidence from a
// sign-in link, the secretariat reviews, knows who is late, closes a period and opens the
// observatory, a viewer and then anyone read it; in Persian and English, by keyboard, with every
// control named. And as an attacker: plan text holding markup, formulas and direction overrides
// stays text; a reporter cannot reach another unit's lines or the review by address; evidence is
// never served as a page; every page carries a content security policy.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { ROOT, sampleText } from '../helpers/plan';
import { openDatabase, type Db } from '../../src/server/db';
import { migrate } from '../../src/server/migrations';
import { addUser } from '../../src/server/users';
import { buildApp } from '../../src/server/app';
import type { Plan } from '../../src/core/plan/plan.types';
import { toPersianDigits } from '../../src/core/numbers/digits';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!CHROMIUM && process.env.CI) throw new Error('Chromium is needed for the browser tests: apt-get install -y chromium');
const describeInBrowser = CHROMIUM ? describe : describe.skip;

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-web-'));

// Plan text as an attacker would write it, in a budget-office line the reporter sees.
const HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>بودجه';
const HOSTILE_NOTE = '=HYPERLINK("http://evil.example","click")';
const RLO = '\u202Eفارسی\u202C';
const LINE = '1-7-5-2';
const OTHER_LINE = '1-2-3'; // the traffic company's

const plan = JSON.parse(sampleText()) as Plan;
plan.meta.review = 'required';
const hostile = plan.indicators.find((i) => i.id === '1-7-4-5')!;
hostile.title = HOSTILE_TITLE;
hostile.notes = { ...(hostile.notes ?? {}), '1402': HOSTILE_NOTE };
plan.units!.find((u) => u.id === 'budget-office')!.title += ` ${RLO}`;
const planId = plan.meta.id;

let browser: Browser;
let db: Db;
let app: FastifyInstance;
let base = '';
const tokens = { secretariat: '', reporter: '', viewer: '', other: '' };

async function bearer(method: string, url: string, who: keyof typeof tokens, body?: unknown) {
  const r = await fetch(base + url, { method, headers: { authorization: `Bearer ${tokens[who]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, text, json: () => JSON.parse(text) };
}
const serverPlan = async () => (await bearer('GET', `/api/plans/${planId}`, 'secretariat')).json() as Plan;

describeInBrowser('the plan server\'s pages in a real browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const site = path.join(tmp, 'site');
    const r = spawnSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'development', '--env', `outDir=${site}`], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`the pages did not build:\n${r.stdout}\n${r.stderr}`);
    db = await openDatabase({ data: path.join(tmp, 'db') });
    await migrate(db);
    tokens.secretariat = await addUser(db, 'dabirkhaneh', 'secretariat', []);
    tokens.reporter = await addUser(db, 'budget-reporter', 'reporter', ['budget-office']);
    tokens.viewer = await addUser(db, 'council', 'viewer', []);
    tokens.other = await addUser(db, 'traffic-reporter', 'reporter', ['traffic-org']);
    app = buildApp(db, { web: site });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    expect((await fetch(`${base}/api/plans`, { method: 'POST', headers: { authorization: `Bearer ${tokens.secretariat}`, 'content-type': 'application/json' }, body: JSON.stringify(plan) })).status).toBe(201);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 300000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** A fresh browser profile in a language; page errors and CSP violations are collected. */
  async function visit(lang: 'fa' | 'en', hash = '#/'): Promise<{ page: Page; context: BrowserContext; errors: string[]; requests: string[] }> {
    const context = await browser.newContext({ locale: lang === 'fa' ? 'fa-IR' : 'en-US', viewport: { width: 1300, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && errors.push(m.text()));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${base}/${hash}`);
    await page.getByTestId('web').waitFor({ timeout: 60000 });
    return { page, context, errors, requests };
  }

  /** Every focusable control has a name a screen reader says. */
  const unnamedControls = (page: Page) =>
    page.evaluate(() => {
      const name = (el: Element) =>
        el.getAttribute('aria-label') ||
        (el.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim() ||
        ((el as HTMLInputElement).labels?.[0]?.textContent ?? '').trim() ||
        (['BUTTON', 'A'].includes(el.tagName) ? (el.textContent ?? '').trim() : '');
      return [...document.querySelectorAll('[data-testid=web] :is(a, button, input, select, textarea, [role=switch], [role=radio], [role=combobox])')].filter((el) => !name(el)).map((el) => el.outerHTML.slice(0, 160));
    });

  test('a reporter signs in by link, reports in Persian digits with a checked input, attaches evidence, and cannot reach what is not theirs', async () => {
    const { page, context, errors, requests } = await visit('fa', `#token=${tokens.reporter}`);
    // The token left the address at once.
    expect(page.url()).not.toContain(tokens.reporter);
    await page.getByRole('heading', { name: 'گزارش' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    // Only the unit's lines: none of the traffic company's.
    const table = page.getByRole('table', { name: /سطرهای گزارش/ });
    await table.waitFor();
    expect(await table.getByText(OTHER_LINE, { exact: true }).count()).toBe(0);
    // Hostile plan text is shown as text, and nothing of it ran.
    await page.getByText(HOSTILE_TITLE, { exact: false }).first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.getByRole('combobox', { name: 'دوره' }).selectOption('1404');
    const input = page.getByRole('textbox', { name: new RegExp(`\\(\\u2068?${LINE}`) });
    await input.fill('حدود');
    await page.getByText(/عدد انتظار می‌رفت/).first().waitFor();
    expect(await page.getByRole('button', { name: /^فرستادن [۰-۹]+ مقدار$/ }).isDisabled()).toBe(true);
    await input.fill('۸۲');
    await page.getByRole('button', { name: 'فرستادن ۱ مقدار' }).click();
    // The plan asks for review: the value waits for the secretariat.
    await page.getByText(/برای بررسی دبیرخانه فرستاده شد/).waitFor();
    // Evidence: a PDF attached to the line, listed as a download.
    // Given as bytes with its name: a Persian file name must not depend on the machine's locale.
    const pdf = { name: 'گزارش.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 32), Buffer.from('\n%%EOF\n')]) };
    await page.getByLabel(new RegExp(`پیوست مستند برای .*${LINE}`)).setInputFiles(pdf);
    const link = page.getByRole('link', { name: /گزارش\.pdf/ });
    await link.waitFor();
    expect(await link.getAttribute('download')).toBe('گزارش.pdf');
    // The file comes back as a download, never as a page of this site.
    const answer = await page.evaluate(async (href) => {
      const r = await fetch(href);
      return { type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'), csp: r.headers.get('content-security-policy'), size: (await r.arrayBuffer()).byteLength };
    }, (await link.getAttribute('href'))!);
    expect(answer.type).toBe('application/octet-stream');
    expect(answer.disposition).toMatch(/^attachment;/);
    expect(answer.csp).toMatch(/sandbox/);
    expect(answer.size).toBe(pdf.buffer.length);
    // A picture that is really a page is refused.
    const fake = { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('<html><script>alert(1)</script></html>') };
    await page.getByLabel(new RegExp(`پیوست مستند برای .*${LINE}`)).setInputFiles(fake);
    await page.getByRole('alert').first().waitFor();
    expect(await page.getByRole('link', { name: /photo\.png/ }).count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-reporter-fa.png'), fullPage: true });
    expect(await unnamedControls(page)).toEqual([]);

    // By address: the review is not theirs, and its data is never asked for.
    const before = requests.length;
    await page.goto(`${base}/#/review`);
    await page.getByText('این صفحه برای نقش شما باز نیست.').waitFor();
    expect(requests.slice(before).some((u) => u.includes('/submissions'))).toBe(false);
    // Another unit's line is not in their plan at all.
    await page.goto(`${base}/#/indicator/${OTHER_LINE}`);
    await page.getByText(/چنین شاخصی ندارد/).waitFor();
    // Nor by hand-made requests: deciding a submission, or evidence on another unit's line.
    const direct = await page.evaluate(
      async ([id, other]) => {
        const post = (url: string, type: string, body: string) => fetch(url, { method: 'POST', headers: { 'content-type': type, 'x-plansheets-request': '1' }, body }).then((r) => r.status);
        return [await post('/api/submissions/1/accept', 'application/json', '{}'), await post(`/api/plans/${id}/evidence?ref=${other}&period=1404&name=x.pdf`, 'application/pdf', '%PDF-1.4 x')];
      },
      [planId, OTHER_LINE],
    );
    expect(direct).toEqual([403, 403]);
    expect(errors).toEqual([]);
    await context.close();
  }, 240000);

  test('the secretariat reviews in English: accepts, sees who is late and exports it, closes a period, reads the log in Jalali dates, opens the observatory', async () => {
    const { page, context, errors } = await visit('en', '#/signin');
    await page.getByLabel('Your token').fill(tokens.secretariat);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Submissions to review' }).waitFor();
    const submission = page.getByRole('article', { name: /by budget-reporter/ });
    await submission.getByText(new RegExp(`${LINE}.*→ 82`)).waitFor();
    // Rejecting needs a comment.
    expect(await submission.getByRole('button', { name: 'Reject' }).isDisabled()).toBe(true);
    await submission.getByRole('button', { name: 'Accept' }).click();
    await page.getByText(/1 applied, 0 in conflict, 0 refused/).waitFor();
    expect((await serverPlan()).indicators.find((i) => i.id === LINE)!.actuals!['1404']).toBe(82);

    // Who has not reported 1402 (the first open year), and the file for reminders.
    const late = page.getByRole('table', { name: /Units that have not reported/ });
    await late.waitFor();
    expect(await late.getByRole('row').count()).toBeGreaterThan(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export for reminders (CSV)' }).click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/unit/i);
    // No cell of the file starts a formula.
    for (const cell of csv.split(/[,\n]/)) expect(cell.replace(/^\ufeff?"?/, '')).not.toMatch(/^[=+@]/);

    await page.getByRole('switch', { name: '1403 closed' }).click();
    await page.getByRole('switch', { name: '1403 closed', checked: true }).waitFor();
    expect((await serverPlan()).meta.locked).toContain('1403');

    // The change log: the accepted change, by its reporter, dated in the Jalali calendar.
    const log = page.getByRole('table', { name: 'Change log' });
    await log.getByText('budget-reporter').first().waitFor();
    expect(await log.innerText()).toMatch(/14\d\d\/\d\d\/\d\d \d\d:\d\d/);
    await page.getByRole('combobox', { name: 'Person' }).selectOption('budget-reporter');
    expect(await log.getByRole('row').count()).toBeGreaterThan(1);

    await page.getByRole('switch', { name: /Observatory open to everyone/ }).click();
    await page.getByRole('switch', { name: /Observatory open to everyone/, checked: true }).waitFor();
    expect((await (await fetch(`${base}/api/public/plans`)).json()).length).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-secretariat-en.png'), fullPage: true });
    expect(await unnamedControls(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 240000);

  test('the observatory for a viewer in Persian, by keyboard: by working group and district, drill-down to an indicator; and for anyone once opened', async () => {
    const { page, context, errors } = await visit('fa', `#token=${tokens.viewer}`);
    const groups = page.getByRole('table', { name: /به تفکیک کارگروه/ });
    await groups.waitFor();
    // A status reads without colour: a mark and a word beside the percentage.
    expect(await groups.innerText()).toMatch(/[●▲■○] [۰-۹]+٫[۰-۹]٪ · (مطلوب|در معرض خطر|نامطلوب)/);
    expect(await page.getByRole('img', { name: /نمودار: میزان تحقق/ }).count()).toBe(1);
    await page.getByRole('combobox', { name: 'به تفکیک' }).selectOption('district');
    await page.getByRole('table', { name: /به تفکیک منطقه/ }).waitFor();
    // Keyboard only: from the search box, Tab to the first indicator's link and open it with Enter.
    await page.getByRole('textbox', { name: /جست‌وجوی شاخص/ }).fill(LINE);
    await page.getByRole('textbox', { name: /جست‌وجوی شاخص/ }).focus();
    for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.tagName === 'A')); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: 'سال به سال' }).waitFor();
    const trend = await page.getByRole('table', { name: 'سال به سال' }).innerText();
    expect(trend).toContain(toPersianDigits('82'));
    expect(await page.getByRole('img', { name: /سال به سال/ }).count()).toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-indicator-fa.png'), fullPage: true });
    expect(await unnamedControls(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();

    // Nobody signed in: the public observatory, and the review still closed.
    const anon = await visit('en');
    await anon.page.getByRole('table', { name: /by working group/ }).waitFor();
    await anon.page.goto(`${base}/#/review`);
    await anon.page.getByText('Sign in to see this page.').waitFor();
    expect(anon.errors).toEqual([]);
    await anon.context.close();
  }, 240000);

  test('every page carries a content security policy, and hostile text stays text in every language', async () => {
    const r = await fetch(`${base}/`);
    expect(r.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const { page, context } = await visit('en', `#token=${tokens.viewer}`);
    await page.goto(`${base}/#/indicator/1-7-4-5`);
    await page.getByRole('heading', { name: HOSTILE_TITLE }).waitFor();
    await page.getByText(HOSTILE_NOTE).waitFor();
    expect(await page.evaluate(() => document.querySelectorAll('[data-testid=web] script, [data-testid=web] img[src=x]').length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await context.close();
  }, 120000);

  test('each role in the other language: a reporter by keyboard only in English, the secretariat in Persian digits, a viewer in English; signing out ends the session', async () => {
    const en = await visit('en', '#/signin');
    await en.page.getByLabel('Your token').focus();
    await en.page.keyboard.type(tokens.reporter);
    await en.page.keyboard.press('Enter');
    await en.page.getByRole('heading', { name: 'Report' }).waitFor();
    await en.page.getByRole('combobox', { name: 'Period' }).selectOption('1405');
    await en.page.getByRole('textbox', { name: new RegExp(`\\(\\u2068?${LINE}`) }).focus();
    await en.page.keyboard.type('۶۶');
    for (let i = 0; i < 200 && (await en.page.evaluate(() => document.activeElement?.textContent?.trim())) !== 'Send 1 value'; i++) await en.page.keyboard.press('Tab');
    await en.page.keyboard.press('Enter');
    await en.page.getByText(/Sent for the secretariat's review \(submission \d+\)/).waitFor();
    await en.page.getByRole('button', { name: /Sign out/ }).click();
    await en.page.getByRole('button', { name: 'Sign in' }).waitFor();
    // The session is gone on the server too.
    expect(await en.page.evaluate(async () => (await fetch('/api/session')).status)).toBe(401);
    expect(en.errors).toEqual([]);
    await en.context.close();

    const fa = await visit('fa', `#token=${tokens.secretariat}`);
    await fa.page.getByRole('heading', { name: 'ارسال‌های در انتظار بررسی' }).waitFor();
    await fa.page.getByRole('article').first().waitFor();
    await fa.page.getByRole('table', { name: 'سابقه تغییرات' }).waitFor();
    // The observatory opened in English is shown open here.
    await fa.page.getByRole('switch', { name: /رصدخانه برای همه باز باشد/, checked: true }).waitFor();
    // Outside codes, names and cells (isolated or in <bdi>), every digit is Persian.
    const prose = await fa.page.evaluate(() => {
      const copy = document.querySelector('[data-testid=web]')!.cloneNode(true) as Element;
      copy.querySelectorAll('bdi, select, input').forEach((b) => b.remove());
      let out = '';
      let depth = 0;
      for (const ch of copy.textContent ?? '') {
        if (ch >= '\u2066' && ch <= '\u2068') depth++;
        else if (ch === '\u2069') depth = Math.max(0, depth - 1);
        else if (depth === 0) out += ch;
      }
      return out;
    });
    expect(prose.length).toBeGreaterThan(200);
    expect(prose).not.toMatch(/[0-9]/);
    await fa.page.screenshot({ path: path.join(ARTIFACTS, 'web-secretariat-fa.png'), fullPage: true });
    expect(await unnamedControls(fa.page)).toEqual([]);
    await fa.context.close();

    const viewer = await visit('en', `#token=${tokens.viewer}`);
    await viewer.page.getByRole('table', { name: 'Achievement and budget realization by working group' }).waitFor();
    await viewer.page.screenshot({ path: path.join(ARTIFACTS, 'web-observatory-en.png'), fullPage: true });
    expect(viewer.errors).toEqual([]);
    await viewer.context.close();
  }, 240000);
});
