import * as React from 'react';
import {
  Badge,
  Caption1,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Lang, OpenedPlan } from '../../runtime/plan-store';
import { buildReport } from '../../core/report/report';
import { budget, type Budget } from '../../core/achievement/budget';
import type { Status } from '../../core/achievement/achievement';
import { realizationText } from '../../core/report/realization-text';
import { number, percent, type Strings } from '../i18n';

const STATUS_COLOR: Record<Status, 'success' | 'warning' | 'danger' | 'informative'> = {
  green: 'success',
  amber: 'warning',
  red: 'danger',
  '': 'informative',
};

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
  // Realization always with the spent and planned it divides and their years.
  const realization = (b: Budget) =>
    realizationText(b.realization, b.basis, lang, lang === 'fa' ? 'fa' : 'latn') || percent(null, lang);

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
          {t.budgetRealization} ({t.wholePlan}): <span data-testid="realization">{realization(whole)}</span>
        </Caption1>
      </div>
      <Table size="small" aria-label={t.byWorkingGroup}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t.workingGroup}</TableHeaderCell>
            <TableHeaderCell>{t.achievement}</TableHeaderCell>
            <TableHeaderCell>{t.reporting}</TableHeaderCell>
            <TableHeaderCell>{t.budgetRealization}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {report.rows.map((row) => (
            <TableRow key={row.key} data-testid={`wg-${row.key}`}>
              <TableCell>
                <Text>{lang === 'en' ? row.titleEn ?? row.title : row.title}</Text>
              </TableCell>
              <TableCell>
                <Badge appearance="filled" color={STATUS_COLOR[row.status]} aria-label={`${t.status}: ${t.statusNames[row.status]}`}>
                  {percent(row.achievement, lang)}
                </Badge>
              </TableCell>
              <TableCell>
                {number(row.reporting, lang)}/{number(row.indicators, lang)}
              </TableCell>
              <TableCell data-testid="realization">{realization(row.budget)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
