import { describe, expect, it } from 'vitest';
import { createQueue, enqueue, QueuePool, rateWindow, StoppedError } from '../../src/run/queue.js';
import { sleep } from '../../src/run/retry.js';

describe('rateWindow', () => {
  it('spreads requests per minute evenly: cap / interval = rpm / 60 000', () => {
    expect(rateWindow(600)).toEqual({ intervalCap: 10, interval: 1000 });
    expect(rateWindow(30)).toEqual({ intervalCap: 1, interval: 2000 });
    const w = rateWindow(500);
    expect((w.intervalCap / w.interval) * 60_000).toBeCloseTo(500, 0);
  });
});

describe('createQueue', () => {
  it('never runs more than `concurrency` tasks at once', async () => {
    const q = createQueue({ concurrency: 3 });
    let running = 0;
    let peak = 0;
    await Promise.all(Array.from({ length: 12 }, () => q.add(async () => {
      peak = Math.max(peak, ++running);
      await sleep(5);
      running--;
    })));
    expect(peak).toBe(3);
  });

  it('frees the slot of a task that throws, and clear() drops only waiting tasks', async () => {
    const q = createQueue({ concurrency: 1 });
    await expect(q.add(() => { throw new Error('sync failure'); })).rejects.toThrow('sync failure');
    await expect(q.add(async () => { throw new Error('async failure'); })).rejects.toThrow('async failure');
    const ran: string[] = [];
    const first = q.add(async () => { await sleep(10); ran.push('running'); });
    void q.add(async () => { ran.push('dropped'); });
    q.clear();
    await first;
    await q.add(async () => { ran.push('after'); });
    expect(ran).toEqual(['running', 'after']);
  });

  it('holds to the requests-per-minute limit', async () => {
    const q = createQueue({ concurrency: 50, rpm: 600 }); // 10 starts per second
    const starts: number[] = [];
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 12 }, () => q.add(async () => { starts.push(Date.now() - t0); })));
    expect(starts[9]).toBeLessThan(500);
    expect(starts[10]).toBeGreaterThanOrEqual(950);
  });
});

describe('QueuePool', () => {
  it('gives variants with one queue key one queue with the strictest limits', () => {
    const pool = new QueuePool();
    pool.declare('openai http://x', { concurrency: 16 });
    pool.declare('openai http://x', { concurrency: 4, rpm: 100 });
    pool.declare('anthropic', { concurrency: 2 });
    expect(pool.limits('openai http://x')).toEqual({ concurrency: 4, rpm: 100 });
    expect(pool.get('openai http://x')).toBe(pool.get('openai http://x'));
    expect(pool.get('anthropic').concurrency).toBe(2);
    expect(() => pool.get('undeclared')).toThrow(/before its limits/);
  });
});

describe('enqueue', () => {
  it('drops waiting tasks on stop but lets running ones finish', async () => {
    const q = createQueue({ concurrency: 1 });
    const stop = new AbortController();
    const running = enqueue(q, async () => { await sleep(40); return 'finished'; }, { stop: stop.signal });
    const waiting = enqueue(q, async () => 'never', { stop: stop.signal });
    await sleep(5);
    stop.abort();
    await expect(waiting).rejects.toBeInstanceOf(StoppedError);
    await expect(running).resolves.toBe('finished');
    await expect(enqueue(q, async () => 'late', { stop: stop.signal })).rejects.toBeInstanceOf(StoppedError);
  });

  it('runs higher-priority tasks (retries) before waiting first attempts', async () => {
    const q = createQueue({ concurrency: 1 });
    const order: string[] = [];
    const first = enqueue(q, async () => { await sleep(10); order.push('first'); });
    const a = enqueue(q, async () => { order.push('new'); });
    const b = enqueue(q, async () => { order.push('retry'); }, { priority: 1 });
    await Promise.all([first, a, b]);
    expect(order).toEqual(['first', 'retry', 'new']);
  });
});
