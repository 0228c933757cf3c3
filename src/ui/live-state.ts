import type { LanePace, RunEvent } from '../core/index.js';

/**
 * The live run screen's state, folded from RunEvents by a pure reducer so the screen only renders.
 * Times are passed in (`now`, ms) so the reducer stays deterministic under test.
 */
export interface VariantProgress {
  id: string;
  total: number;
  done: number;
  /** answers served from the cache: they finish instantly and would inflate the rate */
  cached: number;
  /** records an earlier session of a resumed run already wrote: counted as done, not in the rate */
  resumed: number;
  errors: number;
  retries: number;
  inFlight: number;
  /** when this variant's first fresh (uncached) answer started */
  startedAt?: number;
  finishedAt?: number;
}

export interface LiveState {
  runId: string;
  variants: string[];
  progress: Record<string, VariantProgress>;
  startedAt: number;
  status: 'running' | 'finished' | 'finished-with-errors' | 'interrupted' | 'failed';
  message?: string;
  lastRetry?: string;
  /** each provider lane's current pace and the limit it is bound by (the runner's `pace` events) */
  pace?: LanePace[];
  /** provider batches of `batch: true` variants, by batch id, in the order they were seen */
  batches?: Record<string, BatchProgress>;
}

export interface BatchProgress {
  variantId: string;
  batchId: string;
  /** the provider's own word (submitted, validating, in_progress, completed, ended, expired, …) */
  providerStatus: string;
  running: boolean;
  requests: number;
  succeeded?: number;
}

const emptyProgress = (id: string): VariantProgress => ({ id, total: 0, done: 0, cached: 0, resumed: 0, errors: 0, retries: 0, inFlight: 0 });

export function initLiveState(opts: { runId: string; variants: string[]; total: number }, now: number): LiveState {
  const per = opts.variants.length ? Math.floor(opts.total / opts.variants.length) : 0;
  const progress: Record<string, VariantProgress> = {};
  for (const id of opts.variants) progress[id] = { ...emptyProgress(id), total: per };
  return { runId: opts.runId, variants: [...opts.variants], progress, startedAt: now, status: 'running' };
}

function update(s: LiveState, id: string, f: (p: VariantProgress) => VariantProgress): LiveState {
  const variants = s.variants.includes(id) ? s.variants : [...s.variants, id];
  const prev = s.progress[id] ?? emptyProgress(id);
  return { ...s, variants, progress: { ...s.progress, [id]: f(prev) } };
}

/** A variant's plan; on a resume it starts from what the earlier session already wrote. */
function planned(p: VariantProgress, total: number, already: number, now: number): VariantProgress {
  const resumed = Math.min(total, already);
  return { ...p, total, done: resumed, resumed, finishedAt: total > 0 && resumed >= total ? now : p.finishedAt };
}

export function applyRunEvent(s: LiveState, e: RunEvent, now: number): LiveState {
  switch (e.type) {
    case 'planned': {
      let next: LiveState = { ...s, startedAt: now };
      for (const id of e.variants) next = update(next, id, (p) => planned(p, e.perVariant[id] ?? p.total, e.alreadyDonePerVariant?.[id] ?? 0, now));
      return next;
    }
    case 'started':
      return update(s, e.variantId, (p) => ({ ...p, inFlight: p.inFlight + 1, startedAt: p.startedAt ?? now }));
    case 'record': {
      const r = e.record;
      return update(s, r.variantId, (p) => {
        const done = p.done + 1;
        return {
          ...p,
          done,
          cached: p.cached + (e.cached ? 1 : 0),
          errors: p.errors + (r.completion.error ? 1 : 0),
          inFlight: Math.max(0, p.inFlight - (e.cached ? 0 : 1)),
          finishedAt: done >= p.total && p.total > 0 ? now : p.finishedAt,
        };
      });
    }
    case 'retried':
      return { ...update(s, e.variantId, (p) => ({ ...p, retries: p.retries + 1 })), lastRetry: `${e.variantId} ${e.caseId}: ${e.reason}` };
    case 'finished':
      return { ...s, status: e.status };
    case 'failed':
      return { ...s, status: 'failed', message: e.message };
    case 'pace':
      return { ...s, pace: e.lanes };
    case 'batch':
      return { ...s, batches: { ...s.batches, [e.batchId]: { variantId: e.variantId, batchId: e.batchId, providerStatus: e.providerStatus, running: e.state === 'running', requests: e.requests, ...(e.succeeded !== undefined && { succeeded: e.succeeded }) } } };
  }
}

/** Fresh answers per second since the variant's first fresh answer started (cache hits excluded). */
export function ratePerSecond(p: VariantProgress, now: number): number | undefined {
  const fresh = p.done - p.cached - p.resumed;
  if (p.startedAt === undefined || fresh <= 0) return undefined;
  const seconds = ((p.finishedAt ?? now) - p.startedAt) / 1000;
  return seconds > 0 ? fresh / seconds : undefined;
}

/** Seconds left at the current rate; undefined until there is a rate to go on. */
export function etaSeconds(p: VariantProgress, now: number): number | undefined {
  const left = p.total - p.done;
  if (left <= 0) return 0;
  const rate = ratePerSecond(p, now);
  return rate ? left / rate : undefined;
}

/** Every answer came from an earlier session of this run: nothing to do now. */
export function wasDoneBefore(p: VariantProgress): boolean {
  return p.total > 0 && p.resumed >= p.total;
}

export function isVariantDone(p: VariantProgress): boolean {
  return p.total > 0 && p.done >= p.total;
}

export function totals(s: LiveState): { done: number; total: number; errors: number; retries: number; resumed: number } {
  const ps = Object.values(s.progress);
  return {
    done: ps.reduce((n, p) => n + p.done, 0),
    resumed: ps.reduce((n, p) => n + p.resumed, 0),
    total: ps.reduce((n, p) => n + p.total, 0),
    errors: ps.reduce((n, p) => n + p.errors, 0),
    retries: ps.reduce((n, p) => n + p.retries, 0),
  };
}
