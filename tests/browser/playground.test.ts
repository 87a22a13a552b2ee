import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serve } from '../helpers/static-server';
import { ROOT, sampleText } from '../helpers/plan';
import { busLine, filledBusTemplate } from '../helpers/filled-template';
import type { Plan } from '../../src/core/plan/plan.types';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { toPersianDigits } from '../../src/core/numbers/digits';
import { openDatabase } from '../../src/server/db';
import { migrate } from '../../src/server/migrations';
import { addUser } from '../../src/server/users';
import { buildApp } from '../../src/server/app';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!CHROMIUM && process.env.CI) throw new Error('Chromium is needed for the browser tests: apt-get install -y chromium');
// Outside CI a machine without Chromium skips this file; CI installs it and must run it.
const describeInBrowser = CHROMIUM ? describe : describe.skip;

/** Screenshots are kept as test artefacts (not committed). */
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plansheets-browser-'));
let browser: Browser;
let site: { url: string; close: () => Promise<void> };

describeInBrowser('the task pane in a real browser (the playground)', () => {
  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const out = path.join(tmp, 'site');
    const r = spawnSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'development', '--env', `outDir=${out}`], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`the playground did not build:\n${r.stdout}\n${r.stderr}`);
    site = await serve(out);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 180000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function open(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${site.url}/playground.html`);
    await page.getByTestId('pane').waitFor({ timeout: 30000 });
    expect(errors).toEqual([]);
    return page;
  }

  const dir = (page: Page) => page.getByTestId('pane').evaluate((el) => el.closest('[dir]')!.getAttribute('dir'));
  const english = async (page: Page) => {
    await page.getByRole('button', { name: /زبان/ }).click();
    expect(await dir(page)).toBe('ltr');
  };
  const sheetTitle = (id: string) => (JSON.parse(sampleText()) as Plan).workingGroups!.find((w) => w.id === id)!.title;
  const cell = (page: Page, sheetHeader: string, ref: string) => page.getByRole('textbox', { name: `${sheetHeader} · ${ref}` });

  test('the pane in Persian, right to left, and in English, left to right', async () => {
    const page = await open();
    expect(await dir(page)).toBe('rtl');
    await expect(page.getByRole('heading', { name: 'برنامه راهبردی عملیاتی پنج‌ساله سوم شهر و شهرداری قزوین (نمونه)' }).count()).resolves.toBe(1);
    await page.getByRole('table', { name: 'میزان تحقق به تفکیک کارگروه' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'pane-fa.png') });
    await english(page);
    await page.getByRole('table', { name: 'Achievement by working group' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'pane-en.png') });
    await page.close();
  });

  test('build, type Persian digits, sync, watch achievement change, resolve a conflict, export, templates', async () => {
    const page = await open();
    await english(page);
    // the Dashboard is in the sample's language: Persian, right to left, percentages
    const dashboard = async () => page.locator('table[data-sheet="داشبورد"] tr').nth(1).innerText();
    await page.getByRole('tab', { name: 'داشبورد' }).click();
    expect(await page.locator('table[data-sheet="داشبورد"]').getAttribute('dir')).toBe('rtl');
    expect(await dashboard()).toMatch(/[۰-۹]+٫[۰-۹]٪/);
    const before = await dashboard();

    await page.getByRole('button', { name: 'Build sheets' }).click();
    await page.getByText(/4 sheets written/).waitFor();
    const governance = sheetTitle('governance');
    await page.getByRole('tab', { name: governance }).click();
    const actual1404 = cell(page, 'عملکرد ۱۴۰۴', '1-7-5-2');
    await actual1404.fill('۸۲');
    await actual1404.press('Enter');
    await page.getByRole('button', { name: 'Sync from sheets' }).click();
    await page.getByText('1 change, 0 conflicts, 0 not applicable').waitFor();
    await page.getByRole('textbox', { name: /Your name/ }).fill('Maryam');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('1 change applied: revision 1.').waitFor();
    await page.getByRole('tab', { name: 'داشبورد' }).click();
    expect(await dashboard()).not.toBe(before);
    expect(await page.locator('table[data-sheet="داشبورد"]').innerText()).not.toContain('#');
    await page.screenshot({ path: path.join(ARTIFACTS, 'after-sync.png') });

    // A conflict: 40 typed in the sheet, 45 in the plan file reopened meanwhile.
    await page.getByRole('tab', { name: governance }).click();
    await cell(page, 'عملکرد ۱۴۰۵', '1-7-5-2').fill('40');
    await cell(page, 'عملکرد ۱۴۰۵', '1-7-5-2').press('Enter');
    // the plan file as it is now (after the sync), changed by someone else
    const current = await page.evaluate(() => (globalThis as unknown as { plansheets: { store: { current: { text: string } } } }).plansheets.store.current.text);
    const theirs = JSON.parse(current) as Plan;
    theirs.indicators.find((i) => i.id === '1-7-5-2')!.actuals!['1405'] = 45;
    await page.getByRole('tab', { name: 'Paste' }).click();
    await page.getByRole('textbox', { name: 'Plan JSON' }).fill(JSON.stringify(theirs));
    await page.getByRole('button', { name: 'Open pasted plan' }).click();
    await page.getByText(/Opened from pasted/).waitFor();
    await page.getByRole('button', { name: 'Sync from sheets' }).click();
    await page.getByText('0 changes, 1 conflict, 0 not applicable').waitFor();
    await page.getByRole('radio', { name: 'keep the file: 45' }).check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText(/changes? applied/).waitFor();
    expect(await cell(page, 'عملکرد ۱۴۰۵', '1-7-5-2').inputValue()).toBe('45');

    // Export: the plan as canonical JSON, with what was typed.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the plan (JSON)' }).click()]);
    const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as Plan;
    const exportedLine = exported.indicators.find((i) => i.id === '1-7-5-2')!;
    expect(exportedLine.actuals).toMatchObject({ '1404': 82, '1405': 45 });
    expect(exported.changes!.some((c) => c.by === 'Maryam' && c.field === 'actuals.1404' && c.to === 82)).toBe(true);

    // A unit template as a sheet, filled in place, synced.
    await page.getByRole('textbox', { name: /Year or period/ }).fill('1403');
    await page.getByRole('button', { name: 'Add template sheet' }).click();
    await page.getByText(/Template sheet .* added/).waitFor();
    await cell(page, 'عملکرد ۱۴۰۳', '1-7-4-5').fill('۶۵');
    await cell(page, 'عملکرد ۱۴۰۳', '1-7-4-5').press('Enter');
    await page.getByRole('button', { name: 'Sync from sheets' }).click();
    await page.getByText(/1 change, 0 conflicts/).waitFor();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText(/1 change applied/).waitFor();

    // A filled template file, imported.
    const bytes = await filledBusTemplate({ [busLine().id]: '۴۲' });
    const file = path.join(tmp, 'bus-org.xlsx');
    fs.writeFileSync(file, Buffer.from(bytes));
    await page.getByLabel('Import filled templates (.xlsx)').setInputFiles(file);
    await page.getByText(/1 change, 0 conflicts/).waitFor({ timeout: 30000 });
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText(/1 change imported/).waitFor();
    await page.close();
  }, 120000);

  test('keyboard only: the pane\'s main flow, and every control has a name', async () => {
    const page = await open();
    const unnamed = await page.evaluate(() => {
      const name = (el: Element) =>
        el.getAttribute('aria-label') ||
        (el.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim() ||
        ((el as HTMLInputElement).labels?.[0]?.textContent ?? '').trim() ||
        (el.tagName === 'BUTTON' || el.getAttribute('role') === 'tab' ? (el.textContent ?? '').trim() : '');
      return [...document.querySelectorAll('[data-testid=pane] :is(button, input, select, textarea, [role=tab], [role=radio], [role=combobox])')]
        .filter((el) => !name(el))
        .map((el) => el.outerHTML.slice(0, 120));
    });
    expect(unnamed).toEqual([]);
    // Tab to "ساختن برگه‌ها" (Build sheets) and press Enter; then to the sync button.
    // Tab from the pane's first control (its language button) to the one wanted.
    const tabTo = async (text: string) => {
      await page.getByTestId('pane').locator('button').first().focus();
      for (let i = 0; i < 120; i++) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === text) return;
      }
      throw new Error(`could not reach "${text}" with the keyboard; the last stop was "${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200))}"`);
    };
    await tabTo('ساختن برگه‌ها');
    await page.keyboard.press('Enter');
    await page.getByText(/۴ برگه نوشته شد/).waitFor();
    await page.getByRole('textbox', { name: `عملکرد ۱۴۰۴ · 1-7-5-2` }).focus();
    await page.keyboard.type('۸۲');
    await page.keyboard.press('Enter');
    await tabTo('همگام‌سازی از برگه‌ها');
    await page.keyboard.press('Enter');
    await page.getByText(/۱ تغییر، ۰ تعارض/).waitFor();
    await tabTo('اعمال');
    await page.keyboard.press('Enter');
    await page.getByText(/۱ تغییر اعمال شد/).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'keyboard.png') });
    await page.close();
  }, 120000);
  test('the council report and the indicator ID forms, made in the browser and saved as Word', async () => {
    const page = await open();
    const plan = JSON.parse(sampleText()) as Plan;
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'گزارش شورا (Word)' }).click()]);
    await page.getByText(/گزارش شورا نوشته شد \(۴ کارگروه\)/).waitFor();
    const reportZip = await JSZip.loadAsync(fs.readFileSync((await report.path())!));
    // Each chart's PNG was drawn by the browser's canvas: a real PNG of some size, one per chart.
    const pngs = Object.keys(reportZip.files).filter((f) => f.startsWith('word/media/') && f.endsWith('.png'));
    expect(pngs.length).toBe(plan.workingGroups!.length + 1);
    for (const f of pngs) {
      const png = await reportZip.file(f)!.async('uint8array');
      expect(Buffer.from(png.subarray(1, 4)).toString('latin1')).toBe('PNG');
      expect(png.length).toBeGreaterThan(5000);
    }
    const reportText = (await mammoth.extractRawText({ buffer: fs.readFileSync((await report.path())!) })).value;
    expect(reportText).toContain('گزارش پایش برنامه برای شورای اسلامی شهر');
    for (const g of plan.workingGroups!) expect(reportText).toContain(g.title);

    const [forms] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'فرم‌های شناسنامه شاخص (Word)' }).click()]);
    await page.getByText(new RegExp(`${toPersianDigits(String(plan.indicators.length))} فرم شناسنامه شاخص نوشته شد`)).waitFor();
    const formsText = (await mammoth.extractRawText({ buffer: fs.readFileSync((await forms.path())!) })).value;
    expect(formsText.split('فرم شناسنامه شاخص هدف عملیاتی').length - 1).toBe(plan.indicators.length);
    await page.screenshot({ path: path.join(ARTIFACTS, 'documents.png') });
    await page.close();
  }, 120000);

  test('the pane on a plan server: open a unit\'s plan across origins, type, send, and the server has it', async () => {
    const db = await openDatabase({ data: path.join(tmp, 'server-db') });
    await migrate(db);
    const secretariat = await addUser(db, 'dabirkhaneh', 'secretariat', []);
    const reporter = await addUser(db, 'budget-reporter', 'reporter', ['budget-office']);
    // The pane's page may call this server (CORS); a second server does not allow it.
    const allowed = buildApp(db, { origins: [site.url] });
    const refusing = buildApp(db);
    const urlOf = async (a: typeof allowed) => {
      await a.listen({ host: '127.0.0.1', port: 0 });
      return `http://127.0.0.1:${(a.server.address() as { port: number }).port}`;
    };
    const [server, other] = [await urlOf(allowed), await urlOf(refusing)];
    try {
      const planId = (JSON.parse(sampleText()) as Plan).meta.id;
      const made = await fetch(`${server}/api/plans`, { method: 'POST', headers: { authorization: `Bearer ${secretariat}`, 'content-type': 'application/json' }, body: sampleText() });
      expect(made.status).toBe(201);
      const page = await open();
      await english(page);
      await page.getByRole('tab', { name: 'Server' }).click();
      await page.getByLabel('Server address').fill(other);
      await page.getByLabel('Your token').fill(reporter);
      await page.getByRole('button', { name: 'Connect' }).click();
      await page.getByRole('alert').filter({ hasText: `could not reach ${other}` }).waitFor();
      await page.getByLabel('Server address').fill(server);
      await page.getByRole('button', { name: 'Connect' }).click();
      await page.getByRole('radio', { name: `${planId} (revision 0)` }).check();
      await page.getByRole('button', { name: 'Open from the server' }).click();
      await page.getByText(/Sync sends what is typed to the server/).waitFor();
      await page.getByRole('button', { name: 'Build sheets' }).click();
      await page.getByText(/1 sheet written/).waitFor();
      await page.getByRole('tab', { name: sheetTitle('governance') }).click();
      const actual1404 = cell(page, 'عملکرد ۱۴۰۴', '1-7-5-2');
      await actual1404.fill('۷۷');
      await actual1404.press('Enter');
      await page.getByRole('button', { name: 'Sync from sheets' }).click();
      await page.getByText('1 change, 0 conflicts, 0 not applicable').waitFor();
      await page.getByRole('button', { name: 'Send to the server' }).click();
      await page.getByText('1 applied, 0 in conflict, 0 refused: the plan is at revision 1.').waitFor();
      await page.screenshot({ path: path.join(ARTIFACTS, 'server-sync.png') });
      const kept = (await (await fetch(`${server}/api/plans/${planId}`, { headers: { authorization: `Bearer ${secretariat}` } })).json()) as Plan;
      expect(kept.indicators.find((i) => i.id === '1-7-5-2')!.actuals!['1404']).toBe(77);
      expect(kept.changes!.at(-1)).toMatchObject({ by: 'budget-reporter', field: 'actuals.1404', to: 77 });
      expect(await actual1404.inputValue()).toBe('77');
      await page.close();
    } finally {
      await allowed.close();
      await refusing.close();
      await db.close();
    }
  }, 180000);
});
