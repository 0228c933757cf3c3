import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/run/pacer.js';

describe('Pacer (clock given in ms)', () => {
  it('spaces requests evenly at a configured rpm after one second of burst', () => {
    const p = new Pacer({ rpm: 120 }, 0); // 2 a second, burst 2
    p.start(0, 0);
    p.start(0, 0);
    expect(p.delay(0, 0)).toBe(500);
    expect(p.bound).toBe('rpm');
    expect(p.delay(0, 500)).toBe(0);
  });

  it('takes a server\'s remaining budget, less the requests started after the answered one', () => {
    const p = new Pacer({}, 0);
    const first = p.start(0, 0);
    p.start(0, 0);
    p.start(0, 0);
    // 60 a minute (one a second); 2 left when the first was taken, two more sent since: none left
    p.observe(first, { requests: { limit: 60, remaining: 2 } }, 0);
    expect(p.delay(0, 0)).toBe(1000);
    expect(p.bound).toBe('server rpm');
    expect(p.limits()).toEqual({ rpm: 60, tpm: undefined });
  });

  it('ignores an answer older than one already read', () => {
    const p = new Pacer({}, 0);
    const a = p.start(0, 0);
    const b = p.start(0, 0);
    p.observe(b, { requests: { limit: 600, remaining: 300 } }, 0);
    p.observe(a, { requests: { limit: 600, remaining: 0 } }, 0);
    expect(p.delay(0, 0)).toBe(0);
  });

  it('keeps its own refill within what the answer allows: no more than remaining plus the refill since sending', () => {
    const p = new Pacer({}, 0);
    const a = p.start(0, 0);
    p.observe(a, { tokens: { limit: 60_000, remaining: 0 } }, 0); // 1,000 tokens a second, none left
    const b = p.start(0, 1000); // a second later: 1,000 refilled
    // answered 2 s after it was sent, reporting nothing left then: at most 2,000 refilled since
    p.observe(b, { tokens: { limit: 60_000, remaining: 0 } }, 3000);
    expect(p.delay(2000, 3000)).toBe(0);
    expect(p.delay(2500, 3000)).toBe(500);
  });

  it('sizes the server\'s bucket from remaining plus the refill until full: no burst past it after a quiet spell', () => {
    const p = new Pacer({}, 0);
    const a = p.start(0, 0);
    // 600 a minute, 9 left, full again in 100 ms: a bucket of 10 (a server enforcing 1 s windows)
    p.observe(a, { requests: { limit: 600, remaining: 9, resetMs: 100 } }, 0);
    for (let i = 0; i < 10; i++) p.start(0, 60_000); // a minute later: the bucket holds 10, not 600
    expect(p.delay(0, 60_000)).toBe(100);
  });

  it('pauses everything for a Retry-After', () => {
    const p = new Pacer({}, 0);
    p.block(1500, 100);
    expect(p.delay(0, 100)).toBe(1500);
    expect(p.bound).toBe('retry-after');
  });

  it('charges tokens against a tpm budget and goes into debt for a request larger than the burst', () => {
    const p = new Pacer({ tpm: 6000 }, 0); // 100 a second, burst 100
    expect(p.countsTokens).toBe(true);
    expect(p.delay(500, 0)).toBe(0); // larger than the bucket: starts when it is full
    p.start(500, 0);
    expect(p.delay(100, 0)).toBe(5000); // 400 of debt + 100 for itself at 100 a second
  });
});
