export * from './paths.js';
export * from './records.js';
export * from './runs.js';
export * from './lock.js';
export * from './summary.js';
export * from './json-file.js';
export * from './report-json.js';
