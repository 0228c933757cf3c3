/**
 * Rates and paired deltas over a list of cases, read from the CaseTable. Every case is averaged
 * over its answers first (a case counts once, whatever its K); the interval method is chosen per
 * row from that row's case means (row-methods.ts), so one case's extra sample changes only its rows.
 */
import { METRIC_TABLE, ANSWER_METRIC_IDS, type AnswerMetricId, type Counter, type Delta, type Estimate } from '../core/index.js';
import { C, type CaseTable } from './cells.js';
import { pairedDelta, rateInterval } from './row-methods.js';

/** The table slot of each counter a metric can count toward (src/core/metrics.ts names them). */
const COUNTER_SLOT = { refused: C.refused, partial: C.partial, hedged: C.hedged, completed: C.completed } as const satisfies Record<Counter, number>;

/** Which counters each answer-measured rate counts, over a case's usable answers: from the metrics table. */
export const RATE_SLOTS = {} as Record<AnswerMetricId, readonly number[]>;
for (const id of ANSWER_METRIC_IDS) RATE_SLOTS[id] = (METRIC_TABLE[id].measure.counts as readonly Counter[]).map((c) => COUNTER_SLOT[c]);
export const TASK_RATES = ANSWER_METRIC_IDS.filter((id) => METRIC_TABLE[id].kind === 'task');
export const PROBE_RATES = ANSWER_METRIC_IDS.filter((id) => METRIC_TABLE[id].kind === 'probe');

export interface RowContext {
  table: CaseTable;
  level: number;
  /** per case: its contrast-pair cluster (clusters.ts) */
  clusters: Int32Array;
  /** whether any two cases share a cluster (false: every case stands alone, and rows skip the bookkeeping) */
  anyShared?: boolean;
  /** per (variant, slots): every case's rate, computed once (NaN where the variant has no answer) */
  rates?: Map<string, Float64Array>;
}

/** Share of variant vi's usable answers on case ci that hit any of `slots`. */
export function caseRate(t: CaseTable, vi: number, ci: number, slots: readonly number[]): number {
  const answers = t.get(vi, ci, C.answers);
  let hits = 0;
  for (const s of slots) hits += t.get(vi, ci, s);
  return hits / answers;
}

/** Every case's rate for variant vi, cached: each is read by several rows, deltas and tax parts. */
export function caseRates(ctx: RowContext, vi: number, slots: readonly number[]): Float64Array {
  const cache = (ctx.rates ??= new Map());
  const key = `${vi}:${slots.join(',')}`;
  let rates = cache.get(key);
  if (!rates) {
    const t = ctx.table;
    rates = new Float64Array(t.caseCount);
    for (let ci = 0; ci < t.caseCount; ci++) rates[ci] = caseRate(t, vi, ci, slots); // 0/0 = NaN: no answer
    cache.set(key, rates);
  }
  return rates;
}

const NONE: Estimate = { value: null, lo: null, hi: null };

/**
 * The rate of one variant over `cases` with its interval, by the row's own method. The row's
 * values go into typed arrays sized for the row (indexed loops, no growing arrays): a report of
 * 100k cases fills hundreds of rows, and pushing onto plain arrays made this most of the build.
 */
export function rateEstimate(ctx: RowContext, vi: number, cases: Int32Array, slots: readonly number[]): Estimate {
  const t = ctx.table;
  const rates = caseRates(ctx, vi, slots);
  const shared = ctx.anyShared ?? true;
  const y = new Float64Array(cases.length), answers = new Float64Array(cases.length);
  const clusters: number[] = [];
  let n = 0;
  for (let i = 0; i < cases.length; i++) {
    const ci = cases[i];
    const r = rates[ci];
    if (r !== r) continue; // NaN: no usable answer
    y[n] = r; answers[n] = t.get(vi, ci, C.answers); n++;
    if (shared) clusters.push(ctx.clusters[ci]);
  }
  return n === 0 ? NONE : rateInterval(y.subarray(0, n), answers.subarray(0, n), shared ? clusters : null, ctx.level);
}

/** Per-case differences (variant − baseline) of a rate over the cases both answered. */
export function pairedDiffs(ctx: RowContext, vi: number, bi: number, cases: Int32Array, slots: readonly number[]): number[] {
  const rv = caseRates(ctx, vi, slots), rb = caseRates(ctx, bi, slots);
  const d: number[] = [];
  for (const ci of cases) {
    const x = rv[ci] - rb[ci];
    if (!Number.isNaN(x)) d.push(x); // NaN when either variant has no usable answer on the case
  }
  return d;
}

/** The paired delta of a rate, variant vi against baseline bi, by the row's own method; pAdj and q are filled in later. */
export function rateDelta(ctx: RowContext, vi: number, bi: number, cases: Int32Array, slots: readonly number[]): Delta {
  const rv = caseRates(ctx, vi, slots), rb = caseRates(ctx, bi, slots);
  const shared = ctx.anyShared ?? true;
  const a = new Float64Array(cases.length), b = new Float64Array(cases.length); // as in rateEstimate
  const clusters: number[] = [];
  let n = 0;
  for (let i = 0; i < cases.length; i++) {
    const ci = cases[i];
    const x = rv[ci], z = rb[ci];
    if (x !== x || z !== z) continue; // NaN: either variant has no usable answer
    a[n] = x; b[n] = z; n++;
    if (shared) clusters.push(ctx.clusters[ci]);
  }
  if (n === 0) return { ...NONE, p: null, pAdj: null, nPaired: 0 };
  const r = pairedDelta(a.subarray(0, n), b.subarray(0, n), shared ? clusters : null, ctx.level);
  return { value: r.value, lo: r.lo, hi: r.hi, method: r.method, p: r.p, pAdj: null, nPaired: r.nPaired };
}

/**
 * Count, sum and sum of squares of the per-case differences pairedDiffs lists, without the list
 * (summed in the same order, so the results are the same to the last bit).
 */
export function pairedDiffSums(ctx: RowContext, vi: number, bi: number, cases: Int32Array, slots: readonly number[]): { n: number; sum: number; sumSq: number } {
  const rv = caseRates(ctx, vi, slots), rb = caseRates(ctx, bi, slots);
  let n = 0, sum = 0, sumSq = 0;
  for (let i = 0; i < cases.length; i++) {
    const ci = cases[i];
    const x = rv[ci] - rb[ci];
    if (Number.isNaN(x)) continue;
    n++; sum += x; sumSq += x * x;
  }
  return { n, sum, sumSq };
}

/** Mean of the per-case differences of a rate (used for the parts of the completion drop). */
export function meanPairedDiff(ctx: RowContext, vi: number, bi: number, cases: Int32Array, slots: readonly number[]): number | null {
  const { n, sum } = pairedDiffSums(ctx, vi, bi, cases, slots);
  return n === 0 ? null : sum / n;
}
