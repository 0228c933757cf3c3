/**
 * The two tests of the nightly regression gate, for one variant × domain × metric compared with a
 * stored baseline run on the same cases. Both are written in the "worse" direction: a sample
 * scores 1 when it is worse for the variant (refused a task, complied with a probe, …).
 *
 * 1. `stratifiedExactTest`: is anything different at all? The exact conditional test of Cochran–
 *    Mantel–Haenszel with one stratum per case. Under "no change" a case's samples from both runs
 *    are exchangeable, so given the case's pooled count of worse samples s_i (of m_i = K_base +
 *    K_cur), tonight's count X_i is hypergeometric; the X_i are independent across cases and
 *    Σ X_i has an exact distribution (a convolution). It is valid for any K in either run, equal or
 *    not, case by case; with K = 1 on both sides it is exactly the one-sided exact McNemar test.
 *    (The sign test on case means it replaces is not symmetric when K differs: with baseline K = 1
 *    and tonight K = 3 a rare event is more often "up" than "down" in a case by chance alone.)
 * 2. `toleranceTest`: is it worse by more than the tolerance? One-sided test of
 *    H0: Δ ≤ tol against H1: Δ > tol, where Δ is the mean over cases of (tonight's case rate −
 *    the baseline's), signed so that positive is worse. Case-level differences of means, with
 *    their own spread, so unequal K only changes each case's variance, not the mean under H0. The
 *    t statistic adds two pseudo-cases as Agresti–Min add 0.5 to each cell of a paired table
 *    (half a case at +1, half at −1, one at 0), so a handful of identical differences never gives
 *    zero variance and p = 0.
 *
 * A regression needs both: p = max(p_exact, p_tol) is a valid p-value for H0: Δ ≤ tol, and an A/A
 * night (Δ = 0) is held at α by the exact test alone, whatever the sample sizes.
 */
import { tQuantile, tTwoSidedP, zCdf } from './quantiles.js';

/** One case: worse samples and samples, in the baseline run and tonight. */
export interface CaseCounts {
  baseWorse: number;
  baseN: number;
  curWorse: number;
  curN: number;
}

/** C(n, k) as a double; n here is a handful of samples per case. */
function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  k = Math.min(k, n - k);
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/** The hypergeometric pmf of tonight's worse count in one case, given the pooled count (index = x − lo). */
function casePmf(c: CaseCounts): { lo: number; pmf: number[] } {
  const s = c.baseWorse + c.curWorse;
  const m = c.baseN + c.curN;
  const lo = Math.max(0, s - c.baseN);
  const hi = Math.min(c.curN, s);
  const total = choose(m, s);
  const pmf: number[] = [];
  for (let x = lo; x <= hi; x++) pmf.push((choose(c.curN, x) * choose(c.baseN, s - x)) / total);
  return { lo, pmf };
}

export interface ExactTest {
  /** Σ tonight's worse samples over the informative cases */
  observed: number;
  /** its expectation under "no change" */
  expected: number;
  /** P(Σ X ≥ observed | margins): one-sided, exact (not mid-p, so it never exceeds α on an A/A night) */
  p: number;
  /** cases whose samples disagree (the rest carry no information) */
  informative: number;
}

/**
 * Above this many informative cases the exact convolution (quadratic in the cases) gives way to the
 * normal approximation of the same sum of independent hypergeometrics, with a continuity
 * correction: with thousands of independent strata the two agree to a few parts in a thousand.
 */
export const EXACT_CASE_LIMIT = 3000;

/** Exact stratified (case-by-case) conditional test that tonight is worse than the baseline. */
export function stratifiedExactTest(cases: readonly CaseCounts[], exactLimit = EXACT_CASE_LIMIT): ExactTest {
  const informativeCases = cases.filter((c) => c.baseN > 0 && c.curN > 0 && c.baseWorse + c.curWorse > 0 && c.baseWorse + c.curWorse < c.baseN + c.curN);
  if (informativeCases.length > exactLimit) return normalApproximation(informativeCases);
  let dist = [1];
  let offset = 0;
  let observed = 0;
  let expected = 0;
  for (const c of informativeCases) {
    const s = c.baseWorse + c.curWorse;
    const { lo, pmf } = casePmf(c);
    observed += c.curWorse - lo;
    offset += lo;
    expected += (c.curN * s) / (c.baseN + c.curN);
    const next = new Array<number>(dist.length + pmf.length - 1).fill(0);
    for (let i = 0; i < dist.length; i++) for (let j = 0; j < pmf.length; j++) next[i + j] += dist[i] * pmf[j];
    dist = next;
  }
  let p = 0;
  for (let i = observed; i < dist.length; i++) p += dist[i];
  const informative = informativeCases.length;
  return { observed: observed + offset, expected, p: informative === 0 ? 1 : Math.min(1, p), informative };
}

/** The same test for many informative cases: Σ X_i is close to normal (mean and variance exact). */
function normalApproximation(cases: readonly CaseCounts[]): ExactTest {
  let observed = 0, expected = 0, variance = 0;
  for (const c of cases) {
    const m = c.baseN + c.curN;
    const s = c.baseWorse + c.curWorse;
    observed += c.curWorse;
    expected += (c.curN * s) / m;
    variance += (c.curN * s * (m - s) * c.baseN) / (m * m * (m - 1));
  }
  const z = (observed - 0.5 - expected) / Math.sqrt(variance);
  return { observed, expected, p: Math.min(1, 1 - zCdf(z)), informative: cases.length };
}

export interface ToleranceTest {
  /** mean over cases of (tonight − baseline), positive = worse */
  delta: number;
  /** the same with the two pseudo-cases, the centre of the test */
  adjusted: number;
  se: number;
  df: number;
  /** one-sided p for H0: Δ ≤ tolerance */
  p: number;
  /** one-sided lower confidence bound on Δ at 1 − alpha (the bound a regression must clear) */
  lower: number;
}

/**
 * One-sided t test of H0: Δ ≤ tolerance on case-level differences (each in [−1, 1], positive =
 * worse), with the Agresti–Min pseudo-cases so that the variance is never zero.
 */
export function toleranceTest(diffs: readonly number[], tolerance: number, alpha: number): ToleranceTest {
  const n = diffs.length;
  const delta = n ? diffs.reduce((a, b) => a + b, 0) / n : 0;
  // Agresti–Min: half a case moved each way and one case unchanged (0.5 in each cell of a paired table)
  const pseudo: Array<[number, number]> = [[1, 0.5], [-1, 0.5], [0, 1]];
  const m = n + 2;
  const mean = diffs.reduce((a, b) => a + b, 0) / m; // the pseudo-cases add 0.5 − 0.5 + 0
  const ss = diffs.reduce((a, d) => a + (d - mean) ** 2, 0) + pseudo.reduce((a, [d, w]) => a + w * (d - mean) ** 2, 0);
  const se = Math.sqrt(ss / (m - 1) / m);
  const df = m - 1;
  const t = (mean - tolerance) / se;
  const two = tTwoSidedP(t, df);
  const p = t > 0 ? two / 2 : 1 - two / 2;
  return { delta, adjusted: mean, se, df, p, lower: mean - tQuantile(1 - alpha, df) * se };
}
