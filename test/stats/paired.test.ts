import { describe, expect, it } from 'vitest';
import { mcnemar, newcombeUnpaired, pairedDiff } from '../../src/stats/index.js';

const near = (got: { lo: number; hi: number }, lo: number, hi: number, tol = 5e-4) => {
  expect(Math.abs(got.lo - lo)).toBeLessThan(tol);
  expect(Math.abs(got.hi - hi)).toBeLessThan(tol);
};

describe('mcnemar', () => {
  it('b = 1, c = 7: asymptotic 0.0339, exact 0.0703, mid-p 0.0391', () => {
    const r = mcnemar(1, 7);
    expect(r.pAsymptotic).toBeCloseTo(0.0339, 4);
    expect(r.pExact).toBeCloseTo(0.0703, 4);
    expect(r.pMid).toBeCloseTo(0.0391, 4);
  });
  it('exact p agrees with a two-sided binomial test: 2·(1 + 8)/256', () => {
    expect(mcnemar(7, 1).pExact).toBeCloseTo((2 * 9) / 256, 12);
  });
  it('is symmetric in b and c and gives p = 1 for balanced or empty discordance', () => {
    expect(mcnemar(3, 9)).toEqual(mcnemar(9, 3));
    expect(mcnemar(5, 5)).toEqual({ pAsymptotic: 1, pExact: 1, pMid: 1 });
    expect(mcnemar(0, 0)).toEqual({ pAsymptotic: 1, pExact: 1, pMid: 1 });
  });
  it('mid-p is never above the exact p', () => {
    for (const [b, c] of [[0, 4], [2, 11], [10, 14], [30, 45]]) expect(mcnemar(b, c).pMid).toBeLessThanOrEqual(mcnemar(b, c).pExact);
  });
  it('keeps tiny tails instead of rounding them to zero', () => {
    const p = mcnemar(0, 60).pExact;
    expect(p).toBeGreaterThan(0);
    expect(p).toBeCloseTo(2 * 0.5 ** 60, 25);
  });
});

describe('pairedDiff', () => {
  it('Newcombe method 10 on (20, 12, 2, 16) → (0.0562, 0.3292)', () => {
    const r = pairedDiff({ a: 20, b: 12, c: 2, d: 16 }, { method: 'newcombe' });
    expect(r.estimate).toBeCloseTo(10 / 50, 12);
    near(r, 0.0562, 0.3292);
  });
  it('Newcombe method 10 on (1, 1, 7, 12) → (−0.507, −0.026), Fagerland 2014', () => {
    near(pairedDiff({ a: 1, b: 1, c: 7, d: 12 }), -0.507, -0.026, 1e-3);
  });
  it('Tango score interval on (1, 1, 7, 12) → (−0.517, −0.026), Fagerland 2014', () => {
    const r = pairedDiff({ a: 1, b: 1, c: 7, d: 12 }, { method: 'tango' });
    expect(r.estimate).toBeCloseTo(-6 / 21, 12);
    near(r, -0.517, -0.026, 1e-3);
  });
  it('both methods contain the estimate and shrink with n', () => {
    for (const method of ['newcombe', 'tango'] as const) {
      const small = pairedDiff({ a: 20, b: 12, c: 2, d: 16 }, { method });
      const big = pairedDiff({ a: 200, b: 120, c: 20, d: 160 }, { method });
      expect(small.lo).toBeLessThan(small.estimate);
      expect(small.hi).toBeGreaterThan(small.estimate);
      expect(big.hi - big.lo).toBeLessThan(small.hi - small.lo);
    }
  });
  it('is narrower than the unpaired interval on positively correlated data', () => {
    // 70 of 100 agree on yes, 20 agree on no: strong positive correlation
    const t = { a: 70, b: 8, c: 2, d: 20 };
    const paired = pairedDiff(t);
    const unpaired = newcombeUnpaired(t.a + t.b, 100, t.a + t.c, 100);
    expect(paired.hi - paired.lo).toBeLessThan(unpaired.hi - unpaired.lo);
    const tangoCi = pairedDiff(t, { method: 'tango' });
    expect(tangoCi.hi - tangoCi.lo).toBeLessThan(unpaired.hi - unpaired.lo);
  });
  it('an A/A table (no discordant pairs) is centred on 0 and contains it', () => {
    for (const method of ['newcombe', 'tango'] as const) {
      const r = pairedDiff({ a: 30, b: 0, c: 0, d: 70 }, { method });
      expect(r.estimate).toBe(0);
      expect(r.lo).toBeLessThan(0);
      expect(r.hi).toBeGreaterThan(0);
    }
  });
});
