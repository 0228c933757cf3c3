import type { Estimate } from '../core/index.js';

/** Number formatting shared by the scorecard renderers, so every format reads the same. */
export const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(digits)}%`);

/**
 * A change in percentage points with its sign, no unit: `+21.0`, `−3.5`. A change that rounds to
 * zero is `0.0`: neither `+0.0` nor `−0.0`, which would claim a direction the data does not show.
 */
export function signedPts(x: number, digits = 1): string {
  const text = Math.abs(x * 100).toFixed(digits);
  return Number(text) === 0 ? text : `${x > 0 ? '+' : '−'}${text}`;
}

/** A signed change in percentage points: `+4.2 pts`. */
export const pts = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '–' : `${signedPts(x, digits)} pts`);

/** An interval in percent: `12.1–18.4%`. */
export const ciPct = (e: Pick<Estimate, 'lo' | 'hi'> | undefined) =>
  !e || e.lo === null || e.hi === null ? '' : `${(e.lo * 100).toFixed(1)}–${(e.hi * 100).toFixed(1)}%`;

/** An interval of a change in points: `−2.0 to +6.1`. */
export const ciPts = (e: Pick<Estimate, 'lo' | 'hi'> | undefined) =>
  !e || e.lo === null || e.hi === null ? '' : `${signedPts(e.lo)} to ${signedPts(e.hi)}`;

/** A confidence level as people say it: `95%`, `97.5%` (never rounded to a level that was not used). */
export const levelPct = (level: number) => `${Math.round(level * 1000) / 10}%`;

/** p-values the way papers print them: `<0.001`, else three decimals. */
export const pval = (p: number | null | undefined) => (p === null || p === undefined ? '–' : p < 0.001 ? '<0.001' : p.toFixed(3));

