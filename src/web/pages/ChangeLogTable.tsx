import * as React from 'react';
import { Field, Input, Select, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PageProps } from '../WebApp';
import { filterChanges, jalaliDate, type ChangeEntry } from '../../core/web/change-log';
import { api, planPath } from '../web-api';
import { fieldLabel, shownValue } from '../../taskpane/components/ChangesPreview';
import { STRINGS } from '../../taskpane/i18n';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
  code: { unicodeBidi: 'isolate', direction: 'ltr' },
});

/** The plan's change log from the server, filtered by unit, line or person, dated in the Jalali calendar. */
export function ChangeLogTable({ s, lang, plan, planId, failed }: PageProps): React.JSX.Element {
  const styles = useStyles();
  const t = STRINGS[lang];
  const [entries, setEntries] = React.useState<ChangeEntry[]>([]);
  const [unit, setUnit] = React.useState('');
  const [ref, setRef] = React.useState('');
  const [by, setBy] = React.useState('');
  React.useEffect(() => {
    api(`${planPath(planId)}/changes?since=0`).then((r) => setEntries(Array.isArray(r.body) ? (r.body as ChangeEntry[]) : []), failed);
  }, [planId, plan.revision, failed]);
  const people = [...new Set(entries.map((e) => e.by ?? ''))].filter(Boolean).sort();
  const shown = filterChanges(entries, plan.index, { ...(unit ? { unit } : {}), ...(ref.trim() ? { ref: ref.trim() } : {}), ...(by ? { by } : {}) }).slice(0, 500);
  return (
    <section className={styles.box} aria-label={s.changeLog}>
      <Subtitle2 as="h2">{s.changeLog}</Subtitle2>
      <div className={styles.row}>
        <Field label={s.unit}>
          <Select value={unit} onChange={(_, d) => setUnit(d.value)}>
            <option value="">{s.all}</option>
            {(plan.index.plan.units ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.title}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={s.lineCode}>
          <Input dir="ltr" value={ref} onChange={(_, d) => setRef(d.value)} />
        </Field>
        <Field label={s.person}>
          <Select value={by} onChange={(_, d) => setBy(d.value)}>
            <option value="">{s.all}</option>
            {people.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {shown.length === 0 ? (
        <Text>{s.noChanges}</Text>
      ) : (
        <Table size="small" aria-label={s.changeLog}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{s.when}</TableHeaderCell>
              <TableHeaderCell>{s.person}</TableHeaderCell>
              <TableHeaderCell>{s.lineCode}</TableHeaderCell>
              <TableHeaderCell>{s.field}</TableHeaderCell>
              <TableHeaderCell>{s.fromTo}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {shown.map((e, i) => (
              <TableRow key={i}>
                <TableCell>{jalaliDate(e.at, lang)}</TableCell>
                <TableCell><bdi>{e.by ?? ''}</bdi></TableCell>
                <TableCell><bdi className={styles.code}>{e.ref}</bdi></TableCell>
                <TableCell>{fieldLabel(t, lang, e.field)}</TableCell>
                <TableCell>
                  {shownValue(t, lang, e.from)} → {shownValue(t, lang, e.to)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
