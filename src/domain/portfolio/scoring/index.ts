export * from './ahp.js';
export * from './alignment.js';
export * from './criteria.js';
export * from './score.js';
export * from './weights.js';
export * from './starter.js';
