export * from './errors';
export * from './refs';
export * from './plan-functions';
export * from './catalog';
