/* global document, fetch, navigator */
// The playground: the real task pane beside an in-memory workbook, with the embedded sample plan
// loaded. No Excel, no Office.js: everything else is the add-in's own code.
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App, downloadFile } from '../taskpane/App';
import { PlanStore } from '../runtime/plan-store';
import { MemoryWorkbook } from './memory-workbook';
import { GridView } from './GridView';
import { loadRtlTemplate } from '../taskpane/rtl-template';
import { dashboardSheet } from './dashboard';
import type { Plan } from '../core/plan/plan.types';

async function main() {
  const sample = await (await fetch('samples/qazvin.plan.json')).text();
  // A first sheet of PLAN formulas, in the sample's language and direction.
  const workbook = new MemoryWorkbook(dashboardSheet(JSON.parse(sample) as Plan));
  const store = new PlanStore(workbook);
  // For people poking at the playground from the console, and for the browser tests.
  (globalThis as unknown as { plansheets: unknown }).plansheets = { workbook, store };
  await store.open(sample, 'qazvin.plan.json');
  createRoot(document.getElementById('container')!).render(
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', padding: 8 }}>
      <aside style={{ width: 400, flexShrink: 0, border: '1px solid #ddd', borderRadius: 4 }} aria-label="Task pane">
        <App store={store} gateway={workbook} host={{ displayLanguage: navigator.language, dark: false }} loadSample={async () => sample} loadTemplate={loadRtlTemplate} saveFile={downloadFile} />
      </aside>
      <FluentProvider theme={webLightTheme} style={{ flexGrow: 1, minWidth: 0 }}>
        <GridView workbook={workbook} />
      </FluentProvider>
    </div>,
  );
}

void main();
