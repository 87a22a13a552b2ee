/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { PlanStore } from '../../src/runtime/plan-store';
import type { Plan } from '../../src/core/plan/plan.types';
import { FakeWorkbook } from '../helpers/fake-workbook';
import { sampleText } from '../helpers/plan';

async function setup() {
  const workbook = new FakeWorkbook();
  const store = new PlanStore(workbook);
  await store.open(sampleText(), 'qazvin.plan.json');
  const saved: Array<{ name: string; text: string }> = [];
  render(
    <App
      store={store}
      gateway={workbook}
      host={{ displayLanguage: 'en-US', dark: false }}
      loadSample={async () => sampleText()}
      saveFile={(name, text) => saved.push({ name, text })}
    />,
  );
  // the fa-IR sample opens in Persian; the tests read English labels
  // the problems list loads lazily: let it arrive before the test goes on
  await screen.findByRole('region', { name: 'مشکلات' });
  fireEvent.click(screen.getByRole('button', { name: /زبان/ }));
  const governance = (JSON.parse(sampleText()) as Plan).workingGroups!.find((w) => w.id === 'governance')!.title;
  return { workbook, store, saved, governance };
}

const click = async (name: RegExp | string) => {
  const button = await screen.findByRole('button', { name });
  await act(async () => {
    fireEvent.click(button);
  });
};

describe('the sheets in the pane', () => {
  test('build, type Persian digits, sync, apply: the plan gets the values, a new revision and the name', async () => {
    const { workbook, store, governance } = await setup();
    await click('Build sheets');
    expect(await screen.findByText(/4 sheets written/)).toBeInTheDocument();
    expect(screen.getByText(/cannot insert right-to-left sheets/)).toBeInTheDocument();
    workbook.type(governance, '1-7-5-2', 'actual:1404', '۸۲');
    workbook.type(governance, '1-7-4-5', 'actual:1405', 'حدود ۸۰');
    await click('Sync from sheets');
    expect(screen.getByText('1 change, 0 conflicts, 1 not applicable')).toBeInTheDocument();
    const changes = screen.getByRole('list', { name: 'Changes' });
    expect(within(changes).getByText(/1-7-5-2 · actual 1404: \(empty\) → 82/)).toBeInTheDocument();
    const refused = screen.getByRole('list', { name: 'Not applied' });
    expect(within(refused).getByText(/حدود ۸۰: expected a number/)).toBeInTheDocument();
    fireEvent.change(screen.getByRole('textbox', { name: /Your name/ }), { target: { value: 'Maryam' } });
    await click('Apply');
    expect(await screen.findByText('1 change applied: revision 1.')).toBeInTheDocument();
    const plan = store.current!.result.plan;
    expect(plan.indicators.find((i) => i.id === '1-7-5-2')!.actuals!['1404']).toBe(82);
    expect(plan.changes).toEqual([expect.objectContaining({ by: 'Maryam', ref: '1-7-5-2', field: 'actuals.1404', to: 82 })]);
    expect(workbook.cell(governance, '1-7-4-5', 'actual:1405')).toBe('حدود ۸۰');
  });

  test('a conflict offers both values; the choice made in the pane is what applies', async () => {
    const { workbook, store, governance } = await setup();
    await click('Build sheets');
    workbook.type(governance, '1-7-5-2', 'actual:1405', 40);
    const theirs = JSON.parse(store.current!.text) as Plan;
    theirs.indicators.find((i) => i.id === '1-7-5-2')!.actuals!['1405'] = 45;
    await act(async () => {
      await store.open(JSON.stringify(theirs), 'reloaded');
    });
    await click('Sync from sheets');
    expect(screen.getByText('0 changes, 1 conflict, 0 not applicable')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('radio', { name: 'keep the file: 45' }));
    await click('Apply');
    expect(store.current!.result.plan.indicators.find((i) => i.id === '1-7-5-2')!.actuals!['1405']).toBe(45);
    expect(workbook.cell(governance, '1-7-5-2', 'actual:1405')).toBe(45);
  });

  test('export writes the plan as canonical JSON named after the plan and its revision', async () => {
    const { saved } = await setup();
    await click('Export the plan (JSON)');
    expect(saved).toHaveLength(1);
    expect(saved[0].name).toBe('qazvin-3-sample.r0.plan.json');
    expect(saved[0].text.startsWith('{\n  "format": "plansheets.plan",\n  "version": 1,')).toBe(true);
    expect(JSON.parse(saved[0].text)).toEqual(JSON.parse(sampleText()));
  });

  test('syncing a workbook without PlanSheets sheets says to build them first', async () => {
    await setup();
    await click('Sync from sheets');
    expect(screen.getByText(/build them first/)).toBeInTheDocument();
  });
});

describe('achievement beside budget', () => {
  test('per working group for a chosen year, with units on a click', async () => {
    await setup();
    const governance = await screen.findByTestId('budget-governance');
    expect(within(governance).getByLabelText(/^Achievement: /)).toBeInTheDocument();
    expect(within(governance).getByLabelText(/^Budget realization: /)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('combobox', { name: 'Year' }));
    fireEvent.click(screen.getByRole('option', { name: '1402' }));
    const { budgetByWorkingGroup } = jest.requireActual('../../src/core/report/budget-view');
    const { loadPlan } = jest.requireActual('../../src/core/plan/load');
    const { realizationText } = jest.requireActual('../../src/core/report/realization-text');
    const row = budgetByWorkingGroup(loadPlan(sampleText()).index, 1402).find((r: { key: string }) => r.key === 'governance');
    expect(within(screen.getByTestId('budget-governance')).getByLabelText(`Budget realization: ${realizationText(row.realization, row.basis, 'en', 'latn')}`)).toBeInTheDocument();
    // the parts are the year's: 1402's spent of 1402's planned
    expect(row.basis.years).toEqual([1402]);
    fireEvent.click(within(screen.getByTestId('budget-governance')).getByRole('button', { name: 'Governance & smart city' }));
    expect(screen.getByTestId('budget-governance-budget-office')).toBeInTheDocument();
  });
});

describe('templates and facts from the pane', () => {
  test('a unit template added as a sheet; the Facts table written', async () => {
    const { workbook } = await setup();
    fireEvent.change(await screen.findByRole('textbox', { name: /Year or period/ }), { target: { value: '1403' } });
    await click('Add template sheet');
    expect(await screen.findByText(/Template sheet ".*" added/)).toBeInTheDocument();
    // the first unit's template for 1403: its hidden meta row names the unit and the period
    const metas = [...workbook.sheets.values()].map((m) => m[1]);
    expect(metas).toContainEqual(expect.arrayContaining(['plansheets:template', 'qazvin-3-sample', 'budget-office', '1403']));
    await click('Facts and pivot tables');
    expect(await screen.findByText(/Facts table written \(1400 rows\)\. This Excel cannot add PivotTables/)).toBeInTheDocument();
  });
});
