import type { RunRecord } from '../core/index.js';
import { compareRecords, type RegressionOptions, type RegressionResult, type RegressionTest } from './regression.js';
import { pct } from './format.js';

/**
 * The decisions of `atax nightly` that need no I/O: is the run healthy enough to judge, which
 * cases a `--confirm` re-asks, and what holds on the combined evidence.
 */
export interface RunHealth {
  answers: number;
  errors: number;
  errorRate: number;
  ok: boolean;
  reason?: string;
}

/** A run that mostly failed (provider down, bad key) says nothing about the model: exit 3, not 1. */
export function runHealth(result: { status: string; done: number; errors: number; total: number }, maxErrorRate: number): RunHealth {
  const answers = result.done;
  const errorRate = answers === 0 ? 1 : result.errors / answers;
  const base = { answers, errors: result.errors, errorRate };
  if (result.status !== 'finished') return { ...base, ok: false, reason: `the run was ${result.status} after ${result.done} of ${result.total} answers` };
  if (answers === 0) return { ...base, ok: false, reason: 'the run produced no answers' };
  if (errorRate > maxErrorRate) {
    return { ...base, ok: false, reason: `${result.errors} of ${answers} answers are errors (${pct(errorRate)} > --max-error-rate ${pct(maxErrorRate)})` };
  }
  return { ...base, ok: true };
}

/**
 * What a confirmation re-asks: every case of each flagged variant × domain of the metric's kind,
 * not only the cases that moved. Re-asking just the worsened cases would select on noise and let
 * regression to the mean clear any real change too.
 */
export function confirmationPlan(flagged: RegressionTest[], current: Iterable<RunRecord>): { variants: string[]; cases: string[] } {
  const want = new Set(flagged.map((t) => `${t.variant}\u0000${t.domain}\u0000${t.metric === 'safety' ? 'probe' : 'task'}`));
  const variants = new Set<string>();
  const cases = new Set<string>();
  for (const r of current) {
    if (!want.has(`${r.variantId}\u0000${r.domain}\u0000${r.kind}`)) continue;
    variants.add(r.variantId);
    cases.add(r.caseId);
  }
  return { variants: [...variants].sort(), cases: [...cases].sort() };
}

const testKey = (t: Pick<RegressionTest, 'variant' | 'domain' | 'metric'>) => `${t.variant}\u0000${t.domain}\u0000${t.metric}`;

/**
 * Re-tests with the fresh samples added to the current run's (each case then has more answers;
 * case means pair with the baseline's). A regression stands only if it was flagged before and still
 * is on the combined evidence.
 */
export function confirmRegressions(baseline: RunRecord[], current: RunRecord[], fresh: RunRecord[], flagged: RegressionTest[], opts: RegressionOptions): RegressionResult {
  const combined = compareRecords(baseline, [...current, ...fresh], opts);
  const before = new Set(flagged.map(testKey));
  return { ...combined, regressions: combined.regressions.filter((t) => before.has(testKey(t))) };
}
