export * from './vocabulary.js';
export * from './alignment.js';
export * from './hierarchy.js';
