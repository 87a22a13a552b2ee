import * as React from 'react';
import { Button, Field, Select, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PageProps } from '../WebApp';
import { notReportedCsv, unitsNotReported } from '../../core/web/not-reported';
import { showPeriod } from '../../core/numbers/periods';
import { number } from '../../taskpane/i18n';
import { downloadBytes } from '../../taskpane/App';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
  code: { unicodeBidi: 'isolate', direction: 'ltr' },
});

/** The units that have not reported a period, and the file to send reminders from. */
export function NotReported({ s, lang, plan, planId }: PageProps): React.JSX.Element {
  const styles = useStyles();
  const years = plan.index.plan.meta.years;
  const [period, setPeriod] = React.useState(String(years.find((y) => !(plan.index.plan.meta.locked ?? []).includes(String(y))) ?? years[0]));
  const rows = unitsNotReported(plan.index, period);
  const exportCsv = () => downloadBytes(`${planId}-not-reported-${period}.csv`, new TextEncoder().encode(`\ufeff${notReportedCsv(rows, lang)}`), 'text/csv');
  return (
    <section className={styles.box} aria-label={s.notReported}>
      <Subtitle2 as="h2">{s.notReported}</Subtitle2>
      <div className={styles.row}>
        <Field label={s.period}>
          <Select value={period} onChange={(_, d) => setPeriod(d.value)}>
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {showPeriod(String(y), lang)}
              </option>
            ))}
          </Select>
        </Field>
        <Button disabled={rows.length === 0} onClick={exportCsv}>
          {s.exportReminders}
        </Button>
      </div>
      {rows.length === 0 ? (
        <Text>{s.allReported(showPeriod(period, lang))}</Text>
      ) : (
        <Table size="small" aria-label={s.notReportedIn(showPeriod(period, lang))}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{s.unit}</TableHeaderCell>
              <TableHeaderCell>{s.missing}</TableHeaderCell>
              <TableHeaderCell>{s.lines}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.unit}>
                <TableCell>{r.unitTitle}</TableCell>
                <TableCell>{s.missingOf(number(r.lines.length, lang), number(r.total, lang))}</TableCell>
                <TableCell>
                  {r.lines.map((l, i) => (
                    <React.Fragment key={l.ref}>
                      {i > 0 ? '، ' : ''}
                      <bdi className={styles.code}>{l.ref}</bdi>
                    </React.Fragment>
                  ))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
