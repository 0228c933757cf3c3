/**
 * The gate that refuses to pass a run it cannot judge: no variant (the baseline included, since
 * every delta is paired against it) may have more than `maxErrorRate` of its answers end as errors.
 * Above that its rates rest on whichever answers happened to survive. One gate per run, judged on
 * the worst variant, and listed only when some answer ended as an error (a clean run has nothing
 * for it to judge, and its verdict keeps only the policy's own gates).
 */
import type { TaxReport } from '../core/index.js';
import type { GateResult } from './gates.js';
import { pct } from '../util/format.js';

interface Share { variant: string; errors: number; answers: number; share: number }

/** Each variant's share of error answers, counted from its suite-wide rows (every report has them). */
function shares(report: TaxReport): Share[] {
  return report.variants.map((v) => v.id).flatMap((variant) => {
    const rows = report.rows.filter((r) => r.variant === variant && r.domain === 'all');
    if (rows.length === 0) return [];
    const errors = rows.reduce((s, r) => s + r.errors, 0);
    const answers = rows.reduce((s, r) => s + (r.answers ?? r.n), 0);
    return [{ variant, errors, answers, share: errors + answers === 0 ? 1 : errors / (errors + answers) }];
  });
}

export function errorGates(report: TaxReport, maxErrorRate: number): GateResult[] {
  const label = `errors ≤ ${maxErrorRate} of answers`;
  const all = shares(report);
  // nothing to judge when no answer failed: the verdict lists the gate only when errors exist
  if (all.every((s) => s.errors === 0 && s.answers > 0)) return [];
  const worst = all.reduce((a, b) => (b.share > a.share ? b : a));
  const over = all.filter((s) => s.share > maxErrorRate);
  const kindsOf = (variant: string) => report.errors?.find((e) => e.variant === variant && e.domain === 'all')?.kinds.map((k) => `${k.kind} ${k.count}`).join(', ');
  const describe = (s: Share) => `${s.variant}: ${s.errors} of ${s.errors + s.answers} answers are errors (${pct(s.share)})${kindsOf(s.variant) ? `: ${kindsOf(s.variant)}` : ''}`;
  return [{
    id: `${label} · ${worst.variant} · all`, label, metric: 'errorRate', variant: worst.variant, domain: 'all', op: 'max', threshold: maxErrorRate, bound: 'value',
    judged: worst.share, estimate: worst.share, status: over.length === 0 ? 'pass' : 'fail',
    message: over.length === 0 ? `worst ${describe(worst)}` : over.map(describe).join('; '),
  }];
}
