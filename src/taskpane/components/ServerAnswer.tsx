import * as React from 'react';
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { CellRef, FieldValue } from '../../core/grid/read';
import type { ChangesAnswer } from '../../core/api/changes-answer';
import type { Lang } from '../../runtime/plan-store';
import { changeKey } from '../../runtime/server-sync';
import { ltr, readable } from '../../core/numbers/bidi';
import type { Refusal } from '../../core/grid/merge';
import type { Strings } from '../i18n';
import { SERVER_STRINGS } from '../server-strings';
import { fieldLabel, RefusedList, shownValue } from './ChangesPreview';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, unicodeBidi: 'isolate' },
});

interface Props {
  t: Strings;
  lang: Lang;
  answer: ChangesAnswer;
  /** Where each change sent was typed. */
  cells: ReadonlyMap<string, CellRef>;
  /** What could not be read from the sheets, so was not sent (shown again beside the server's answer). */
  notSent: readonly Refusal[];
  busy: boolean;
  /** Drops the typed values of the conflicts: the sheets take the server's. */
  onTakeServers?: () => void;
}

/** What the server did with a sync: applied, in conflict (kept typed), refused (kept typed, with the server's reason). */
export function ServerAnswer({ t, lang, answer, cells, notSent, busy, onTakeServers }: Props): React.JSX.Element {
  const styles = useStyles();
  const s = SERVER_STRINGS[lang];
  const shown = (v: unknown) => shownValue(t, lang, v);
  const cell = (c: { ref: string; field: string }) => {
    const at = cells.get(changeKey(c));
    return at ? (
      <bdi dir="ltr" className={styles.cell}>
        {`'${at.sheet}'!${at.address}`}
      </bdi>
    ) : null;
  };
  const line = (c: { ref: string; field: string }) => (
    <>
      {cell(c)} {ltr(c.ref)} · {fieldLabel(t, lang, c.field)}
    </>
  );
  const applied = answer.applied.filter((a) => !a.unchanged);
  return (
    <section className={styles.box} aria-label={s.answerTitle}>
      <Text weight="semibold">{s.answerSummary(answer.applied.length, answer.conflicts.length, answer.refused.length, answer.revision)}</Text>
      {applied.length > 0 && (
        <ul className={styles.list} aria-label={s.appliedTitle}>
          {applied.map((a) => (
            <li key={changeKey(a)}>
              {line(a)}: {shown(a.from as FieldValue)} → {shown(a.to as FieldValue)}
            </li>
          ))}
        </ul>
      )}
      {answer.conflicts.length > 0 && (
        <>
          <Text>{s.serverConflicts}</Text>
          <ul className={styles.list} aria-label={s.serverConflicts}>
            {answer.conflicts.map((c) => (
              <li key={changeKey(c)}>
                {line(c)}: {s.yoursTheirs(shown(c.value), shown(c.current))}
              </li>
            ))}
          </ul>
          {onTakeServers && (
            <Button disabled={busy} onClick={onTakeServers}>
              {s.takeServers}
            </Button>
          )}
        </>
      )}
      <RefusedList t={t} lang={lang} refused={notSent} />
      {answer.refused.length > 0 && (
        <>
          <Text>{s.serverRefused}</Text>
          <ul className={styles.list} aria-label={s.serverRefused}>
            {answer.refused.map((r, i) => (
              <li key={`${changeKey(r)}-${i}`}>
                {line(r)}: {shown(r.value)}: {readable(r.message[lang], lang)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
