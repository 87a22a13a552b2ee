import * as React from 'react';
import { Badge, Input, Subtitle2, Text, ToggleButton, makeStyles, tokens } from '@fluentui/react-components';
import type { Problem } from '../../core/plan/problems';
import type { Lang } from '../../runtime/plan-store';
import type { Strings } from '../i18n';
import { readable } from '../../core/numbers/bidi';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  filters: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap', alignItems: 'center' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  path: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, direction: 'ltr', unicodeBidi: 'isolate' },
});

type Filter = 'all' | 'error' | 'warning';

interface Props {
  problems: readonly Problem[];
  lang: Lang;
  t: Strings;
}

/** Every error and warning of a plan, with its JSON path, filterable by kind and text. */
export default function ProblemsPanel({ problems, lang, t }: Props): React.JSX.Element {
  const styles = useStyles();
  const [filter, setFilter] = React.useState<Filter>('all');
  const [text, setText] = React.useState('');
  const errors = problems.filter((p) => p.severity === 'error').length;
  const needle = text.trim().toLowerCase();
  const shown = problems.filter(
    (p) =>
      (filter === 'all' || p.severity === filter) &&
      (!needle || p.path.toLowerCase().includes(needle) || p.message[lang].toLowerCase().includes(needle) || p.message.en.toLowerCase().includes(needle)),
  );

  return (
    <section className={styles.box} aria-label={t.problems}>
      <Subtitle2 as="h2">
        {t.problems}: {t.problemsCount(errors, problems.length - errors)}
      </Subtitle2>
      <div className={styles.filters} role="group" aria-label={t.problems}>
        {(['all', 'error', 'warning'] as const).map((f) => (
          <ToggleButton key={f} size="small" checked={filter === f} onClick={() => setFilter(f)}>
            {f === 'all' ? t.filterAll : f === 'error' ? t.filterErrors : t.filterWarnings}
          </ToggleButton>
        ))}
        <Input size="small" value={text} onChange={(_, d) => setText(d.value)} placeholder={t.filterText} aria-label={t.filterText} />
      </div>
      {shown.length === 0 ? (
        <Text>{t.noProblems}</Text>
      ) : (
        <ul className={styles.list}>
          {shown.map((p, i) => (
            <li key={`${p.path}-${p.code}-${i}`} className={styles.item} data-severity={p.severity}>
              <span>
                <Badge size="small" appearance="tint" color={p.severity === 'error' ? 'danger' : 'warning'}>
                  {t.severity[p.severity]}
                </Badge>{' '}
                <bdi dir="ltr" className={styles.path}>
                  {p.path || '/'}
                </bdi>
              </span>
              <Text>{readable(p.message[lang], lang)}</Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
