/**
 * Stratified cluster bootstrap (Efron & Tibshirani 1993, ch. 13; Field & Welsh 2007, resampling at
 * the top level only). A unit is an independent cluster (a case with all its K answers, or a
 * contrast pair's cases together); each unit carries a few sums. Each replicate draws, within every
 * stratum (domain), as many units as the stratum has, with replacement, and adds their sums; a
 * statistic of those totals gives one replicate value. Percentile intervals follow.
 *
 * Seeded Mersenne Twister (@stdlib/random-base-mt19937): the same data and seed give the same
 * intervals on every machine and every run.
 */
import { createRequire } from 'node:module';
import type mt19937Type from '@stdlib/random-base-mt19937';

const requireStd = createRequire(import.meta.url);
let mt19937: typeof mt19937Type | undefined;

export interface ClusterSample {
  /** per unit: its stratum, 0 … strata − 1 */
  strata: ArrayLike<number>;
  /** `m` sums per unit, unit after unit */
  sums: Float64Array;
  m: number;
}

export interface BootstrapOptions { replicates: number; seed: number }

/**
 * The resampled totals: `replicates` rows of `m` sums (row after row). Each replicate resamples
 * every stratum independently, keeping its size.
 */
export function resampleTotals(sample: ClusterSample, opts: BootstrapOptions): Float64Array {
  const { m, sums } = sample;
  const units = sample.strata.length;
  const members = new Map<number, number[]>();
  for (let u = 0; u < units; u++) {
    const s = sample.strata[u];
    let list = members.get(s);
    if (!list) members.set(s, (list = []));
    list.push(u);
  }
  const groups = [...members.keys()].sort((x, y) => x - y).map((s) => Int32Array.from(members.get(s)!));
  mt19937 ??= requireStd('@stdlib/random-base-mt19937') as typeof mt19937Type;
  const next = mt19937.factory({ seed: opts.seed >>> 0 });
  const scale = 1 / (next.MAX + 1); // uint32 → [0, 1)
  const rand = () => next() * scale;
  const out = new Float64Array(opts.replicates * m);
  for (let r = 0; r < opts.replicates; r++) {
    const row = r * m;
    for (const g of groups) {
      for (let k = 0; k < g.length; k++) {
        const base = g[Math.floor(rand() * g.length)] * m;
        for (let j = 0; j < m; j++) out[row + j] += sums[base + j];
      }
    }
  }
  return out;
}

/**
 * The q-quantile of the values as the inverse of their empirical distribution (Hyndman & Fan type 1):
 * the smallest value whose share of values at or below it reaches q. `sorted` ascending.
 */
export function inverseEcdf(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const k = Math.min(n, Math.max(1, Math.ceil(q * n - 1e-9)));
  return sorted[k - 1];
}

/**
 * Percentile interval (Efron & Tibshirani 1993, §13.3) of replicate values at `level`: the α/2 and
 * 1 − α/2 quantiles. NaN replicates (a statistic undefined in that resample) are dropped; a bound
 * that is ±Infinity is returned as null (unbounded).
 */
export function percentileInterval(values: ArrayLike<number>, level: number): { lo: number | null; hi: number | null } {
  const kept = Float64Array.from(Array.from(values).filter((v) => !Number.isNaN(v))).sort();
  if (kept.length === 0) return { lo: null, hi: null };
  const alpha = 1 - level;
  const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
  return { lo: finite(inverseEcdf(kept, alpha / 2)), hi: finite(inverseEcdf(kept, 1 - alpha / 2)) };
}

/** Replicates of the statistic `stat(totals)` for each resampled row of totals. */
export function replicateValues(totals: Float64Array, m: number, stat: (t: Float64Array) => number): Float64Array {
  const B = totals.length / m;
  const out = new Float64Array(B);
  for (let r = 0; r < B; r++) out[r] = stat(totals.subarray(r * m, r * m + m));
  return out;
}

/**
 * The normal interval the same bootstrap converges to for large samples (the delta method, or
 * infinitesimal jackknife): the statistic linearised at the observed totals, gradient `grad`, has
 * bootstrap variance Σ_h n_h · Var_h(grad · unit sums) (within-stratum variance with divisor n_h,
 * as resampling with replacement has). Used when a group has too many units to resample cheaply.
 */
export function linearizedInterval(sample: ClusterSample, value: number, grad: ArrayLike<number>, z: number): { lo: number; hi: number } {
  const { m, sums, strata } = sample;
  let top = 0;
  for (let u = 0; u < strata.length; u++) if (strata[u] > top) top = strata[u];
  // per stratum: count, sum and sum of squares of the linearised unit values
  const n = new Float64Array(top + 1), s = new Float64Array(top + 1), ss = new Float64Array(top + 1);
  const used: number[] = [];
  for (let j = 0; j < m; j++) if (grad[j] !== 0) used.push(j);
  for (let u = 0; u < strata.length; u++) {
    let x = 0;
    for (const j of used) x += grad[j] * sums[u * m + j];
    const h = strata[u];
    n[h]++; s[h] += x; ss[h] += x * x;
  }
  let variance = 0;
  for (let h = 0; h <= top; h++) if (n[h] > 0) variance += ss[h] - (s[h] * s[h]) / n[h]; // n_h · population variance
  const se = Math.sqrt(Math.max(0, variance));
  return { lo: value - z * se, hi: value + z * se };
}
