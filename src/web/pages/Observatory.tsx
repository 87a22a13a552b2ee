import * as React from 'react';
import { Button, Field, Input, Link, Select, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PageProps } from '../WebApp';
import { buildReport, type ReportBy } from '../../core/report/report';
import { number, STRINGS } from '../../taskpane/i18n';
import { ReportTable, StatusBadge } from '../../taskpane/components/ReportTable';
import { overviewChartSvg } from '../../charts/council-charts';
import { DocumentsPanel } from '../../taskpane/components/DocumentsPanel';
import { downloadBytes } from '../../taskpane/App';
import { svgToPngInBrowser } from '../../taskpane/svg-png-browser';
import { indicatorAchievement, status as statusOf } from '../../core/achievement/achievement';
import { SvgImage } from './SvgImage';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
  code: { unicodeBidi: 'isolate', direction: 'ltr' },
});

const DIMENSIONS: ReportBy[] = ['workingGroup', 'unit', 'district', 'node'];

/** How much of the plan, how much of the budget: by working group, unit, district or plan tree, and per indicator. */
export function Observatory({ s, lang, plan, me }: PageProps): React.JSX.Element {
  const styles = useStyles();
  const t = STRINGS[lang];
  const { index } = plan;
  const [by, setBy] = React.useState<ReportBy>('workingGroup');
  const [year, setYear] = React.useState<string>('');
  const [filter, setFilter] = React.useState('');
  const report = React.useMemo(() => buildReport(index, by, 'cumulative', year ? Number(year) : undefined), [index, by, year]);
  const title = (r: { title: string; titleEn?: string }) => (lang === 'en' ? r.titleEn ?? r.title : r.title);
  const last = year ? index.years.indexOf(Number(year)) : index.years.length - 1;
  const chart = overviewChartSvg(
    report.rows.map((r) => ({ title: title(r), achievement: r.achievement, realization: r.budget.realization })),
    { lang, digits: lang === 'fa' ? 'fa' : 'latn', title: s.chartTitle(s.byNames[by]), achievement: t.achievement, realization: t.budgetRealization },
    { width: 900, height: 360 },
  );
  const needle = filter.trim().toLowerCase();
  const indicators = index.indicatorList.filter((e) => !needle || e.id.toLowerCase().includes(needle) || e.code.toLowerCase().includes(needle) || (e.indicator.title ?? '').toLowerCase().includes(needle));

  return (
    <div className={styles.box}>
      <section className={styles.box} aria-label={s.pages.observatory}>
        <Subtitle2 as="h2">{s.pages.observatory}</Subtitle2>
        <div className={styles.row}>
          <Field label={s.by}>
            <Select value={by} onChange={(_, d) => setBy(d.value as ReportBy)}>
              {DIMENSIONS.map((d) => (
                <option key={d} value={d}>
                  {s.byNames[d]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t.year}>
            <Select value={year} onChange={(_, d) => setYear(d.value)}>
              <option value="">{t.wholePlan}</option>
              {index.years.map((y) => (
                <option key={y} value={String(y)}>
                  {number(y, lang)}
                </option>
              ))}
            </Select>
          </Field>
          <Button className="no-print" onClick={() => window.print()}>
            {s.print}
          </Button>
        </div>
        <ReportTable rows={report.rows} lang={lang} t={t} label={s.chartTitle(s.byNames[by])} groupHeading={s.byNames[by]} words />
        <SvgImage svg={chart} alt={s.chartAlt(s.byNames[by])} />
      </section>

      <section className={styles.box} aria-label={s.indicatorsTitle}>
        <Subtitle2 as="h2">{s.indicatorsTitle}</Subtitle2>
        <Field label={s.findIndicator} className="no-print">
          <Input value={filter} onChange={(_, d) => setFilter(d.value)} />
        </Field>
        <Table size="small" aria-label={s.indicatorsTitle}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{s.code}</TableHeaderCell>
              <TableHeaderCell>{s.line}</TableHeaderCell>
              <TableHeaderCell>{t.achievement}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {indicators.slice(0, 300).map((e) => {
              const a = last < 0 ? null : indicatorAchievement(index, e, last, 'cumulative');
              return (
                <TableRow key={e.id}>
                  <TableCell><bdi className={styles.code}>{e.code}</bdi></TableCell>
                  <TableCell>
                    <Link href={`#/indicator/${encodeURIComponent(e.id)}`}>{e.indicator.title}</Link>
                  </TableCell>
                  <TableCell>
                    <StatusBadge status={statusOf(index, a)} value={a} lang={lang} t={t} words />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
        {indicators.length > 300 && <Text>{s.more(number(indicators.length - 300, lang))}</Text>}
      </section>

      {me && (
        <div className="no-print">
          <DocumentsPanel index={index} lang={lang} t={t} saveBytes={downloadBytes} rasterize={svgToPngInBrowser} />
        </div>
      )}
    </div>
  );
}
