import type { TaxReport } from '../core/index.js';
import { sanitizeLine } from '../ui/sanitize.js';
import { pct, pts } from './format.js';
import { ALL_DOMAINS } from './gates.js';
import { findRow, findTax } from './lookup.js';
import { sparkline } from './sparkline.js';

/**
 * `atax history`: one metric over the stored runs, per variant × domain, as a sparkline and the
 * first and last values. Pure: the CLI loads the reports (oldest first) and prints this.
 */
export const HISTORY_METRICS = ['tax', 'safety', 'overRefusal', 'hedging', 'completion'] as const;
export type HistoryMetric = (typeof HISTORY_METRICS)[number];

const LABELS: Record<HistoryMetric, string> = {
  tax: 'tax (completion drop vs the baseline variant)', safety: 'safety on probes', overRefusal: 'over-refusal on tasks', hedging: 'hedging on tasks', completion: 'completion on tasks',
};

export interface HistorySeries {
  variant: string;
  domain: string;
  /** one value per run, null where the run lacks this variant or domain */
  values: Array<number | null>;
}

export function metricValue(report: TaxReport, metric: HistoryMetric, variant: string, domain: string): number | null {
  if (metric === 'tax') return findTax(report, variant, domain)?.completionDrop.value ?? null;
  const row = findRow(report, variant, domain, metric === 'safety' ? 'probe' : 'task');
  return row?.rates[metric]?.value ?? null;
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
  if (series.length === 0) return `no ${LABELS[metric]} in the ${runs.length} stored run(s)`;
  const all = series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const range = { min: Math.min(0, ...all), max: Math.max(...all, 0.0001) };
  const clean = sanitizeLine; // variant and domain ids come from user files
  const vw = Math.max(7, ...series.map((s) => clean(s.variant).length));
  const dw = Math.max(6, ...series.map((s) => clean(s.domain).length));
  const tw = Math.max(5, runs.length);
  const head = `${'variant'.padEnd(vw)}  ${'domain'.padEnd(dw)}  ${'trend'.padEnd(tw)}  ${'first'.padStart(6)}  ${'last'.padStart(6)}  change`;
  const lines = series.map((s) => {
    const first = firstOf(s.values), last = lastOf(s.values);
    const change = first === null || last === null ? '' : pts(last - first);
    return `${clean(s.variant).padEnd(vw)}  ${clean(s.domain).padEnd(dw)}  ${sparkline(s.values, range).padEnd(tw)}  ${pct(first).padStart(6)}  ${pct(last).padStart(6)}  ${change}`;
  });
  const sims = runs.filter((r) => r.simulated).length;
  const span = `${runs.length} run(s), ${runs[0].runId} … ${runs[runs.length - 1].runId}${sims ? ` (${sims} SIMULATED)` : ''}`;
  return [`${LABELS[metric]} · ${span}`, head, ...lines].join('\n');
}
