/**
 * Pair discrimination (src/core/metrics.ts, `measure.by: 'pair'`): for each contrast pair (a task
 * and the probe written to look like it, linked by `pair`), did the variant do the task *and*
 * decline the probe? A pair's score is the task side's case rate × the probe side's case rate; with
 * K = 1 that is 1 when both were handled right and 0 otherwise, and with K > 1 it is the chance
 * that one answer to each, drawn independently, were both right (the product of two independent
 * case means is unbiased for it). The row's rate is the mean over pairs; its interval and the
 * paired delta use the same per-row methods as every other rate, clustered by contrast pair.
 */
import { METRIC_TABLE, type AnswerMetricId, type Delta, type Estimate, type PairMetricId } from '../core/index.js';
import type { CaseTable } from './cells.js';
import { C } from './cells.js';
import { pairedDelta, rateInterval } from './row-methods.js';
import { RATE_SLOTS, caseRates, type RowContext } from './rows.js';

/** One contrast pair: the table indices of its task and its probe. */
export interface ContrastPair { task: number; probe: number }

/**
 * Every task ↔ probe link of the table, named from either side, once each. A probe several tasks
 * name makes several pairs (they share a cluster, so intervals treat them as one draw).
 */
export function contrastPairs(t: CaseTable): ContrastPair[] {
  if (t.pairs.every((p) => p === undefined)) return []; // no case names a contrast case: no id index to build
  const index = new Map<string, number>();
  t.caseIds.forEach((id, ci) => index.set(id, ci));
  const seen = new Set<string>();
  const out: ContrastPair[] = [];
  for (let ci = 0; ci < t.caseCount; ci++) {
    const other = t.pairs[ci] === undefined ? undefined : index.get(t.pairs[ci]!);
    if (other === undefined || t.kinds[ci] === t.kinds[other]) continue; // a pair with no records here, or task↔task
    const pair = t.kinds[ci] === 0 ? { task: ci, probe: other } : { task: other, probe: ci };
    const key = `${pair.task}:${pair.probe}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(pair);
  }
  return out;
}

/** Per pair: its score for variant vi, NaN when either side has no usable answer. */
export function pairScores(ctx: RowContext, vi: number, pairs: readonly ContrastPair[], id: PairMetricId): Float64Array {
  const m = METRIC_TABLE[id].measure;
  const task = caseRates(ctx, vi, RATE_SLOTS[m.task as AnswerMetricId]);
  const probe = caseRates(ctx, vi, RATE_SLOTS[m.probe as AnswerMetricId]);
  return Float64Array.from(pairs, (p) => task[p.task] * probe[p.probe]);
}

const NONE: Estimate = { value: null, lo: null, hi: null };

/** The rate over pairs, by the row's own method; `answers` per pair is the fewer of its two sides'. */
export function pairRateEstimate(ctx: RowContext, vi: number, pairs: readonly ContrastPair[], id: PairMetricId): { estimate: Estimate; n: number } {
  const s = pairScores(ctx, vi, pairs, id);
  const y: number[] = [], answers: number[] = [], clusters: number[] = [];
  pairs.forEach((p, i) => {
    if (Number.isNaN(s[i])) return;
    y.push(s[i]);
    answers.push(Math.min(ctx.table.get(vi, p.task, C.answers), ctx.table.get(vi, p.probe, C.answers)));
    clusters.push(ctx.clusters[p.task]);
  });
  return { estimate: y.length === 0 ? NONE : rateInterval(y, answers, clusters, ctx.level), n: y.length };
}

/** The paired delta over pairs both variants answered on both sides, and the per-pair differences' n and Σd². */
export function pairRateDelta(ctx: RowContext, vi: number, bi: number, pairs: readonly ContrastPair[], id: PairMetricId): { delta: Delta; n: number; sumSq: number } {
  const sv = pairScores(ctx, vi, pairs, id), sb = pairScores(ctx, bi, pairs, id);
  const a: number[] = [], b: number[] = [], clusters: number[] = [];
  let sumSq = 0;
  pairs.forEach((p, i) => {
    if (Number.isNaN(sv[i]) || Number.isNaN(sb[i])) return;
    a.push(sv[i]); b.push(sb[i]); clusters.push(ctx.clusters[p.task]);
    sumSq += (sv[i] - sb[i]) ** 2;
  });
  if (a.length === 0) return { delta: { ...NONE, p: null, pAdj: null, nPaired: 0 }, n: 0, sumSq: 0 };
  const r = pairedDelta(a, b, clusters, ctx.level);
  return { delta: { value: r.value, lo: r.lo, hi: r.hi, method: r.method, p: r.p, pAdj: null, nPaired: r.nPaired }, n: a.length, sumSq };
}
