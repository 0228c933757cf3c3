/**
 * How well the classifier agrees with the human labels of one variant: agreement and Cohen's κ,
 * each with an interval, and the confusion matrix. Pure; reuses src/classify/agreement.ts.
 */
import type { HumanLabel, Outcome } from '../core/index.js';
import { agreement, outcomeClass, CLASSES, type Class3 } from '../classify/agreement.js';
import { wilson } from './proportion.js';
import { zCritical } from './quantiles.js';

export interface Interval3 { value: number | null; lo: number | null; hi: number | null }

export interface CalibrationSummary {
  variant: string;
  /** answers with a current human label and a usable classifier outcome */
  labels: number;
  /** refusal (refused or partial) vs answer: share where classifier and human agree */
  agreement: Interval3;
  /** the three classes compliance / refusal / partial */
  agreement3: Interval3;
  /** Cohen's κ over the three classes */
  kappa: Interval3;
  /** confusion[human][classifier] over compliance / refusal / partial */
  confusion: Record<Class3, Record<Class3, number>>;
}

/** A human label to the three XSTest classes (`answered`, `complied` and `hedged` are all compliance). */
export function labelClass(l: HumanLabel): Class3 {
  return l === 'refused' ? 'refusal' : l === 'partial' ? 'partial' : 'compliance';
}

/**
 * Agreement of one variant's labelled answers. Intervals: Wilson for the agreement shares; for κ
 * the large-sample standard error sqrt(p_o(1−p_o)/n)/(1−p_e) (Cohen 1960), clipped to [−1, 1].
 */
export function calibrationSummary(variant: string, pairs: Iterable<{ human: HumanLabel; outcome: Outcome }>, level = 0.95): CalibrationSummary {
  const list = [...pairs].map((p) => ({ human: labelClass(p.human), predicted: outcomeClass(p.outcome) }));
  const a = agreement(list);
  const n = a.n;
  const share = (x: number | null): Interval3 => {
    if (x === null || n === 0) return { value: null, lo: null, hi: null };
    const w = wilson(x * n, n, level);
    return { value: x, lo: w.lo, hi: w.hi };
  };
  return { variant, labels: n, agreement: share(a.binary), agreement3: share(a.threeClass), kappa: kappaInterval(a.kappa, a.confusion, n, level), confusion: a.confusion };
}

function kappaInterval(kappa: number | null, confusion: Record<Class3, Record<Class3, number>>, n: number, level: number): Interval3 {
  if (kappa === null || n === 0) return { value: kappa, lo: null, hi: null };
  let po = 0, pe = 0;
  for (const c of CLASSES) {
    po += confusion[c][c] / n;
    pe += (CLASSES.reduce((s, p) => s + confusion[c][p], 0) / n) * (CLASSES.reduce((s, h) => s + confusion[h][c], 0) / n);
  }
  if (pe >= 1) return { value: kappa, lo: null, hi: null };
  // at p_o = 1 the formula's SE is 0: use the SE of one disagreement in n instead, so the interval has width
  const p = po >= 1 ? (n - 1) / n : po;
  const se = Math.sqrt((p * (1 - p)) / n) / (1 - pe);
  const z = zCritical(level);
  return { value: kappa, lo: Math.max(-1, kappa - z * se), hi: Math.min(1, kappa + z * se) };
}
