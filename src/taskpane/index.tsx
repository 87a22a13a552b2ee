/* global Office, document */
// The task pane's entry: in Excel it runs in the shared runtime beside the PLAN functions and
// opens plans into the same store they read.
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { officeGateway, officeHost } from '../excel/office-gateway';
import { planStore } from '../runtime/plan-store';
import { loadRtlTemplate } from './rtl-template';

const loadSample = async () => {
  const response = await fetch('samples/qazvin.plan.json');
  return response.text();
};

Office.onReady(() => {
  planStore.setGateway(officeGateway);
  // Persian digits typed in actual cells become numbers while the pane is loaded (excel/typing.ts).
  void officeGateway.watchTyping?.().catch(() => false);
  const root = createRoot(document.getElementById('container')!);
  root.render(<App store={planStore} gateway={officeGateway} host={officeHost()} loadSample={loadSample} loadTemplate={loadRtlTemplate} />);
});
