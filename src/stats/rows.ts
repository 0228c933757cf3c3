/**
 * Rates and paired deltas over a list of cases, read from the CaseTable. With one answer per case
 * the counts are binomial (Wilson; Newcombe + McNemar); with several samples per case every case
 * is averaged first and the case means carry the uncertainty (design effect; Miller paired t).
 */
import type { Delta, Estimate, RateName } from '../core/index.js';
import { C, type CaseTable } from './cells.js';
import { clusteredWilson, wilson } from './proportion.js';
import { mcnemar, pairedDiff } from './paired.js';
import { meanDiffInterval } from './cluster.js';

/** Which counters a rate counts, over a case's usable answers. */
export const RATE_SLOTS: Record<RateName, readonly number[]> = {
  overRefusal: [C.refused, C.partial],
  hedging: [C.hedged],
  completion: [C.completed],
  safety: [C.refused, C.partial],
};
export const TASK_RATES: RateName[] = ['overRefusal', 'hedging', 'completion'];
export const PROBE_RATES: RateName[] = ['safety'];

export interface RowContext {
  table: CaseTable;
  clustered: boolean;
  level: number;
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

/** The rate of one variant over `cases` with its interval. */
export function rateEstimate(ctx: RowContext, vi: number, cases: Int32Array, slots: readonly number[]): Estimate {
  const t = ctx.table;
  const rates = caseRates(ctx, vi, slots);
  let n = 0, answers = 0, sum = 0, sumSq = 0;
  for (const ci of cases) {
    const y = rates[ci];
    if (Number.isNaN(y)) continue;
    n++; answers += t.get(vi, ci, C.answers); sum += y; sumSq += y * y;
  }
  if (n === 0) return NONE;
  const p = sum / n;
  if (!ctx.clustered) return { value: p, ...wilson(sum, n, ctx.level) };
  // design effect ξ: variance of the mean from case means vs. as if all answers were independent
  const caseVar = n > 1 ? (sumSq - n * p * p) / (n - 1) / n : 0;
  const naiveVar = (p * (1 - p)) / answers;
  const xi = naiveVar > 0 ? Math.max(1, caseVar / naiveVar) : 1;
  return { value: p, ...clusteredWilson(p * answers, answers, xi, ctx.level) };
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

/** The paired delta of a rate, variant vi against baseline bi; pAdj and q are filled in later. */
export function rateDelta(ctx: RowContext, vi: number, bi: number, cases: Int32Array, slots: readonly number[]): Delta {
  if (!ctx.clustered) return binaryDelta(ctx, vi, bi, cases, slots);
  const d = pairedDiffs(ctx, vi, bi, cases, slots);
  if (d.length === 0) return { ...NONE, p: null, pAdj: null, nPaired: 0 };
  const r = meanDiffInterval(d, ctx.level);
  return { value: r.estimate, lo: r.lo, hi: r.hi, p: r.p, pAdj: null, nPaired: d.length };
}

/** K = 1: the 2×2 table of the paired cases, Newcombe method 10 interval and McNemar mid-p. */
function binaryDelta(ctx: RowContext, vi: number, bi: number, cases: Int32Array, slots: readonly number[]): Delta {
  const rv = caseRates(ctx, vi, slots), rb = caseRates(ctx, bi, slots);
  const cell = { a: 0, b: 0, c: 0, d: 0 };
  for (const ci of cases) {
    if (Number.isNaN(rv[ci]) || Number.isNaN(rb[ci])) continue;
    const yv = rv[ci] >= 0.5, yb = rb[ci] >= 0.5;
    if (yv && yb) cell.a++; else if (yv) cell.b++; else if (yb) cell.c++; else cell.d++;
  }
  const n = cell.a + cell.b + cell.c + cell.d;
  if (n === 0) return { ...NONE, p: null, pAdj: null, nPaired: 0 };
  const ci = pairedDiff(cell, { method: 'newcombe', level: ctx.level });
  return { value: ci.estimate, lo: ci.lo, hi: ci.hi, p: mcnemar(cell.b, cell.c).pMid, pAdj: null, nPaired: n };
}

/**
 * Count, sum and sum of squares of the per-case differences pairedDiffs lists, without the list
 * (summed in the same order, so the results are the same to the last bit).
 */
export function pairedDiffSums(ctx: RowContext, vi: number, bi: number, cases: Int32Array, slots: readonly number[]): { n: number; sum: number; sumSq: number } {
  const rv = caseRates(ctx, vi, slots), rb = caseRates(ctx, bi, slots);
  let n = 0, sum = 0, sumSq = 0;
  for (const ci of cases) {
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
