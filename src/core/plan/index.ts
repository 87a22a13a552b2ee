export * from './plan.types';
export * from './problems';
export * from './plan-index';
export * from './load';
export { planSchema } from './schema-check';
