/** @jest-environment jsdom */
// The pane's documents panel: the council report and a unit's ID forms as Word files, in the plan's
// language, with charts drawn by a real renderer (resvg here; the browser's canvas is exercised in
// tests/browser/playground.test.ts), and a failure said in the pane's language with nothing saved.
import '@testing-library/jest-dom';
import { fireEvent, render, screen } from '@testing-library/react';
import mammoth from 'mammoth';
import { DocumentsPanel } from '../../src/taskpane/components/DocumentsPanel';
import { STRINGS } from '../../src/taskpane/i18n';
import { svgToPng } from '../../src/cli/svg-png';
import { loadPlan } from '../../src/core/plan/load';
import { formEntries } from '../../src/core/forms/indicator-form';
import { toPersianDigits } from '../../src/core/numbers/digits';
import { sampleText } from '../helpers/plan';

jest.setTimeout(120000);
const index = loadPlan(sampleText()).index!;

function setup(lang: 'en' | 'fa', rasterize: (svg: string) => Promise<Uint8Array> = async (svg) => svgToPng(svg)) {
  const saved: Array<{ name: string; bytes: Uint8Array; type: string }> = [];
  render(<DocumentsPanel index={index} lang={lang} t={STRINGS[lang]} saveBytes={(name, bytes, type) => saved.push({ name, bytes, type })} rasterize={rasterize} now={() => new Date('2026-11-29T09:00:00Z')} />);
  return saved;
}

const text = async (bytes: Uint8Array) => (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;

describe('documents panel', () => {
  it('saves the council report as Word, in the plan\'s language whatever the pane shows', async () => {
    const saved = setup('en');
    fireEvent.click(screen.getByRole('button', { name: 'Council report (Word)' }));
    expect(await screen.findByText(/Council report written \(4 working groups\)/)).toBeInTheDocument();
    expect(saved).toHaveLength(1);
    expect(saved[0].name).toBe(`${index.plan.meta.id}.council-report.docx`);
    expect(saved[0].type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const body = await text(saved[0].bytes);
    expect(body).toContain('گزارش پایش برنامه برای شورای اسلامی شهر');
    expect(body).toContain('۱۴۰۵/۰۹/۰۸');
  });

  it("saves one unit's forms, one per indicator of that unit", async () => {
    const saved = setup('fa');
    const unit = index.plan.units!.find((u) => formEntries(index, u.id).length > 1)!;
    const count = formEntries(index, unit.id).length;
    fireEvent.click(screen.getByRole('combobox', { name: 'فرم‌های' }));
    fireEvent.click(await screen.findByRole('option', { name: new RegExp(unit.title) }));
    fireEvent.click(screen.getByRole('button', { name: 'فرم‌های شناسنامه شاخص (Word)' }));
    expect(await screen.findByText(new RegExp(`${toPersianDigits(String(count))} فرم شناسنامه شاخص نوشته شد`))).toBeInTheDocument();
    expect(saved[0].name).toBe(`${index.plan.meta.id}.forms.${unit.id}.docx`);
    const body = await text(saved[0].bytes);
    expect(body.split('فرم شناسنامه شاخص هدف عملیاتی').length - 1).toBe(count);
    for (const e of formEntries(index, unit.id)) expect(body).toContain(e.indicator.title!);
  });

  it('says why when a chart cannot be drawn, and saves nothing', async () => {
    const saved = setup('fa', async () => {
      throw new Error('no canvas');
    });
    fireEvent.click(screen.getByRole('button', { name: 'گزارش شورا (Word)' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('سند نوشته نشد');
    expect(screen.getByRole('alert')).toHaveTextContent('no canvas');
    expect(saved).toHaveLength(0);
  });
});
