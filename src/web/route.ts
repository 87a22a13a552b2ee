// The pages' address: a hash route (#/report, #/review, #/observatory, #/indicator/REF), so the
// server serves one page and a reload keeps the place. A sign-in link carries its token as
// #token=…: the fragment never reaches a server or its logs, and the page removes it at once.
import * as React from 'react';

export type Route = { page: 'home' | 'report' | 'review' | 'observatory' | 'signin' } | { page: 'indicator'; ref: string } | { page: 'unknown'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '' || path === '/') return { page: 'home' };
  const m = /^\/indicator\/(.+)$/.exec(path);
  if (m) {
    try {
      return { page: 'indicator', ref: decodeURIComponent(m[1]) };
    } catch {
      return { page: 'unknown', path };
    }
  }
  const page = path.slice(1);
  if (page === 'report' || page === 'review' || page === 'observatory' || page === 'signin') return { page };
  return { page: 'unknown', path };
}

export const href = (r: Route): string => (r.page === 'indicator' ? `#/indicator/${encodeURIComponent(r.ref)}` : r.page === 'home' ? '#/' : `#/${r.page}`);

/** The route of the page's address, following its changes. */
export function useRoute(): Route {
  const [hash, setHash] = React.useState(() => window.location.hash);
  React.useEffect(() => {
    const on = () => setHash(window.location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return parseRoute(hash);
}

/** A sign-in link's token, taken out of the address (and the history) before anything else runs. */
export function takeLinkToken(): string | undefined {
  const m = /^#token=([A-Za-z0-9_-]{16,200})$/.exec(window.location.hash);
  if (!m) return undefined;
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
  return m[1];
}
