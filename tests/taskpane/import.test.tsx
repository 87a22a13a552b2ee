/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { PlanStore } from '../../src/runtime/plan-store';
import { busLine, filledBusTemplate } from '../helpers/filled-template';
import { FakeWorkbook } from '../helpers/fake-workbook';
import { sampleText } from '../helpers/plan';

test('importing a filled template: the changes are shown, then applied to the plan', async () => {
  const workbook = new FakeWorkbook();
  const store = new PlanStore(workbook);
  await store.open(sampleText(), 'qazvin.plan.json');
  render(<App store={store} gateway={workbook} host={{ displayLanguage: 'en-US', dark: false }} loadSample={async () => sampleText()} />);
  // the problems list loads lazily: let it arrive before the test goes on
  await screen.findByRole('region', { name: 'مشکلات' });
  fireEvent.click(screen.getByRole('button', { name: /زبان/ }));
  const line = busLine();
  const bytes = await filledBusTemplate({ [line.id]: '۴۲' });
  const input = await screen.findByLabelText('Import filled templates (.xlsx)');
  await act(async () => {
    fireEvent.change(input, { target: { files: [new File([bytes], 'bus-org.xlsx')] } });
  });
  await waitFor(() => expect(screen.getByText('1 change, 0 conflicts, 0 not applicable')).toBeInTheDocument(), { timeout: 10000 });
  expect(screen.getByText(new RegExp(`${line.id} · actual 1403: .* → 42`))).toBeInTheDocument();
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
  });
  expect(await screen.findByText('1 change imported: revision 1.')).toBeInTheDocument();
  expect(store.current!.result.plan.indicators.find((i) => i.id === line.id)!.actuals!['1403']).toBe(42);
  expect(JSON.parse(workbook.stored!).meta.revision).toBe(1);
});

test('tables pasted into a sheet: read through the importer, the report shown, then the plan used', async () => {
  const fs = await import('fs');
  const path = await import('path');
  const { ROOT } = await import('../helpers/plan');
  const tsv = path.join(ROOT, 'tests', 'fixtures', 'qazvin', 'raw', '01.tsv');
  if (!fs.existsSync(tsv) && !process.env.CI) return;
  const workbook = new FakeWorkbook();
  workbook.sheets.set('Sheet1', fs.readFileSync(tsv, 'utf8').split('\n').map((l) => l.split('\t')));
  const store = new PlanStore(workbook);
  render(<App store={store} gateway={workbook} host={{ displayLanguage: 'en-US', dark: false }} loadSample={async () => sampleText()} />);
  fireEvent.click(screen.getByRole('tab', { name: 'Tables' }));
  const read = await screen.findByRole('button', { name: 'Import from this sheet' });
  await act(async () => {
    fireEvent.click(read);
  });
  expect(screen.getByText(/^1 working groups, 4 units, 38 tables, \d+ indicators, 84 rows$/)).toBeInTheDocument();
  expect(screen.getByRole('list', { name: /rows? had to be interpreted/ })).toBeInTheDocument();
  // the account: every table and row found again, the numbers adding up
  expect(screen.getByText('Account: 38 tables = 37 indicators + 1 continuing the table above + 0 without rows; 84 table rows = 84 read + 0 left out')).toBeInTheDocument();
  expect(screen.getByText(/Sheet1:5 مدیریت برنامه و بودجه/)).toBeInTheDocument();
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Use this plan' }));
  });
  expect(store.current?.source).toBe('Sheet1');
  expect(store.current!.result.plan.indicators.length).toBeGreaterThan(30);
  expect(JSON.parse(workbook.stored!).meta.id).toBe('imported');
});

test('a sheet with no plan table: the pane says so and offers nothing to use', async () => {
  const workbook = new FakeWorkbook();
  workbook.sheets.set('Sheet1', [['یادداشت جلسه'], ['مصوبه ۱۲', 'شورا']]);
  const store = new PlanStore(workbook);
  render(<App store={store} gateway={workbook} host={{ displayLanguage: 'en-US', dark: false }} loadSample={async () => sampleText()} />);
  fireEvent.click(screen.getByRole('tab', { name: 'Tables' }));
  await act(async () => {
    fireEvent.click(await screen.findByRole('button', { name: 'Import from this sheet' }));
  });
  expect(screen.getByText(/^No plan table in this sheet/)).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Use this plan' })).toBeDisabled();
  expect(store.current).toBeUndefined();
});
