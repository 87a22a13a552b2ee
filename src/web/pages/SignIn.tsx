import * as React from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { WebStrings } from '../web-strings';
import { errorText } from '../../taskpane/error-text';
import type { Lang } from '../../runtime/plan-store';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '420px' },
});

/** Signing in with the token the secretariat gave (or a sign-in link, which does this by itself). */
export function SignIn({ s, onSignIn }: { s: WebStrings; onSignIn: (token: string) => Promise<void> }): React.JSX.Element {
  const styles = useStyles();
  const [token, setToken] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<unknown>(undefined);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!token.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSignIn(token);
    } catch (x) {
      setError(x);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={styles.box} onSubmit={(e) => void submit(e)} aria-label={s.signInTitle}>
      <Subtitle2 as="h2">{s.signInTitle}</Subtitle2>
      <Text>{s.signInHelp}</Text>
      <Field label={s.token} required>
        <Input type="password" dir="ltr" value={token} onChange={(_, d) => setToken(d.value)} autoComplete="current-password" />
      </Field>
      <Button appearance="primary" type="submit" disabled={busy || !token.trim()}>
        {s.signIn}
      </Button>
      {error !== undefined && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{errorText(error, s.lang as Lang)}</MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}
