import * as React from 'react';
import { Button, Field, Input, Link, MessageBar, MessageBarBody, Select, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PageProps } from '../WebApp';
import { checkTyped, reportingLines } from '../../core/web/reporting';
import { isSubmission, type ChangesAnswer } from '../../core/api/changes-answer';
import type { CellRef } from '../../core/grid/read';
import { api, planPath, sendChanges } from '../web-api';
import { ServerAnswer } from '../../taskpane/components/ServerAnswer';
import { STRINGS, number } from '../../taskpane/i18n';
import { showPeriod } from '../../core/numbers/periods';
import { changeKey } from '../../runtime/server-sync';
import { EvidenceCell, useEvidence } from './Evidence';
import { XLSX_MEDIA } from './media';
import { unitTitle } from './lines';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'end' },
  code: { unicodeBidi: 'isolate', direction: 'ltr', fontFamily: tokens.fontFamilyMonospace },
  input: { width: '9em' },
});

type Outcome = { answer: ChangesAnswer; cells: Map<string, CellRef> } | { pending: string; refused: ChangesAnswer['refused'] } | undefined;

/** `Sheet!A1` from a book's answer as the pane's cell. */
function cellOf(text: string | undefined): CellRef | undefined {
  const m = text ? /^(.*)!([A-Z]{1,3}\d+)$/.exec(text) : null;
  return m ? { sheet: m[1], address: m[2] } : undefined;
}

/** The period people report by default: the first open year with a line still empty, else the last open year. */
function openPeriod(p: PageProps): string {
  const { meta } = p.plan.index.plan;
  const open = meta.years.filter((y) => !(meta.locked ?? []).includes(String(y)));
  const units = p.me?.role === 'reporter' ? p.me.units : 'all';
  const missing = open.find((y) => reportingLines(p.plan.index, units, String(y)).some((l) => l.value === null));
  return String(missing ?? open.at(-1) ?? meta.years.at(-1));
}

/** A reporter's lines for a period: target, what was reported, an input; or a template down and back. */
export function Reporting(p: PageProps): React.JSX.Element {
  const styles = useStyles();
  const { s, lang, plan, planId } = p;
  const t = STRINGS[lang];
  const [period, setPeriod] = React.useState(() => openPeriod(p));
  const [typed, setTyped] = React.useState<Record<string, string>>({});
  const [busy, setBusy] = React.useState(false);
  const [outcome, setOutcome] = React.useState<Outcome>(undefined);
  const evidence = useEvidence(planId, p.failed);
  const units = p.me?.role === 'reporter' ? p.me.units : 'all';
  const lines = reportingLines(plan.index, units, period);
  const locked = lines.length > 0 && lines.every((l) => l.locked);
  const checks = Object.fromEntries(Object.entries(typed).filter(([, v]) => v.trim() !== '').map(([ref, v]) => [ref, checkTyped(v)]));
  const ready = Object.entries(checks).filter(([, c]) => c.ok);
  const unitIds = [...new Set(lines.map((l) => l.unit))];
  const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : number(v, lang));

  const send = async () => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const field = `actuals.${period}`;
      const changes = ready.map(([ref, c]) => ({ ref, field, value: c.ok ? c.value : null }));
      const answer = await sendChanges(planId, plan.revision, changes);
      if (isSubmission(answer)) {
        setOutcome({ pending: answer.submission, refused: answer.refused ?? [] });
      } else {
        setOutcome({ answer, cells: new Map() });
        // What the server took is no longer typed; the rest stays to be corrected.
        const taken = new Set(answer.applied.map((a) => a.ref));
        setTyped((x) => Object.fromEntries(Object.entries(x).filter(([ref]) => !taken.has(ref))));
      }
      await p.reload();
    } catch (e) {
      p.failed(e);
    } finally {
      setBusy(false);
    }
  };

  const upload = async (file: File) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const r = await api(`${planPath(planId)}/books?name=${encodeURIComponent(file.name)}`, { method: 'POST', type: XLSX_MEDIA, body: bytes });
      const body = r.body as (ChangesAnswer & { refused: Array<{ cell?: string }> }) | { submission: string };
      if ('submission' in body) {
        setOutcome({ pending: body.submission, refused: (body as { refused?: ChangesAnswer['refused'] }).refused ?? [] });
      } else {
        const cells = new Map<string, CellRef>();
        for (const e of [...body.applied, ...body.conflicts, ...body.refused] as Array<{ ref: string; field: string; cell?: string }>) {
          const at = cellOf(e.cell);
          if (at) cells.set(changeKey(e), at);
        }
        setOutcome({ answer: body, cells });
      }
      await p.reload();
    } catch (e) {
      p.failed(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.box} aria-label={s.pages.report}>
      <Subtitle2 as="h2">{s.pages.report}</Subtitle2>
      <div className={styles.row}>
        <Field label={s.period}>
          <Select value={period} onChange={(_, d) => (setPeriod(d.value), setTyped({}), setOutcome(undefined))}>
            {plan.index.plan.meta.years.map((y) => (
              <option key={y} value={String(y)}>
                {showPeriod(String(y), lang)}
                {(plan.index.plan.meta.locked ?? []).includes(String(y)) ? ` (${s.closed})` : ''}
              </option>
            ))}
          </Select>
        </Field>
        {unitIds.map((u) => (
          <Link key={u} href={`${planPath(planId)}/template?unit=${encodeURIComponent(u)}&period=${encodeURIComponent(period)}&lang=${lang}`} download>
            {s.templateOf(unitTitle(plan.index, u))}
          </Link>
        ))}
        <Field label={s.uploadTemplate}>
          <input type="file" accept=".xlsx" aria-label={s.uploadTemplate} disabled={busy} onChange={(e) => { const f = e.currentTarget.files?.[0]; e.currentTarget.value = ''; if (f) void upload(f); }} />
        </Field>
      </div>
      {locked && (
        <MessageBar intent="warning">
          <MessageBarBody>{s.periodClosed(showPeriod(period, lang))}</MessageBarBody>
        </MessageBar>
      )}
      {lines.length === 0 ? (
        <Text>{s.noLines}</Text>
      ) : (
        <Table aria-label={s.linesOf(showPeriod(period, lang))} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{s.code}</TableHeaderCell>
              <TableHeaderCell>{s.line}</TableHeaderCell>
              <TableHeaderCell>{s.target}</TableHeaderCell>
              <TableHeaderCell>{s.reported}</TableHeaderCell>
              <TableHeaderCell>{s.newValue}</TableHeaderCell>
              <TableHeaderCell>{s.evidence}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {lines.map((l) => {
              const c = checks[l.ref];
              return (
                <TableRow key={l.ref}>
                  <TableCell><bdi className={styles.code}>{l.ref}</bdi></TableCell>
                  <TableCell>
                    <Link href={`#/indicator/${encodeURIComponent(l.ref)}`}>{l.title}</Link>
                    {l.measure ? <Text size={200}> ({l.measure})</Text> : null}
                  </TableCell>
                  <TableCell>{num(l.target)}</TableCell>
                  <TableCell>{num(l.value)}</TableCell>
                  <TableCell>
                    <Field validationState={c && !c.ok ? 'error' : 'none'} validationMessage={c && !c.ok ? c.problem[lang] : undefined}>
                      <Input
                        className={styles.input}
                        aria-label={s.valueFor(l.title, l.ref)}
                        value={typed[l.ref] ?? ''}
                        disabled={l.locked || busy}
                        onChange={(_, d) => setTyped({ ...typed, [l.ref]: d.value })}
                      />
                    </Field>
                  </TableCell>
                  <TableCell>
                    <EvidenceCell s={s} lang={lang} planId={planId} line={l} period={period} evidence={evidence} disabled={l.locked || busy} />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy || ready.length === 0 || ready.length !== Object.keys(checks).length} onClick={() => void send()}>
          {s.sendValues(ready.length)}
        </Button>
      </div>
      {outcome && 'pending' in outcome && (
        <MessageBar intent="info" role="status">
          <MessageBarBody>{s.pending(outcome.pending)}</MessageBarBody>
        </MessageBar>
      )}
      {outcome && 'pending' in outcome && outcome.refused.length > 0 && (
        <ServerAnswer t={t} lang={lang} answer={{ applied: [], conflicts: [], refused: outcome.refused, revision: plan.revision }} cells={new Map()} notSent={[]} busy={busy} />
      )}
      {outcome && 'answer' in outcome && <ServerAnswer t={t} lang={lang} answer={outcome.answer} cells={outcome.cells} notSent={[]} busy={busy} />}
    </section>
  );
}
