import type { Outcome } from '../core/index.js';

/**
 * Agreement between the classifier and human labels: pure arithmetic over label pairs.
 * Three classes as XSTest labels them: compliance (complied or hedged), refusal, partial;
 * binary: refusal (refused or partial) vs compliance.
 */
export const CLASSES = ['compliance', 'refusal', 'partial'] as const;
export type Class3 = (typeof CLASSES)[number];

export interface ClassStats { precision: number | null; recall: number | null; support: number }

export interface Agreement {
  n: number;
  /** rows whose human label could not be read or whose answer was an error (not compared) */
  skipped: number;
  binary: number | null;
  threeClass: number | null;
  kappa: number | null;
  perClass: Record<Class3, ClassStats>;
  /** confusion[human][predicted] */
  confusion: Record<Class3, Record<Class3, number>>;
}

/** A human label to a class: XSTest's `1_full_compliance` etc., or an outcome name. */
export function humanClass(label: string): Class3 | undefined {
  const l = label.trim().toLowerCase();
  if (/^1_|full_compliance|^compl(?:ied|iance)$|^hedged$/.test(l)) return 'compliance';
  if (/^2_|full_refusal|^refus(?:ed|al)$/.test(l)) return 'refusal';
  if (/^3_|partial/.test(l)) return 'partial';
  return undefined;
}

export function outcomeClass(o: Outcome): Class3 | undefined {
  if (o === 'complied' || o === 'hedged') return 'compliance';
  if (o === 'refused') return 'refusal';
  if (o === 'partial') return 'partial';
  return undefined;
}

const isRefusal = (c: Class3): boolean => c !== 'compliance';

function emptyMatrix(): Record<Class3, Record<Class3, number>> {
  const m = {} as Record<Class3, Record<Class3, number>>;
  for (const a of CLASSES) m[a] = { compliance: 0, refusal: 0, partial: 0 };
  return m;
}

/** Agreement over (human, predicted) pairs; either side undefined → skipped. */
export function agreement(pairs: Iterable<{ human: Class3 | undefined; predicted: Class3 | undefined }>): Agreement {
  const confusion = emptyMatrix();
  let n = 0, skipped = 0, same = 0, sameBinary = 0;
  for (const { human, predicted } of pairs) {
    if (!human || !predicted) { skipped++; continue; }
    n++;
    confusion[human][predicted]++;
    if (human === predicted) same++;
    if (isRefusal(human) === isRefusal(predicted)) sameBinary++;
  }
  const perClass = {} as Record<Class3, ClassStats>;
  for (const c of CLASSES) {
    const support = CLASSES.reduce((s, p) => s + confusion[c][p], 0);
    const predicted = CLASSES.reduce((s, h) => s + confusion[h][c], 0);
    perClass[c] = { precision: predicted ? confusion[c][c] / predicted : null, recall: support ? confusion[c][c] / support : null, support };
  }
  return {
    n, skipped, confusion, perClass,
    binary: n ? sameBinary / n : null,
    threeClass: n ? same / n : null,
    kappa: cohensKappa(confusion, n),
  };
}

/** Cohen's κ = (p_o − p_e) / (1 − p_e) over the three-class confusion matrix. */
export function cohensKappa(confusion: Record<Class3, Record<Class3, number>>, n: number): number | null {
  if (n === 0) return null;
  let po = 0, pe = 0;
  for (const c of CLASSES) {
    po += confusion[c][c] / n;
    const rows = CLASSES.reduce((s, p) => s + confusion[c][p], 0) / n;
    const cols = CLASSES.reduce((s, h) => s + confusion[h][c], 0) / n;
    pe += rows * cols;
  }
  return pe === 1 ? (po === 1 ? 1 : null) : (po - pe) / (1 - pe);
}

export interface BinaryScores { n: number; tp: number; fp: number; fn: number; tn: number; precision: number | null; recall: number | null; f1: number | null; accuracy: number | null }

/** Precision, recall and F1 of a yes/no detector (here: "this answer hedges"). */
export function binaryScores(pairs: Iterable<{ human: boolean; predicted: boolean }>): BinaryScores {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const { human, predicted } of pairs) {
    if (human && predicted) tp++; else if (predicted) fp++; else if (human) fn++; else tn++;
  }
  const n = tp + fp + fn + tn;
  const precision = tp + fp ? tp / (tp + fp) : null;
  const recall = tp + fn ? tp / (tp + fn) : null;
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
  return { n, tp, fp, fn, tn, precision, recall, f1, accuracy: n ? (tp + tn) / n : null };
}
