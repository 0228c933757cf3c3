export * from './check.js';
export * from './suite.js';
export * from './config.js';
export * from './record.js';
export * from './manifest.js';
export * from './events.js';
export * from './report.js';
