// Looking up what the pages name: a line by its ref (an indicator or one of its items), a unit by id.
import type { Line, PlanIndex } from '../../core/plan/plan-index';

export const lineOf = (index: PlanIndex, ref: string): Line | undefined => index.indicators.get(ref)?.self ?? index.items.get(ref);

export const unitTitle = (index: PlanIndex, id: string): string => index.plan.units?.find((u) => u.id === id)?.title ?? id;
