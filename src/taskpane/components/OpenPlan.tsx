import * as React from 'react';
import { Button, Field, Input, Tab, TabList, Textarea, makeStyles, tokens, useId } from '@fluentui/react-components';
import type { Strings } from '../i18n';
import type { Lang } from '../../runtime/plan-store';
import { fetchPlanText, readFileText, SourceError } from '../plan-sources';
import type { WorkbookGateway } from '../../excel/gateway';
import type { ServerLink } from '../../runtime/server-link';
import type { Fetcher } from '../../client/server-api';
import { SERVER_STRINGS } from '../server-strings';
import { ServerOpen } from './ServerOpen';


// Reading pasted tables (the importer) is loaded only when its tab is opened.
const SheetImport = React.lazy(() => import('./SheetImport').then((m) => ({ default: m.SheetImport })));

/** The source name of a pasted plan (the pane says it in its language). */
export const PASTED = 'pasted';

/** Where a plan's text comes from, and how to read it. */
export interface PlanSource {
  name: string;
  read: (t: Strings, fetcher?: typeof fetch) => Promise<string>;
  /** The plan server it comes from: syncs go back there. */
  server?: ServerLink;
}

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end' },
});

interface Props {
  t: Strings;
  busy: boolean;
  onOpen: (source: PlanSource) => void;
  loadSample: () => Promise<string>;
  gateway: WorkbookGateway;
  lang: Lang;
  fetcher?: Fetcher;
}

export function OpenPlan({ t, busy, onOpen, loadSample, gateway, lang, fetcher }: Props): React.JSX.Element {
  const styles = useStyles();
  const [tab, setTab] = React.useState<'file' | 'url' | 'paste' | 'sheet' | 'server'>('file');
  const [url, setUrl] = React.useState('');
  const [pasted, setPasted] = React.useState('');
  const fileId = useId('plan-file');

  return (
    <section className={styles.box} aria-label={t.openTitle}>
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as typeof tab)} size="small">
        <Tab value="file">{t.fromFile}</Tab>
        <Tab value="url">{t.fromUrl}</Tab>
        <Tab value="paste">{t.fromPaste}</Tab>
        <Tab value="sheet">{t.fromSheet}</Tab>
        <Tab value="server">{SERVER_STRINGS[lang].fromServer}</Tab>
      </TabList>
      {tab === 'file' && (
        <Field label={{ children: t.chooseFile, htmlFor: fileId }}>
          <input
            id={fileId}
            type="file"
            accept=".json,application/json"
            disabled={busy}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) onOpen({ name: file.name, read: () => readFileText(file) });
              e.currentTarget.value = '';
            }}
          />
        </Field>
      )}
      {tab === 'url' && (
        <div className={styles.row}>
          <Field label={t.urlLabel} style={{ flexGrow: 1 }}>
            <Input type="url" dir="ltr" value={url} onChange={(_, d) => setUrl(d.value)} placeholder="https://" />
          </Field>
          <Button appearance="primary" disabled={busy || !url} onClick={() => onOpen({ name: url, read: (tt, f) => fetchPlanText(url, tt, f) })}>
            {t.urlOpen}
          </Button>
        </div>
      )}
      {tab === 'paste' && (
        <>
          <Field label={t.pasteLabel}>
            <Textarea dir="ltr" resize="vertical" rows={6} value={pasted} onChange={(_, d) => setPasted(d.value)} />
          </Field>
          <Button
            appearance="primary"
            disabled={busy}
            onClick={() =>
              onOpen({
                name: PASTED,
                read: async (tt) => {
                  if (!pasted.trim()) throw new SourceError((x) => x.pasteEmpty, tt);
                  return pasted;
                },
              })
            }
          >
            {t.pasteOpen}
          </Button>
        </>
      )}
      {tab === 'sheet' && (
        <React.Suspense fallback={null}>
          <SheetImport gateway={gateway} t={t} lang={lang} busy={busy} onOpen={onOpen} />
        </React.Suspense>
      )}
      {tab === 'server' && <ServerOpen lang={lang} busy={busy} onOpen={onOpen} fetcher={fetcher} />}
      <Button appearance="secondary" disabled={busy} onClick={() => onOpen({ name: 'qazvin.plan.json', read: () => loadSample() })}>
        {t.sample}
      </Button>
    </section>
  );
}
