import { resolve } from 'node:path';
import { isFinishedStatus, type Manifest } from '../core/index.js';
import { loadConfig, type LoadedConfig } from '../suite/index.js';
import { UserError } from '../errors.js';
import { listRunIds, lockHolder, readManifest, resolveRunId, resultsRoot } from '../store/index.js';
import { buildPlan, type Plan, type PlanSelection } from './plan.js';
import { selectionOf } from './manifest.js';
import type { RunOptions } from './types.js';

export const DEFAULT_CONFIG_FILE = 'atax.config.yaml';

/** The config loaded, the results folder chosen and the plan built: everything before any request. */
export interface PreparedRun {
  loaded: LoadedConfig;
  root: string;
  selection: PlanSelection;
  plan: Plan;
  /** set when resuming: the run and its manifest */
  resume?: { runId: string; manifest: Manifest };
}

export async function loadRunConfig(opts: Pick<RunOptions, 'loaded' | 'configFile'>): Promise<LoadedConfig> {
  return opts.loaded ?? loadConfig(opts.configFile ?? DEFAULT_CONFIG_FILE, { checkKeys: true });
}

/** `--results`, else the config's `results:` (relative to the config file), else ./results. */
export function rootFor(loaded: LoadedConfig, resultsDir?: string): string {
  return resultsRoot(resultsDir, loaded.config.results ? resolve(loaded.baseDir, loaded.config.results) : undefined);
}

const hasSelection = (o: RunOptions) =>
  Boolean(o.suites?.length || o.variants?.length || o.cases?.length || o.samples !== undefined || o.sampleOffset !== undefined || o.shard);

export async function prepareRun(opts: RunOptions): Promise<PreparedRun> {
  if (opts.concurrency !== undefined && (!Number.isInteger(opts.concurrency) || opts.concurrency < 1)) {
    throw new UserError(`--concurrency must be a whole number ≥ 1, got ${opts.concurrency}`);
  }
  const loaded = await loadRunConfig(opts);
  const root = rootFor(loaded, opts.resultsDir);
  const given: PlanSelection = { suites: opts.suites, variants: opts.variants, cases: opts.cases, samples: opts.samples, sampleOffset: opts.sampleOffset, shard: opts.shard };
  if (!opts.resume) return { loaded, root, selection: given, plan: buildPlan(loaded, given) };

  const runId = resolveRunId(root, opts.resume);
  const manifest = readManifest(root, runId);
  // without selection flags a resume replays the run's own selection
  const selection = hasSelection(opts) ? given : selectionOf(manifest);
  const plan = buildPlan(loaded, selection);
  if (plan.hash !== manifest.planHash) {
    throw new UserError(
      `cannot resume run ${runId}: its plan changed since it started (the config, a suite or the --suite/--variant/--cases/--samples selection differ)`,
      'restore the config the run used, or start a new run with `atax run` (without --resume)',
    );
  }
  const holder = lockHolder(root, runId);
  if (holder !== undefined && holder !== process.pid) {
    throw new UserError(`run ${runId} is still running (process ${holder})`, 'wait for it to finish, or stop it with Ctrl-C and resume afterwards');
  }
  return { loaded, root, selection, plan, resume: { runId, manifest } };
}

/**
 * The newest run in `root` with the same plan that did not finish (interrupted, or killed while
 * running) and that no live process holds: what `atax run` offers to resume.
 */
export function findUnfinishedRun(root: string, planHash: string, shard?: Plan['shard']): string | undefined {
  for (const runId of listRunIds(root).reverse()) {
    let m: Manifest;
    try {
      m = readManifest(root, runId);
    } catch {
      continue;
    }
    if (m.planHash !== planHash) continue;
    if (JSON.stringify(m.selection?.shard ?? null) !== JSON.stringify(shard ?? null)) continue; // another slice of the same plan
    if (isFinishedStatus(m.status) || m.status === 'failed') return undefined; // a newer finished run supersedes older leftovers
    if (lockHolder(root, runId) === undefined) return runId;
  }
  return undefined;
}
