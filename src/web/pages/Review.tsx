import * as React from 'react';
import { Button, Field, MessageBar, MessageBarBody, Subtitle2, Switch, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { PageProps } from '../WebApp';
import type { ChangesAnswer } from '../../core/api/changes-answer';
import { api, listPlans, planPath, postJson } from '../web-api';
import { ServerAnswer } from '../../taskpane/components/ServerAnswer';
import { fieldLabel, shownValue } from '../../taskpane/components/ChangesPreview';
import { STRINGS } from '../../taskpane/i18n';
import { fieldValue } from '../../core/grid/merge';
import { jalaliDate } from '../../core/web/change-log';
import { showPeriod } from '../../core/numbers/periods';
import { lineOf, unitTitle } from './lines';
import { unitOf } from '../../core/rights/rights';
import { NotReported } from './NotReported';
import { ChangeLogTable } from './ChangeLogTable';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalM },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'end' },
});

interface Submission {
  id: string;
  by: string;
  base: number;
  changes: Array<{ ref?: unknown; field?: unknown; value?: unknown }>;
  created: string;
}

/** The secretariat's desk: submissions to accept or reject, who has not reported, closed periods, the change log. */
export function Review(p: PageProps): React.JSX.Element {
  const styles = useStyles();
  const { s, lang, plan, planId } = p;
  const t = STRINGS[lang];
  const [pending, setPending] = React.useState<Submission[] | undefined>(undefined);
  const [comments, setComments] = React.useState<Record<string, string>>({});
  const [decided, setDecided] = React.useState<{ id: string; answer?: ChangesAnswer; rejected?: boolean } | undefined>(undefined);
  const [busy, setBusy] = React.useState(false);
  const [isPublic, setPublic] = React.useState<boolean | undefined>(undefined);
  const meta = plan.index.plan.meta;

  const { failed } = p;
  const load = React.useCallback(async () => {
    try {
      setPending((await api(`${planPath(planId)}/submissions?status=pending`)).body as Submission[]);
    } catch (e) {
      failed(e);
    }
  }, [planId, failed]);
  React.useEffect(() => void load(), [load]);
  React.useEffect(() => {
    listPlans(true).then((list) => setPublic(list.some((x) => x.id === planId)), () => setPublic(false));
  }, [planId]);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
      await p.reload();
    } catch (e) {
      p.failed(e);
    } finally {
      setBusy(false);
    }
  };
  const accept = (id: string) => act(async () => {
    const r = await postJson(`/api/submissions/${encodeURIComponent(id)}/accept`, {});
    setDecided({ id, answer: r.body as ChangesAnswer });
    await load();
  });
  const reject = (id: string) => act(async () => {
    await postJson(`/api/submissions/${encodeURIComponent(id)}/reject`, { comment: comments[id] ?? '' });
    setDecided({ id, rejected: true });
    await load();
  });
  const lock = (period: string, locked: boolean) => act(async () => {
    await postJson(`${planPath(planId)}/locks`, { period, locked });
  });
  const publish = (on: boolean) => act(async () => {
    await postJson(`${planPath(planId)}/observatory`, { public: on });
    setPublic(on);
  });

  // Submissions by the unit of their lines (a person reports for their units).
  const unitOfSubmission = (x: Submission) => {
    const first = x.changes.find((c) => typeof c.ref === 'string');
    return (first && unitOf(plan.index, String(first.ref))) ?? '';
  };
  const byUnit = new Map<string, Submission[]>();
  for (const x of pending ?? []) byUnit.set(unitOfSubmission(x), [...(byUnit.get(unitOfSubmission(x)) ?? []), x]);

  return (
    <div className={styles.box}>
      <section className={styles.box} aria-label={s.submissions}>
        <Subtitle2 as="h2">{s.submissions}</Subtitle2>
        {decided?.answer && <ServerAnswer t={t} lang={lang} answer={decided.answer} cells={new Map()} notSent={[]} busy={busy} />}
        {decided?.rejected && <MessageBar intent="info" role="status"><MessageBarBody>{s.rejected(decided.id)}</MessageBarBody></MessageBar>}
        {pending && pending.length === 0 && <Text>{s.noSubmissions}</Text>}
        {[...byUnit].map(([unit, list]) => (
          <section key={unit} className={styles.box} aria-label={unitTitle(plan.index, unit)}>
            <Text weight="semibold">{unitTitle(plan.index, unit)}</Text>
            {list.map((x) => (
              <article key={x.id} className={styles.card} aria-label={s.submissionOf(x.id, x.by)}>
                <Text>{s.submissionLine(x.id, x.by, jalaliDate(x.created, lang))}</Text>
                <ul className={styles.list}>
                  {x.changes.map((c, i) => {
                    const ref = String(c.ref);
                    const field = String(c.field);
                    const line = lineOf(plan.index, ref);
                    const now = line ? fieldValue(plan.index, ref, field) : undefined;
                    return (
                      <li key={i}>
                        <bdi dir="ltr">{ref}</bdi> {line?.title ?? ''} · {fieldLabel(t, lang, field)}: {shownValue(t, lang, now)} → {shownValue(t, lang, c.value)}
                      </li>
                    );
                  })}
                </ul>
                <Field label={s.comment}>
                  <Textarea value={comments[x.id] ?? ''} onChange={(_, d) => setComments({ ...comments, [x.id]: d.value })} />
                </Field>
                <div className={styles.row}>
                  <Button appearance="primary" disabled={busy} onClick={() => void accept(x.id)}>
                    {s.accept}
                  </Button>
                  <Button disabled={busy || !(comments[x.id] ?? '').trim()} onClick={() => void reject(x.id)}>
                    {s.reject}
                  </Button>
                </div>
              </article>
            ))}
          </section>
        ))}
      </section>

      <NotReported {...p} />

      <section className={styles.box} aria-label={s.periods}>
        <Subtitle2 as="h2">{s.periods}</Subtitle2>
        <div className={styles.row}>
          {meta.years.map((y) => {
            const key = String(y);
            const closed = (meta.locked ?? []).includes(key);
            return <Switch key={key} checked={closed} disabled={busy} label={s.closedSwitch(showPeriod(key, lang))} onChange={(_, d) => void lock(key, d.checked)} />;
          })}
        </div>
        <Switch checked={isPublic ?? false} disabled={busy} label={s.publicSwitch} onChange={(_, d) => void publish(d.checked)} />
      </section>

      <ChangeLogTable {...p} />
    </div>
  );
}
