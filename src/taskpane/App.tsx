import * as React from 'react';
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Title3,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import type { HostInfo, WorkbookGateway } from '../excel/gateway';
import type { LoadResult } from '../core/plan/load';
import type { Lang, PlanStore } from '../runtime/plan-store';
import { defaultLang, STRINGS, type Strings } from './i18n';
import { svgToPngInBrowser } from './svg-png-browser';
import { readable } from '../core/numbers/bidi';
import { SourceError } from './plan-sources';
import type { Fetcher } from '../client/server-api';
import { OpenPlan, PASTED, type PlanSource } from './components/OpenPlan';
import { Summary } from './components/Summary';


// The first view is the summary; everything else loads when it is first shown (a smaller first
// load for the shared runtime, which the PLAN functions share).
const ProblemsPanel = React.lazy(() => import('./components/ProblemsPanel'));
const BudgetView = React.lazy(() => import('./components/BudgetView').then((m) => ({ default: m.BudgetView })));
const SheetsPanel = React.lazy(() => import('./components/SheetsPanel').then((m) => ({ default: m.SheetsPanel })));
const ImportPanel = React.lazy(() => import('./components/ImportPanel').then((m) => ({ default: m.ImportPanel })));
const ChangeLog = React.lazy(() => import('./components/ChangeLog').then((m) => ({ default: m.ChangeLog })));
// The documents panel carries the chart and Word libraries: loaded when a plan is open.
const DocumentsPanel = React.lazy(() => import('./components/DocumentsPanel').then((m) => ({ default: m.DocumentsPanel })));

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM, minHeight: '100vh', boxSizing: 'border-box' },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between' },
});

export interface AppProps {
  store: PlanStore;
  gateway: WorkbookGateway;
  host: HostInfo;
  fetcher?: typeof fetch;
  /** The embedded sample plan's text. */
  loadSample: () => Promise<string>;
  /** Base64 of the right-to-left sheet template. */
  loadTemplate?: () => Promise<string | undefined>;
  /** Saves a file for the user. */
  saveFile?: (name: string, text: string) => void;
  /** Saves a binary file for the user (a Word document). */
  saveBytes?: (name: string, bytes: Uint8Array, type: string) => void;
  /** Draws a chart's SVG as PNG for the Word documents (default: the browser's canvas). */
  rasterize?: (svg: string) => Promise<Uint8Array>;
}

/** A download, where the host allows one. */
export function downloadFile(name: string, text: string): void {
  downloadBytes(name, new TextEncoder().encode(text), 'application/json');
}

/** A download of bytes, where the host allows one. */
export function downloadBytes(name: string, bytes: Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** An attempt to open a plan; its error is said in the pane's language when shown. */
type Attempt = { source: string; result?: LoadResult; error?: (t: Strings, lang: Lang) => string };

export function App({ store, gateway, host, fetcher, loadSample, loadTemplate = async () => undefined, saveFile = downloadFile, saveBytes = downloadBytes, rasterize = svgToPngInBrowser }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const current = React.useSyncExternalStore(
    (l) => store.subscribe(l),
    () => store.current,
  );
  const [chosenLang, setChosenLang] = React.useState<Lang | undefined>(undefined);
  const lang = chosenLang ?? defaultLang(current?.result.plan.meta.locale, host.displayLanguage);
  const t = STRINGS[lang];
  const [attempt, setAttempt] = React.useState<Attempt | undefined>(undefined);
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    store.lang = lang;
  }, [store, lang]);
  React.useEffect(() => {
    // A workbook that already holds a plan shows it at once.
    void store.ensureLoaded();
  }, [store]);

  const open = async (source: PlanSource) => {
    setBusy(true);
    const why = (e: unknown) => (e instanceof Error ? e.message : String(e));
    try {
      let text: string;
      try {
        text = await source.read(t, fetcher);
      } catch (e) {
        setAttempt({ source: source.name, error: e instanceof SourceError ? e.say : (tt) => tt.readFailed(source.name, why(e)) });
        return;
      }
      try {
        setAttempt({ source: source.name, result: await store.open(text, source.name, source.server) });
      } catch (e) {
        // Checked and kept in memory, but the workbook refused it (Office said why).
        setAttempt({ source: source.name, error: (tt, l) => tt.storeFailed(readable(why(e), l)) });
      }
    } finally {
      setBusy(false);
    }
  };

  const failed = attempt && (attempt.error !== undefined || !attempt.result?.ok);
  const problems = failed ? attempt?.result?.problems ?? [] : current?.result.problems ?? [];
  const errorCount = attempt?.result?.problems.filter((p) => p.severity === 'error').length ?? 0;

  return (
    <FluentProvider theme={host.dark ? webDarkTheme : webLightTheme} dir={lang === 'fa' ? 'rtl' : 'ltr'} lang={lang === 'fa' ? 'fa-IR' : 'en'}>
      <main className={styles.root} data-testid="pane">
        <header className={styles.header}>
          <Title3 as="h1">{t.appTitle}</Title3>
          <Button appearance="subtle" onClick={() => setChosenLang(lang === 'fa' ? 'en' : 'fa')} aria-label={`${t.language}: ${t.languageName}`}>
            {t.languageName}
          </Button>
        </header>

        {host.missing?.includes('storePlan') && (
          <MessageBar intent="warning">
            <MessageBarBody>{t.missingFeatures(host.missing)}</MessageBarBody>
          </MessageBar>
        )}
        {attempt && failed && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              <MessageBarTitle>{t.notOpened}</MessageBarTitle>
              {attempt.error ? attempt.error(t, lang) : t.errorsFound(errorCount)}
              {!attempt.error && attempt.result?.problems[0] && <div>{readable(attempt.result.problems[0].message[lang], lang)}</div>}
            </MessageBarBody>
          </MessageBar>
        )}
        {attempt && !failed && (
          <MessageBar intent="success">
            <MessageBarBody>{t.opened(attempt.source === PASTED ? t.pastedSource : attempt.source)}</MessageBarBody>
          </MessageBar>
        )}

        <OpenPlan t={t} busy={busy} onOpen={open} loadSample={loadSample} gateway={gateway} lang={lang} fetcher={fetcher as Fetcher | undefined} />
        {busy && <Spinner size="tiny" label={t.opening} />}

        {current ? <Summary opened={current} lang={lang} t={t} /> : <Text>{t.noPlan}</Text>}
        {current && (
          <React.Suspense fallback={<Spinner size="tiny" />}>
            <BudgetView index={current.result.index} lang={lang} t={t} />
            <SheetsPanel store={store} gateway={gateway} lang={lang} t={t} userName={host.userName} loadTemplate={loadTemplate} saveFile={saveFile} fetcher={fetcher as Fetcher | undefined} />
            <ImportPanel store={store} gateway={gateway} lang={lang} t={t} userName={host.userName} loadTemplate={loadTemplate} />
            <DocumentsPanel index={current.result.index} lang={lang} t={t} saveBytes={saveBytes} rasterize={rasterize} />
            <ChangeLog plan={current.result.plan} lang={lang} t={t} />
          </React.Suspense>
        )}

        {problems.length > 0 && (
          <React.Suspense fallback={<Spinner size="tiny" />}>
            <ProblemsPanel problems={problems} lang={lang} t={t} />
          </React.Suspense>
        )}
      </main>
    </FluentProvider>
  );
}
