/**
 * The gate that refuses answers replayed from the request cache. The cache key (provider, model,
 * params, messages, sample) cannot see a new checkpoint deployed under the same model name, so a
 * run built from cached answers may describe yesterday's model. `maxCachedShare: 0` in a policy
 * fails any run that was not asked fresh; absent, no gate (the share is still printed in the
 * methodology and the report header).
 */
import type { TaxReport } from '../core/index.js';
import type { GateResult } from './gates.js';
import { pct } from '../util/format.js';

export function cacheGate(report: TaxReport, maxCachedShare: number): GateResult {
  const label = `answers from the cache ≤ ${maxCachedShare}`;
  const base = { id: `${label} · all · all`, label, metric: 'cachedShare' as const, variant: 'all', domain: 'all', op: 'max' as const, threshold: maxCachedShare, bound: 'value' as const };
  if (!report.cache) {
    return { ...base, judged: null, estimate: null, status: 'nodata', message: 'the report does not record how many answers came from the cache (built before the count was kept): re-run it' };
  }
  const { answers, cached } = report.cache;
  const share = answers === 0 ? 0 : cached / answers;
  return {
    ...base, judged: share, estimate: share, status: share <= maxCachedShare ? 'pass' : 'fail',
    message: `${cached} of ${answers} answers came from the request cache (${pct(share)})${cached > 0 ? '; run without the cache (`atax run --no-cache`, or `atax nightly`, which never uses it)' : ''}`,
  };
}
