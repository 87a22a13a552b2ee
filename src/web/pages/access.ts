// Which page each role may open: the pages hide what a role may not reach, and the server refuses
// it all the same (a reporter typing #/review gets the refusal, and the review's data is never asked for).
import type { Me } from '../web-api';
import type { Route } from '../route';

type Page = 'report' | 'review' | 'observatory';

export function homeOf(me: Me): Page {
  return me.role === 'reporter' ? 'report' : me.role === 'secretariat' ? 'review' : 'observatory';
}

/** Whether `me` (null: nobody signed in) may open the route; the public sees the observatory of public plans. */
export function allowed(me: Me | null, route: Route, publicPlans = 0): boolean {
  if (route.page === 'signin' || route.page === 'home' || route.page === 'unknown') return true;
  if (!me) return (route.page === 'observatory' || route.page === 'indicator') && publicPlans > 0;
  if (route.page === 'review') return me.role === 'secretariat';
  if (route.page === 'report') return me.role !== 'viewer';
  return true;
}
