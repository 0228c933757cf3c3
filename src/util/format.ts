import type { Estimate } from '../core/index.js';

/**
 * Number formatting for every layer (reports, scorecards, the screens, the CLI), so every output
 * reads the same: rates as percentages, changes as signed points, intervals, p-values, durations.
 */

/** A rate as a percentage: `12.3%`; a missing (or non-finite) one as a dash. */
export const pct = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(digits)}%`;

/**
 * A change in percentage points with its sign, no unit: `+21.0`, `−3.5`. A change that rounds to
 * zero is `0.0` (or `±0.0` with `zero: '±'`, as the screens print it next to signed neighbours):
 * never `+0.0` nor `−0.0`, which would claim a direction the data does not show.
 */
export function signedPts(x: number, digits = 1, zero: '' | '±' = ''): string {
  const text = Math.abs(x * 100).toFixed(digits);
  return Number(text) === 0 ? `${zero}${text}` : `${x > 0 ? '+' : '−'}${text}`;
}

/** A size in percentage points, no sign, no unit (an interval's end, an MDE): `12.3`. */
export const unsignedPts = (x: number, digits = 1) => (x * 100).toFixed(digits);

/** A signed change in percentage points: `+4.2 pts`. */
export const pts = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '–' : `${signedPts(x, digits)} pts`);

/** A rate in percent with its interval, units left to the table's title: `12.3 (10.1–15.2)`; `–` when missing. */
export function pctWithCi(e: Pick<Estimate, 'value' | 'lo' | 'hi'> | undefined): string {
  if (!e || e.value === null) return '–';
  return e.lo === null || e.hi === null ? unsignedPts(e.value) : `${unsignedPts(e.value)} (${unsignedPts(e.lo)}–${unsignedPts(e.hi)})`;
}

/** An interval in percent: `12.1–18.4%`. */
export const ciPct = (e: Pick<Estimate, 'lo' | 'hi'> | undefined) =>
  !e || e.lo === null || e.hi === null ? '' : `${unsignedPts(e.lo)}–${unsignedPts(e.hi)}%`;

/** An interval of a change in points: `−2.0 to +6.1`. */
export const ciPts = (e: Pick<Estimate, 'lo' | 'hi'> | undefined) =>
  !e || e.lo === null || e.hi === null ? '' : `${signedPts(e.lo)} to ${signedPts(e.hi)}`;

/** A confidence level as people say it: `95%`, `97.5%` (never rounded to a level that was not used). */
export const levelPct = (level: number) => `${Math.round(level * 1000) / 10}%`;

/** p-values the way papers print them: `<0.001`, else three decimals. */
export const pval = (p: number | null | undefined) => (p === null || p === undefined ? '–' : p < 0.001 ? '<0.001' : p.toFixed(3));

/** A p-value after its name: `Holm p=0.042`, `p_adj<0.001` (never `=<`). */
export function namedPval(name: string, p: number | null | undefined): string {
  const text = pval(p);
  return `${name}${text.startsWith('<') ? '' : '='}${text}`;
}

type End = number | null | undefined;

/**
 * An interval in brackets, the screens' compact form: `[5.0, 15.0]` in percent, or with `signed`
 * in points (`[−2.0, +6.1]`, a zero end `±0.0`); empty when an end is missing.
 */
export function ciBrackets(lo: End, hi: End, signed = false, digits = 1): string {
  if (lo === null || lo === undefined || hi === null || hi === undefined) return '';
  const f = (x: number) => (signed ? signedPts(x, digits, '±') : unsignedPts(x, digits));
  return `[${f(lo)}, ${f(hi)}]`;
}

/** An interval's half-width in points, for compact cells: `±4.1`; empty when an end is missing. */
export function ciHalfWidth(lo: End, hi: End, digits = 1): string {
  if (lo === null || lo === undefined || hi === null || hi === undefined) return '';
  return `±${(((hi - lo) / 2) * 100).toFixed(digits)}`;
}

/** Seconds as people read an elapsed time or an ETA: `42s`, `1m15s`, `3h02m`; `—` when unknown. */
export function duration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** A throughput: `230/s`, `4.5/s` (one decimal below 10); `—/s` when unknown. */
export function perSecond(rate: number | undefined): string {
  if (rate === undefined) return '—/s';
  return rate >= 10 ? `${rate.toFixed(0)}/s` : `${rate.toFixed(1)}/s`;
}
