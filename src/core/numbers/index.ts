export * from './digits';
export * from './parse-number';
export * from './codes';
export * from './periods';
export * from './limits';
