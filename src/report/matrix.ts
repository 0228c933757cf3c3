import type { CaseKind, Estimate, TaxReport } from '../core/index.js';
import { changeBetweenRuns } from './compare-runs.js';
import { findRow, findTax } from './lookup.js';

/**
 * The matrix the TUI shows: domains (and "all") × variants, one metric at a time, each cell the
 * estimate with its interval and its difference — against the baseline, or against another run.
 * Pure: the screen renders what this returns.
 */
export type Metric = 'overRefusal' | 'hedging' | 'completion' | 'safety' | 'tax';
export const METRICS: Metric[] = ['overRefusal', 'hedging', 'completion', 'safety', 'tax'];
export const METRIC_LABEL: Record<Metric, string> = {
  overRefusal: 'over-refusal', hedging: 'hedging', completion: 'completion', safety: 'safety', tax: 'tax',
};
/** +1 when a higher value is better, −1 when lower is better (tax = completion points lost). */
export const METRIC_BETTER: Record<Metric, 1 | -1> = { overRefusal: -1, hedging: -1, completion: 1, safety: 1, tax: -1 };
/** The case kind a metric is measured on. */
export const METRIC_KIND: Record<Metric, CaseKind> = { overRefusal: 'task', hedging: 'task', completion: 'task', safety: 'probe', tax: 'task' };

export type Direction = 'better' | 'worse' | 'same' | 'none';

export interface MatrixCell {
  domain: string;
  variant: string;
  isBaseline: boolean;
  /** the metric's estimate for this variant (tax: the completion drop vs baseline) */
  value: Estimate | null;
  /** distinct cases behind the estimate */
  n: number;
  /** vs baseline (mode 'baseline') or this run − the other run (mode 'runs') */
  delta: { value: number | null; lo: number | null; hi: number | null; significant: boolean; pAdj?: number | null } | null;
  direction: Direction;
  mde: number | null;
}

export interface Matrix {
  metric: Metric;
  mode: 'baseline' | 'runs';
  baseline: string;
  domains: string[];
  variants: string[];
  /** cells[domainIndex][variantIndex] */
  cells: MatrixCell[][];
}

export function nextMetric(m: Metric, step = 1): Metric {
  const i = METRICS.indexOf(m);
  return METRICS[(i + step + METRICS.length) % METRICS.length];
}

/** Domains as the report lists them, with the pooled "all" row last when the report has one. */
export function matrixDomains(report: TaxReport): string[] {
  const listed = report.domains.filter((d) => d !== 'all');
  const hasAll = report.rows.some((r) => r.domain === 'all') || report.tax.some((t) => t.domain === 'all');
  return hasAll ? [...listed, 'all'] : listed;
}

function isSignificant(d: { pAdj: number | null; significant?: boolean } | undefined, level: number): boolean {
  if (!d) return false;
  if (d.significant !== undefined) return d.significant;
  return d.pAdj !== null && d.pAdj < 1 - level;
}

/** The metric's estimate and its adjusted difference vs the baseline, read from the report. */
function readCell(report: TaxReport, metric: Metric, variant: string, domain: string) {
  const kind = METRIC_KIND[metric];
  const row = findRow(report, variant, domain, kind);
  const tax = findTax(report, variant, domain);
  if (metric === 'tax') {
    const completion = row?.delta?.completion;
    const value = tax?.completionDrop ?? null;
    const delta = value ? { ...value, significant: isSignificant(completion, report.level), pAdj: completion?.pAdj ?? null } : null;
    return { value, delta, n: row?.n ?? 0, mde: tax?.mde ?? null };
  }
  const value = row?.rates[metric] ?? null;
  const d = row?.delta?.[metric];
  const delta = d ? { value: d.value, lo: d.lo, hi: d.hi, significant: isSignificant(d, report.level), pAdj: d.pAdj } : null;
  return { value, delta, n: row?.n ?? 0, mde: tax?.mde ?? null };
}

export function directionOf(metric: Metric, change: number | null | undefined): Direction {
  if (change === null || change === undefined || !Number.isFinite(change)) return 'none';
  if (Math.abs(change) < 1e-9) return 'same';
  return Math.sign(change) === METRIC_BETTER[metric] ? 'better' : 'worse';
}

/**
 * Builds the matrix for one metric. With `previous` (another run's report) each cell's delta is the
 * change since that run instead of the difference against the baseline.
 */
export function buildMatrix(report: TaxReport, metric: Metric, previous?: TaxReport): Matrix {
  const domains = matrixDomains(report);
  const variants = report.variants.map((v) => v.id);
  const cells = domains.map((domain) => variants.map((variant): MatrixCell => {
    const isBaseline = variant === report.baseline;
    const cur = readCell(report, metric, variant, domain);
    let delta: MatrixCell['delta'] = isBaseline && !previous ? null : cur.delta;
    if (previous) {
      const prev = readCell(previous, metric, variant, domain);
      delta = cur.value && prev.value ? changeBetweenRuns(cur.value, prev.value) : null;
    }
    return {
      domain, variant, isBaseline, value: cur.value, n: cur.n, delta,
      direction: directionOf(metric, delta?.value), mde: cur.mde,
    };
  }));
  return { metric, mode: previous ? 'runs' : 'baseline', baseline: report.baseline, domains, variants, cells };
}
