export * from './paths.js';
export * from './records.js';
export * from './runs.js';
