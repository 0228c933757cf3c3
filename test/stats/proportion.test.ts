import { describe, expect, it } from 'vitest';
import { clopperPearson, clusteredWilson, newcombeUnpaired, wilson } from '../../src/stats/index.js';

const TOL = 5e-4;
const near = (got: { lo: number; hi: number }, lo: number, hi: number, tol = TOL) => {
  expect(Math.abs(got.lo - lo)).toBeLessThan(tol);
  expect(Math.abs(got.hi - hi)).toBeLessThan(tol);
};

describe('wilson (reference values: Newcombe 1998)', () => {
  it('15/148 → (0.0624, 0.1605)', () => near(wilson(15, 148), 0.0624, 0.1605));
  it('0/20 → (0, 0.1611): no Wald collapse at the edge', () => near(wilson(0, 20), 0, 0.1611));
  it('1/29 → (0.0061, 0.1718)', () => near(wilson(1, 29), 0.0061, 0.1718));
  it('contains the estimate and shrinks as n grows', () => {
    for (const [x, n] of [[3, 10], [30, 100], [300, 1000]]) {
      const w = wilson(x, n);
      expect(w.lo).toBeLessThanOrEqual(x / n);
      expect(w.hi).toBeGreaterThanOrEqual(x / n);
    }
    const width = (n: number) => { const w = wilson(0.3 * n, n); return w.hi - w.lo; };
    expect(width(100)).toBeLessThan(width(10));
    expect(width(1000)).toBeLessThan(width(100));
  });
  it('widens with the confidence level', () => {
    const w90 = wilson(15, 148, 0.9), w99 = wilson(15, 148, 0.99);
    expect(w99.hi - w99.lo).toBeGreaterThan(w90.hi - w90.lo);
  });
  it('is uninformative with no data', () => expect(wilson(0, 0)).toEqual({ lo: 0, hi: 1 }));
});

describe('clopperPearson (exact, from betaincinv)', () => {
  it('15/148 → (0.0578, 0.1617)', () => near(clopperPearson(15, 148), 0.0578, 0.1617));
  it('0/20 → (0, 0.1684)', () => near(clopperPearson(0, 20), 0, 0.1684));
  it('1/29 → (0.0009, 0.1776)', () => near(clopperPearson(1, 29), 0.0009, 0.1776));
  it('13/16 → (0.5435, 0.9595)', () => near(clopperPearson(13, 16), 0.5435, 0.9595));
  it('0/10 → (0, 0.3085)', () => near(clopperPearson(0, 10), 0, 0.3085));
  it('is wider than Wilson', () => {
    const cp = clopperPearson(15, 148), w = wilson(15, 148);
    expect(cp.hi - cp.lo).toBeGreaterThan(w.hi - w.lo);
  });
});

describe('clusteredWilson (design effect, Saha 2016 / Short 2020)', () => {
  // the reference is given to three decimals, so allow its rounding on top of 5e-4
  it('60/203 with ξ = 1.349133 → (0.228, 0.373)', () => near(clusteredWilson(60, 203, 1.349133), 0.228, 0.373, 1e-3));
  it('is wider than plain Wilson when ξ > 1 and equal when ξ = 1', () => {
    const plain = wilson(60, 203);
    const c = clusteredWilson(60, 203, 1.349133);
    expect(c.hi - c.lo).toBeGreaterThan(plain.hi - plain.lo);
    expect(clusteredWilson(60, 203, 1)).toEqual(plain);
  });
});

describe('newcombeUnpaired (hybrid score)', () => {
  it('5/56 vs 0/29 → (−0.0381, 0.1926), Newcombe 1998 example (d)', () => {
    const r = newcombeUnpaired(5, 56, 0, 29);
    expect(r.estimate).toBeCloseTo(5 / 56, 12);
    near(r, -0.0381, 0.1926);
  });
  it('contains the estimate', () => {
    const r = newcombeUnpaired(40, 100, 25, 90);
    expect(r.lo).toBeLessThan(r.estimate);
    expect(r.hi).toBeGreaterThan(r.estimate);
  });
});
