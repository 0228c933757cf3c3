/**
 * Which p-values are adjusted together. One definition for the report and the nightly gate, so a
 * verdict means the same thing in both.
 *
 * A Holm family is one non-baseline variant's deltas against the baseline, across every domain (and
 * `all`) and every metric. It never holds another variant's deltas, so adding, removing or changing
 * a variant cannot change another variant's adjusted p or its pass/fail verdict. The price is that
 * the family-wise error rate is controlled per variant, not across all variants of the report: a
 * report with V variants can hold up to V false positives at α each (documented in docs/statistics.md).
 *
 * The Benjamini–Hochberg "look here" list is one variant's deltas within one domain (or tag), for
 * the same reason.
 */
import { benjaminiHochberg, holm } from './multiplicity.js';

/** The Holm family a delta belongs to: its (non-baseline) variant. */
export const holmFamilyOf = (d: { variant: string }): string => d.variant;

/** The Benjamini–Hochberg list a delta belongs to: its variant within its domain (or tag). */
export const bhFamilyOf = (d: { variant: string; domain: string }): string => JSON.stringify([d.variant, d.domain]);

/**
 * Adjusts `ps` within the families `familyOf` assigns (Holm by default) and returns the adjusted
 * values in the input order.
 */
export function adjustWithinFamilies<T>(items: readonly T[], familyOf: (t: T) => string, pOf: (t: T) => number, adjust: (ps: readonly number[]) => number[] = holm): number[] {
  const groups = new Map<string, number[]>();
  items.forEach((t, i) => {
    const key = familyOf(t);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
  });
  const out = new Array<number>(items.length);
  for (const idx of groups.values()) adjust(idx.map((i) => pOf(items[i]))).forEach((p, j) => { out[idx[j]] = p; });
  return out;
}

/** The number of members of each family. */
export function familySizes<T>(items: readonly T[], familyOf: (t: T) => string): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const t of items) sizes.set(familyOf(t), (sizes.get(familyOf(t)) ?? 0) + 1);
  return sizes;
}

/**
 * Holm's smallest adjusted level in a family of m tests: α/m. A delta must reach it to be declared
 * first, so it is the level at which the report's MDE answers "what could this report have seen".
 */
export const holmFirstLevel = (alpha: number, m: number): number => (m > 0 ? alpha / m : alpha);

export { benjaminiHochberg, holm };
