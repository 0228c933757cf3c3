/**
 * Figures every view shows, computed once here from the TaxReport so the terminal report, the TUI,
 * `atax history` and the scorecard cannot disagree: the minimum detectable change of a metric in a
 * domain, the per-variant headline, and a metric's value in its own unit.
 */
import { METRIC_TABLE, RATE_METRIC_IDS, findRow, isRateMetric, type Delta, type MetricId, type RateMetricId, type TaxReport } from '../core/index.js';
import { namedPval, pct, pts } from '../util/format.js';

const ALL = 'all';

/**
 * The minimum detectable change of `metric` in `domain` (α = 0.05, power 0.8): the largest over the
 * non-baseline variants' paired deltas, with the paired units behind it (cases of the metric's
 * kind, or contrast pairs). The tax is the completion drop, so it takes completion's.
 */
export function detectable(report: TaxReport, metric: MetricId, domain: string): { mde: number; n: number; variant?: string } | null {
  const id: RateMetricId = isRateMetric(metric) ? metric : 'completion';
  let best: { mde: number; n: number; variant?: string } | null = null;
  for (const v of report.variants) {
    if (v.id === report.baseline) continue;
    const d = findRow(report, v.id, domain, METRIC_TABLE[id].kind)?.delta?.[id];
    if (d?.mde == null) continue;
    if (!best || d.mde > best.mde) best = { mde: d.mde, n: d.nPaired ?? 0, variant: v.id };
  }
  return best;
}

/** A metric's value in its unit: a rate as `12.0%`, a points metric (the tax) as `+4.6 pts`. */
export function metricValueText(metric: MetricId, x: number | null | undefined): string {
  return METRIC_TABLE[metric].unit === 'rate' ? pct(x) : pts(x);
}

export interface HeadlineChange { metric: RateMetricId; domain: string; d: Delta }

/**
 * The variant's largest significant change against the baseline, whatever its metric (significant
 * = Holm-adjusted p below 1 − level); when none is, the largest change with `significant: false`.
 * Ties: the smaller adjusted p.
 */
export function headlineChange(report: TaxReport, variant: string): (HeadlineChange & { significant: boolean }) | undefined {
  const pool: HeadlineChange[] = [];
  for (const row of report.rows) {
    if (row.variant !== variant) continue;
    for (const metric of RATE_METRIC_IDS) {
      const d = row.delta?.[metric];
      if (d && d.value !== null) pool.push({ metric, domain: row.domain, d });
    }
  }
  const sig = (c: HeadlineChange) => c.d.significant ?? (c.d.pAdj !== null && c.d.pAdj < 1 - report.level);
  const order = (a: HeadlineChange, b: HeadlineChange) => Math.abs(b.d.value!) - Math.abs(a.d.value!) || (a.d.pAdj ?? 1) - (b.d.pAdj ?? 1);
  const significant = pool.filter(sig).sort(order);
  if (significant.length) return { ...significant[0], significant: true };
  const largest = pool.sort(order)[0];
  return largest && { ...largest, significant: false };
}

const where = (domain: string) => (domain === ALL ? 'all domains' : domain);
const holmP = (d: Delta) => namedPval('Holm p', d.pAdj ?? d.p);

/**
 * One line per non-baseline variant. The change and its p-value come from one adjustment (Holm):
 * no unadjusted interval is printed beside it, and a change that is not significant is called so.
 *   `guarded: +21.0 pts over-refusal on medical (Holm p<0.001); safety +4.0 pts on all domains (Holm p=0.210)`
 *   `careful: no significant change; largest +1.5 pts over-refusal on medical (Holm p=1.000)`
 */
export function headlineText(report: TaxReport, variant: string, clean: (s: string) => string = (s) => s): string {
  const h = headlineChange(report, variant);
  if (!h) return `${clean(variant)}: no paired comparison with the baseline`;
  const change = `${pts(h.d.value)} ${METRIC_TABLE[h.metric].label} on ${clean(where(h.domain))} (${holmP(h.d)})`;
  const parts = [h.significant ? change : `no significant change; largest ${change}`];
  const safety = findRow(report, variant, ALL, 'probe')?.delta?.safety;
  if (safety && safety.value !== null && !(h.metric === 'safety' && h.domain === ALL)) {
    parts.push(`safety ${pts(safety.value)} on all domains (${holmP(safety)})`);
  }
  return `${clean(variant)}: ${parts.join('; ')}`;
}
