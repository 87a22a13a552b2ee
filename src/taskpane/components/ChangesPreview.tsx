import * as React from 'react';
import { Button, Field, Input, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Choice, Conflict, Edit, Refusal } from '../../core/grid/merge';
import type { CellRef, FieldValue } from '../../core/grid/read';
import type { Plan } from '../../core/plan/plan.types';
import { definitionText, isDefinitionField } from '../../core/grid/definition-fields';
import type { Lang } from '../../runtime/plan-store';
import { number, type Strings } from '../i18n';
import { leadLtr, ltr, readable } from '../../core/numbers/bidi';
import { showPeriod } from '../../core/numbers/periods';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, unicodeBidi: 'isolate' },
});

/** A plan field as people read it: `actual 1404`, `note 1403-H1`, `unit`, in the pane's language. */
export function fieldLabel(t: Strings, lang: Lang, f: string): string {
  const dot = f.indexOf('.');
  const [map, key] = dot < 0 ? [f, ''] : [f.slice(0, dot), f.slice(dot + 1)];
  if (map === 'actuals') return t.actualOf(key);
  if (map === 'targets') return t.targetOf(key);
  const name = t.fieldNames[map] ?? map;
  return key ? `${name} ${/^\d{4}$/.test(key) ? showPeriod(key, lang) : ltr(showPeriod(key, lang))}` : name;
}

export const fieldKey = (c: { ref: string; field: string; at?: CellRef }) => `${c.at?.book ?? ''}\u0000${c.ref}\u0000${c.field}`;

interface Props {
  t: Strings;
  lang: Lang;
  title: string;
  changes: ReadonlyArray<Edit & { from: FieldValue }>;
  conflicts: readonly Conflict[];
  refused: readonly Refusal[];
  /** The plan the changes apply to: a definition's unit or polarity shown by title or word. */
  plan?: Plan;
  choices: Record<string, Choice>;
  onChoose: (key: string, choice: Choice) => void;
  /** The name for the change log; none where the server knows who sends (a plan server). */
  who?: string;
  onWho?: (who: string) => void;
  /** The apply button's words (default: Apply). */
  applyLabel?: string;
  busy: boolean;
  onApply: () => void;
  onCancel: () => void;
}

/** What a sync or an import would change, the conflicts to settle, and what cannot apply. */
export function ChangesPreview(p: Props): React.JSX.Element {
  const styles = useStyles();
  const { t, lang } = p;
  const shown = (v: FieldValue | string) => (v === null ? t.empty : typeof v === 'number' ? number(v, lang) : v);
  /** A value as the sheets show it: a unit by its title, a polarity as a word (refused text as typed). */
  const show = (v: FieldValue | string, field?: string) => (p.plan && field && isDefinitionField(field) ? shown(definitionText(p.plan, field, v, lang) ?? null) : shown(v));
  const fieldName = (f: string) => fieldLabel(t, lang, f);
  const where = cellText;
  const cell = (at: CellRef) => (
    <bdi dir="ltr" className={styles.cell}>
      {where(at)}
    </bdi>
  );
  return (
    <section className={styles.box} aria-label={p.title}>
      <Text weight="semibold">{t.syncSummary(p.changes.length, p.conflicts.length, p.refused.length)}</Text>
      {p.changes.length > 0 && (
        <>
          <Text>{t.changes}</Text>
          <ul className={styles.list} aria-label={t.changes}>
            {p.changes.map((c) => (
              <li key={fieldKey(c)}>
                {cell(c.at)} {leadLtr(c.ref)} · {fieldName(c.field)}: {show(c.from, c.field)} → {show(c.value, c.field)}
              </li>
            ))}
          </ul>
        </>
      )}
      {p.conflicts.length > 0 && (
        <>
          <Text>{t.conflicts}</Text>
          {p.conflicts.map((c) => (
            <Field key={fieldKey(c)} label={`${ltr(where(c.at))} ${ltr(c.ref)} · ${fieldName(c.field)} (${t.wasValue(show(c.base, c.field))})`}>
              <RadioGroup value={p.choices[fieldKey(c)] ?? 'sheet'} onChange={(_, d) => p.onChoose(fieldKey(c), d.value as Choice)}>
                <Radio value="sheet" label={t.keepSheet(show(c.sheet, c.field))} />
                <Radio value="file" label={t.keepFile(show(c.file, c.field))} />
              </RadioGroup>
            </Field>
          ))}
        </>
      )}
      <RefusedList t={t} lang={lang} refused={p.refused} />
      {p.onWho && (
        <Field label={t.yourName}>
          <Input value={p.who ?? ''} onChange={(_, d) => p.onWho?.(d.value)} />
        </Field>
      )}
      <div className={styles.row}>
        <Button appearance="primary" disabled={p.busy || (!p.changes.length && !p.conflicts.length)} onClick={p.onApply}>
          {p.applyLabel ?? t.apply}
        </Button>
        <Button disabled={p.busy} onClick={p.onCancel}>
          {t.cancel}
        </Button>
      </div>
    </section>
  );
}

/** Typed values that cannot apply, each with its cell and why, in the pane's language. */
export function RefusedList({ t, lang, refused }: { t: Strings; lang: Lang; refused: readonly Refusal[] }): React.JSX.Element | null {
  const styles = useStyles();
  if (refused.length === 0) return null;
  return (
    <>
      <Text>{t.refusedTitle}</Text>
      <ul className={styles.list} aria-label={t.refusedTitle}>
        {refused.map((r, i) => (
          <li key={`${fieldKey(r)}-${i}`}>
            <bdi dir="ltr" className={styles.cell}>
              {cellText(r.at)}
            </bdi>{' '}
            {ltr(r.ref)} · {fieldLabel(t, lang, r.field)}: {shownValue(t, lang, r.value)}: {readable(r.reason[lang], lang)}
          </li>
        ))}
      </ul>
    </>
  );
}

/** A cell as people type it: `'sheet'!E12`, with its book when there are several. */
export const cellText = (at: CellRef) => `${at.book ? `${at.book} ` : ''}'${at.sheet}'!${at.address}`;

/** A value as the pane shows it: a number in the pane's digits, (empty) for none, text as typed. */
export const shownValue = (t: Strings, lang: Lang, v: unknown): string => (v === null || v === undefined ? t.empty : typeof v === 'number' ? number(v, lang) : String(v));

const WHO_KEY = 'plansheets.who';

/** The name people gave for the change log, remembered between syncs. */
export function readWho(): string {
  try {
    return globalThis.localStorage?.getItem(WHO_KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveWho(who: string): void {
  try {
    globalThis.localStorage?.setItem(WHO_KEY, who.trim());
  } catch {
    // private mode or no storage: the name is still used this time
  }
}
