/** @jest-environment jsdom */
// The Definitions sheet from the pane: the box before Build sheets, and the review of a sync
// showing definition changes by title and word, as the sheet does.
import '@testing-library/jest-dom';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from '../../src/taskpane/App';
import { PlanStore } from '../../src/runtime/plan-store';
import { FakeWorkbook } from '../helpers/fake-workbook';
import { sampleText } from '../helpers/plan';

const click = async (name: RegExp | string) => {
  const button = await screen.findByRole('button', { name });
  await act(async () => {
    fireEvent.click(button);
  });
};

test('build with the Definitions sheet, correct a unit and a polarity, sync: the review names them; apply records them', async () => {
  const workbook = new FakeWorkbook();
  const store = new PlanStore(workbook);
  await store.open(sampleText(), 'qazvin.plan.json');
  render(<App store={store} gateway={workbook} host={{ displayLanguage: 'en-US', dark: false }} loadSample={async () => sampleText()} saveFile={() => undefined} />);
  await screen.findByRole('region', { name: 'مشکلات' });
  fireEvent.click(screen.getByRole('checkbox', { name: /برگه تعاریف/ }));
  await click('ساختن برگه‌ها');
  expect(await screen.findByText(/۵ برگه نوشته شد/)).toBeInTheDocument();
  const sheet = 'تعاریف شاخص‌ها';
  workbook.type(sheet, '1-7-5-2', 'def:unit', 'مدیریت سرمایه انسانی');
  workbook.type(sheet, '1-7-5-2', 'def:polarity', 'negative');
  workbook.type(sheet, '1-7-3-5.1', 'def:target:1405', '۹۸');
  await click('همگام‌سازی از برگه‌ها');
  const changes = screen.getByRole('list', { name: 'تغییرات' });
  expect(within(changes).getByText(/1-7-5-2 · واحد: مدیریت برنامه و بودجه → مدیریت سرمایه انسانی/)).toBeInTheDocument();
  expect(within(changes).getByText(/1-7-5-2 · ماهیت: مثبت → منفی/)).toBeInTheDocument();
  expect(within(changes).getByText(/1-7-3-5\.1 · هدف ۱۴۰۵: ۹۵ → ۹۸/)).toBeInTheDocument();
  await click('اعمال');
  const plan = store.current!.result.plan;
  expect(plan.indicators.find((i) => i.id === '1-7-5-2')).toMatchObject({ unit: 'human-capital', polarity: 'negative' });
  expect(plan.changes!.map((c) => c.field)).toEqual(['unit', 'polarity', 'targets.1405']);
  // The rebuild after Apply kept the Definitions sheet.
  expect(workbook.cell(sheet, '1-7-5-2', 'def:unit')).toBe('مدیریت سرمایه انسانی');
});
