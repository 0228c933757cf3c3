import { METRIC_IDS, METRIC_TABLE, findRow, findTax, isRateMetric, type MetricId, type TaxReport } from '../core/index.js';
import stringWidth from 'string-width';
import { sanitizeLine } from '../util/sanitize.js';
import { fit } from '../util/text-width.js';
import { pts } from '../util/format.js';
import { metricValueText } from './view-model.js';
import { ALL_DOMAINS } from '../gate/gates.js';
import { sparkline } from './sparkline.js';

/**
 * `atax history`: one metric over the stored runs, per variant × domain, as a sparkline and the
 * first and last values. Pure: the CLI loads the reports (oldest first) and prints this.
 */
export const HISTORY_METRICS: readonly MetricId[] = METRIC_IDS;
export type HistoryMetric = MetricId;

const labelOf = (m: HistoryMetric) => METRIC_TABLE[m].describe;

export interface HistorySeries {
  variant: string;
  domain: string;
  /** one value per run, null where the run lacks this variant or domain */
  values: Array<number | null>;
}

export function metricValue(report: TaxReport, metric: HistoryMetric, variant: string, domain: string): number | null {
  if (!isRateMetric(metric)) return findTax(report, variant, domain)?.completionDrop.value ?? null;
  return findRow(report, variant, domain, METRIC_TABLE[metric].kind)?.rates[metric]?.value ?? null;
}

/** Series in first-seen order of variants, domains per variant sorted with `all` last. */
export function historySeries(reports: TaxReport[], metric: HistoryMetric): HistorySeries[] {
  const keys = new Map<string, { variant: string; domain: string }>();
  for (const r of reports) {
    for (const v of r.variants) {
      for (const d of [...r.domains.filter((x) => x !== ALL_DOMAINS).sort(), ALL_DOMAINS]) {
        if (metricValue(r, metric, v.id, d) !== null) keys.set(`${v.id}\u0000${d}`, { variant: v.id, domain: d });
      }
    }
  }
  return [...keys.values()].map((k) => ({ ...k, values: reports.map((r) => metricValue(r, metric, k.variant, k.domain)) }));
}

const lastOf = (values: Array<number | null>) => [...values].reverse().find((v) => v !== null) ?? null;
const firstOf = (values: Array<number | null>) => values.find((v) => v !== null) ?? null;

/**
 * The table. All sparklines of one metric share one scale (0..max, or min..max for tax, which can
 * be negative), so a taller bar means a higher value in every row.
 */
export function renderHistory(runs: Array<{ runId: string; simulated: boolean }>, series: HistorySeries[], metric: HistoryMetric): string {
  if (runs.length === 0) return 'no runs with a report yet: start one with `atax run` or `atax nightly`';
  if (series.length === 0) return `no ${labelOf(metric)} in the ${runs.length} stored run(s)`;
  const all = series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const range = { min: Math.min(0, ...all), max: Math.max(...all, 0.0001) };
  const clean = sanitizeLine; // variant and domain ids come from user files
  const vw = Math.max(7, ...series.map((s) => stringWidth(clean(s.variant))));
  const dw = Math.max(6, ...series.map((s) => stringWidth(clean(s.domain))));
  const tw = Math.max(5, runs.length);
  // first and last in the metric's own unit (a rate as %, the tax as signed points), the change always in points
  const w = METRIC_TABLE[metric].unit === 'rate' ? 6 : 10;
  const head = `${fit('variant', vw)}  ${fit('domain', dw)}  ${fit('trend', tw)}  ${fit('first', w, 'right')}  ${fit('last', w, 'right')}  change`;
  const lines = series.map((s) => {
    const first = firstOf(s.values), last = lastOf(s.values);
    const change = first === null || last === null ? '' : pts(last - first);
    return `${fit(clean(s.variant), vw)}  ${fit(clean(s.domain), dw)}  ${fit(sparkline(s.values, range), tw)}  ${fit(metricValueText(metric, first), w, 'right')}  ${fit(metricValueText(metric, last), w, 'right')}  ${change}`;
  });
  const sims = runs.filter((r) => r.simulated).length;
  const span = `${runs.length} run(s), ${runs[0].runId} … ${runs[runs.length - 1].runId}${sims ? ` (${sims} SIMULATED)` : ''}`;
  return [`${labelOf(metric)} · ${span}`, head, ...lines].join('\n');
}
