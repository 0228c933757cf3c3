import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../providers/types.js';
import { attemptSignal, backoffDelay, DEFAULT_RETRY, retryDelay, sleep, withRetry, type RetryInfo } from '../../src/run/retry.js';

const policy = { ...DEFAULT_RETRY, baseDelayMs: 1, maxDelayMs: 4, maxAttempts: 4 };

describe('backoffDelay (full jitter)', () => {
  it('stays within [0, min(max, base·2^(n−1))]', () => {
    const p = { baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 60_000 };
    expect(backoffDelay(1, p, () => 0.999)).toBe(100);
    expect(backoffDelay(3, p, () => 0.5)).toBe(200);
    expect(backoffDelay(10, p, () => 1)).toBe(1000);
    expect(backoffDelay(4, p, () => 0)).toBe(0);
  });
});

describe('retryDelay', () => {
  it('honours Retry-After exactly, capped at maxRetryAfterMs', () => {
    const p = { baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 30_000 };
    expect(retryDelay(new ProviderError('rate-limit', '429', { retryAfterMs: 1234 }), 1, p, () => 0)).toBe(1234);
    expect(retryDelay(new ProviderError('rate-limit', '429', { retryAfterMs: 3_600_000 }), 1, p)).toBe(30_000);
    expect(retryDelay(new ProviderError('server', '500'), 2, p, () => 0.5)).toBe(100);
  });
});

describe('withRetry', () => {
  it('retries retryable errors and reports each retry', async () => {
    const retries: RetryInfo[] = [];
    let calls = 0;
    const out = await withRetry(async () => {
      calls++;
      if (calls === 1) throw new ProviderError('rate-limit', 'slow down', { retryAfterMs: 5 });
      if (calls === 2) throw new ProviderError('server', 'HTTP 500');
      return 'ok';
    }, { policy, onRetry: (r) => retries.push(r) });
    expect(out).toEqual({ ok: true, value: 'ok', attempts: 3 });
    expect(retries.map((r) => [r.attempt, r.reason])).toEqual([[2, 'rate-limit'], [3, 'server']]);
    expect(retries[0].delayMs).toBe(5);
  });

  it('gives up after maxAttempts and returns the last error', async () => {
    let calls = 0;
    const out = await withRetry(async () => {
      calls++;
      throw new ProviderError('network', `reset ${calls}`);
    }, { policy });
    expect(calls).toBe(4);
    expect(out.ok).toBe(false);
    if (!out.ok) expect([out.error.message, out.attempts]).toEqual(['reset 4', 4]);
  });

  it('does not retry auth errors or non-provider errors', async () => {
    let calls = 0;
    const auth = await withRetry(async () => {
      calls++;
      throw new ProviderError('auth', 'HTTP 401');
    }, { policy });
    expect([auth.ok, calls]).toEqual([false, 1]);
    const bug = await withRetry(async () => {
      throw new TypeError('undefined is not a function');
    }, { policy });
    expect(bug.ok).toBe(false);
    if (!bug.ok) expect(bug.error.kind).toBe('bad-response');
  });

  it('rethrows pass-through errors and stops sleeping when stopped', async () => {
    class Stop extends Error {}
    await expect(withRetry(async () => { throw new Stop(); }, { policy, passThrough: (e) => e instanceof Stop })).rejects.toBeInstanceOf(Stop);
    const stop = new AbortController();
    const slow = { ...policy, baseDelayMs: 60_000, maxDelayMs: 60_000 };
    const p = withRetry(async () => { throw new ProviderError('server', '500'); }, { policy: slow, stop: stop.signal, random: () => 1 });
    setTimeout(() => stop.abort(new Error('ctrl-c')), 10);
    const t0 = Date.now();
    await expect(p).rejects.toThrow('ctrl-c');
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});

describe('attemptSignal', () => {
  it('aborts with a TimeoutError after timeoutMs and says it timed out', async () => {
    const s = attemptSignal(20);
    await sleep(60);
    expect(s.signal.aborted).toBe(true);
    expect(s.timedOut()).toBe(true);
    expect((s.signal.reason as Error).name).toBe('TimeoutError');
  });

  it('follows the hard abort, which is not a timeout', () => {
    const hard = new AbortController();
    const s = attemptSignal(10_000, hard.signal);
    expect(s.signal.aborted).toBe(false);
    hard.abort(new Error('grace over'));
    expect(s.signal.aborted).toBe(true);
    expect((s.signal.reason as Error).message).toBe('grace over');
    expect(s.timedOut()).toBe(false);
  });

  it('stops its timer and leaves the hard signal when disposed', async () => {
    const hard = new AbortController();
    const s = attemptSignal(20, hard.signal);
    s.dispose();
    await sleep(60);
    expect(s.signal.aborted).toBe(false); // the timer was cleared
    hard.abort(new Error('grace over'));
    expect(s.signal.aborted).toBe(false); // no longer listening on the run's hard abort
  });

  it('gives every attempt a signal of its own', () => {
    const hard = new AbortController();
    const live = Array.from({ length: 50 }, () => attemptSignal(10_000, hard.signal));
    expect(new Set(live.map((s) => s.signal)).size).toBe(50);
  });
});
