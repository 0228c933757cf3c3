import { METRIC_TABLE, type RunRecord } from '../core/index.js';
import { ALL_DOMAINS, cellKey, compareRecords, type RegressionOptions, type RegressionResult, type RegressionTest } from './regression.js';
import { pct } from '../util/format.js';

/**
 * The decisions of `atax nightly` that need no I/O: is every variant healthy enough to judge,
 * which cases a `--confirm` re-asks, and what the fresh samples say on their own.
 */
export interface VariantHealth {
  variant: string;
  answers: number;
  errors: number;
  /** errors / answers (1 when the variant has no answer at all) */
  errorRate: number;
  ok: boolean;
  reason?: string;
}

export interface RunHealth {
  answers: number;
  errors: number;
  errorRate: number;
  ok: boolean;
  /** every unhealthy variant's reason, and the run's own (interrupted, no answers) */
  reasons: string[];
  variants: VariantHealth[];
}

/**
 * A variant that mostly failed (its provider down, a bad key) says nothing about its model, and
 * hides easily in a run-wide rate (1 all-error variant of 11 is 9.1% of the answers): every variant
 * is judged on its own. One over `maxErrorRate`, or with no usable answer, fails the night (exit 3).
 */
export function runHealth(
  result: { status: string; done: number; errors: number; total: number },
  records: Iterable<Pick<RunRecord, 'variantId' | 'completion' | 'verdict'>>,
  variants: readonly string[],
  maxErrorRate: number,
): RunHealth {
  const per = new Map<string, { answers: number; errors: number }>(variants.map((v) => [v, { answers: 0, errors: 0 }]));
  for (const r of records) {
    const c = per.get(r.variantId) ?? { answers: 0, errors: 0 };
    per.set(r.variantId, c);
    c.answers++;
    if (r.completion.error || r.verdict?.outcome === 'error') c.errors++;
  }
  const health: VariantHealth[] = [...per].map(([variant, c]) => {
    const errorRate = c.answers === 0 ? 1 : c.errors / c.answers;
    const base = { variant, answers: c.answers, errors: c.errors, errorRate };
    if (c.answers === c.errors) return { ...base, ok: false, reason: `variant ${variant} has no answered case (${c.errors} of ${c.answers} answers are errors)` };
    if (errorRate > maxErrorRate) return { ...base, ok: false, reason: `variant ${variant}: ${c.errors} of ${c.answers} answers are errors (${pct(errorRate)} > --max-error-rate ${pct(maxErrorRate)})` };
    return { ...base, ok: true };
  });
  const reasons: string[] = [];
  const finished = result.status === 'finished' || result.status === 'finished-with-errors';
  if (!finished) reasons.push(`the run was ${result.status} after ${result.done} of ${result.total} answers`);
  if (result.done === 0) reasons.push('the run produced no answers');
  reasons.push(...health.filter((h) => !h.ok).map((h) => h.reason!));
  const errorRate = result.done === 0 ? 1 : result.errors / result.done;
  return { answers: result.done, errors: result.errors, errorRate, ok: reasons.length === 0, reasons, variants: health };
}

/**
 * What a confirmation re-asks: every case of each flagged variant × domain (every domain for a
 * flagged `all` cell) of the metric's kind, not only the cases that moved. Re-asking just the worsened cases would select on noise and let
 * regression to the mean clear any real change too.
 */
export function confirmationPlan(flagged: RegressionTest[], current: Iterable<RunRecord>): { variants: string[]; cases: string[] } {
  const want = new Set(flagged.map((t) => `${t.variant}\u0000${t.domain}\u0000${METRIC_TABLE[t.metric].kind}`));
  const variants = new Set<string>();
  const cases = new Set<string>();
  for (const r of current) {
    const inDomain = want.has(`${r.variantId}\u0000${r.domain}\u0000${r.kind}`) || want.has(`${r.variantId}\u0000${ALL_DOMAINS}\u0000${r.kind}`);
    if (!inDomain) continue;
    variants.add(r.variantId);
    cases.add(r.caseId);
  }
  return { variants: [...variants].sort(), cases: [...cases].sort() };
}

/**
 * `--confirm` decides on the fresh samples alone: the flagged cells are tested again, fresh
 * answers against the baseline, with the same test and Holm within each variant's flagged cells.
 * Tonight's first answers are left out, so they cannot vouch for themselves. A regression stands
 * only when it was flagged tonight and the fresh answers flag it again; under "no change" that
 * happens no more often than the first flag alone (≤ alpha), so confirming never adds false alarms.
 */
export function confirmRegressions(baseline: RunRecord[], fresh: RunRecord[], flagged: RegressionTest[], opts: RegressionOptions): RegressionResult {
  return compareRecords(baseline, fresh, opts, new Set(flagged.map(cellKey)));
}
