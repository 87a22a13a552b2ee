import * as React from 'react';
import { Button, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Spinner, Subtitle2, makeStyles, tokens, useId } from '@fluentui/react-components';
import { defaultTemplatePeriod, templateUnits } from '../../core/templates/template';
import { addTemplateSheet } from '../../runtime/sheets-session';
import type { Choice } from '../../core/grid/merge';
import { mergeBooks, type BookInput, type BooksMerge } from '../../core/grid/merge-books';
import { stringifyPlan } from '../../core/plan/canonical-json';
import type { PanelProps } from './panel-props';
import { readFileBytes } from '../plan-sources';
import { errorText } from '../error-text';
import { ChangesPreview, fieldKey, readWho, saveWho } from './ChangesPreview';
import type { Strings } from '../i18n';
import type { Lang } from '../../runtime/plan-store';
import { parseShownPeriod, showPeriod } from '../../core/numbers/periods';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
});

/** Filled unit templates (or indicator-sheet books) picked from disk, merged like a sync. */
export function ImportPanel({ store, gateway, lang, t, userName, loadTemplate }: PanelProps): React.JSX.Element {
  const styles = useStyles();
  const inputId = useId('templates');
  const [busy, setBusy] = React.useState(false);
  const [books, setBooks] = React.useState<BookInput[] | undefined>(undefined);
  const [preview, setPreview] = React.useState<BooksMerge | undefined>(undefined);
  const [choices, setChoices] = React.useState<Record<string, Choice>>({});
  // said when shown, so a language switch changes it too
  const [status, setStatus] = React.useState<{ intent: 'success' | 'error' | 'info'; say: (t: Strings, lang: Lang) => string } | undefined>(undefined);
  const [who, setWho] = React.useState(() => userName ?? readWho());
  const index = store.current!.result.index;
  const units = React.useMemo(() => templateUnits(index), [index]);
  const [unit, setUnit] = React.useState(units[0] ?? '');
  // What was typed; until then the default period, shown in the pane's language.
  const [typedPeriod, setPeriod] = React.useState<string | undefined>(undefined);
  const period = typedPeriod ?? showPeriod(defaultTemplatePeriod(index).key, lang);
  const unitTitle = (id: string) => {
    const u = index.plan.units?.find((x) => x.id === id);
    return (lang === 'en' ? u?.titleEn ?? u?.title : u?.title) ?? id;
  };
  const addSheet = async () => {
    setBusy(true);
    setStatus(undefined);
    try {
      // Read as shown (Persian digits and part letters, either order); refused in the pane's words.
      const p = parseShownPeriod(period);
      if (!p || !index.yearPos.has(p.year)) {
        const typed = period;
        setStatus({ intent: 'error', say: (tt) => tt.periodInvalid(typed, index.years) });
        return;
      }
      const r = await addTemplateSheet(gateway, store.current!, unit, p.key, { rtlTemplate: await loadTemplate() });
      setStatus({ intent: 'success', say: (tt) => tt.templateAdded(r.sheet) });
    } catch (e) {
      setStatus({ intent: 'error', say: (_, l) => errorText(e, l) });
    } finally {
      setBusy(false);
    }
  };
  const choose = (c: Parameters<Parameters<typeof mergeBooks>[2]>[0]) => choices[fieldKey(c)] ?? 'sheet';

  const pick = async (files: File[]) => {
    setBusy(true);
    setStatus(undefined);
    try {
      // exceljs is loaded only when someone imports (it is not part of the pane's first load).
      const { readBook } = await import('../../xlsx/read-book');
      const read = await Promise.all(files.map(async (f) => readBook(await readFileBytes(f), f.name)));
      const p = mergeBooks(store.current!.result.plan, read, () => 'file', who, new Date().toISOString());
      if (!p.applied.length && !p.conflicts.length && !p.refused.length) {
        setStatus({ intent: 'info', say: (tt) => tt.importNothing });
        return;
      }
      setBooks(read);
      setChoices(Object.fromEntries(p.conflicts.map((c) => [fieldKey(c), 'sheet' as Choice])));
      setPreview(p);
    } catch (e) {
      setStatus({ intent: 'error', say: (_, l) => errorText(e, l) });
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!books) return;
    setBusy(true);
    try {
      saveWho(who);
      const merged = mergeBooks(store.current!.result.plan, books, choose, who.trim(), new Date().toISOString());
      await store.open(stringifyPlan(merged.plan), store.current!.source);
      setPreview(undefined);
      const revision = merged.plan.meta.revision ?? 0;
      setStatus({ intent: 'success', say: (tt) => tt.imported(merged.applied.length, revision) });
    } catch (e) {
      setStatus({ intent: 'error', say: (_, l) => errorText(e, l) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.box} aria-label={t.importTitle}>
      <Subtitle2 as="h2">{t.templateTitle}</Subtitle2>
      <div className={styles.row}>
        <Field label={t.unitLabel}>
          <Dropdown value={unitTitle(unit)} selectedOptions={[unit]} onOptionSelect={(_, d) => setUnit(d.optionValue ?? unit)}>
            {units.map((u) => (
              <Option key={u} value={u}>
                {unitTitle(u)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label={t.periodLabel}>
          <Input dir="ltr" value={period} onChange={(_, d) => setPeriod(d.value)} style={{ width: '8rem' }} />
        </Field>
        <Button disabled={busy || !unit} onClick={() => void addSheet()}>
          {t.addTemplate}
        </Button>
      </div>
      <Field label={{ children: t.importPick, htmlFor: inputId }}>
        <input
          id={inputId}
          type="file"
          multiple
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            if (files.length) void pick(files);
          }}
        />
      </Field>
      {busy && <Spinner size="tiny" label={t.importing} />}
      {status && (
        <MessageBar intent={status.intent} role={status.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{status.say(t, lang)}</MessageBarBody>
        </MessageBar>
      )}
      {preview && (
        <ChangesPreview
          t={t}
          lang={lang}
          title={t.importTitle}
          changes={preview.applied}
          conflicts={preview.conflicts}
          refused={preview.refused}
          choices={choices}
          onChoose={(key, c) => setChoices({ ...choices, [key]: c })}
          who={who}
          onWho={setWho}
          busy={busy}
          onApply={() => void apply()}
          onCancel={() => setPreview(undefined)}
        />
      )}
    </section>
  );
}
