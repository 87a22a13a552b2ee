import * as React from 'react';
import { Button, Checkbox, Field, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { SheetBy } from '../../core/grid/layout';
import type { Choice, Refusal } from '../../core/grid/merge';
import { stringifyPlan } from '../../core/plan/canonical-json';
import { applySync, buildSheets, previewSync, writeFactsTable, type SyncPreview } from '../../runtime/sheets-session';
import type { PanelProps } from './panel-props';
import { errorText } from '../error-text';
import { ChangesPreview, fieldKey, readWho, saveWho } from './ChangesPreview';
import { number, type Strings } from '../i18n';
import type { Lang } from '../../runtime/plan-store';
import { ltr } from '../../core/numbers/bidi';
import type { Fetcher } from '../../client/server-api';
import { isSubmission, type ChangesAnswer } from '../../core/api/changes-answer';
import { linkOf } from '../../runtime/server-link';
import { changeKey, refreshFromServer, sendSync, type ServerSync } from '../../runtime/server-sync';
import { SERVER_STRINGS } from '../server-strings';
import { ServerAnswer } from './ServerAnswer';
import { ServerBar } from './ServerBar';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, unicodeBidi: 'isolate' },
});


interface Props extends PanelProps {
  /** Saves a file for the user (a download in the browser). */
  saveFile: (name: string, text: string) => void;
  /** How the plan server is called (default: the browser's fetch). */
  fetcher?: Fetcher;
}

/** A message said in the pane's language at the time it is shown (it follows a language switch). */
type Status = { intent: 'success' | 'warning' | 'error' | 'info'; say: (t: Strings, lang: Lang) => string; details?: Array<{ at: { sheet: string; address: string }; ref: string; raw: string | number | null }> };

/** Building indicator sheets, syncing what was typed back (three ways, with choices), exporting. */
export function SheetsPanel({ store, gateway, lang, t, userName, loadTemplate, saveFile, fetcher }: Props): React.JSX.Element {
  const styles = useStyles();
  const [by, setBy] = React.useState<SheetBy>('workingGroup');
  const [definitions, setDefinitions] = React.useState(false);
  // what is under way, said in the pane's language when shown
  const [busy, setBusy] = React.useState<'building' | 'syncing' | undefined>(undefined);
  const [status, setStatus] = React.useState<Status | undefined>(undefined);
  const [preview, setPreview] = React.useState<SyncPreview | undefined>(undefined);
  const [choices, setChoices] = React.useState<Record<string, Choice>>({});
  const [who, setWho] = React.useState<string>(() => userName ?? readWho());
  const opened = store.current;
  // The plan's server, if it came from one: Sync then sends there. One object per server and plan
  // (the key says when the link changed).
  const found = linkOf(opened);
  const linkKey = found ? `${found.address}\u0000${found.token}\u0000${found.planId}` : '';
  const link = React.useMemo(() => found, [linkKey]);
  const [served, setServed] = React.useState<{ answer: ChangesAnswer; cells: ServerSync['cells']; notSent: Refusal[]; took?: boolean } | undefined>(undefined);
  const s = SERVER_STRINGS[lang];

  const where = (at: { sheet: string; address: string }) => ltr(`'${at.sheet}'!${at.address}`);

  const run = async (label: 'building' | 'syncing', work: () => Promise<void>) => {
    setBusy(label);
    try {
      await work();
    } catch (e) {
      setStatus({ intent: 'error', say: (_, l) => errorText(e, l) });
    } finally {
      setBusy(undefined);
    }
  };

  const build = () =>
    run('building', async () => {
      const result = await buildSheets(gateway, store.current!, { by, definitions, rtlTemplate: await loadTemplate() });
      setPreview(undefined);
      setStatus({
        intent: result.orphans.length || result.rtl === 'unsupported' || result.missing?.length ? 'warning' : 'success',
        say: (tt) =>
          [
            tt.built(result.sheets.length, result.carried),
            result.rtl === 'unsupported' ? tt.rtlUnsupported : '',
            result.missing?.length ? tt.missingFeatures(result.missing) : '',
            result.orphans.length ? tt.orphans(result.orphans.length) : '',
          ].filter(Boolean).join(' '),
        details: result.orphans,
      });
    });

  const sync = () =>
    run('syncing', async () => {
      const p = await previewSync(gateway, store.index!);
      setStatus(undefined);
      setServed(undefined);
      if (!p.hasBase) return setStatus({ intent: 'warning', say: (tt) => tt.noBase });
      if (!p.merge.changes.length && !p.merge.conflicts.length && !p.refused.length) return setStatus({ intent: 'info', say: (tt) => tt.nothingToSync });
      setChoices(Object.fromEntries(p.merge.conflicts.map((c) => [fieldKey(c), 'sheet' as Choice])));
      setPreview(p);
    });

  const send = () =>
    run('syncing', async () => {
      if (!preview || !link) return;
      const result = await sendSync(gateway, store, link, preview, (c) => choices[fieldKey(c)] ?? 'sheet', { by, rtlTemplate: await loadTemplate() }, fetcher);
      setPreview(undefined);
      if (isSubmission(result.answer)) {
        const id = result.answer.submission;
        // What the server would never accept is refused at once: shown with its cell.
        if (result.answer.refused?.length) setServed({ answer: { applied: [], conflicts: [], refused: result.answer.refused, revision: store.current!.result.plan.meta.revision ?? 0 }, cells: result.cells, notSent: preview.refused, took: true });
        return setStatus({ intent: 'info', say: (_, l) => SERVER_STRINGS[l].pending(id) });
      }
      if (result.cells.size === 0) return setStatus({ intent: 'success', say: (_, l) => SERVER_STRINGS[l].nothingSent });
      setServed({ answer: result.answer, cells: result.cells, notSent: preview.refused });
    });

  const refresh = (discard?: ReadonlySet<string>) =>
    run('syncing', async () => {
      if (!link) return;
      const r = await refreshFromServer(gateway, store, link, { by, rtlTemplate: await loadTemplate(), discard, ...(discard ? { rebuild: true } : {}) }, fetcher);
      setPreview(undefined);
      if (discard) {
        setServed((x) => x && { ...x, took: true });
        return setStatus({ intent: 'success', say: (_, l) => SERVER_STRINGS[l].took });
      }
      setServed(undefined);
      setStatus({ intent: 'success', say: (_, l) => SERVER_STRINGS[l].refreshed(r.revision) });
    });

  const apply = () =>
    run('syncing', async () => {
      if (!preview) return;
      saveWho(who);
      const { applied, build: rebuilt } = await applySync(gateway, store, preview, (c) => choices[fieldKey(c)] ?? 'sheet', who.trim(), { by, rtlTemplate: await loadTemplate() });
      setPreview(undefined);
      const revision = store.current!.result.plan.meta.revision ?? 0;
      setStatus({ intent: rebuilt.orphans.length ? 'warning' : 'success', say: (tt) => tt.applied(applied.length, revision) });
    });

  const facts = () =>
    run('building', async () => {
      const lang = store.current!.result.index.locale.toLowerCase().startsWith('fa') ? 'fa' : 'en';
      const r = await writeFactsTable(gateway, store.current!, lang);
      setStatus({ intent: r.pivots ? 'success' : 'warning', say: (tt) => tt.factsDone(r.rows, r.pivots) });
    });

  const exportPlan = () => {
    const plan = store.current!.result.plan;
    saveFile(`${plan.meta.id}.r${plan.meta.revision ?? 0}.plan.json`, stringifyPlan(plan));
  };

  if (!opened) return <></>;
  return (
    <section className={styles.box} aria-label={t.sheetsTitle}>
      <Subtitle2 as="h2">{t.sheetsTitle}</Subtitle2>
      {link && <ServerBar lang={lang} link={link} mine={opened.result.plan.meta.revision ?? 0} busy={!!busy} fetcher={fetcher} onRefresh={() => void refresh()} />}
      <Field label={t.sheetsBy}>
        <RadioGroup layout="horizontal" value={by} onChange={(_, d) => setBy(d.value as SheetBy)}>
          <Radio value="workingGroup" label={t.perWorkingGroup} />
          <Radio value="unit" label={t.perUnit} />
        </RadioGroup>
      </Field>
      <Checkbox checked={definitions} onChange={(_, d) => setDefinitions(!!d.checked)} label={t.definitionsSheet} />
      <div className={styles.row}>
        <Button appearance="primary" disabled={!!busy} onClick={() => void build()}>
          {t.buildSheets}
        </Button>
        <Button disabled={!!busy} onClick={() => void sync()}>
          {t.syncSheets}
        </Button>
        <Button disabled={!!busy} onClick={() => void facts()}>
          {t.facts}
        </Button>
        <Button disabled={!!busy} onClick={exportPlan}>
          {t.exportJson}
        </Button>
      </div>
      {busy && <Spinner size="tiny" label={busy === 'syncing' && link && preview ? s.sending : t[busy]} />}
      {status && (
        <MessageBar intent={status.intent} role={status.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>
            {status.say(t, lang)}
            {status.details && status.details.length > 0 && (
              <ul className={styles.list}>
                {status.details.map((d, i) => (
                  <li key={i} className={styles.cell}>
                    {`${where(d.at)} ${ltr(d.ref)}: ${d.raw === null ? t.empty : typeof d.raw === 'number' ? number(d.raw, lang) : d.raw}`}
                  </li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {served && (
        <ServerAnswer
          t={t}
          lang={lang}
          answer={served.answer}
          cells={served.cells}
          notSent={served.notSent}
          busy={!!busy}
          onTakeServers={served.took ? undefined : () => void refresh(new Set(served.answer.conflicts.map(changeKey)))}
        />
      )}
      {preview && (
        <ChangesPreview
          t={t}
          lang={lang}
          title={t.syncSheets}
          changes={preview.merge.changes}
          conflicts={preview.merge.conflicts}
          plan={store.current?.result.plan}
          refused={preview.refused}
          choices={choices}
          onChoose={(key, c) => setChoices({ ...choices, [key]: c })}
          {...(link ? { applyLabel: s.send } : { who, onWho: setWho })}
          busy={!!busy}
          onApply={() => void (link ? send() : apply())}
          onCancel={() => setPreview(undefined)}
        />
      )}
    </section>
  );
}
