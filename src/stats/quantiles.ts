/**
 * Distribution functions the rest of src/stats builds on. Exact tails come from @stdlib (which keeps
 * full double precision in the tails); nothing here rounds.
 */
import { createRequire } from 'node:module';
import type normalQuantileFn from '@stdlib/stats-base-dists-normal-quantile';
import type normalCdfFn from '@stdlib/stats-base-dists-normal-cdf';
import type tQuantileFn from '@stdlib/stats-base-dists-t-quantile';
import type tCdfFn from '@stdlib/stats-base-dists-t-cdf';
import type binomialCdfFn from '@stdlib/stats-base-dists-binomial-cdf';
import type binomialPmfFn from '@stdlib/stats-base-dists-binomial-pmf';
import type erfcFn from '@stdlib/math-base-special-erfc';
import type betaincinvFn from '@stdlib/math-base-special-betaincinv';

// @stdlib is ~450 CommonJS files: required on first use rather than at import, so a command that
// loads src/stats (every `atax run`, for its end-of-run report) pays for them only when a number is
// computed. `require` keeps the functions synchronous; each module is required once.
const requireStd = createRequire(import.meta.url);
function lazy<F>(id: string): () => F {
  let fn: F | undefined;
  return () => (fn ??= requireStd(id) as F);
}
const normalQuantile = lazy<typeof normalQuantileFn>('@stdlib/stats-base-dists-normal-quantile');
const normalCdf = lazy<typeof normalCdfFn>('@stdlib/stats-base-dists-normal-cdf');
const tQuantileStd = lazy<typeof tQuantileFn>('@stdlib/stats-base-dists-t-quantile');
const tCdfStd = lazy<typeof tCdfFn>('@stdlib/stats-base-dists-t-cdf');
const binomialCdf = lazy<typeof binomialCdfFn>('@stdlib/stats-base-dists-binomial-cdf');
const binomialPmf = lazy<typeof binomialPmfFn>('@stdlib/stats-base-dists-binomial-pmf');
const erfc = lazy<typeof erfcFn>('@stdlib/math-base-special-erfc');
const betaincinvStd = lazy<typeof betaincinvFn>('@stdlib/math-base-special-betaincinv');

/** Standard normal quantile: zQuantile(0.975) = 1.959963984540054. */
export const zQuantile = (p: number): number => normalQuantile()(p, 0, 1);

/** Standard normal CDF. */
export const zCdf = (x: number): number => normalCdf()(x, 0, 1);

/** The two-sided critical value for a confidence level: zCritical(0.95) = 1.96. */
export const zCritical = (level: number): number => zQuantile(1 - (1 - level) / 2);

/** Student t quantile with `df` degrees of freedom. */
export const tQuantile = (p: number, df: number): number => tQuantileStd()(p, df);

/** Two-sided p-value of a t statistic. */
export const tTwoSidedP = (t: number, df: number): number => Math.min(1, 2 * tCdfStd()(-Math.abs(t), df));

/** Upper tail of chi-square with 1 df: P(X² ≥ x) = erfc(√(x/2)). */
export const chiSquare1Upper = (x: number): number => (x <= 0 ? 1 : erfc()(Math.sqrt(x / 2)));

export const binomCdf = (x: number, n: number, p: number): number => binomialCdf()(x, n, p);
export const binomPmf = (x: number, n: number, p: number): number => binomialPmf()(x, n, p);

/** Inverse of the regularised incomplete beta function I_x(a, b) = p. */
export const betaincinv = (p: number, a: number, b: number): number => betaincinvStd()(p, a, b);

/**
 * Bisection root of a monotone function on [lo, hi] (f(lo) and f(hi) of opposite signs).
 * Bisection rather than Newton because the score functions here have kinks at the edges.
 */
export function bisect(f: (x: number) => number, lo: number, hi: number, tol = 1e-12): number {
  let flo = f(lo);
  for (let i = 0; i < 200 && hi - lo > tol; i++) {
    const mid = (lo + hi) / 2;
    const fm = f(mid);
    if (fm === 0) return mid;
    if (Math.sign(fm) === Math.sign(flo)) { lo = mid; flo = fm; } else hi = mid;
  }
  return (lo + hi) / 2;
}
