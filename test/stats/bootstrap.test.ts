/**
 * The cluster bootstrap against an independently computed reference: for a tiny stratified sample
 * every ordered resample can be listed (3³ · 5⁵ = 84,375, equally likely), which gives the exact
 * bootstrap distribution (Efron & Tibshirani 1993, §6.4, "the ideal bootstrap estimate"). The
 * Monte Carlo percentile interval must sit where that distribution's CDF crosses α/2 and 1 − α/2.
 */
import { describe, expect, it } from 'vitest';
import { inverseEcdf, linearizedInterval, percentileInterval, replicateValues, resampleTotals, zCritical, type ClusterSample } from '../../src/stats/index.js';

// units: [paired tasks, Σ completion drop, paired probes, Σ safety gain]; a pair is one unit
// (several samples per case make fractional sums; the last unit of stratum 1 is a cluster of two tasks)
const STRATA = [
  [[1, 0.5, 1, 1], [1, 0, 1, 0.5], [1, 0.25, 1, 0]],
  [[1, 1, 1, 0.5], [1, -0.5, 1, 1], [1, 0, 0, 0], [0, 0, 1, 0.75], [2, 0.5, 1, 1]],
];
const M = 4;
const sample: ClusterSample = {
  strata: STRATA.flatMap((units, s) => units.map(() => s)),
  sums: Float64Array.from(STRATA.flat(2)),
  m: M,
};
const drop = (t: ArrayLike<number>) => t[1] / t[0];
const gain = (t: ArrayLike<number>) => t[3] / t[2];
const perPoint = (t: ArrayLike<number>) => (gain(t) > 0 ? drop(t) / gain(t) : drop(t) > 0 ? Infinity : drop(t) < 0 ? -Infinity : 0);

/** Every ordered resample of every stratum: the exact bootstrap distribution of `stat`. */
function exactDistribution(stat: (t: number[]) => number): number[] {
  let totals: number[][] = [Array(M).fill(0)];
  for (const units of STRATA) {
    // all n^n ordered draws of this stratum, as their summed totals
    let draws: number[][] = [Array(M).fill(0)];
    for (let k = 0; k < units.length; k++) draws = draws.flatMap((t) => units.map((u) => t.map((x, j) => x + u[j])));
    totals = totals.flatMap((t) => draws.map((d) => t.map((x, j) => x + d[j])));
  }
  return totals.map(stat).filter((v) => !Number.isNaN(v));
}

/** P(X < x) and P(X ≤ x) under the exact distribution. */
function cdfAround(values: number[], x: number): [number, number] {
  const below = values.filter((v) => v < x).length, atOrBelow = values.filter((v) => v <= x).length;
  return [below / values.length, atOrBelow / values.length];
}

describe('stratified cluster bootstrap', () => {
  it('lists 84,375 equally likely resamples in the reference', () => {
    expect(exactDistribution((t) => t[0]).length).toBe(3 ** 3 * 5 ** 5);
  });

  for (const [name, stat] of [['completion drop', drop], ['safety gain', gain], ['tax per safety point', perPoint]] as const) {
    it(`percentile interval of the ${name} matches the exact bootstrap distribution`, () => {
      const exact = exactDistribution(stat);
      const totals = resampleTotals(sample, { replicates: 40000, seed: 7 });
      const ci = percentileInterval(replicateValues(totals, M, stat), 0.9);
      const sorted = Float64Array.from(exact).sort();
      if (process.env.SHOW) console.log(name, ci, inverseEcdf(sorted, 0.05), inverseEcdf(sorted, 0.95));
      for (const [bound, q] of [[ci.lo, 0.05], [ci.hi, 0.95]] as const) {
        const x = bound ?? (q < 0.5 ? -Infinity : Infinity);
        const [below, upTo] = cdfAround(exact, x);
        // the CDF jumps across q at x (within Monte Carlo error: SE of the ECDF ≈ 0.001)
        expect(below).toBeLessThanOrEqual(q + 0.005);
        expect(upTo).toBeGreaterThanOrEqual(q - 0.005);
        // and x is the exact quantile itself, or its neighbour when q sits on a jump within that error
        const exactQ = inverseEcdf(sorted, q);
        if (Math.abs(cdfAround(exact, exactQ)[1] - q) > 0.005 && Math.abs(cdfAround(exact, exactQ)[0] - q) > 0.005) expect(x).toBe(exactQ);
      }
    });
  }

  it('keeps each stratum its size in every replicate', () => {
    // sum 1 per unit in stratum 0, 0 in stratum 1 → every replicate total is exactly 3
    const s: ClusterSample = { strata: [0, 0, 0, 1, 1], sums: Float64Array.from([1, 1, 1, 0, 0]), m: 1 };
    expect(new Set(resampleTotals(s, { replicates: 200, seed: 1 }))).toEqual(new Set([3]));
  });

  it('is deterministic for a seed and changes with it', () => {
    const a = resampleTotals(sample, { replicates: 50, seed: 11 });
    expect(resampleTotals(sample, { replicates: 50, seed: 11 })).toEqual(a);
    expect(resampleTotals(sample, { replicates: 50, seed: 12 })).not.toEqual(a);
  });

  it('reports an infinite percentile as an open (null) bound and drops undefined replicates', () => {
    expect(percentileInterval([1, 2, 3, Infinity, Infinity, Infinity], 0.5)).toEqual({ lo: 2, hi: null });
    expect(percentileInterval([NaN, 1, 1, 1], 0.95)).toEqual({ lo: 1, hi: 1 });
    expect(percentileInterval([NaN], 0.95)).toEqual({ lo: null, hi: null });
  });

  it('for many units the linearised (delta-method) interval is the bootstrap\'s own large-sample limit', () => {
    // 2 strata × 800 units: [tasks, Σ drop] with a cluster of 1–2 tasks and drops in {−1, −½, 0, ½, 1}
    let seed = 3;
    const next = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const units = Array.from({ length: 1600 }, () => { const n = next() < 0.3 ? 2 : 1; return [n, n * (Math.round(next() * 4) / 2 - 0.7)]; });
    const big: ClusterSample = { strata: units.map((_, i) => i % 2), sums: Float64Array.from(units.flat()), m: 2 };
    const T = [0, 0];
    units.forEach((u) => { T[0] += u[0]; T[1] += u[1]; });
    const value = T[1] / T[0];
    const boot = percentileInterval(replicateValues(resampleTotals(big, { replicates: 4000, seed: 5 }), 2, (t) => t[1] / t[0]), 0.95);
    const lin = linearizedInterval(big, value, [-T[1] / (T[0] * T[0]), 1 / T[0]], zCritical(0.95));
    const width = lin.hi - lin.lo;
    expect(Math.abs(boot.lo! - lin.lo)).toBeLessThan(0.05 * width);
    expect(Math.abs(boot.hi! - lin.hi)).toBeLessThan(0.05 * width);
  });
});
