import { ANSWER_METRIC_IDS, METRIC_TABLE, answerScore, type AnswerMetricId, type RunRecord } from '../core/index.js';
import { adjustWithinFamilies, holmFamilyOf } from '../stats/families.js';
import { stratifiedExactTest, toleranceTest, type CaseCounts } from '../stats/noninferiority.js';
import { pct, pts } from '../util/format.js';

/**
 * Nightly regression: the same variants on the same cases, tonight's run against the stored
 * baseline run. For every variant × domain × metric, and every variant × metric over all its
 * domains pooled (`all`, when it has several), the question is "is it worse than the baseline by
 * more than the tolerance?":
 *
 * - H0: worse by at most `tolerance` (Δ ≤ tol, Δ = mean over cases of tonight's case rate − the
 *   baseline's, signed so that positive is worse); a regression is declared only when the data
 *   reject H0, i.e. when the evidence says the variant got worse by more than the tolerance.
 * - Its p-value is max(p_exact, p_tol) (see src/stats/noninferiority.ts): the exact stratified
 *   test that anything changed (valid for any K in either run) and the one-sided tolerance test.
 * - Holm adjusts within one variant's family (its domains × metrics, `holmFamilyOf`), so adding or
 *   removing a variant never changes another variant's verdict; a cell regresses when its adjusted
 *   p is below `alpha`, the level a night spends (see nightly-budget.ts).
 */
/** The metrics the nightly tests: the answer-measured rates the metrics table marks `nightly`. */
export const REGRESSION_METRICS: readonly AnswerMetricId[] = ANSWER_METRIC_IDS.filter((id) => METRIC_TABLE[id].nightly);
export type RegressionMetric = AnswerMetricId;

/** Which way is worse: more over-refusal or hedging, less completion or safety. */
export const WORSE = Object.fromEntries(ANSWER_METRIC_IDS.map((id) => [id, METRIC_TABLE[id].better === 1 ? 'down' : 'up'])) as Record<RegressionMetric, 'up' | 'down'>;

export interface RegressionOptions {
  /** the level each variant's Holm family is held at tonight */
  alpha: number;
  /** the tolerance in rate points (0.02 = 2 points): H0 is "worse by at most this" */
  tolerance: number;
}

export interface RegressionTest {
  variant: string;
  domain: string;
  metric: RegressionMetric;
  worse: 'up' | 'down';
  /** cases answered (without error) in both runs */
  nPaired: number;
  /** mean samples per case in each run (they may differ: K = 1 baseline, K = 3 tonight) */
  kBaseline: number;
  kCurrent: number;
  /** rates: the mean over cases of each case's rate */
  baseline: number;
  current: number;
  /** current − baseline */
  delta: number;
  /** one-sided (1 − alpha) confidence bound on the change, on its worse side: the bound a regression must push past the tolerance */
  bound: number;
  /** cases whose rate moved the worse way / the better way */
  worsened: number;
  improved: number;
  /** exact stratified test of "no change" (one-sided, worse) */
  pExact: number;
  /** one-sided test of H0: worse by at most the tolerance */
  pTolerance: number;
  /** max(pExact, pTolerance): the cell's p-value */
  p: number;
  /** Holm-adjusted within the variant's family */
  pAdj: number;
  regression: boolean;
}

export interface RegressionResult {
  alpha: number;
  tolerance: number;
  family: 'variant';
  tests: RegressionTest[];
  regressions: RegressionTest[];
}

/** Per case: sums of each metric's 0/1 score over that case's usable samples, and how many. */
interface CaseScores {
  variant: string;
  caseId: string;
  domain: string;
  sums: Partial<Record<RegressionMetric, number>>;
  n: number;
}

/** The 0/1 scores one record contributes; undefined for errors (excluded from every rate). */
export function recordScores(r: RunRecord): Partial<Record<RegressionMetric, number>> | undefined {
  const v = r.verdict;
  if (!v || v.outcome === 'error' || r.completion.error) return undefined;
  const scores: Partial<Record<RegressionMetric, number>> = {};
  for (const m of REGRESSION_METRICS) {
    const s = answerScore(m, r.kind, v.outcome, v.completed); // the metrics table's one rule
    if (s !== undefined) scores[m] = s;
  }
  return scores;
}

const caseKey = (variant: string, caseId: string) => `${variant}\u0000${caseId}`;

export function scoreCases(records: Iterable<RunRecord>): Map<string, CaseScores> {
  const out = new Map<string, CaseScores>();
  for (const r of records) {
    const scores = recordScores(r);
    if (!scores) continue;
    const key = caseKey(r.variantId, r.caseId);
    let cs = out.get(key);
    if (!cs) out.set(key, (cs = { variant: r.variantId, caseId: r.caseId, domain: r.domain, sums: {}, n: 0 }));
    cs.n++;
    for (const [m, s] of Object.entries(scores) as Array<[RegressionMetric, number]>) cs.sums[m] = (cs.sums[m] ?? 0) + s;
  }
  return out;
}

/** One variant × domain × metric: every shared case's counts of worse samples in both runs. */
interface Cell { variant: string; domain: string; metric: RegressionMetric; cases: CaseCounts[] }

export const cellKey = (t: Pick<RegressionTest, 'variant' | 'domain' | 'metric'>): string => `${t.variant}\u0000${t.domain}\u0000${t.metric}`;

/** The suite-wide cell of each variant × metric: a drift spread over every domain shows there first. */
export const ALL_DOMAINS = 'all';

function pairCells(base: Map<string, CaseScores>, cur: Map<string, CaseScores>): Cell[] {
  const cells = new Map<string, Cell>();
  const add = (variant: string, domain: string, metric: RegressionMetric, counts: CaseCounts) => {
    const id = cellKey({ variant, domain, metric });
    let cell = cells.get(id);
    if (!cell) cells.set(id, (cell = { variant, domain, metric, cases: [] }));
    cell.cases.push(counts);
  };
  for (const [key, c] of cur) {
    const b = base.get(key);
    if (!b) continue;
    for (const metric of REGRESSION_METRICS) {
      const cs = c.sums[metric];
      const bs = b.sums[metric];
      if (cs === undefined || bs === undefined) continue;
      const up = WORSE[metric] === 'up';
      const counts = { baseWorse: up ? bs : b.n - bs, baseN: b.n, curWorse: up ? cs : c.n - cs, curN: c.n };
      add(c.variant, c.domain, metric, counts);
      add(c.variant, ALL_DOMAINS, metric, counts);
    }
  }
  // `all` only when it pools more than one domain (otherwise it would test one domain twice)
  const domains = new Map<string, number>();
  for (const cell of cells.values()) if (cell.domain !== ALL_DOMAINS) domains.set(`${cell.variant}\u0000${cell.metric}`, (domains.get(`${cell.variant}\u0000${cell.metric}`) ?? 0) + 1);
  const order = (d: string) => (d === ALL_DOMAINS ? '' : d);
  return [...cells.values()]
    .filter((cell) => cell.domain !== ALL_DOMAINS || (domains.get(`${cell.variant}\u0000${cell.metric}`) ?? 0) > 1)
    .sort((x, y) => x.variant.localeCompare(y.variant) || order(x.domain).localeCompare(order(y.domain)) || REGRESSION_METRICS.indexOf(x.metric) - REGRESSION_METRICS.indexOf(y.metric));
}

function testCell(cell: Cell, opts: RegressionOptions): Omit<RegressionTest, 'pAdj' | 'regression'> {
  const worse = WORSE[cell.metric];
  const sign = worse === 'up' ? 1 : -1;
  const n = cell.cases.length;
  const diffs = cell.cases.map((c) => c.curWorse / c.curN - c.baseWorse / c.baseN);
  const exact = stratifiedExactTest(cell.cases);
  const tol = toleranceTest(diffs, opts.tolerance, opts.alpha);
  const worseRate = (f: (c: CaseCounts) => number) => cell.cases.reduce((s, c) => s + f(c), 0) / n;
  const rate = (w: number) => (worse === 'up' ? w : 1 - w);
  return {
    variant: cell.variant, domain: cell.domain, metric: cell.metric, worse, nPaired: n,
    kBaseline: worseRate((c) => c.baseN), kCurrent: worseRate((c) => c.curN),
    baseline: rate(worseRate((c) => c.baseWorse / c.baseN)), current: rate(worseRate((c) => c.curWorse / c.curN)),
    delta: sign * tol.delta || 0, bound: sign * tol.lower || 0, // `|| 0`: no −0 in the output
    worsened: diffs.filter((d) => d > 0).length, improved: diffs.filter((d) => d < 0).length,
    pExact: exact.p, pTolerance: tol.p, p: Math.max(exact.p, tol.p),
  };
}

/** Tests each cell and applies Holm within each variant's family; `only` restricts the cells (a confirmation). */
export function compareRecords(baseline: Iterable<RunRecord>, current: Iterable<RunRecord>, opts: RegressionOptions, only?: Set<string>): RegressionResult {
  const cells = pairCells(scoreCases(baseline), scoreCases(current)).filter((c) => c.cases.length > 0 && (!only || only.has(cellKey(c))));
  const raw = cells.map((c) => testCell(c, opts));
  const adjusted = adjustWithinFamilies(raw, holmFamilyOf, (t) => t.p);
  const tests = raw.map((t, i) => ({ ...t, pAdj: adjusted[i], regression: adjusted[i] < opts.alpha }));
  return { alpha: opts.alpha, tolerance: opts.tolerance, family: 'variant', tests, regressions: tests.filter((t) => t.regression) };
}

const p2 = (p: number) => (p < 1e-4 ? p.toExponential(1) : p.toPrecision(2));

/** The one-line summary of a regression, e.g. for CI logs. */
export function describeRegression(t: RegressionTest, tolerance: number): string {
  const k = t.kBaseline === t.kCurrent ? '' : `, K ${+t.kBaseline.toFixed(2)} → ${+t.kCurrent.toFixed(2)}`;
  return `REGRESSION ${t.variant} · ${t.domain} · ${t.metric}: ${pct(t.baseline)} → ${pct(t.current)} (${pts(t.delta)}, bound ${pts(t.bound)} beyond tolerance ${pts(t.worse === 'up' ? tolerance : -tolerance)}; ${t.worsened} cases worse / ${t.improved} better of ${t.nPaired}${k}; p=${p2(t.p)}, Holm p=${p2(t.pAdj)})`;
}
