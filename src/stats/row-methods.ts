/**
 * The interval method of one report row, chosen from that row's own data (never from the rest of
 * the report: one extra sample on one case must not change how another domain is judged).
 *
 * Rates (one variant, one row's cases; y = each case's mean over its usable answers):
 * - `wilson`: one answer per case and no two cases of a contrast pair in the row → Wilson on n cases.
 * - `clopper-pearson-cases`: several answers on some case (or clustered cases) and the rate is 0 or
 *   1 → Clopper–Pearson on the independent units (cases, or pair clusters). The design effect is
 *   0/0 there, and Wilson on the K·n answers would claim K times the evidence.
 * - `clustered-wilson`: otherwise → Wilson with the design effect ξ = Var(ȳ) clustered / binomial
 *   variance of all answers, floored at 1 (Saha 2016; Miller 2024 Eq. 4 for the clustered variance).
 *
 * Paired deltas (variant − baseline over the cases both answered):
 * - `newcombe-mcnemar`: every case mean of both variants is 0 or 1 (one answer per case, or samples
 *   that agree within each case) and no shared clusters → the 2×2 table of cases: Newcombe method
 *   10 interval, exact McNemar mid-p. Valid at 0% and 100% and with zero discordance.
 * - `paired-t` / `paired-t-clustered`: otherwise, when the per-case differences vary → Miller's
 *   paired SE (clustered by pair when the row holds both cases of a pair) with t on units − 1 df.
 * - `newcombe-sign-exact`: the differences do not vary (or one unit) → a conservative interval that
 *   cannot collapse: Newcombe's hybrid score interval of the two rates as if independent (ignoring
 *   the positive within-case correlation only widens it), and the exact two-sided sign test on the
 *   units' differences. Never a zero-width interval or p = 0 from zero variance.
 */
import { clopperPearson, clusteredWilson, newcombeUnpaired, wilson } from './proportion.js';
import { mcnemar, pairedDiff } from './paired.js';
import { clusteredSE } from './cluster.js';
import { tQuantile, tTwoSidedP } from './quantiles.js';

export type RateMethod = 'wilson' | 'clopper-pearson-cases' | 'clustered-wilson';
export type DeltaMethod = 'newcombe-mcnemar' | 'paired-t' | 'paired-t-clustered' | 'newcombe-sign-exact';

export interface RateInterval { value: number; lo: number; hi: number; method: RateMethod }
export interface DeltaInterval { value: number; lo: number; hi: number; p: number; nPaired: number; method: DeltaMethod }

/** A row's per-case values: plain arrays, or the typed arrays rows.ts fills (no growing arrays). */
export type Values = readonly number[] | Float64Array;

const isBinary = (y: number): boolean => y === 0 || y === 1;
/** Whether every value is 0 or 1 (an indexed loop: `every` with a callback costs more per row of 100k cases). */
function allBinary(v: Values): boolean {
  for (let i = 0; i < v.length; i++) if (!isBinary(v[i])) return false;
  return true;
}
/** Independent units among the cases: distinct clusters; `null` clusters = every case its own. */
const countUnits = (n: number, clusters: readonly number[] | null): number => (clusters === null ? n : new Set(clusters).size);
/** Per case its cluster, for the clustered SE: each case its own when `clusters` is null. */
const idsOf = (n: number, clusters: readonly number[] | null): readonly number[] => clusters ?? Array.from({ length: n }, (_, i) => i);

/**
 * A rate's interval from its cases: `y[i]` the case's mean, `answers[i]` its usable answers,
 * `clusters[i]` its pair cluster (null when no two cases share one: the common, fast case).
 * Needs at least one case.
 */
export function rateInterval(y: Values, answers: Values, clusters: readonly number[] | null, level: number): RateInterval {
  const n = y.length;
  let sum = 0, total = 0, several = false;
  for (let i = 0; i < n; i++) { sum += y[i]; total += answers[i]; if (answers[i] > 1) several = true; }
  const p = sum / n;
  const units = countUnits(n, clusters);
  const clustered = units < n;
  if (!several && !clustered) return { value: p, ...wilson(sum, n, level), method: 'wilson' };
  if (y.every((v) => v === 0) || y.every((v) => v === 1)) {
    return { value: p, ...clopperPearson(p === 0 ? 0 : units, units, level), method: 'clopper-pearson-cases' };
  }
  // clustered variance of the mean (Miller Eq. 4); with every case its own cluster, s²/n
  const variance = units < 2 ? NaN : clustered ? clusteredSE(y, clusters!) ** 2 : sampleVariance(y, p) / n;
  const naive = (p * (1 - p)) / total;
  // one unit: its variance is unknowable; count its answers as one observation
  const xi = Number.isNaN(variance) ? total / units : Math.max(1, variance / naive);
  return { value: p, ...clusteredWilson(p * total, total, xi, level), method: 'clustered-wilson' };
}

/** The paired delta a − b over cases with both means: `a[i]`, `b[i]` case means, `clusters[i]` pair clusters (or null, as above). */
export function pairedDelta(a: Values, b: Values, clusters: readonly number[] | null, level: number): DeltaInterval {
  const n = a.length;
  const units = countUnits(n, clusters);
  const clustered = units < n;
  if (!clustered && allBinary(a) && allBinary(b)) return binaryTable(a, b, level);
  const d = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) { d[i] = a[i] - b[i]; sum += d[i]; } // summed in index order, as reduce did
  const est = sum / n;
  if (units > 1) {
    const se = clustered ? clusteredSE(d, clusters!) : Math.sqrt(sampleVariance(d, est) / n);
    if (se > 0) {
      const df = units - 1;
      const t = tQuantile(1 - (1 - level) / 2, df);
      return { value: est, lo: Math.max(-1, est - t * se), hi: Math.min(1, est + t * se), p: tTwoSidedP(est / se, df), nPaired: n, method: clustered ? 'paired-t-clustered' : 'paired-t' };
    }
  }
  return conservative(a, b, d, est, idsOf(n, clusters), level);
}

function sampleVariance(d: Values, mean: number): number {
  let s = 0;
  for (let i = 0; i < d.length; i++) s += (d[i] - mean) * (d[i] - mean);
  return s / (d.length - 1);
}

function binaryTable(a: Values, b: Values, level: number): DeltaInterval {
  const cell = { a: 0, b: 0, c: 0, d: 0 };
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 1 && b[i] === 1) cell.a++; else if (a[i] === 1) cell.b++; else if (b[i] === 1) cell.c++; else cell.d++;
  }
  const ci = pairedDiff(cell, { method: 'newcombe', level });
  return { value: ci.estimate, lo: ci.lo, hi: ci.hi, p: mcnemar(cell.b, cell.c).pMid, nPaired: a.length, method: 'newcombe-mcnemar' };
}

/** Zero-variance fallback on units (pair clusters, or cases): see the file comment. */
function conservative(a: Values, b: Values, d: Values, est: number, clusters: readonly number[], level: number): DeltaInterval {
  const unit = new Map<number, { a: number; b: number; d: number; n: number }>();
  clusters.forEach((k, i) => {
    const u = unit.get(k) ?? { a: 0, b: 0, d: 0, n: 0 };
    u.a += a[i]; u.b += b[i]; u.d += d[i]; u.n++;
    unit.set(k, u);
  });
  let xa = 0, xb = 0, pos = 0, neg = 0;
  for (const u of unit.values()) {
    xa += u.a / u.n; xb += u.b / u.n;
    if (u.d > 0) pos++; else if (u.d < 0) neg++;
  }
  const U = unit.size;
  const ci = newcombeUnpaired(xa, U, xb, U, level);
  // the interval's half-widths around the case-level estimate (the same estimate when units are cases)
  return {
    value: est,
    lo: Math.max(-1, est - (ci.estimate - ci.lo)),
    hi: Math.min(1, est + (ci.hi - ci.estimate)),
    p: mcnemar(pos, neg).pExact,
    nPaired: a.length,
    method: 'newcombe-sign-exact',
  };
}
