// Looking up what the pages name: a line by its ref (core's rule), a unit's title by its id.
import type { PlanIndex } from '../../core/plan/plan-index';

export { lineOf } from '../../core/rights/rights';

export const unitTitle = (index: PlanIndex, id: string): string => index.plan.units?.find((u) => u.id === id)?.title ?? id;
