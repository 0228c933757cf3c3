/**
 * Paired proportions: the same cases answered by two variants. Cell names follow the 2×2 table
 * a = both yes, b = A only, c = B only, d = neither; the difference is Δ = pA − pB = (b − c)/n.
 */
import { binomCdf, binomPmf, bisect, chiSquare1Upper, zCritical } from './quantiles.js';
import { wilson, type DiffInterval } from './proportion.js';

export interface PairedTable { a: number; b: number; c: number; d: number }
export interface McNemar { pAsymptotic: number; pExact: number; pMid: number }

/**
 * McNemar's test on the discordant pairs. Exact: p = min(1, 2·P(X ≤ min(b, c))), X ~ Bin(b + c, ½);
 * mid-p subtracts P(X = min(b, c)) (Fagerland 2013 recommends it: exact is conservative).
 * Asymptotic: chi-square without continuity correction.
 */
export function mcnemar(b: number, c: number): McNemar {
  const m = b + c;
  if (m === 0) return { pAsymptotic: 1, pExact: 1, pMid: 1 };
  const k = Math.min(b, c);
  const tail = binomCdf(k, m, 0.5);
  const point = binomPmf(k, m, 0.5);
  return {
    pAsymptotic: chiSquare1Upper(((b - c) * (b - c)) / m),
    pExact: Math.min(1, 2 * tail),
    pMid: Math.min(1, 2 * tail - point),
  };
}

export interface PairedDiffOptions { method?: 'newcombe' | 'tango'; level?: number }

/** CI for the paired difference Δ = (b − c)/n: Newcombe's method 10 (default) or Tango's score interval. */
export function pairedDiff(t: PairedTable, opts: PairedDiffOptions = {}): DiffInterval {
  const level = opts.level ?? 0.95;
  const n = t.a + t.b + t.c + t.d;
  if (n === 0) return { estimate: 0, lo: -1, hi: 1 };
  return opts.method === 'tango' ? tango(t, n, level) : newcombePaired(t, n, level);
}

/**
 * Newcombe (1998, Stat Med 17:2635) method 10: Wilson limits of both margins combined with the
 * phi correlation of the table. As in the paper, a positive ad − bc is shrunk by n/2 (floored at 0)
 * before it enters phi; the Wilson limits themselves carry no continuity correction.
 */
function newcombePaired({ a, b, c, d }: PairedTable, n: number, level: number): DiffInterval {
  const p1 = (a + b) / n;
  const p2 = (a + c) / n;
  const w1 = wilson(a + b, n, level);
  const w2 = wilson(a + c, n, level);
  const marg = (a + b) * (c + d) * (a + c) * (b + d);
  const ad_bc = a * d - b * c;
  const num = ad_bc > 0 ? Math.max(ad_bc - n / 2, 0) : ad_bc;
  const phi = marg === 0 ? 0 : num / Math.sqrt(marg);
  const dl1 = p1 - w1.lo, du1 = w1.hi - p1, dl2 = p2 - w2.lo, du2 = w2.hi - p2;
  const est = p1 - p2;
  const loSq = dl1 * dl1 - 2 * phi * dl1 * du2 + du2 * du2;
  const hiSq = du1 * du1 - 2 * phi * du1 * dl2 + dl2 * dl2;
  return { estimate: est, lo: Math.max(-1, est - Math.sqrt(Math.max(0, loSq))), hi: Math.min(1, est + Math.sqrt(Math.max(0, hiSq))) };
}

/**
 * Tango (1998, Stat Med 17:891) score statistic for H0: Δ = δ, with the constrained maximum
 * likelihood estimate of the B-only cell probability. Decreasing in δ.
 */
export function tangoScore({ b, c }: PairedTable, n: number, delta: number): number {
  const A = 2 * n;
  const B = -b - c + (2 * n - b + c) * delta;
  const C = -c * delta * (1 - delta);
  const q21 = (-B + Math.sqrt(Math.max(0, B * B - 4 * A * C))) / (2 * A);
  const v = n * (2 * q21 + delta * (1 - delta));
  const num = b - c - n * delta;
  if (v <= 0) return num === 0 ? 0 : Math.sign(num) * Infinity;
  return num / Math.sqrt(v);
}

/** Tango's interval: the δ where the score statistic crosses ±z, found by bisection on each side. */
function tango(t: PairedTable, n: number, level: number): DiffInterval {
  const z = zCritical(level);
  const est = (t.b - t.c) / n;
  const f = (delta: number) => tangoScore(t, n, delta);
  const eps = 1e-12;
  const lo = f(-1 + eps) - z <= 0 ? -1 : bisect((x) => f(x) - z, -1 + eps, est);
  const hi = f(1 - eps) + z >= 0 ? 1 : bisect((x) => f(x) + z, est, 1 - eps);
  return { estimate: est, lo, hi };
}
