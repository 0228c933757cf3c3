/**
 * Minimum detectable paired difference from the per-case differences behind a delta: Connor's
 * McNemar sample size inverted for n paired units, with ψ = the observed discordance (mean squared
 * per-case difference; (b + c)/n when K = 1) floored at PSI_FLOOR and at the MDE itself: a true
 * difference δ needs at least δ discordance, so ψ < δ is not a possible world.
 */
import { mdePaired } from './power.js';

/** ψ floor for the MDE: a run with few discordant pairs says little about a real effect's discordance. */
export const PSI_FLOOR = 0.05;

export function mdeFromDiffs(n: number, sumSq: number, alpha: number): number | null {
  if (n === 0) return null;
  let psi = Math.max(PSI_FLOOR, sumSq / n);
  let mde = mdePaired(n, psi, { alpha });
  for (let i = 0; i < 30 && mde !== null && mde > psi; i++) {
    psi = mde;
    mde = mdePaired(n, psi, { alpha });
  }
  return mde;
}
