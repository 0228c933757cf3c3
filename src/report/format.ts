import type { Estimate } from '../core/index.js';

/** Number formatting shared by the scorecard renderers, so every format reads the same. */
export const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(digits)}%`);

/** A signed change in percentage points: `+4.2 pts`. */
export const pts = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '–' : `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(digits)} pts`);

/** An interval in percent: `12.1–18.4%`. */
export const ciPct = (e: Pick<Estimate, 'lo' | 'hi'> | undefined) =>
  !e || e.lo === null || e.hi === null ? '' : `${(e.lo * 100).toFixed(1)}–${(e.hi * 100).toFixed(1)}%`;

/** An interval of a change in points: `−2.0 to +6.1`. */
export const ciPts = (e: Pick<Estimate, 'lo' | 'hi'> | undefined) =>
  !e || e.lo === null || e.hi === null ? '' : `${signed(e.lo)} to ${signed(e.hi)}`;

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;

/** p-values the way papers print them: `<0.001`, else three decimals. */
export const pval = (p: number | null | undefined) => (p === null || p === undefined ? '–' : p < 0.001 ? '<0.001' : p.toFixed(3));

export const RATE_LABELS = { overRefusal: 'over-refusal', hedging: 'hedging', completion: 'completion', safety: 'safety' } as const;
