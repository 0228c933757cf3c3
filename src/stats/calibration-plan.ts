/**
 * How many human labels a cell needs so that the correction's own uncertainty stays within a
 * half-width, estimated from the disagreement seen so far. Pure.
 *
 * At the PPI++ λ (the regression slope of y on f) the residual e = y − λf is uncorrelated with f,
 * so Var θ̂ ≈ λ²·Var(f_c)/C + Var(e)/n: the first part is the sampling of cases, which the
 * classifier's own interval already carries and only more cases shrink; the second is what the
 * labels add, and shrinks with more labels. Needed n = z²·Var(e)/h². Var(e) is floored at p(1−p)
 * with p = 1/(n+2) (no disagreement seen in n labels is not proof of none); with no labels at all
 * λ = 1 and a 10% disagreement rate are assumed.
 */
import { ppiFit, type PpiUnit } from './calibration.js';
import { zCritical } from './quantiles.js';

export interface LabelNeed {
  /** labels this cell has now */
  have: number;
  /** labels it needs in total so the correction adds at most ± the half-width (at most every answer) */
  need: number;
  /** every answer of the cell labelled would still not reach the half-width */
  short: boolean;
  /** the half-width of the case-sampling part, which labels do not shrink (for context) */
  floor: number;
}

export function labelsNeeded(units: readonly PpiUnit[], halfWidth: number, level = 0.95): LabelNeed {
  const C = units.length;
  const have = units.reduce((s, u) => s + u.labelled.length, 0);
  const z = zCritical(level);
  const fMean = units.reduce((s, u) => s + u.f, 0) / Math.max(C, 1);
  const varF = C > 1 ? units.reduce((s, u) => s + (u.f - fMean) ** 2, 0) / (C - 1) : 0;
  const fit = have > 0 ? ppiFit(units) : undefined;
  const lambda = fit?.lambda ?? 1;
  let varE = 0.1 * 0.9;
  if (fit) {
    let V = 0, m = 0, s2 = 0;
    const residuals: { v: number; e: number }[] = [];
    for (const u of units) for (const a of u.labelled) { const v = a.w / u.answers; const e = a.y - lambda * a.f; residuals.push({ v, e }); V += v; m += v * e; }
    m /= V;
    for (const { v, e } of residuals) s2 += v * (e - m) ** 2;
    const p = 1 / (have + 2);
    varE = Math.max(s2 / V, p * (1 - p));
  }
  const classifierPart = C > 0 ? (lambda * lambda * varF) / C : 0;
  const floor = z * Math.sqrt(classifierPart);
  const answers = units.reduce((s, u) => s + u.answers, 0);
  const need = Math.ceil((z * z * varE) / (halfWidth * halfWidth));
  return { have, need: Math.min(need, answers), short: need > answers, floor };
}
