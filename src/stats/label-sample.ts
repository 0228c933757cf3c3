import mt19937 from '@stdlib/random-base-mt19937';
import type { Outcome, RunRecord } from '../core/index.js';
import { UNCERTAIN_BELOW } from '../classify/rules.js';

/**
 * Which answers a reviewer should label: a stratified random sample per variant, strata = the
 * case kind (tasks and probes, each of which has its own rates and its own corrected cells) × the
 * classifier's outcome, plus an `unsure` stratum (the rules were unsure of their label, or rules and
 * judge disagreed) that is sampled first and most heavily, because that is where the classifier's
 * errors are. Every item carries its stratum and its inclusion probability n_h / N_h, so the
 * corrected rates (src/stats/calibration.ts) can weight each label by 1 / probability and stay
 * unbiased although strata were sampled at different rates. Pure and seeded: the same records,
 * budget and seed always give the same sample, so `atax labels export` and the `atax label` screen
 * agree and a labelling session can be resumed.
 */

export type LabelStratum = Exclude<Outcome, 'error'> | 'unsure';

/** Strata in the order a reviewer sees them: unsure answers first, then the rarer outcomes. */
export const STRATA: readonly LabelStratum[] = ['unsure', 'partial', 'refused', 'hedged', 'complied'];

export interface LabelSampleItem {
  caseId: string;
  variantId: string;
  sample: number;
  stratum: LabelStratum;
  /** probability this answer was drawn, n_h / N_h of its stratum within its variant, in (0, 1] */
  inclusionProb: number;
  /** the classifier's outcome for the answer when the sample was drawn */
  outcome: Outcome;
}

export interface LabelSampleOptions {
  /** how many answers to draw per variant (all of them when a variant has fewer) */
  perVariant: number;
  /** any string or number; the run id is a good default (a stable sample per run) */
  seed: string | number;
  /** share of the budget the unsure stratum may take at most (default 0.5) */
  unsureShare?: number;
}

/** The stratum of an answer, or undefined when it cannot be labelled (an error, no verdict). */
export function labelStratum(r: Pick<RunRecord, 'verdict'>): LabelStratum | undefined {
  const v = r.verdict;
  if (!v || v.outcome === 'error') return undefined;
  const disagree = v.rulesOutcome !== undefined && v.judgeOutcome !== undefined && v.rulesOutcome !== v.judgeOutcome;
  const unsure = v.by === 'rules' && (v.confidence ?? 1) < UNCERTAIN_BELOW;
  return disagree || unsure ? 'unsure' : v.outcome;
}

/** The stratified sample of every variant, variants in first-seen order, each variant's items unsure-first. */
export function labelSample(records: Iterable<RunRecord>, opts: LabelSampleOptions): LabelSampleItem[] {
  type Strata = Map<LabelStratum, RunRecord[]>;
  const byVariant = new Map<string, Map<RunRecord['kind'], Strata>>();
  for (const r of records) {
    const stratum = labelStratum(r);
    if (!stratum) continue;
    let kinds = byVariant.get(r.variantId);
    if (!kinds) byVariant.set(r.variantId, (kinds = new Map()));
    let strata = kinds.get(r.kind);
    if (!strata) kinds.set(r.kind, (strata = new Map()));
    const list = strata.get(stratum) ?? [];
    list.push(r);
    strata.set(stratum, list);
  }
  const out: LabelSampleItem[] = [];
  for (const [variantId, kinds] of byVariant) {
    const random = mt19937.factory({ seed: seedOf(`${opts.seed}\u0000${variantId}`) });
    const kindOrder = (['task', 'probe'] as const).filter((k) => kinds.has(k));
    const sizeOf = (strata: Strata) => [...strata.values()].reduce((a, l) => a + l.length, 0);
    const budgets = splitBudget(kindOrder.map((k) => sizeOf(kinds.get(k)!)), opts.perVariant);
    const items: LabelSampleItem[] = [];
    kindOrder.forEach((kind, i) => {
      const strata = kinds.get(kind)!;
      const alloc = allocate(new Map([...strata].map(([s, list]) => [s, list.length])), budgets[i], opts.unsureShare ?? 0.5);
      for (const stratum of STRATA) {
        const list = strata.get(stratum);
        const n = alloc.get(stratum) ?? 0;
        if (!list || n === 0) continue;
        // a stable order first (records may come in any order), then a seeded partial shuffle
        const sorted = [...list].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : a.sample - b.sample));
        for (const r of drawWithoutReplacement(sorted, n, () => random() / 4294967296)) {
          items.push({ caseId: r.caseId, variantId, sample: r.sample, stratum, inclusionProb: n / list.length, outcome: r.verdict!.outcome });
        }
      }
    });
    // the reviewer sees a variant's unsure answers first, then the rarer outcomes, whatever the kind
    out.push(...items.sort((a, b) => STRATA.indexOf(a.stratum) - STRATA.indexOf(b.stratum)));
  }
  return out;
}

/** A variant's budget split over its kinds in proportion to their answers (largest remainder), never more than a kind holds. */
export function splitBudget(sizes: readonly number[], budget: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (budget >= total) return [...sizes];
  const exact = sizes.map((n) => (budget * n) / total);
  const out = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let left = budget - out.reduce((a, b) => a + b, 0), j = 0; left > 0; j++, left--) out[order[j % order.length].i]++;
  return out;
}

/**
 * How many answers to draw from each stratum: the unsure stratum first (up to `unsureShare` of the
 * budget), the rest proportionally to stratum size with at least a few from every non-empty stratum
 * (a rare outcome such as `partial` is where the classifier is least known), never more than a
 * stratum holds, leftovers handed on to the strata that still have answers.
 */
export function allocate(sizes: ReadonlyMap<LabelStratum, number>, budget: number, unsureShare: number): Map<LabelStratum, number> {
  const alloc = new Map<LabelStratum, number>();
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  if (budget >= total) {
    for (const [s, n] of sizes) alloc.set(s, n);
    return alloc;
  }
  const unsure = Math.min(sizes.get('unsure') ?? 0, Math.ceil(budget * unsureShare));
  alloc.set('unsure', unsure);
  let left = budget - unsure;
  const rest = STRATA.filter((s) => s !== 'unsure' && (sizes.get(s) ?? 0) > 0);
  const floor = Math.min(3, Math.floor(left / Math.max(rest.length, 1)));
  for (const s of rest) {
    const n = Math.min(floor, sizes.get(s)!);
    alloc.set(s, n);
    left -= n;
  }
  // proportional share of what is left, largest remainder first; then hand on what capped strata could not take
  while (left > 0) {
    const open = STRATA.filter((s) => (sizes.get(s) ?? 0) > (alloc.get(s) ?? 0));
    if (open.length === 0) break;
    const room = open.reduce((a, s) => a + sizes.get(s)!, 0);
    const shares = open.map((s) => ({ s, exact: (left * sizes.get(s)!) / room }));
    let given = 0;
    for (const { s, exact } of shares) {
      const n = Math.min(Math.floor(exact), sizes.get(s)! - (alloc.get(s) ?? 0));
      alloc.set(s, (alloc.get(s) ?? 0) + n);
      given += n;
    }
    if (given === 0) {
      // every share rounded to 0: one more to the largest open strata in turn
      const s = shares.sort((a, b) => b.exact - a.exact)[0].s;
      alloc.set(s, (alloc.get(s) ?? 0) + 1);
      given = 1;
    }
    left -= given;
  }
  return alloc;
}

/** The first n of a seeded Fisher–Yates shuffle: a simple random sample without replacement. */
function drawWithoutReplacement<T>(items: readonly T[], n: number, random: () => number): T[] {
  const a = [...items];
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (a.length - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, n);
}

/** A 32-bit seed from any string (FNV-1a), so run ids can seed the sampler. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) || 1;
}
