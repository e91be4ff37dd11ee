export * from './capacity.js';
export * from './heat-map.js';
export * from './months.js';
export * from './spread.js';
