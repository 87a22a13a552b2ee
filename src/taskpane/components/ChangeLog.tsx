import * as React from 'react';
import { Caption1, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Plan } from '../../core/plan/plan.types';
import type { Lang } from '../../runtime/plan-store';
import { jalaliDate } from '../../core/numbers/format';
import { isolate, leadLtr } from '../../core/numbers/bidi';
import { number, type Strings } from '../i18n';
import { fieldLabel } from './ChangesPreview';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

/** How many of the latest entries the pane lists (the whole trail is in the exported plan). */
const SHOWN = 10;

/** The plan's latest recorded changes, newest first, dated in the Jalali calendar. */
export function ChangeLog({ plan, lang, t }: { plan: Plan; lang: Lang; t: Strings }): React.JSX.Element {
  const styles = useStyles();
  const latest = (plan.changes ?? []).slice(-SHOWN).reverse();
  const value = (v: number | string | null | undefined) => (v === null || v === undefined ? t.empty : typeof v === 'number' ? number(v, lang) : isolate(v));
  return (
    <section className={styles.box} aria-label={t.changeLog}>
      <Subtitle2 as="h2">{t.changeLog}</Subtitle2>
      {latest.length === 0 ? (
        <Text>{t.changeLogEmpty}</Text>
      ) : (
        <ul className={styles.list} aria-label={t.changeLog}>
          {latest.map((c, i) => (
            <li key={i}>
              <Caption1>
                <time dateTime={c.at}>{jalaliDate(c.at, lang === 'fa' ? 'fa' : 'latn', true) ?? c.at}</time>
                {c.by ? ` · ${isolate(c.by)}` : ''}
              </Caption1>{' '}
              <Text>
                {leadLtr(c.ref)} · {fieldLabel(t, lang, c.field)}: {value(c.from)} → {value(c.to)}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
