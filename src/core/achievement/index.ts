export * from './achievement';
export * from './budget';
export * from './periods';
