/**
 * Standard errors that respect structure in the data (Miller 2024, "Adding Error Bars to Evals"):
 * answers clustered within cases or cases within groups are not independent draws.
 */
import { tQuantile, tTwoSidedP } from './quantiles.js';

// Plain mean and sample variance rather than mathjs: importing mathjs costs 1–3 s of start-up on
// the project's machine, paid by every `atax report` and run, for two one-line sums.
const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
function variance(xs: readonly number[]): number {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) * (x - m), 0) / (xs.length - 1);
}

export interface ClusteredSEOptions {
  /** multiply the cluster sum by C/(C − 1) as inspect_ai does (default false: Miller Eq. 4) */
  finiteClusters?: boolean;
}

/**
 * Clustered SE of the mean of `scores`. Default is Miller 2024 Eq. 4: the CLT variance (sample
 * variance / n) plus the within-cluster cross products / n². With `finiteClusters` it is the
 * sandwich form √(C/(C−1) · Σ_c (Σ_{i∈c} (s_i − s̄))²) / n.
 */
export function clusteredSE(scores: ArrayLike<number>, clusterIds: ArrayLike<string | number>, opts: ClusteredSEOptions = {}): number {
  const n = scores.length;
  if (n !== clusterIds.length) throw new Error(`clusteredSE: ${n} scores but ${clusterIds.length} cluster ids`);
  if (n < 2) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += scores[i];
  const m = sum / n;
  const clusterDev = new Map<string | number, number>();
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const dev = scores[i] - m;
    sumSq += dev * dev;
    clusterDev.set(clusterIds[i], (clusterDev.get(clusterIds[i]) ?? 0) + dev);
  }
  let clusterSq = 0;
  for (const s of clusterDev.values()) clusterSq += s * s;
  if (opts.finiteClusters) {
    const C = clusterDev.size;
    return C < 2 ? NaN : Math.sqrt((C / (C - 1)) * clusterSq) / n;
  }
  const cltVar = sumSq / (n - 1) / n;
  const crossTerms = (clusterSq - sumSq) / (n * n);
  return Math.sqrt(Math.max(0, cltVar + crossTerms));
}

export interface PairedMeanDiff { estimate: number; se: number; df: number; lo: number; hi: number; p: number; n: number }

/** Per-case means: a case given as its K sample scores is averaged first (never K·n independent answers). */
const caseMeans = (xs: ArrayLike<number | ArrayLike<number>>): number[] =>
  Array.from(xs as ArrayLike<number | ArrayLike<number>>, (x) => (typeof x === 'number' ? x : mean(Array.from(x))));

/**
 * Miller's paired SE for K > 1 samples per case: the SE of the per-case mean differences
 * (Var(A) + Var(B) − 2·Cov(A, B) on case means), with a t interval on n − 1 df.
 * `a[i]` and `b[i]` are case i under the two variants: a mean score or the list of sample scores.
 */
export function pairedClusteredSE(a: ArrayLike<number | ArrayLike<number>>, b: ArrayLike<number | ArrayLike<number>>, opts: { level?: number } = {}): PairedMeanDiff {
  if (a.length !== b.length) throw new Error(`pairedClusteredSE: ${a.length} cases for A but ${b.length} for B`);
  const ma = caseMeans(a), mb = caseMeans(b);
  const d = ma.map((x, i) => x - mb[i]);
  return meanDiffInterval(d, opts.level ?? 0.95);
}

/** t interval and two-sided p for the mean of per-case differences. */
export function meanDiffInterval(d: number[], level: number): PairedMeanDiff {
  const n = d.length;
  if (n === 0) return { estimate: 0, se: NaN, df: 0, lo: -1, hi: 1, p: 1, n };
  const est = mean(d);
  if (n < 2) return { estimate: est, se: NaN, df: 0, lo: -1, hi: 1, p: 1, n };
  const se = Math.sqrt(variance(d) / n);
  const df = n - 1;
  if (!(se > 0)) return zeroVarianceInterval(est, n, level);
  const t = tQuantile(1 - (1 - level) / 2, df);
  return { estimate: est, se, df, lo: Math.max(-1, est - t * se), hi: Math.min(1, est + t * se), p: tTwoSidedP(est / se, df), n };
}

/**
 * Every difference is the same value, so the sample variance (and the t interval) is 0: that says
 * nothing about the next n cases. Instead: Hoeffding's bound for a mean of n values in [−1, 1]
 * (half-width 2·√(ln(2/α) / 2n), valid whatever the distribution) and the exact two-sided sign
 * test (all n signs alike: p = 2·½ⁿ; all differences 0: p = 1). Never zero width, never p = 0.
 */
function zeroVarianceInterval(est: number, n: number, level: number): PairedMeanDiff {
  const half = 2 * Math.sqrt(Math.log(2 / (1 - level)) / (2 * n));
  const p = est === 0 ? 1 : Math.min(1, 2 * 0.5 ** n);
  return { estimate: est, se: 0, df: n - 1, lo: Math.max(-1, est - half), hi: Math.min(1, est + half), p, n };
}
