import * as React from 'react';
import { Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { Lang, OpenedPlan } from '../../runtime/plan-store';
import { buildReport } from '../../core/report/report';
import { budget } from '../../core/achievement/budget';
import { number, type Strings } from '../i18n';
import { realizationShown, ReportTable } from './ReportTable';


const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  facts: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
});

interface Props {
  opened: OpenedPlan;
  lang: Lang;
  t: Strings;
}

/** The plan at a glance: what it is, and achievement and budget realization by working group. */
export function Summary({ opened, lang, t }: Props): React.JSX.Element {
  const styles = useStyles();
  const { index, plan } = opened.result;
  const report = React.useMemo(() => buildReport(index, 'workingGroup', 'cumulative'), [index]);
  const whole = React.useMemo(() => budget(index, index.indicatorList), [index]);
  const years = plan.meta.years;
  const title = lang === 'en' ? plan.meta.titleEn ?? plan.meta.title : plan.meta.title;

  return (
    <section className={styles.box} aria-label={title}>
      <Subtitle2 as="h2">{title}</Subtitle2>
      <div className={styles.facts}>
        <Caption1>
          {t.years}: {number(years[0], lang)}–{number(years[years.length - 1], lang)}
        </Caption1>
        <Caption1>
          {t.indicators}: {number(index.indicatorList.length, lang)}
        </Caption1>
        <Caption1>
          {t.budgetRealization} ({t.wholePlan}): <span data-testid="realization">{realizationShown(whole, lang)}</span>
        </Caption1>
      </div>
      <ReportTable rows={report.rows} lang={lang} t={t} label={t.byWorkingGroup} groupHeading={t.workingGroup} />
    </section>
  );
}
