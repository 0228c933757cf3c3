import { setMaxListeners } from 'node:events';
import { mkdirSync } from 'node:fs';
import type { Manifest, RunEvent } from '../core/index.js';
import {
  cacheDir, doneKeys, ensureWritableFolder, emptyCounts, newRunId, recordsPath, releaseLock, repairTornTail, runDir, takeLock, writeManifest,
  RecordWriter, type RunCounts,
} from '../store/index.js';
import { CompletionCache } from './cache.js';
import { runEngine } from './engine.js';
import { createJudgeReviewer, type JudgeReviewer } from './judge.js';
import { buildLane, judgeVariant } from './lanes.js';
import { newManifest } from './manifest.js';
import { QueuePool } from './queue.js';
import type { Lane, RequestEnv } from './request.js';
import { prepareRun, type PreparedRun } from './session.js';
import type { RunOptions, RunResult } from './types.js';
import { UserError, environmentError } from '../errors.js';

/** Above this share of error answers in any variant a run ends `finished-with-errors` (exit 3). */
export const DEFAULT_MAX_ERROR_RATE = 0.1;

/** The variants whose share of error answers (errors / answers recorded) is above `max`. */
export function variantsOverErrorLimit(counts: RunCounts, max: number): string[] {
  return Object.entries(counts.perVariant).filter(([, c]) => c.errors > 0 && c.errors / (c.errors + c.answered) > max).map(([id]) => id);
}

const PACE_EVERY_MS = 1000;

/** How long in-flight requests may finish after Ctrl-C before they are aborted. */
export const GRACE_MS = 2000;

/**
 * Runs (or resumes) a plan: every missing case × variant × sample is answered once, classified and
 * appended to records.jsonl as it finishes. Aborting `opts.signal` stops taking work, gives
 * in-flight requests GRACE_MS to finish, and leaves the run `interrupted` and resumable.
 */
export async function executeRun(opts: RunOptions): Promise<RunResult> {
  if (opts.retryErrors && !opts.resume) throw new UserError('--retry-errors needs --resume RUN', 'name the run whose error answers to ask again: atax run --resume RUN --retry-errors');
  const prep = await prepareRun(opts);
  const pool = new QueuePool();
  const ctx = { config: prep.loaded.config, baseDir: prep.loaded.baseDir, concurrency: opts.concurrency, pool };
  const lanes = new Map<string, Lane>(prep.plan.variants.map((v) => [v.id, buildLane(v, ctx)]));
  const judgeLane = prep.loaded.config.judge ? buildLane(judgeVariant(prep.loaded.config.judge), ctx) : undefined;
  const simulated = new Set([...lanes].filter(([, l]) => l.provider.simulated).map(([id]) => id));

  const root = prep.root;
  const stopping = graceful(opts.signal, pool);
  try {
    const env: RequestEnv = { pool, stop: stopping.stop, hard: stopping.hard, cache: opts.noCache ? undefined : new CompletionCache(cacheDir(root)) };
    const judge = judgeLane ? createJudgeReviewer(prep.loaded.config.judge!, prep.loaded.baseDir, judgeLane, env) : undefined;
    return await execute(prep, { lanes, env, judge, simulated, opts });
  } finally {
    stopping.dispose();
  }
}

interface Machinery {
  lanes: Map<string, Lane>;
  env: RequestEnv;
  judge?: JudgeReviewer;
  simulated: Set<string>;
  opts: RunOptions;
}

async function execute(prep: PreparedRun, m: Machinery): Promise<RunResult> {
  const { manifest, done, counts } = await openRun(prep, m.simulated, m.opts.tag, m.opts.retryErrors);
  const { runId } = manifest;
  const root = prep.root;
  const emit = (e: RunEvent) => m.opts.onEvent?.(e);
  takeLock(root, runId);
  const writer = new RecordWriter(recordsPath(root, runId), { buffered: true });
  const total = prep.plan.size;
  emit({ type: 'planned', runId, total, alreadyDone: counts.done, perVariant: perVariant(prep), variants: prep.plan.variants.map((v) => v.id), alreadyDonePerVariant: Object.fromEntries(Object.entries(counts.perVariant).map(([id, c]) => [id, c.answered + c.errors])) });
  // a second Ctrl-C exits the process at once: the lines still buffered are written on the way out
  const flushOnExit = () => writer.flush();
  process.once('exit', flushOnExit);
  // each provider lane's pace and what bounds it, for the progress line and the live screen
  const paceTimer = setInterval(() => emit({ type: 'pace', runId, lanes: m.env.pool.pace() }), PACE_EVERY_MS);
  paceTimer.unref();
  try {
    await runEngine({ runId, plan: prep.plan, lanes: m.lanes, done, writer, counts, env: m.env, judge: m.judge, emit });
    writer.sync(); // a write the buffer kept failing (a full disk) shows here at the latest
  } catch (err) {
    const failure = failRun(root, manifest, writer, err);
    emit({ type: 'failed', runId, message: failure instanceof Error ? failure.message : String(failure) });
    throw failure;
  } finally {
    process.off('exit', flushOnExit);
    clearInterval(paceTimer);
  }
  const stopping = m.env.stop;
  const maxErrorRate = m.opts.maxErrorRate ?? DEFAULT_MAX_ERROR_RATE;
  const overErrorLimit = variantsOverErrorLimit(counts, maxErrorRate);
  const status = counts.done < total && stopping.aborted ? 'interrupted' : overErrorLimit.length > 0 ? 'finished-with-errors' : 'finished';
  finish(root, { ...manifest, cached: counts.cached }, writer, status);
  emit({ type: 'finished', runId, status, done: counts.done, errors: counts.errors, total });
  return { runId, root, status, total, done: counts.done, errors: counts.errors, simulated: manifest.simulated, cached: counts.cached, perVariant: counts.perVariant, overErrorLimit, maxErrorRate };
}

/** A new run (manifest written, status running), or the resumed one with the keys it already has. */
async function openRun(prep: PreparedRun, simulated: Set<string>, tag?: string, retryErrors = false): Promise<{ manifest: Manifest; done: Set<string>; counts: RunCounts }> {
  if (prep.resume) {
    const { runId, manifest } = prep.resume;
    ensureWritableFolder(runDir(prep.root, runId));
    repairTornTail(recordsPath(prep.root, runId));
    const { keys, counts } = await doneKeys(prep.root, runId, { retryErrors });
    const reopened: Manifest = { ...manifest, status: 'running', finishedAt: undefined };
    writeManifest(prep.root, reopened);
    return { manifest: reopened, done: keys, counts };
  }
  const runId = newRunId();
  ensureWritableFolder(prep.root);
  mkdirSync(runDir(prep.root, runId), { recursive: true });
  const manifest = newManifest({ runId, loaded: prep.loaded, plan: prep.plan, selection: prep.selection, simulatedVariants: simulated, tag });
  writeManifest(prep.root, manifest);
  return { manifest, done: new Set(), counts: emptyCounts() };
}

function finish(root: string, manifest: Manifest, writer: RecordWriter, status: Manifest['status']): void {
  try {
    writer.close();
    writeManifest(root, { ...manifest, status, finishedAt: new Date().toISOString() });
  } finally {
    releaseLock(root, manifest.runId);
  }
}

/**
 * A run that cannot go on (a full disk, an unwritable folder, a bug): the lock is released whatever
 * else fails, the manifest says `failed` if it can still be written, and a file-system failure comes
 * back as an EnvironmentError carrying the run id, so the CLI prints how to resume.
 */
function failRun(root: string, manifest: Manifest, writer: RecordWriter, err: unknown): unknown {
  try {
    writer.abandon();
    writeManifest(root, { ...manifest, status: 'failed', finishedAt: new Date().toISOString() });
  } catch { /* the disk may still be full: the lock below matters more, and a resume repairs the rest */ } finally {
    releaseLock(root, manifest.runId);
  }
  const env = environmentError(err);
  if (env) env.runId = manifest.runId;
  return env ?? err;
}

function perVariant(prep: PreparedRun): Record<string, number> {
  return { ...prep.plan.perVariant };
}

/**
 * Ctrl-C in two steps: `stop` fires with the caller's signal (waiting work is dropped), `hard` fires
 * GRACE_MS later (in-flight requests are aborted).
 */
function graceful(signal: AbortSignal | undefined, pool: QueuePool): { stop: AbortSignal; hard: AbortSignal; dispose: () => void } {
  const stop = new AbortController();
  const hard = new AbortController();
  // every waiting request listens on these: thousands of listeners are expected, not a leak
  setMaxListeners(0, stop.signal, hard.signal);
  let timer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    stop.abort(signal?.reason);
    pool.clear();
    timer = setTimeout(() => hard.abort(new Error('grace period over')), GRACE_MS);
    timer.unref();
  };
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    stop: stop.signal,
    hard: hard.signal,
    dispose: () => {
      signal?.removeEventListener('abort', onAbort);
      clearTimeout(timer);
    },
  };
}
