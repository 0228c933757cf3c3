/** Suite and config loading: the agreed entry points. */
export { loadConfig, type LoadedConfig, type LoadConfigOptions } from './load-config.js';
export { loadSuiteFile } from './load-suite.js';
export { demoConfigPath, packageRoot } from './package-root.js';
