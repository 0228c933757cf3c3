/** The runner's public surface: the CLI and other commands import from here only. */
export { executeRun, GRACE_MS } from './execute.js';
export type { RunOptions, RunResult } from './types.js';
export { prepareRun, findUnfinishedRun, loadRunConfig, rootFor, DEFAULT_CONFIG_FILE, type PreparedRun } from './session.js';
export { buildPlan, planItems, buildMessages, planHash, type Plan, type PlanItem, type PlanSelection } from './plan.js';
export { cacheKey, CompletionCache } from './cache.js';
export { scrubSecrets } from './secrets.js';
