/**
 * Rates corrected for the classifier's error with human labels: prediction-powered inference
 * (Angelopoulos, Bates, Fannjiang, Jordan, Zrnic, Science 2023) with PPI++ power tuning
 * (Angelopoulos, Duchi, Zrnic 2023), for the mean of a binary rate. Pure.
 *
 * Every answer of a cell has the classifier's 0/1 indicator f (e.g. "refused or partial"); a
 * labelled subset also has the human's y. The estimate is
 *
 *   θ̂ = λ·mean_all(f) + mean_lab(w·(y − λ·f))  =  ȳ_L + λ·(f̄ − f̄_L)
 *
 * with the label means weighted by w = 1/π (inclusion probability of the stratified labelling
 * sample, normalised: a Hájek mean) and each case counting once (an answer weighs 1/K of its case,
 * as in the classifier's own rates). λ = 0 is the plain human-label estimate; λ = 1 is the
 * classical PPI rectifier. λ is the weighted regression slope of y on f over the labels, clipped to
 * [0, 1], the λ that minimises the variance below; if the variance estimate at λ = 0 is smaller
 * anyway (odd weights), λ = 0 is used, so the correction is never worse than labels alone. A perfect
 * classifier (f = y) gives λ = 1 and θ̂ = f̄; a useless one gives λ = 0.
 *
 * Tuning needs labels on both sides of the classifier: with fewer than TUNE_MIN labelled answers
 * the classifier calls 1 (or 0), the slope and the variance at λ = 0 are read off a handful of
 * answers, and a stratified sample that drew none of a cell's rare stratum would make the labels
 * alone look exact while they miss that stratum entirely (seen on XSTest: gpt4's 9 refused safe
 * answers, no label among them, λ = 0 and 1.4% for a human 8.7%). Then λ = 1, classical PPI: the
 * classifier speaks for every answer and the labels only estimate its error.
 *
 * The interval comes from the influence of each case, clustering an answer's K samples together:
 *   IF_c = λ·(f_c − f̄)/C  +  Σ_{labelled i in c} (v_i/V)·((y_i − ȳ_L) − λ·(f_i − f̄_L))
 * and Var θ̂ = C/(C−1)·Σ_c IF_c². Its two parts are the two PPI variance terms (the classifier's
 * mean over all C cases, and the rectifier over the labels) plus their covariance, because here the
 * labelled answers are a subset of all answers, not a separate sample. Labels are treated as drawn
 * independently with their π (Poisson sampling), slightly conservative for a fixed-size stratified
 * draw. The quantile is t on (labels − 1) df. A paired delta against the baseline uses the same
 * influences: IF_Δ,c = IF_variant,c − IF_baseline,c over the cases both answered.
 */
import { clopperPearson } from './proportion.js';
import { tQuantile } from './quantiles.js';

/** One labelled answer: the classifier's 0/1, the human's 0/1, and the design weight 1/π. */
export interface LabelledAnswer { f: number; y: number; w: number }

/** One case of a cell: the classifier's rate over its usable answers, and which of those are labelled. */
export interface PpiUnit {
  /** the classifier's indicator averaged over the case's usable answers */
  f: number;
  /** usable answers of the case (K, fewer after errors); an answer weighs 1/answers of its case */
  answers: number;
  labelled: readonly LabelledAnswer[];
}

export interface PpiFit {
  value: number;
  lambda: number;
  /** labels used */
  nLabels: number;
  /** the classifier's own mean over all cases, and the weighted mean of the labels */
  classifier: number;
  human: number;
  /** per-case influence: value − θ ≈ Σ influence; Var = C/(C−1)·Σ influence² */
  influence: Float64Array;
}

export interface PpiEstimate {
  value: number | null;
  lo: number | null;
  hi: number | null;
  method: 'ppi++' | 'ppi++-exact-labels' | 'too-few-labels';
  lambda?: number;
  nLabels: number;
  /** when value is null: why, in words a report can print */
  note?: string;
}

export interface PpiOptions {
  level?: number;
  /** fewer labels than this in a cell: no number, a note instead (default MIN_LABELS) */
  minLabels?: number;
  /** labelled answers needed on each side of the classifier before λ is tuned (default TUNE_MIN) */
  tuneMin?: number;
}

/** A cell with fewer labelled answers than this gets no corrected figure. */
export const MIN_LABELS = 10;

/** Power tuning (λ other than 1) needs at least this many labelled answers on each side of the classifier. */
export const TUNE_MIN = 5;

/** The PPI++ fit of one cell (see the file comment); undefined when it has no case or no label. */
export function ppiFit(units: readonly PpiUnit[], fixedLambda?: number, tuneMin = TUNE_MIN): PpiFit | undefined {
  const C = units.length;
  if (C === 0) return undefined;
  let fBar = 0;
  for (const u of units) fBar += u.f / C;
  // weighted label moments: v = w / answers (design weight × the answer's share of its case)
  let V = 0, fL = 0, yL = 0, n = 0, ones = 0;
  for (const u of units) for (const a of u.labelled) { const v = a.w / u.answers; V += v; fL += v * a.f; yL += v * a.y; n++; if (a.f >= 0.5) ones++; }
  if (n === 0 || !(V > 0)) return undefined;
  fL /= V; yL /= V;
  let sfy = 0, sff = 0;
  for (const u of units) for (const a of u.labelled) { const v = a.w / u.answers; sfy += v * (a.f - fL) * (a.y - yL); sff += v * (a.f - fL) ** 2; }
  const influenceAt = (lambda: number): Float64Array => {
    const inf = new Float64Array(C);
    units.forEach((u, c) => {
      let x = (lambda * (u.f - fBar)) / C;
      for (const a of u.labelled) x += ((a.w / u.answers) / V) * (a.y - yL - lambda * (a.f - fL));
      inf[c] = x;
    });
    return inf;
  };
  const tune = fixedLambda === undefined && Math.min(ones, n - ones) >= tuneMin;
  let lambda = fixedLambda ?? (!tune ? 1 : sff > 1e-12 ? Math.min(1, Math.max(0, sfy / sff)) : 0);
  let influence = influenceAt(lambda);
  if (tune && lambda > 0) {
    const atZero = influenceAt(0);
    if (sumSq(atZero) < sumSq(influence)) { lambda = 0; influence = atZero; }
  }
  return { value: yL + lambda * (fBar - fL), lambda, nLabels: n, classifier: fBar, human: yL, influence };
}

/** The corrected rate of one cell with its interval, or no number (and why) when labels are too few. */
export function ppiEstimate(units: readonly PpiUnit[], opts: PpiOptions = {}): PpiEstimate {
  const minLabels = opts.minLabels ?? MIN_LABELS;
  const nLabels = units.reduce((s, u) => s + u.labelled.length, 0);
  if (nLabels < minLabels) return tooFew(nLabels, minLabels);
  const fit = ppiFit(units, undefined, opts.tuneMin)!;
  const se = Math.sqrt(clusterVar(fit.influence));
  const labels = units.flatMap((u) => u.labelled);
  return interval(fit.value, se, nLabels, opts.level ?? 0.95, fit.lambda, labels.reduce((s, a) => s + a.y, 0), 0, 1);
}

/**
 * The corrected paired delta, variant − baseline, over the cases both answered (units[i] of both
 * arrays is the same case). Each side keeps its own λ (each model errs differently).
 */
export function ppiDelta(variant: readonly PpiUnit[], baseline: readonly PpiUnit[], opts: PpiOptions = {}): PpiEstimate {
  const minLabels = opts.minLabels ?? MIN_LABELS;
  const nV = variant.reduce((s, u) => s + u.labelled.length, 0);
  const nB = baseline.reduce((s, u) => s + u.labelled.length, 0);
  if (Math.min(nV, nB) < minLabels) return tooFew(Math.min(nV, nB), minLabels, nV < nB ? 'the variant' : 'the baseline');
  const v = ppiFit(variant, undefined, opts.tuneMin)!, b = ppiFit(baseline, undefined, opts.tuneMin)!;
  const diff = v.influence.map((x, i) => x - b.influence[i]);
  const se = Math.sqrt(clusterVar(diff));
  const value = v.value - b.value;
  if (se > SE_ZERO) return interval(value, se, Math.min(nV, nB), opts.level ?? 0.95, v.lambda, undefined, -1, 1);
  // the differences do not vary: combine the two sides' own intervals (Newcombe's square-and-add),
  // which cannot collapse to zero width
  const ev = ppiEstimate(variant, opts), eb = ppiEstimate(baseline, opts);
  const lo = value - Math.hypot(ev.value! - ev.lo!, eb.hi! - eb.value!);
  const hi = value + Math.hypot(ev.hi! - ev.value!, eb.value! - eb.lo!);
  return { value, lo: Math.max(-1, lo), hi: Math.min(1, hi), method: 'ppi++-exact-labels', lambda: v.lambda, nLabels: Math.min(nV, nB) };
}

function interval(value: number, se: number, nLabels: number, level: number, lambda: number, labelHits: number | undefined, min: number, max: number): PpiEstimate {
  if (!(se > SE_ZERO) && labelHits !== undefined) {
    // no variation anywhere (every case and every label the same): never a zero-width interval;
    // the exact interval of the labels alone is what is known
    const cp = clopperPearson(labelHits, nLabels, level);
    return { value, lo: Math.min(cp.lo, value), hi: Math.max(cp.hi, value), method: 'ppi++-exact-labels', lambda, nLabels };
  }
  const half = tQuantile(1 - (1 - level) / 2, Math.max(1, nLabels - 1)) * se;
  return { value, lo: Math.max(min, value - half), hi: Math.min(max, value + half), method: 'ppi++', lambda, nLabels };
}

function tooFew(n: number, min: number, who?: string): PpiEstimate {
  return { value: null, lo: null, hi: null, method: 'too-few-labels', nLabels: n, note: `${who ? who + ' has ' : ''}${n} label${n === 1 ? '' : 's'} here, fewer than the ${min} a corrected figure needs` };
}

/**
 * A standard error below this is rounding, not variation: 120 cases of f = 1 average to 1 − 1e-16, and
 * an interval ±1e-16 wide would print as exact (100.0–100.0).
 */
const SE_ZERO = 1e-9;

/** C/(C−1)·Σ x²: the variance of a sum of per-case influences (C cases). */
function clusterVar(inf: ArrayLike<number>): number {
  const C = inf.length;
  return C > 1 ? (C / (C - 1)) * sumSq(inf) : 0;
}

function sumSq(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] * xs[i];
  return s;
}
