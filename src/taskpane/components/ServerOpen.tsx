import * as React from 'react';
import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import type { Lang } from '../../runtime/plan-store';
import { fetchServerPlan, forgetConnection, listServerPlans, rememberConnection, rememberedConnection, type ServerLink } from '../../runtime/server-link';
import type { Fetcher } from '../../client/server-api';
import { SERVER_STRINGS } from '../server-strings';
import { errorText } from '../error-text';
import type { PlanSource } from './OpenPlan';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

interface Props {
  lang: Lang;
  busy: boolean;
  onOpen: (source: PlanSource) => void;
  fetcher?: Fetcher;
}

/** Opening a plan from a plan server: address and token (remembered for the person), then a plan of those the token may read. */
export function ServerOpen({ lang, busy, onOpen, fetcher }: Props): React.JSX.Element {
  const styles = useStyles();
  const s = SERVER_STRINGS[lang];
  const kept = React.useMemo(() => rememberedConnection(), []);
  const [address, setAddress] = React.useState(kept?.address ?? '');
  const [token, setToken] = React.useState(kept?.token ?? '');
  const [remember, setRemember] = React.useState(true);
  const [plans, setPlans] = React.useState<Array<{ id: string; revision: number }> | undefined>(undefined);
  const [chosen, setChosen] = React.useState<string | undefined>(kept?.planId);
  const [working, setWorking] = React.useState(false);
  const [said, setSaid] = React.useState<{ intent: 'error' | 'info'; say: (l: Lang) => string } | undefined>(undefined);

  const connect = async () => {
    if (!address.trim() || !token.trim()) return setSaid({ intent: 'error', say: (l) => SERVER_STRINGS[l].signInFirst });
    setWorking(true);
    setSaid(undefined);
    try {
      const found = await listServerPlans({ address: address.trim(), token: token.trim() }, fetcher);
      setPlans(found);
      if (!found.some((p) => p.id === chosen)) setChosen(found[0]?.id);
      if (remember) rememberConnection({ address: address.trim(), token: token.trim(), ...(chosen ? { planId: chosen } : {}) });
    } catch (e) {
      setPlans(undefined);
      setSaid({ intent: 'error', say: (l) => errorText(e, l) });
    } finally {
      setWorking(false);
    }
  };

  const open = () => {
    if (!chosen) return;
    const link: ServerLink = { address: address.trim(), token: token.trim(), planId: chosen };
    if (remember) rememberConnection(link);
    onOpen({ name: `${chosen} @ ${address.trim()}`, read: async () => (await fetchServerPlan(link, fetcher)).text, server: link });
  };

  const forget = () => {
    forgetConnection();
    setToken('');
    setPlans(undefined);
    setSaid({ intent: 'info', say: (l) => SERVER_STRINGS[l].forgotten });
  };

  return (
    <div className={styles.box}>
      <Field label={s.address}>
        <Input type="url" dir="ltr" value={address} onChange={(_, d) => setAddress(d.value)} placeholder="https://" />
      </Field>
      <Field label={s.token}>
        <Input type="password" dir="ltr" value={token} onChange={(_, d) => setToken(d.value)} autoComplete="off" />
      </Field>
      <Checkbox checked={remember} onChange={(_, d) => setRemember(!!d.checked)} label={s.remember} />
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy || working} onClick={() => void connect()}>
          {s.connect}
        </Button>
        {kept && (
          <Button disabled={busy || working} onClick={forget}>
            {s.forget}
          </Button>
        )}
      </div>
      {working && <Spinner size="tiny" label={s.connecting} />}
      {said && (
        <MessageBar intent={said.intent} role={said.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{said.say(lang)}</MessageBarBody>
        </MessageBar>
      )}
      {plans && plans.length === 0 && <MessageBar intent="warning"><MessageBarBody>{s.noPlans}</MessageBarBody></MessageBar>}
      {plans && plans.length > 0 && (
        <>
          <Field label={s.plansOn(plans.length)}>
            <RadioGroup value={chosen} onChange={(_, d) => setChosen(d.value)}>
              {plans.map((p) => (
                <Radio key={p.id} value={p.id} label={s.planAt(p.id, p.revision)} />
              ))}
            </RadioGroup>
          </Field>
          <Button appearance="primary" disabled={busy || !chosen} onClick={open}>
            {s.openPlan}
          </Button>
        </>
      )}
    </div>
  );
}
