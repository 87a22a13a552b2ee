import * as React from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { WorkbookGateway } from '../../excel/gateway';
import type { SheetBy } from '../../core/grid/layout';
import type { Choice } from '../../core/grid/merge';
import type { CellRef, FieldValue } from '../../core/grid/read';
import { stringifyPlan } from '../../core/plan/canonical-json';
import type { Lang, PlanStore } from '../../runtime/plan-store';
import { applySync, buildSheets, previewSync, type SyncPreview } from '../../runtime/sheets-session';
import { number, type Strings } from '../i18n';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, unicodeBidi: 'isolate' },
});

const WHO_KEY = 'plansheets.who';
const fieldKey = (c: { ref: string; field: string }) => `${c.ref}\u0000${c.field}`;

interface Props {
  store: PlanStore;
  gateway: WorkbookGateway;
  lang: Lang;
  t: Strings;
  /** The Office user's name, when Office gives one. */
  userName?: string;
  /** Base64 of assets/rtl-template.xlsx. */
  loadTemplate: () => Promise<string | undefined>;
  /** Saves a file for the user (a download in the browser). */
  saveFile: (name: string, text: string) => void;
}

type Status = { intent: 'success' | 'warning' | 'error' | 'info'; text: string; details?: string[] };

/** Building indicator sheets, syncing what was typed back (three ways, with choices), exporting. */
export function SheetsPanel({ store, gateway, lang, t, userName, loadTemplate, saveFile }: Props): React.JSX.Element {
  const styles = useStyles();
  const [by, setBy] = React.useState<SheetBy>('workingGroup');
  const [busy, setBusy] = React.useState<string | undefined>(undefined);
  const [status, setStatus] = React.useState<Status | undefined>(undefined);
  const [preview, setPreview] = React.useState<SyncPreview | undefined>(undefined);
  const [choices, setChoices] = React.useState<Record<string, Choice>>({});
  const [who, setWho] = React.useState<string>(() => userName ?? readWho());
  const opened = store.current;

  const show = (v: FieldValue | string) => (v === null ? t.empty : typeof v === 'number' ? number(v, lang) : v);
  const fieldName = (f: string) => (f.startsWith('actuals.') ? t.actualOf(f.slice(8)) : t.fieldNames[f] ?? f);
  const where = (at: CellRef) => `'${at.sheet}'!${at.address}`;

  const run = async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    try {
      await work();
    } catch (e) {
      setStatus({ intent: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(undefined);
    }
  };

  const build = () =>
    run(t.building, async () => {
      const result = await buildSheets(gateway, store.current!, { by, rtlTemplate: await loadTemplate() });
      const details = result.orphans.map((c) => `${where(c.at)} ${c.ref}: ${c.raw ?? t.empty}`);
      setPreview(undefined);
      setStatus({
        intent: result.orphans.length || result.rtl === 'unsupported' ? 'warning' : 'success',
        text: [t.built(result.sheets.length, result.carried), result.rtl === 'unsupported' ? t.rtlUnsupported : '', result.orphans.length ? t.orphans(result.orphans.length) : ''].filter(Boolean).join(' '),
        details,
      });
    });

  const sync = () =>
    run(t.syncing, async () => {
      const p = await previewSync(gateway, store.index!);
      setStatus(undefined);
      if (!p.hasBase) return setStatus({ intent: 'warning', text: t.noBase });
      if (!p.merge.changes.length && !p.merge.conflicts.length && !p.refused.length) return setStatus({ intent: 'info', text: t.nothingToSync });
      setChoices(Object.fromEntries(p.merge.conflicts.map((c) => [fieldKey(c), 'sheet' as Choice])));
      setPreview(p);
    });

  const apply = () =>
    run(t.syncing, async () => {
      if (!preview) return;
      saveWho(who);
      const { applied, build: rebuilt } = await applySync(gateway, store, preview, (c) => choices[fieldKey(c)] ?? 'sheet', who.trim(), { by, rtlTemplate: await loadTemplate() });
      setPreview(undefined);
      setStatus({ intent: rebuilt.orphans.length ? 'warning' : 'success', text: t.applied(applied.length, store.current!.result.plan.meta.revision ?? 0) });
    });

  const exportPlan = () => {
    const plan = store.current!.result.plan;
    saveFile(`${plan.meta.id}.r${plan.meta.revision ?? 0}.plan.json`, stringifyPlan(plan));
  };

  if (!opened) return <></>;
  return (
    <section className={styles.box} aria-label={t.sheetsTitle}>
      <Subtitle2 as="h2">{t.sheetsTitle}</Subtitle2>
      <Field label={t.sheetsBy}>
        <RadioGroup layout="horizontal" value={by} onChange={(_, d) => setBy(d.value as SheetBy)}>
          <Radio value="workingGroup" label={t.perWorkingGroup} />
          <Radio value="unit" label={t.perUnit} />
        </RadioGroup>
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" disabled={!!busy} onClick={() => void build()}>
          {t.buildSheets}
        </Button>
        <Button disabled={!!busy} onClick={() => void sync()}>
          {t.syncSheets}
        </Button>
        <Button disabled={!!busy} onClick={exportPlan}>
          {t.exportJson}
        </Button>
      </div>
      {busy && <Spinner size="tiny" label={busy} />}
      {status && (
        <MessageBar intent={status.intent} role={status.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>
            {status.text}
            {status.details && status.details.length > 0 && (
              <ul className={styles.list}>
                {status.details.map((d) => (
                  <li key={d} className={styles.cell}>
                    {d}
                  </li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {preview && (
        <section className={styles.box} aria-label={t.syncSheets}>
          <Text weight="semibold">{t.syncSummary(preview.merge.changes.length, preview.merge.conflicts.length, preview.refused.length)}</Text>
          {preview.merge.changes.length > 0 && (
            <>
              <Text>{t.changes}</Text>
              <ul className={styles.list} aria-label={t.changes}>
                {preview.merge.changes.map((c) => (
                  <li key={fieldKey(c)}>
                    <span className={styles.cell}>{where(c.at)}</span> {c.ref} · {fieldName(c.field)}: {show(c.from)} → {show(c.value)}
                  </li>
                ))}
              </ul>
            </>
          )}
          {preview.merge.conflicts.length > 0 && (
            <>
              <Text>{t.conflicts}</Text>
              {preview.merge.conflicts.map((c) => (
                <Field key={fieldKey(c)} label={`${where(c.at)} ${c.ref} · ${fieldName(c.field)} (${t.wasValue(show(c.base))})`}>
                  <RadioGroup value={choices[fieldKey(c)]} onChange={(_, d) => setChoices({ ...choices, [fieldKey(c)]: d.value as Choice })}>
                    <Radio value="sheet" label={t.keepSheet(show(c.sheet))} />
                    <Radio value="file" label={t.keepFile(show(c.file))} />
                  </RadioGroup>
                </Field>
              ))}
            </>
          )}
          {preview.refused.length > 0 && (
            <>
              <Text>{t.refusedTitle}</Text>
              <ul className={styles.list} aria-label={t.refusedTitle}>
                {preview.refused.map((r, i) => (
                  <li key={`${r.ref}-${r.field}-${i}`}>
                    <span className={styles.cell}>{where(r.at)}</span> {r.ref} · {fieldName(r.field)}: {show(r.value)}: {r.reason[lang]}
                  </li>
                ))}
              </ul>
            </>
          )}
          <Field label={t.yourName}>
            <Input value={who} onChange={(_, d) => setWho(d.value)} />
          </Field>
          <div className={styles.row}>
            <Button appearance="primary" disabled={!!busy || (!preview.merge.changes.length && !preview.merge.conflicts.length)} onClick={() => void apply()}>
              {t.apply}
            </Button>
            <Button disabled={!!busy} onClick={() => setPreview(undefined)}>
              {t.cancel}
            </Button>
          </div>
        </section>
      )}
    </section>
  );
}

function readWho(): string {
  try {
    return globalThis.localStorage?.getItem(WHO_KEY) ?? '';
  } catch {
    return '';
  }
}

function saveWho(who: string): void {
  try {
    globalThis.localStorage?.setItem(WHO_KEY, who.trim());
  } catch {
    // private mode or no storage: the name is still used for this sync
  }
}
