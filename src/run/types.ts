import type { RunEvent } from '../core/index.js';
import type { LoadedConfig } from '../suite/index.js';

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
  concurrency?: number;
  /** a run id, a unique prefix of one, or `latest` */
  resume?: string;
  noCache?: boolean;
  tag?: string;
  onEvent?: (e: RunEvent) => void;
  /** aborting it is Ctrl-C: stop taking work, let in-flight requests finish for a grace period */
  signal?: AbortSignal;
}

export interface RunResult {
  runId: string;
  root: string;
  status: 'finished' | 'interrupted';
  total: number;
  done: number;
  errors: number;
  simulated: boolean;
}
