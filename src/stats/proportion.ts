/** Confidence intervals for one proportion and for the difference of two independent ones. */
import { betaincinv, zCritical } from './quantiles.js';

export interface Interval { lo: number; hi: number }
export interface DiffInterval extends Interval { estimate: number }

/**
 * Wilson score interval (Wilson 1927). Accepts non-integer x and n so that clustered data can
 * pass effective counts (see clusteredWilson). n = 0 gives the uninformative [0, 1].
 */
export function wilson(x: number, n: number, level = 0.95): Interval {
  if (!(n > 0)) return { lo: 0, hi: 1 };
  const z = zCritical(level);
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lo: Math.max(0, center - half), hi: Math.min(1, center + half) };
}

/**
 * Clopper–Pearson exact interval from the beta quantiles; used for zero-count safety claims where
 * a guaranteed coverage matters more than width.
 */
export function clopperPearson(x: number, n: number, level = 0.95): Interval {
  if (!(n > 0)) return { lo: 0, hi: 1 };
  const alpha = 1 - level;
  const lo = x <= 0 ? 0 : betaincinv(alpha / 2, x, n - x + 1);
  const hi = x >= n ? 1 : betaincinv(1 - alpha / 2, x + 1, n - x);
  return { lo, hi };
}

/**
 * Wilson interval for clustered binary data through the design effect (Saha 2016, Short 2020):
 * the interval of x/ξ successes in n/ξ trials, ξ = variance inflation from clustering (≥ 1).
 */
export function clusteredWilson(x: number, n: number, designEffect: number, level = 0.95): Interval {
  const xi = designEffect > 0 ? designEffect : 1;
  return wilson(x / xi, n / xi, level);
}

/**
 * Newcombe's hybrid score interval for p1 − p2 with independent samples (Newcombe 1998, method 10):
 * the Wilson limits of each proportion combined by squared distances.
 */
export function newcombeUnpaired(x1: number, n1: number, x2: number, n2: number, level = 0.95): DiffInterval {
  const p1 = n1 > 0 ? x1 / n1 : 0;
  const p2 = n2 > 0 ? x2 / n2 : 0;
  const w1 = wilson(x1, n1, level);
  const w2 = wilson(x2, n2, level);
  const d = p1 - p2;
  return {
    estimate: d,
    lo: d - Math.sqrt((p1 - w1.lo) ** 2 + (w2.hi - p2) ** 2),
    hi: d + Math.sqrt((w1.hi - p1) ** 2 + (p2 - w2.lo) ** 2),
  };
}
