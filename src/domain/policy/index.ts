export * from './roles.js';
export * from './actions.js';
export * from './scope-path.js';
export * from './can.js';
