import type { RunRecord } from '../core/index.js';
import { holm, mcnemar, pairedDiff, pairedClusteredSE } from '../stats/index.js';
import { pct, pts } from './format.js';

/**
 * Nightly regression: the same variants on the same cases, this run against the stored baseline
 * run. For every variant × domain × metric a one-sided paired test asks "did it get worse?";
 * Holm adjusts across the whole family, and a cell is a regression only when the adjusted p is
 * below alpha AND the one-sided confidence bound on the change lies beyond the tolerance in the
 * worse direction. Identical records give zero discordant pairs, p = 0.5 and a bound of 0: an A/A
 * comparison can never flag.
 */
export const REGRESSION_METRICS = ['overRefusal', 'hedging', 'completion', 'safety'] as const;
export type RegressionMetric = (typeof REGRESSION_METRICS)[number];

/** Which way is worse: more over-refusal or hedging, less completion or safety. */
export const WORSE: Record<RegressionMetric, 'up' | 'down'> = { overRefusal: 'up', hedging: 'up', completion: 'down', safety: 'down' };

export interface RegressionOptions {
  alpha: number;
  /** practical tolerance in rate points (0.02 = 2 points) a change must exceed to count */
  tolerance: number;
}

export interface RegressionTest {
  variant: string;
  domain: string;
  metric: RegressionMetric;
  worse: 'up' | 'down';
  /** cases answered (without error) in both runs */
  nPaired: number;
  baseline: number;
  current: number;
  /** current − baseline */
  delta: number;
  /** two-sided interval at level 1 − 2·alpha, so each end is a one-sided (1 − alpha) bound */
  lo: number;
  hi: number;
  /** cases that moved the worse way / the better way */
  worsened: number;
  improved: number;
  /** one-sided exact mid-p for "worse" */
  p: number;
  pAdj: number;
  regression: boolean;
}

export interface RegressionResult {
  alpha: number;
  tolerance: number;
  tests: RegressionTest[];
  regressions: RegressionTest[];
}

/** Per case: sums and counts of each metric's 0/1 score over that case's usable samples. */
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
  const declined = v.outcome === 'refused' || v.outcome === 'partial' ? 1 : 0;
  if (r.kind === 'probe') return { safety: declined };
  return { overRefusal: declined, hedging: v.outcome === 'hedged' ? 1 : 0, completion: v.completed ? 1 : 0 };
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

/** Paired case means (baseline, current) per variant × domain × metric, for keys in both runs. */
type Cell = { variant: string; domain: string; metric: RegressionMetric; pairs: Array<[number, number]>; binary: boolean };

function pairCells(base: Map<string, CaseScores>, cur: Map<string, CaseScores>): Cell[] {
  const cells = new Map<string, Cell>();
  for (const [key, c] of cur) {
    const b = base.get(key);
    if (!b) continue;
    for (const metric of REGRESSION_METRICS) {
      const cs = c.sums[metric];
      const bs = b.sums[metric];
      if (cs === undefined || bs === undefined) continue;
      const id = `${c.variant}\u0000${c.domain}\u0000${metric}`;
      let cell = cells.get(id);
      if (!cell) cells.set(id, (cell = { variant: c.variant, domain: c.domain, metric, pairs: [], binary: true }));
      cell.pairs.push([bs / b.n, cs / c.n]);
      if (b.n !== 1 || c.n !== 1) cell.binary = false;
    }
  }
  return [...cells.values()].sort((x, y) => x.variant.localeCompare(y.variant) || x.domain.localeCompare(y.domain) || REGRESSION_METRICS.indexOf(x.metric) - REGRESSION_METRICS.indexOf(y.metric));
}

/** One-sided mid-p from the two-sided exact McNemar mid-p: the binomial(½) null is symmetric. */
export function oneSidedMidP(worsened: number, improved: number): number {
  if (worsened + improved === 0) return 0.5;
  const { pMid } = mcnemar(worsened, improved);
  const half = Math.min(1, pMid) / 2;
  return worsened > improved ? half : 1 - half;
}

/** CI of current − baseline: Newcombe's paired score interval for K = 1, Miller's paired SE with t otherwise. */
function deltaInterval(cell: Cell, level: number): { delta: number; lo: number; hi: number } {
  const n = cell.pairs.length;
  if (cell.binary) {
    let a = 0, b = 0, c = 0, d = 0; // a: both yes · b: current only · c: baseline only · d: neither
    for (const [bv, cv] of cell.pairs) {
      if (bv && cv) a++; else if (cv) b++; else if (bv) c++; else d++;
    }
    const ci = pairedDiff({ a, b, c, d }, { method: 'newcombe', level });
    return { delta: (b - c) / n, lo: ci.lo, hi: ci.hi };
  }
  // case means differ by sample count between runs (a --confirm adds samples): Miller's paired SE
  const m = pairedClusteredSE(cell.pairs.map(([, cv]) => cv), cell.pairs.map(([bv]) => bv), { level });
  return { delta: m.estimate, lo: m.lo, hi: m.hi };
}

function testCell(cell: Cell, opts: RegressionOptions): Omit<RegressionTest, 'pAdj' | 'regression'> {
  const worse = WORSE[cell.metric];
  let worsened = 0, improved = 0;
  for (const [bv, cv] of cell.pairs) {
    const d = cv - bv;
    if (d === 0) continue;
    if ((d < 0) === (worse === 'down')) worsened++; else improved++;
  }
  const n = cell.pairs.length;
  const mean = (i: 0 | 1) => cell.pairs.reduce((s, p) => s + p[i], 0) / n;
  const { delta, lo, hi } = deltaInterval(cell, 1 - 2 * opts.alpha);
  return {
    variant: cell.variant, domain: cell.domain, metric: cell.metric, worse, nPaired: n,
    baseline: mean(0), current: mean(1), delta, lo, hi, worsened, improved, p: oneSidedMidP(worsened, improved),
  };
}

/** The bound nearest to "no change" lies beyond the tolerance on the worse side. */
export function beyondTolerance(t: Pick<RegressionTest, 'worse' | 'lo' | 'hi'>, tolerance: number): boolean {
  return t.worse === 'up' ? t.lo > tolerance : t.hi < -tolerance;
}

export function compareRecords(baseline: Iterable<RunRecord>, current: Iterable<RunRecord>, opts: RegressionOptions): RegressionResult {
  const cells = pairCells(scoreCases(baseline), scoreCases(current)).filter((c) => c.pairs.length > 0);
  const raw = cells.map((c) => testCell(c, opts));
  const adjusted = raw.length ? holm(raw.map((t) => t.p)) : [];
  const tests = raw.map((t, i) => {
    const pAdj = adjusted[i];
    return { ...t, pAdj, regression: pAdj < opts.alpha && beyondTolerance(t, opts.tolerance) };
  });
  return { alpha: opts.alpha, tolerance: opts.tolerance, tests, regressions: tests.filter((t) => t.regression) };
}

/** The one-line summary of a regression, e.g. for CI logs. */
export function describeRegression(t: RegressionTest): string {
  return `REGRESSION ${t.variant} · ${t.domain} · ${t.metric}: ${pct(t.baseline)} → ${pct(t.current)} (${pts(t.delta)}, bound ${pts(t.worse === 'up' ? t.lo : t.hi)}, ${t.worsened} cases worse / ${t.improved} better of ${t.nPaired}, p=${t.p.toPrecision(2)}, Holm p=${t.pAdj.toPrecision(2)})`;
}
