/** Multiple-comparison adjustments. Both return a new array in the input's order. */

const ascendingOrder = (ps: readonly number[]): number[] => ps.map((_, i) => i).sort((i, j) => ps[i] - ps[j]);

/** Holm's step-down adjustment (family-wise error): for pass/fail gates. */
export function holm(ps: readonly number[]): number[] {
  const m = ps.length;
  const out = new Array<number>(m);
  let running = 0;
  ascendingOrder(ps).forEach((idx, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * ps[idx]));
    out[idx] = running;
  });
  return out;
}

/** Benjamini–Hochberg step-up adjustment (false discovery rate): for "look here" lists. */
export function benjaminiHochberg(ps: readonly number[]): number[] {
  const m = ps.length;
  const out = new Array<number>(m);
  const order = ascendingOrder(ps);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const idx = order[rank];
    running = Math.min(running, Math.min(1, (m / (rank + 1)) * ps[idx]));
    out[idx] = running;
  }
  return out;
}
