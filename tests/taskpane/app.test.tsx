/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { PlanStore } from '../../src/runtime/plan-store';
import { buildReport } from '../../src/core/report/report';
import { loadPlan } from '../../src/core/plan/load';
import { percent } from '../../src/taskpane/i18n';
import { realizationText } from '../../src/core/report/realization-text';
import { FakeWorkbook } from '../helpers/fake-workbook';
import { makePlan, sampleText } from '../helpers/plan';

/** What fetch resolves to, as far as the pane reads it. */
const answer = (body: string, status = 200, statusText = 'OK') => ({ ok: status >= 200 && status < 300, status, statusText, text: async () => body });

function setup(opts: { displayLanguage?: string; stored?: string; fetcher?: typeof fetch } = {}) {
  const workbook = new FakeWorkbook();
  if (opts.stored) workbook.stored = opts.stored;
  const store = new PlanStore(workbook);
  const utils = render(
    <App store={store} gateway={workbook} host={{ displayLanguage: opts.displayLanguage ?? 'en-US', dark: false }} fetcher={opts.fetcher} loadSample={async () => sampleText()} />,
  );
  return { workbook, store, ...utils };
}

const pane = () => screen.getByTestId('pane');
const dirOf = () => pane().closest('[dir]')!.getAttribute('dir');

async function paste(text: string, button = /Open pasted plan|باز کردن متن/) {
  fireEvent.click(screen.getByRole('tab', { name: /Paste|چسباندن/ }));
  fireEvent.change(screen.getByRole('textbox', { name: /Plan JSON|JSON برنامه/ }), { target: { value: text } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: button }));
  });
}

describe('the task pane', () => {
  test('English, left to right, from Office\'s display language when no plan is open', () => {
    setup({ displayLanguage: 'en-US' });
    expect(dirOf()).toBe('ltr');
    expect(screen.getByText(/No plan in this workbook yet/)).toBeInTheDocument();
  });

  test('Persian, right to left, for a Persian Office', () => {
    setup({ displayLanguage: 'fa-IR' });
    expect(dirOf()).toBe('rtl');
    expect(screen.getByText(/این کارپوشه هنوز برنامه‌ای ندارد/)).toBeInTheDocument();
  });

  test('the sample plan (fa-IR) opens right to left with its working groups, achievement and budget', async () => {
    const { workbook } = setup({ displayLanguage: 'en-US' });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /sample plan/ }));
    });
    expect(workbook.stored).toBe(sampleText());
    expect(workbook.recalcs).toBe(1);
    expect(dirOf()).toBe('rtl');
    const index = loadPlan(sampleText()).index!;
    const rows = buildReport(index, 'workingGroup', 'cumulative').rows;
    for (const row of rows) {
      const cells = within(screen.getByTestId(`wg-${row.key}`)).getAllByRole('cell');
      expect(cells[0]).toHaveTextContent(row.title);
      expect(cells[1]).toHaveTextContent(percent(row.achievement, 'fa'));
      expect(cells[3]).toHaveTextContent(realizationText(row.budget.realization, row.budget.basis, 'fa', 'fa') || percent(null, 'fa'));
    }
    expect(screen.getByRole('table', { name: 'میزان تحقق به تفکیک کارگروه' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'میزان تحقق' })).toBeInTheDocument();
    // the status colour is named for screen readers
    expect(within(screen.getByTestId(`wg-${rows[0].key}`)).getByLabelText(/وضعیت/)).toBeInTheDocument();
  });

  test('the language switch turns the pane English, left to right, with English titles', async () => {
    setup({ displayLanguage: 'fa-IR' });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /برنامه نمونه/ }));
    });
    fireEvent.click(screen.getByRole('button', { name: /زبان/ }));
    expect(dirOf()).toBe('ltr');
    expect(within(screen.getByTestId('wg-transport')).getByText('Transport & traffic')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Achievement by working group' })).toBeInTheDocument();
  });

  test('a workbook that holds a plan shows it when the pane opens', async () => {
    setup({ stored: JSON.stringify(makePlan([{ code: '1', workingGroup: 'wg1', aggregation: 'last', targets: { '1402': 10 }, actuals: { '1402': 9 } }])) });
    expect(await screen.findByTestId('wg-wg1')).toHaveTextContent('90.0%');
    expect(dirOf()).toBe('ltr');
  });

  test('bad JSON: a clear error with line and column; the plan is not replaced', async () => {
    const { store, workbook } = setup();
    await paste('{\n  "format": "plansheets.plan",\n  "version": 1,,\n}');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The plan was not opened');
    expect(alert).toHaveTextContent(/not valid JSON at line 3, column 16/);
    expect(store.current).toBeUndefined();
    expect(workbook.stores).toBe(0);
    expect(await screen.findByText(/1 error, 0 warnings/)).toBeInTheDocument();
  });

  test('a version 2 file, opened as a file: refused with the reason', async () => {
    setup();
    const v2 = JSON.stringify({ ...JSON.parse(sampleText()), version: 2 });
    const input = screen.getByLabelText('Plan file (.json)') as HTMLInputElement;
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File([v2], 'next.plan.json', { type: 'application/json' })] } });
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/version 2, newer than this PlanSheets reads/);
  });

  test('a URL that cannot be read (network or CORS), a refused one, and a non-https one each say so', async () => {
    const failing = jest.fn().mockRejectedValue(new TypeError('Failed to fetch'));
    setup({ fetcher: failing as unknown as typeof fetch });
    fireEvent.click(screen.getByRole('tab', { name: 'URL' }));
    const input = screen.getByRole('textbox', { name: /Address of the plan file/ });
    fireEvent.change(input, { target: { value: 'https://plans.example.org/qazvin.json' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Open from URL' }));
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(/Could not read https:\/\/plans\.example\.org\/qazvin\.json: .*\(CORS\)/);
    expect(failing).toHaveBeenCalledTimes(1);

    failing.mockResolvedValue(answer('gone', 404, 'Not Found'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Open from URL' }));
    });
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The server refused https://plans.example.org/qazvin.json: 404 Not Found.'));

    fireEvent.change(input, { target: { value: 'http://plans.example.org/qazvin.json' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Open from URL' }));
    });
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Only https:// addresses can be opened from Excel.'));
    expect(failing).toHaveBeenCalledTimes(2);
  });

  test('a URL that answers with a plan opens it', async () => {
    const fetcher = jest.fn().mockResolvedValue(answer(sampleText()));
    const { store } = setup({ fetcher: fetcher as unknown as typeof fetch });
    fireEvent.click(screen.getByRole('tab', { name: 'URL' }));
    fireEvent.change(screen.getByRole('textbox', { name: /Address of the plan file/ }), { target: { value: 'https://plans.example.org/qazvin.json' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Open from URL' }));
    });
    expect(store.current?.source).toBe('https://plans.example.org/qazvin.json');
  });

  test('the problems panel lists warnings with paths and filters them', async () => {
    setup({ displayLanguage: 'en-US' });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /sample plan/ }));
    });
    fireEvent.click(screen.getByRole('button', { name: /زبان/ }));
    const warnings = loadPlan(sampleText()).problems;
    const panel = await screen.findByRole('region', { name: 'Problems' });
    expect(within(panel).getByText(`Problems: 0 errors, ${warnings.length} warnings`)).toBeInTheDocument();
    expect(within(panel).getAllByRole('listitem')).toHaveLength(warnings.length);
    fireEvent.change(within(panel).getByRole('textbox', { name: /Filter/ }), { target: { value: 'shared by' } });
    expect(within(panel).getAllByRole('listitem')).toHaveLength(warnings.filter((w) => w.message.en.includes('shared by')).length);
    fireEvent.click(within(panel).getByRole('button', { name: 'Errors' }));
    expect(within(panel).getByText('No problems match.')).toBeInTheDocument();
  });
});
