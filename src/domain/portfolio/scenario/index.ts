export * from './build-model.js';
export * from './settings.js';
