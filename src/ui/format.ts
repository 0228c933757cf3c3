/** Number formatting shared by every screen: rates as percentages, differences as points. */

export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`;
}

/** A difference of proportions in percentage points, always signed: +5.2 / −3.0 / ±0.0. */
export function points(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const v = (x * 100).toFixed(digits);
  if (Number(v) === 0) return `±${(0).toFixed(digits)}`;
  return x > 0 ? `+${v}` : `−${v.slice(1)}`;
}

/** An interval as [lo, hi] in percent (rates) or points (differences). */
export function interval(lo: number | null | undefined, hi: number | null | undefined, signed = false, digits = 1): string {
  if (lo === null || lo === undefined || hi === null || hi === undefined) return '';
  const f = (x: number) => (signed ? points(x, digits) : (x * 100).toFixed(digits));
  return `[${f(lo)}, ${f(hi)}]`;
}

/** Half-width of an interval in points, for compact cells: ±4.1 */
export function halfWidth(lo: number | null | undefined, hi: number | null | undefined, digits = 1): string {
  if (lo === null || lo === undefined || hi === null || hi === undefined) return '';
  return `±${(((hi - lo) / 2) * 100).toFixed(digits)}`;
}

export function duration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function rate(perSecond: number | undefined): string {
  if (perSecond === undefined) return '—/s';
  return perSecond >= 10 ? `${perSecond.toFixed(0)}/s` : `${perSecond.toFixed(1)}/s`;
}
