import * as React from 'react';
import { Link, MessageBar, MessageBarBody, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PageProps } from '../WebApp';
import { indicatorCard, indicatorTrend } from '../../core/web/trend';
import { trendChartSvg } from '../../charts/council-charts';
import { showPeriod } from '../../core/numbers/periods';
import { number, percent, STRINGS } from '../../taskpane/i18n';
import { StatusBadge } from '../../taskpane/components/ReportTable';
import { SvgImage } from './SvgImage';
import { EvidenceLink, useEvidence } from './Evidence';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalXS, margin: 0 },
  code: { unicodeBidi: 'isolate', direction: 'ltr' },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

/** One indicator: its definition, targets and actuals year by year with a chart, its notes and evidence. */
export function IndicatorPage(p: PageProps & { lineRef: string }): React.JSX.Element {
  const styles = useStyles();
  const { s, lang, plan, lineRef } = p;
  const t = STRINGS[lang];
  const card = indicatorCard(plan.index, lineRef);
  const trend = indicatorTrend(plan.index, lineRef);
  if (!card || !trend) {
    return (
      <MessageBar intent="warning" role="alert">
        <MessageBarBody>{s.noIndicator}</MessageBarBody>
      </MessageBar>
    );
  }
  const num = (v: number | null) => (v === null ? '—' : number(v, lang));
  const funding = new Map(card.funding.map((f) => [f.year, f]));
  const points = trend.years.map((y) => {
    const f = funding.get(y.year);
    return { year: y.year, achievement: y.annual, realization: f && f.planned && f.spent !== null ? f.spent / f.planned : null };
  });
  const chart = trendChartSvg(points, { lang, digits: lang === 'fa' ? 'fa' : 'latn', title: s.trendTitle, achievement: t.achievement, realization: t.budgetRealization }, { width: 800, height: 320 });
  const polarity = s.polarity[card.polarity] ?? card.polarity;
  const facts: Array<[string, React.ReactNode]> = [
    [s.code, <bdi className={styles.code}>{card.code}</bdi>],
    [s.measure, card.measure || '—'],
    [s.polarityTitle, polarity],
    [s.horizon, num(card.horizon)],
    [s.unit, card.unit?.title ?? '—'],
    [t.workingGroup, card.workingGroup?.title ?? '—'],
    [s.treePath, card.path.map((n) => `${n.levelTitle}: ${n.title}`).join(' ← ') || '—'],
    [s.budgetCode, card.budgetCode ? <bdi className={styles.code}>{card.budgetCode}</bdi> : '—'],
    [s.acceptableEvidence, card.evidence || '—'],
  ];
  return (
    <article className={styles.box} aria-label={card.title}>
      <Link href="#/observatory">{s.back}</Link>
      <Subtitle2 as="h2">{card.title}</Subtitle2>
      {card.description && <Text>{card.description}</Text>}
      <dl className={styles.facts}>
        {facts.map(([k, v]) => (
          <React.Fragment key={k}>
            <dt>{k}</dt>
            <dd style={{ margin: 0 }}>{v}</dd>
          </React.Fragment>
        ))}
      </dl>
      <Table size="small" aria-label={s.trendTitle}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t.year}</TableHeaderCell>
            <TableHeaderCell>{s.target}</TableHeaderCell>
            <TableHeaderCell>{s.reported}</TableHeaderCell>
            <TableHeaderCell>{t.achievement}</TableHeaderCell>
            <TableHeaderCell>{s.fundingPlannedSpent}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {trend.years.map((y) => {
            const f = funding.get(y.year);
            return (
              <TableRow key={y.year}>
                <TableCell>{number(y.year, lang)}</TableCell>
                <TableCell>{num(y.target)}</TableCell>
                <TableCell>{num(y.actual)}</TableCell>
                <TableCell>
                  <StatusBadge status={y.status} value={y.annual} lang={lang} t={t} words />
                </TableCell>
                <TableCell>
                  {num(f?.planned ?? null)} / {num(f?.spent ?? null)}
                  {points.find((x) => x.year === y.year)?.realization != null ? ` (${percent(points.find((x) => x.year === y.year)!.realization, lang)})` : ''}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <SvgImage svg={chart} alt={s.trendAlt(card.title)} />
      {card.notes.length > 0 && (
        <section aria-label={s.notes}>
          <Subtitle2 as="h3">{s.notes}</Subtitle2>
          <ul className={styles.list}>
            {card.notes.map((n, i) => (
              <li key={i}>
                {showPeriod(n.period, lang)}: {n.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      {p.me && <EvidenceList {...p} />}
    </article>
  );
}

function EvidenceList(p: PageProps & { lineRef: string }): React.JSX.Element {
  const { s, lang, planId, lineRef } = p;
  const evidence = useEvidence(planId, p.failed);
  const mine = evidence.items.filter((e) => e.ref === lineRef || e.ref.startsWith(`${lineRef}.`));
  return (
    <section aria-label={s.evidence}>
      <Subtitle2 as="h3">{s.evidence}</Subtitle2>
      {mine.length === 0 ? (
        <Text>{s.noEvidence}</Text>
      ) : (
        <ul>
          {mine.map((e) => (
            <li key={String(e.id)}>
              {showPeriod(e.period, lang)}: <EvidenceLink item={e} lang={lang} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
