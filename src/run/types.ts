import type { RunEvent } from '../core/index.js';
import type { LoadedConfig } from '../suite/index.js';
import type { VariantCounts } from '../store/index.js';
import type { Shard } from './plan.js';

/** The agreed options of `executeRun` (see the brief's interfaces; the CLI maps its flags onto these). */
export interface RunOptions {
  configFile?: string;
  loaded?: LoadedConfig;
  resultsDir?: string;
  suites?: string[];
  variants?: string[];
  cases?: string[];
  samples?: number;
  sampleOffset?: number;
  /** `--shard i/n`: run slice i of n of the plan (merge the slices with `atax merge`) */
  shard?: Shard;
  concurrency?: number;
  /** a run id, a unique prefix of one, or `latest` */
  resume?: string;
  noCache?: boolean;
  /** with `resume`: ask again every answer whose last record is an error (the new record supersedes it) */
  retryErrors?: boolean;
  /** a variant whose share of error answers is above this ends the run `finished-with-errors` (default 0.1) */
  maxErrorRate?: number;
  tag?: string;
  onEvent?: (e: RunEvent) => void;
  /** aborting it is Ctrl-C: stop taking work, let in-flight requests finish for a grace period */
  signal?: AbortSignal;
}

export interface RunResult {
  runId: string;
  root: string;
  status: 'finished' | 'finished-with-errors' | 'interrupted';
  total: number;
  done: number;
  errors: number;
  simulated: boolean;
  /** answers served from the request cache rather than asked fresh (also in the manifest) */
  cached: number;
  /** per variant: usable answers, errors and errors by kind (the last record per key) */
  perVariant: Record<string, VariantCounts>;
  /** the variants whose error share is above `maxErrorRate` */
  overErrorLimit: string[];
  maxErrorRate: number;
}
