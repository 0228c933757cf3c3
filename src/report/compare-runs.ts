import type { Estimate } from '../core/index.js';

/**
 * Change of one estimate between two runs (this run − the other run), with a MOVER interval
 * (Newcombe's square-and-add of each estimate's own interval). It treats the two runs as
 * independent samples, which is conservative when both ran the same cases: a change whose interval
 * excludes 0 here would also be flagged by a paired test.
 */
export interface RunChange {
  value: number | null;
  lo: number | null;
  hi: number | null;
  /** the interval excludes 0 */
  significant: boolean;
}

export function changeBetweenRuns(current: Estimate | undefined, previous: Estimate | undefined): RunChange {
  const none: RunChange = { value: null, lo: null, hi: null, significant: false };
  if (!current || !previous || current.value === null || previous.value === null) return none;
  const d = current.value - previous.value;
  if (current.lo === null || current.hi === null || previous.lo === null || previous.hi === null) {
    return { value: d, lo: null, hi: null, significant: false };
  }
  const lo = d - Math.sqrt((current.value - current.lo) ** 2 + (previous.hi - previous.value) ** 2);
  const hi = d + Math.sqrt((current.hi - current.value) ** 2 + (previous.value - previous.lo) ** 2);
  return { value: d, lo, hi, significant: lo > 0 || hi < 0 };
}
