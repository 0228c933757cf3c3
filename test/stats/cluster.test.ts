import { describe, expect, it } from 'vitest';
import { clusteredSE, pairedClusteredSE } from '../../src/stats/index.js';

// Toy data of stats-values.md: four clusters {1,1,0}, {0,0}, {1,1,1,1}, {0,1}
const scores = [1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 1];
const clusters = ['a', 'a', 'a', 'b', 'b', 'c', 'c', 'c', 'c', 'd', 'd'];

describe('clusteredSE (Miller 2024)', () => {
  it('Eq. 4 on the toy clusters gives 0.18346', () => expect(clusteredSE(scores, clusters)).toBeCloseTo(0.18346, 5));
  it('with the finite-cluster factor C/(C − 1) gives 0.20512', () =>
    expect(clusteredSE(scores, clusters, { finiteClusters: true })).toBeCloseTo(0.20512, 5));
  it('reduces to the naive CLT SE 0.15212 when every answer is its own cluster', () =>
    expect(clusteredSE(scores, scores.map((_, i) => i))).toBeCloseTo(0.15212, 5));
  it('rejects mismatched lengths', () => expect(() => clusteredSE([1, 0], ['a'])).toThrow(/2 scores but 1/));
});

describe('pairedClusteredSE (K > 1 samples per case)', () => {
  it('averages each case first: samples given as lists equal their means given as numbers', () => {
    const a = [[1, 1], [0, 1], [1, 1], [0, 0], [1, 0]];
    const b = [[0, 0], [0, 1], [1, 0], [0, 0], [0, 0]];
    const fromLists = pairedClusteredSE(a, b);
    const fromMeans = pairedClusteredSE([1, 0.5, 1, 0, 0.5], [0, 0.5, 0.5, 0, 0]);
    expect(fromLists).toEqual(fromMeans);
    expect(fromLists.estimate).toBeCloseTo(0.4, 12);
    expect(fromLists.df).toBe(4);
  });
  it('uses t on n − 1 df: the SE is the sd of the case differences over √n', () => {
    const d = [0.5, 0, 0.5, 0, 0.5]; // differences of the case means above
    const m = 0.3, sd = Math.sqrt(d.reduce((s, x) => s + (x - m) ** 2, 0) / 4);
    const r = pairedClusteredSE([1, 0.5, 1, 0, 0.5], [0.5, 0.5, 0.5, 0, 0]);
    expect(r.se).toBeCloseTo(sd / Math.sqrt(5), 12);
    expect(r.hi - r.estimate).toBeCloseTo(2.7764451051977987 * r.se, 9); // t(0.975, 4)
  });
  it('never gives a zero-width interval or p = 0 when every difference is equal', () => {
    // before: se = 0 gave lo = hi = 1 and p = 0 for three cases that all went 0 → 1
    const r = pairedClusteredSE([1, 1, 1], [0, 0, 0]);
    expect(r.estimate).toBe(1);
    expect(r.p).toBeCloseTo(0.25, 12); // exact sign test: 2 · ½³
    expect(r.hi).toBe(1);
    // Hoeffding for values in [−1, 1]: half-width 2·√(ln(2/0.05) / 6) ≈ 1.57
    expect(r.lo).toBeCloseTo(1 - 2 * Math.sqrt(Math.log(40) / 6), 12);
    const many = pairedClusteredSE(Array(200).fill(0.5), Array(200).fill(0));
    expect(many.lo).toBeCloseTo(0.5 - 2 * Math.sqrt(Math.log(40) / 400), 12);
    expect(many.p).toBeGreaterThan(0);
  });
  it('an A/A comparison on identical cases is never significant', () => {
    const same = [0.5, 1, 0, 0.5, 1, 1];
    const r = pairedClusteredSE(same, same);
    expect(r.estimate).toBe(0);
    expect(r.p).toBe(1);
  });
  it('is narrower than treating the two variants as independent when cases are correlated', () => {
    const a = [1, 0.9, 0.1, 0, 0.8, 0.2, 1, 0, 0.6, 0.4];
    const b = a.map((x, i) => Math.max(0, x - (i % 2 ? 0.1 : 0)));
    const r = pairedClusteredSE(a, b);
    const v = (xs: number[]) => { const m = xs.reduce((s, x) => s + x, 0) / xs.length; return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1); };
    expect(r.se).toBeLessThan(Math.sqrt((v(a) + v(b)) / a.length));
  });
});
