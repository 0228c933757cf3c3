/**
 * The gate that refuses to pass a run it cannot judge: every variant (the baseline too, since every
 * delta is paired against it) must have at most `maxErrorRate` of its answers end as errors. Above
 * that its rates rest on whichever answers happened to survive.
 */
import type { TaxReport } from '../core/index.js';
import type { GateResult } from './gates.js';

export function errorGates(report: TaxReport, maxErrorRate: number): GateResult[] {
  const label = `errors ≤ ${maxErrorRate} of answers`;
  return report.variants.map((v) => v.id).filter((id) => report.rows.some((r) => r.variant === id) || report.errors?.some((e) => e.variant === id)).map((variant) => {
    // counted from the rows, which every report has (its `errors` list adds the kinds)
    const rows = report.rows.filter((r) => r.variant === variant && r.domain === 'all');
    const errors = rows.reduce((s, r) => s + r.errors, 0);
    const answers = rows.reduce((s, r) => s + (r.answers ?? r.n), 0);
    const share = errors + answers === 0 ? 1 : errors / (errors + answers);
    const ok = share <= maxErrorRate;
    const cell = report.errors?.find((e) => e.variant === variant && e.domain === 'all');
    const kinds = cell ? `: ${cell.kinds.map((k) => `${k.kind} ${k.count}`).join(', ')}` : '';
    return {
      id: `${label} · ${variant} · all`, label, metric: 'errorRate', variant, domain: 'all', op: 'max', threshold: maxErrorRate, bound: 'value',
      judged: share, estimate: share, status: ok ? 'pass' : 'fail',
      message: errors + answers === 0 ? 'no answers at all' : `${errors} of ${errors + answers} answers are errors (${(share * 100).toFixed(1)}%)${kinds}`,
    } satisfies GateResult;
  });
}
