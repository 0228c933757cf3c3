import { describe, expect, it } from 'vitest';
import { ProviderQueue, QueuePool, StoppedError } from '../../src/run/queue.js';
import { sleep } from '../../src/run/retry.js';

const run = <T>(q: ProviderQueue, task: () => Promise<T> | T, opts: Parameters<ProviderQueue['add']>[1] = {}) => q.add(async () => task(), opts);

describe('ProviderQueue', () => {
  it('never runs more than `concurrency` tasks at once', async () => {
    const q = new ProviderQueue('k', { concurrency: 3 });
    let running = 0;
    let peak = 0;
    await Promise.all(Array.from({ length: 12 }, () => run(q, async () => {
      peak = Math.max(peak, ++running);
      await sleep(5);
      running--;
    })));
    expect(peak).toBe(3);
  });

  it('frees the slot of a task that throws, and clear() drops only waiting tasks', async () => {
    const q = new ProviderQueue('k', { concurrency: 1 });
    await expect(run(q, () => { throw new Error('sync failure'); })).rejects.toThrow('sync failure');
    await expect(run(q, async () => { throw new Error('async failure'); })).rejects.toThrow('async failure');
    const ran: string[] = [];
    const first = run(q, async () => { await sleep(10); ran.push('running'); });
    void run(q, async () => { ran.push('dropped'); });
    await sleep(1);
    q.clear();
    await first;
    await run(q, async () => { ran.push('after'); });
    expect(ran).toEqual(['running', 'after']);
  });

  it('holds to the configured requests per minute: one second of burst, then evenly spaced', async () => {
    const q = new ProviderQueue('k', { concurrency: 50, rpm: 600 }); // 10 a second
    const starts: number[] = [];
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 14 }, () => run(q, () => { starts.push(Date.now() - t0); })));
    expect(starts.slice(0, 10).every((t) => t < 100)).toBe(true);
    expect(starts[10]).toBeGreaterThanOrEqual(90);
    expect(starts[13]).toBeGreaterThanOrEqual(390);
    expect(q.pace().boundBy).toBe('rpm');
  });

  it('holds to the configured tokens per minute, charging each request its estimate', async () => {
    const q = new ProviderQueue('k', { concurrency: 50, tpm: 60_000 }); // 1,000 tokens a second, 1,000 of burst
    expect(q.countsTokens).toBe(true);
    const starts: number[] = [];
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 4 }, () => run(q, () => { starts.push(Date.now() - t0); }, { tokens: 500 })));
    expect(starts[1]).toBeLessThan(100); // the first second's 1,000 tokens
    expect(starts[2]).toBeGreaterThanOrEqual(450); // then 500 tokens every half second
    expect(starts[3]).toBeGreaterThanOrEqual(950);
    expect(q.pace().boundBy).toBe('tpm');
  });

  it('drops waiting tasks on stop, including one waiting for its rate budget, but lets running ones finish', async () => {
    const q = new ProviderQueue('k', { concurrency: 2, rpm: 60 }); // one start a second after the first
    const stop = new AbortController();
    const running = q.add(async () => { await sleep(40); return 'finished'; }, { stop: stop.signal });
    const pacing = q.add(async () => 'never (rate)', { stop: stop.signal });
    const waiting = q.add(async () => 'never (slot)', { stop: stop.signal });
    await sleep(5);
    stop.abort();
    await expect(pacing).rejects.toBeInstanceOf(StoppedError);
    await expect(waiting).rejects.toBeInstanceOf(StoppedError);
    await expect(running).resolves.toBe('finished');
    await expect(q.add(async () => 'late', { stop: stop.signal })).rejects.toBeInstanceOf(StoppedError);
  });

  it('runs higher-priority tasks (retries) before waiting first attempts', async () => {
    const q = new ProviderQueue('k', { concurrency: 1 });
    const order: string[] = [];
    const first = run(q, async () => { await sleep(10); order.push('first'); });
    const a = run(q, async () => { order.push('new'); });
    const b = run(q, async () => { order.push('retry'); }, { priority: 1 });
    await Promise.all([first, a, b]);
    expect(order).toEqual(['first', 'retry', 'new']);
  });

  it('halves the in-flight limit once per round of 429s and grows it back one per round of successes', async () => {
    const q = new ProviderQueue('k', { concurrency: 16 });
    const tickets = await Promise.all(Array.from({ length: 8 }, () => q.add(async (t) => t)));
    // eight requests of one round answered 429: one cut, not eight
    for (const t of tickets) q.settle(t, { rateLimited: true });
    expect(q.concurrency).toBe(8);
    const later = await q.add(async (t) => t);
    q.settle(later, { rateLimited: true });
    expect(q.concurrency).toBe(4);
    const more = await Promise.all(Array.from({ length: 40 }, () => q.add(async (t) => t)));
    for (const t of more) q.settle(t, { rateLimited: false });
    expect(q.concurrency).toBeGreaterThan(4);
    expect(q.concurrency).toBeLessThanOrEqual(16);
    expect(q.pace().rateLimited).toBe(9);
  });

  it('paces from the server\'s headers: no start while it reports nothing remaining', async () => {
    const q = new ProviderQueue('k', { concurrency: 4 });
    const t = await q.add(async (ticket) => ticket);
    // 60 a minute = one a second; nothing left of it now
    q.observe(t, { requests: { limit: 60, remaining: 0, resetMs: 1000 } });
    const t0 = Date.now();
    await run(q, () => {});
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(q.pace().limits.rpm).toBe(60);
    expect(q.pace().boundBy).toBe('server rpm');
  });
});

describe('QueuePool', () => {
  it('gives variants with one queue key one lane with the strictest limits', () => {
    const pool = new QueuePool();
    pool.declare('openai http://x', { concurrency: 16, tpm: 90_000 });
    pool.declare('openai http://x', { concurrency: 4, rpm: 100, tpm: 30_000 });
    pool.declare('anthropic', { concurrency: 2 });
    expect(pool.limits('openai http://x')).toEqual({ concurrency: 4, rpm: 100, tpm: 30_000 });
    expect(pool.get('openai http://x')).toBe(pool.get('openai http://x'));
    expect(pool.get('anthropic').concurrency).toBe(2);
    expect(() => pool.get('undeclared')).toThrow(/before its limits/);
  });
});
