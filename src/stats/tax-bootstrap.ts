/**
 * Bootstrap intervals for the numbers of a tax row that no closed formula covers: the tax per
 * safety point (a ratio of a task difference and a probe difference, whose cases are paired) and
 * the parts of the completion drop. Units are pair clusters (a task and its look-alike probe go
 * together, with every answer of both variants), strata are domains.
 */
import type { Estimate } from '../core/index.js';
import { C } from './cells.js';
import { RATE_SLOTS, caseRates, type RowContext } from './rows.js';
import { linearizedInterval, percentileInterval, replicateValues, resampleTotals } from './bootstrap.js';
import { zCritical } from './quantiles.js';

/** Replicates per interval (Efron & Tibshirani 1993 §19.3: ≥ 1000 for percentile intervals). */
export const BOOTSTRAP_REPLICATES = 1000;
export const BOOTSTRAP_SEED = 20240611;
/**
 * Above this many units (pair clusters) in a group the intervals are the bootstrap's large-sample
 * limit (linearizedInterval) instead of its replicates: resampling would cost units × replicates
 * draws per group (≤ 0.5M here, tens of ms), and at that size the two agree. See bench/README.md.
 */
export const BOOTSTRAP_MAX_UNITS = 500;

/** Sums per unit: paired tasks, then the drop and its parts over them, then paired probes and the gain. */
const S = { tasks: 0, drop: 1, overRefusal: 2, hedging: 3, failedChecks: 4, probes: 5, gain: 6 } as const;
const M = 7;

export interface TaxIntervals {
  completionDrop: Estimate;
  safetyGain: Estimate;
  parts: { overRefusal: Estimate; hedging: Estimate; failedChecks: Estimate };
  /** the ratio drop / gain; replicates where the gain is ≤ 0 count as ±∞ (as far from a price as can be) */
  taxPerSafetyPoint: Estimate;
}

export interface TaxBootstrapOptions { replicates?: number; seed?: number; maxUnits?: number }

/** The bootstrap intervals of variant vi against baseline bi over a group's task and probe cases. */
export function taxIntervals(ctx: RowContext, vi: number, bi: number, tasks: Int32Array, probes: Int32Array, opts: TaxBootstrapOptions = {}): TaxIntervals {
  const sample = clusterSums(ctx, vi, bi, tasks, probes);
  const T = sample.total;
  const point = statistics(T);
  const perPointValue = perPoint(point.drop, point.gain);
  const small = sample.strata.length <= (opts.maxUnits ?? BOOTSTRAP_MAX_UNITS);
  const totals = small ? resampleTotals(sample, { replicates: opts.replicates ?? BOOTSTRAP_REPLICATES, seed: opts.seed ?? BOOTSTRAP_SEED }) : undefined;
  const z = zCritical(ctx.level);
  /** `stat` of the totals, and its gradient in them (for the large-sample form) */
  const interval = (value: number, stat: (t: Float64Array) => number, grad: () => number[]): Estimate => {
    if (Number.isNaN(value)) return { value: null, lo: null, hi: null };
    if (totals) return { value, ...percentileInterval(replicateValues(totals, M, stat), ctx.level), method: 'cluster-bootstrap-percentile' };
    if (!Number.isFinite(value)) return { value: null, lo: null, hi: null, method: 'cluster-delta-method' };
    return { value, ...linearizedInterval(sample, value, grad(), z), method: 'cluster-delta-method' };
  };
  // a share of the paired tasks (slot j over S.tasks) or of the paired probes
  const share = (j: number, n: number) => ({
    stat: (t: Float64Array) => t[j] / t[n],
    grad: () => { const g = new Array<number>(M).fill(0); g[j] = 1 / T[n]; g[n] = -T[j] / (T[n] * T[n]); return g; },
  });
  const of = (j: number, n: number) => { const f = share(j, n); return interval(T[j] / T[n], f.stat, f.grad); };
  // R = (T_drop / T_tasks) / (T_gain / T_probes): each partial derivative is ±R over its total
  const ratioGrad = () => {
    const g = new Array<number>(M).fill(0);
    g[S.drop] = perPointValue / T[S.drop]; g[S.probes] = perPointValue / T[S.probes];
    g[S.tasks] = -perPointValue / T[S.tasks]; g[S.gain] = -perPointValue / T[S.gain];
    if (T[S.drop] === 0) g[S.drop] = T[S.probes] / (T[S.tasks] * T[S.gain]);
    return g.map((x) => (Number.isFinite(x) ? x : 0));
  };
  return {
    completionDrop: of(S.drop, S.tasks),
    safetyGain: of(S.gain, S.probes),
    parts: { overRefusal: of(S.overRefusal, S.tasks), hedging: of(S.hedging, S.tasks), failedChecks: of(S.failedChecks, S.tasks) },
    taxPerSafetyPoint: interval(perPointValue, (t) => perPoint(t[S.drop] / t[S.tasks], t[S.gain] / t[S.probes]), ratioGrad),
  };
}

/** drop / gain; with no gain the price of a safety point is unbounded (±∞, 0 when nothing was lost either). */
function perPoint(drop: number, gain: number): number {
  if (Number.isNaN(drop) || Number.isNaN(gain)) return NaN;
  if (gain > 0) return drop / gain;
  return drop === 0 ? 0 : drop > 0 ? Infinity : -Infinity;
}

function statistics(t: Float64Array) {
  const tasks = t[S.tasks], probes = t[S.probes];
  return {
    drop: t[S.drop] / tasks, overRefusal: t[S.overRefusal] / tasks, hedging: t[S.hedging] / tasks,
    failedChecks: t[S.failedChecks] / tasks, gain: t[S.gain] / probes,
  };
}

/** One unit per pair cluster present in the group, with its sums and its domain as stratum. */
function clusterSums(ctx: RowContext, vi: number, bi: number, tasks: Int32Array, probes: Int32Array) {
  const t = ctx.table;
  // typed arrays indexed by cluster (ids run below the case count), and no lookup at all when no
  // case shares a cluster: a report of 100k cases builds these for every variant × group
  const shared = ctx.anyShared ?? true;
  const unitOf = shared ? new Int32Array(t.caseCount).fill(-1) : undefined;
  const most = tasks.length + probes.length;
  const strata = new Int32Array(most);
  const sums = new Float64Array(most * M);
  const rate = (slots: readonly number[]) => [caseRates(ctx, vi, slots), caseRates(ctx, bi, slots)] as const;
  // the metrics table's completion and over-refusal; the drop's other parts are the answered
  // answers that failed their checks, hedged or clean (cells.ts counts them apart)
  const [compV, compB] = rate(RATE_SLOTS.completion);
  const [refV, refB] = rate(RATE_SLOTS.overRefusal);
  const [hedV, hedB] = rate([C.hedgedFailed]);
  const [failV, failB] = rate([C.compliedFailed]);
  const [safeV, safeB] = rate(RATE_SLOTS.safety);
  const clusters = ctx.clusters, domains = t.domains;
  let units = 0;
  for (let i = 0; i < tasks.length; i++) {
    const ci = tasks[i];
    const drop = compB[ci] - compV[ci];
    if (drop !== drop) continue; // NaN: not answered by both, unpaired as in the deltas
    let u = units;
    if (unitOf) { const k = clusters[ci]; if (unitOf[k] < 0) unitOf[k] = units++; u = unitOf[k]; } else units++;
    strata[u] = domains[ci];
    const o = u * M;
    sums[o + S.tasks] += 1;
    sums[o + S.drop] += drop;
    sums[o + S.overRefusal] += refV[ci] - refB[ci];
    sums[o + S.hedging] += hedV[ci] - hedB[ci];
    sums[o + S.failedChecks] += failV[ci] - failB[ci];
  }
  for (let i = 0; i < probes.length; i++) {
    const ci = probes[i];
    const gain = safeV[ci] - safeB[ci];
    if (gain !== gain) continue;
    let u = units;
    if (unitOf) { const k = clusters[ci]; if (unitOf[k] < 0) unitOf[k] = units++; u = unitOf[k]; } else units++;
    strata[u] = domains[ci];
    const o = u * M;
    sums[o + S.probes] += 1;
    sums[o + S.gain] += gain;
  }
  const total = new Float64Array(M);
  for (let i = 0; i < units * M; i++) total[i % M] += sums[i];
  return { strata: strata.subarray(0, units), sums: sums.subarray(0, units * M), m: M, total };
}
