import * as React from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import type { Lang } from '../../runtime/plan-store';
import { serverRevision, type ServerLink } from '../../runtime/server-link';
import type { Fetcher } from '../../client/server-api';
import { SERVER_STRINGS } from '../server-strings';

/** How often the pane asks whether the plan moved on the server (one small request). */
const EVERY_MS = 60_000;

/**
 * The plan's revision on the server, asked when the pane shows, when the person comes back to it
 * (focus) and once a minute. Unreachable servers are asked again at the next of those.
 */
export function useServerRevision(link: ServerLink | undefined, fetcher?: Fetcher): number | undefined {
  const [revision, setRevision] = React.useState<number | undefined>(undefined);
  React.useEffect(() => {
    if (!link) return;
    let live = true;
    const ask = () =>
      serverRevision(link, fetcher).then(
        (r) => live && setRevision(r),
        () => undefined,
      );
    void ask();
    const timer = setInterval(ask, EVERY_MS);
    window.addEventListener('focus', ask);
    document.addEventListener('visibilitychange', ask);
    return () => {
      live = false;
      clearInterval(timer);
      window.removeEventListener('focus', ask);
      document.removeEventListener('visibilitychange', ask);
    };
  }, [link, fetcher]);
  return revision;
}

interface Props {
  lang: Lang;
  link: ServerLink;
  /** The revision the workbook holds. */
  mine: number;
  busy: boolean;
  fetcher?: Fetcher;
  onRefresh: () => void;
}

/** Which server the plan is from, and a notice with a refresh when it moved on there. */
export function ServerBar({ lang, link, mine, busy, fetcher, onRefresh }: Props): React.JSX.Element {
  const s = SERVER_STRINGS[lang];
  const theirs = useServerRevision(link, fetcher);
  const newer = theirs !== undefined && theirs > mine;
  return (
    <MessageBar intent={newer ? 'warning' : 'info'} role="status">
      <MessageBarBody>{newer ? s.newer(mine, theirs) : s.linked(link.address, link.planId, mine)}</MessageBarBody>
      {newer && (
        <MessageBarActions>
          <Button disabled={busy} onClick={onRefresh}>
            {s.refresh}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
