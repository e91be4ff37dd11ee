export * from './authority.js';
export * from './workflow.js';
