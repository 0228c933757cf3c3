import { ProviderError } from '../../providers/types.js';
import type { ErrorKind } from '../core/index.js';

export interface RetryPolicy {
  maxAttempts: number;
  /** first backoff ceiling; doubles each attempt */
  baseDelayMs: number;
  maxDelayMs: number;
  /** a Retry-After longer than this is cut to it: waiting an hour inside a run helps nobody */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, 'maxAttempts'> = { baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 60_000 };

/** Exponential backoff with full jitter (AWS architecture blog): uniform in [0, min(max, base·2^(n−1))]. */
export function backoffDelay(attempt: number, policy: Omit<RetryPolicy, 'maxAttempts'>, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/** The wait before the next attempt: the server's Retry-After exactly when it gave one, else backoff. */
export function retryDelay(err: ProviderError, attempt: number, policy: Omit<RetryPolicy, 'maxAttempts'>, random = Math.random): number {
  if (err.retryAfterMs !== undefined && err.retryAfterMs >= 0) return Math.min(err.retryAfterMs, policy.maxRetryAfterMs);
  return backoffDelay(attempt, policy, random);
}

export interface RetryInfo {
  /** the attempt that is about to be made (2 for the first retry) */
  attempt: number;
  delayMs: number;
  reason: ErrorKind;
  message: string;
}

export type RetryOutcome<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; error: ProviderError; attempts: number };

/**
 * Runs `attempt` until it succeeds, fails for good, or attempts run out. Retryable ProviderErrors
 * (429, 5xx, network, timeout) are retried; anything else that is not a ProviderError is a
 * bad response. Errors in `passThrough` (stop, abort) are rethrown at once, and a `stop` during a
 * backoff sleep rethrows its reason: the caller drops the item rather than recording a failure.
 */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  opts: { policy: RetryPolicy; stop?: AbortSignal; onRetry?: (info: RetryInfo) => void; passThrough?: (err: unknown) => boolean; random?: () => number },
): Promise<RetryOutcome<T>> {
  for (let n = 1; ; n++) {
    try {
      return { ok: true, value: await attempt(n), attempts: n };
    } catch (err) {
      if (opts.passThrough?.(err)) throw err;
      const error = asProviderError(err);
      if (!error.retryable || n >= opts.policy.maxAttempts) return { ok: false, error, attempts: n };
      const delayMs = retryDelay(error, n, opts.policy, opts.random);
      opts.onRetry?.({ attempt: n + 1, delayMs, reason: error.kind, message: error.message });
      await sleep(delayMs, opts.stop);
    }
  }
}

export function asProviderError(err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ProviderError('bad-response', message, { retryable: false, cause: err });
}

/** setTimeout as a promise that rejects with the signal's reason when `signal` fires first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The signal one attempt runs under: its own timeout, or the run's hard abort, whichever comes
 * first. `timedOut` tells the two apart (a timeout aborts with a TimeoutError, as
 * AbortSignal.timeout does). `dispose` (call it when the attempt ends) clears the timer and the
 * listener on `hard`: AbortSignal.timeout + AbortSignal.any kept every attempt's signals, timer and
 * listeners alive for the whole timeout (60 s), so a fast run held all its recent requests and its
 * memory grew with its length.
 */
export function attemptSignal(timeoutMs: number, hard?: AbortSignal): { signal: AbortSignal; timedOut: () => boolean; dispose: () => void } {
  const ctl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  }, timeoutMs);
  timer.unref(); // an attempt in flight keeps the process alive by its socket, not by its timer
  const onHard = () => ctl.abort(hard!.reason);
  if (hard?.aborted) onHard();
  else hard?.addEventListener('abort', onHard, { once: true });
  return {
    signal: ctl.signal,
    timedOut: () => timedOut && !hard?.aborted,
    dispose: () => {
      clearTimeout(timer);
      hard?.removeEventListener('abort', onHard);
    },
  };
}
