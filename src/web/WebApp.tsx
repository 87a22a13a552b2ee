import * as React from 'react';
import { Button, FluentProvider, Link, MessageBar, MessageBarBody, Spinner, Title3, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import type { Lang } from '../runtime/plan-store';
import { ServerError } from '../client/server-api';
import { errorText } from '../taskpane/error-text';
import { fetchPlan, listPlans, signIn, signOut, whoAmI, type LoadedPlan, type Me, type PlanEntry } from './web-api';
import { href, useRoute, type Route } from './route';
import { WEB_STRINGS, type WebStrings } from './web-strings';
import { SignIn } from './pages/SignIn';
import { allowed, homeOf } from './pages/access';

const Reporting = React.lazy(() => import('./pages/Reporting').then((m) => ({ default: m.Reporting })));
const Review = React.lazy(() => import('./pages/Review').then((m) => ({ default: m.Review })));
const Observatory = React.lazy(() => import('./pages/Observatory').then((m) => ({ default: m.Observatory })));
const IndicatorPage = React.lazy(() => import('./pages/IndicatorPage').then((m) => ({ default: m.IndicatorPage })));

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL, maxWidth: '1200px', margin: '0 auto' },
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, paddingBottom: tokens.spacingVerticalS },
  nav: { display: 'flex', gap: tokens.spacingHorizontalM, flexGrow: 1, flexWrap: 'wrap' },
});

const LANG_KEY = 'plansheets.web.lang';
function firstLang(): Lang {
  try {
    const kept = localStorage.getItem(LANG_KEY);
    if (kept === 'en' || kept === 'fa') return kept;
  } catch {
    // no storage: the browser's language decides
  }
  // Persian first: only a browser that asks for another language gets English.
  return /^en\b/i.test(navigator.language) ? 'en' : 'fa';
}

/** What the pages share: who is signed in, the plan, the language. */
export interface PageProps {
  me: Me | null;
  planId: string;
  plan: LoadedPlan;
  lang: Lang;
  s: WebStrings;
  /** Reads the plan again (after a change, or when the server moved on). */
  reload: () => Promise<void>;
  /** A request failed: an expired session goes back to sign-in, anything else is shown. */
  failed: (e: unknown) => void;
}

export function WebApp({ linkToken }: { linkToken?: string }): React.JSX.Element {
  const styles = useStyles();
  const route = useRoute();
  const [lang, setLang] = React.useState<Lang>(firstLang);
  const s = WEB_STRINGS[lang];
  // undefined: not known yet; null: nobody signed in.
  const [me, setMe] = React.useState<Me | null | undefined>(undefined);
  const [plans, setPlans] = React.useState<PlanEntry[] | undefined>(undefined);
  const [planId, setPlanId] = React.useState<string | undefined>(undefined);
  const [plan, setPlan] = React.useState<LoadedPlan | undefined>(undefined);
  const [error, setError] = React.useState<((l: Lang) => string) | undefined>(undefined);
  const publicOnly = me === null;

  const failed = React.useCallback((e: unknown) => {
    if (e instanceof ServerError && e.status === 401) {
      setMe(null);
      setError(() => (l: Lang) => WEB_STRINGS[l].sessionEnded);
      return;
    }
    setError(() => (l: Lang) => errorText(e, l));
  }, []);

  React.useEffect(() => {
    document.documentElement.lang = lang === 'fa' ? 'fa-IR' : 'en';
    document.documentElement.dir = lang === 'fa' ? 'rtl' : 'ltr';
    document.title = s.appTitle;
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // not kept: chosen again next time
    }
  }, [lang, s]);

  React.useEffect(() => {
    (linkToken ? signIn(linkToken) : whoAmI()).then((who) => setMe(who ?? null), (e) => (setMe(null), failed(e)));
  }, [linkToken, failed]);

  // The plans this person may open (or the public ones), then the first (or the one kept).
  React.useEffect(() => {
    if (me === undefined) return;
    setPlans(undefined);
    listPlans(publicOnly).then((list) => {
      setPlans(list);
      setPlanId((id) => (id && list.some((p) => p.id === id) ? id : list[0]?.id));
    }, (e) => (publicOnly ? setPlans([]) : failed(e)));
  }, [me, publicOnly, failed]);

  const reload = React.useCallback(async () => {
    if (!planId) return setPlan(undefined);
    try {
      setPlan(await fetchPlan(planId, publicOnly));
    } catch (e) {
      failed(e);
    }
  }, [planId, publicOnly, failed]);
  React.useEffect(() => void reload(), [reload]);

  const onSignIn = async (token: string) => {
    setError(undefined);
    setMe(await signIn(token));
    window.location.hash = '#/';
  };
  const onSignOut = async () => {
    await signOut();
    setMe(null);
    setPlan(undefined);
    window.location.hash = '#/signin';
  };

  const shown: Route = route.page === 'home' ? (me ? { page: homeOf(me) } : plans?.length ? { page: 'observatory' } : { page: 'signin' }) : route;
  const nav = me ? (['report', 'review', 'observatory'] as const).filter((p) => allowed(me, { page: p })) : plans?.length ? (['observatory'] as const) : [];

  const body = (): React.ReactNode => {
    if (me === undefined) return <Spinner label={s.loading} />;
    if (shown.page === 'signin') return <SignIn s={s} onSignIn={onSignIn} />;
    if (shown.page === 'unknown') return <MessageBar intent="warning"><MessageBarBody>{s.noSuchPage}</MessageBarBody></MessageBar>;
    if (!allowed(me, shown, plans?.length ?? 0)) {
      return (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{me ? s.notYours : s.signInToSee}</MessageBarBody>
        </MessageBar>
      );
    }
    if (plans && plans.length === 0) return <MessageBar intent="info"><MessageBarBody>{s.noPlans}</MessageBarBody></MessageBar>;
    if (!plan || !planId) return <Spinner label={s.loading} />;
    const props: PageProps = { me, planId, plan, lang, s, reload, failed };
    return (
      <React.Suspense fallback={<Spinner label={s.loading} />}>
        {shown.page === 'report' && <Reporting {...props} />}
        {shown.page === 'review' && <Review {...props} />}
        {shown.page === 'observatory' && <Observatory {...props} />}
        {shown.page === 'indicator' && <IndicatorPage {...props} lineRef={shown.ref} />}
      </React.Suspense>
    );
  };

  return (
    <FluentProvider theme={webLightTheme} dir={lang === 'fa' ? 'rtl' : 'ltr'} lang={lang === 'fa' ? 'fa-IR' : 'en'}>
      <div className={styles.root} data-testid="web">
        <header className={styles.header}>
          <Title3 as="h1">{plan ? plan.index.plan.meta.title : s.appTitle}</Title3>
          <nav className={styles.nav} aria-label={s.navigation}>
            {nav.map((p) => (
              <Link key={p} href={href({ page: p })} aria-current={shown.page === p ? 'page' : undefined}>
                {s.pages[p]}
              </Link>
            ))}
          </nav>
          {plans && plans.length > 1 && (
            <select aria-label={s.planChoice} value={planId} onChange={(e) => setPlanId(e.currentTarget.value)}>
              {plans.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title ?? p.id}
                </option>
              ))}
            </select>
          )}
          <Button appearance="subtle" onClick={() => setLang(lang === 'fa' ? 'en' : 'fa')} aria-label={`${s.language}: ${s.otherLanguage}`}>
            {s.otherLanguage}
          </Button>
          {me ? (
            <Button onClick={() => void onSignOut()}>{s.signOut(me.name)}</Button>
          ) : (
            shown.page !== 'signin' && <Link href="#/signin">{s.signInTitle}</Link>
          )}
        </header>
        {error && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{error(lang)}</MessageBarBody>
          </MessageBar>
        )}
        <main>{body()}</main>
      </div>
    </FluentProvider>
  );
}
