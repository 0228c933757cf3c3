import { METRIC_IDS, METRIC_TABLE, findRow, findTax, isRateMetric, type CaseKind, type CorrectedEstimate, type Estimate, type MetricId, type RowKind, type TaxReport } from '../core/index.js';
import { changeBetweenRuns } from './compare-runs.js';
import { detectable } from './view-model.js';

/**
 * The matrix the TUI shows: domains (and "all") × variants, one metric at a time, each cell the
 * estimate with its interval and its difference — against the baseline, or against another run.
 * Pure: the screen renders what this returns. Metrics, labels, directions and kinds are the
 * metrics table's (src/core/metrics.ts).
 */
export type Metric = MetricId;
export const METRICS: readonly Metric[] = METRIC_IDS;
export const METRIC_LABEL = Object.fromEntries(METRIC_IDS.map((id) => [id, METRIC_TABLE[id].label])) as Record<Metric, string>;
/** +1 when a higher value is better, −1 when lower is better (tax = completion points lost). */
export const METRIC_BETTER = Object.fromEntries(METRIC_IDS.map((id) => [id, METRIC_TABLE[id].better])) as Record<Metric, 1 | -1>;
/** The report row kind a metric is measured on (`pair`: contrast pairs, a task with its probe). */
export const METRIC_KIND = Object.fromEntries(METRIC_IDS.map((id) => [id, METRIC_TABLE[id].kind])) as Record<Metric, RowKind>;
/** `points` for a metric that is a difference vs the baseline (the tax), read from the tax rows; `rate` otherwise. */
export const METRIC_UNIT = Object.fromEntries(METRIC_IDS.map((id) => [id, METRIC_TABLE[id].unit])) as Record<Metric, 'rate' | 'points'>;
/** What a row kind's n counts, in words. */
export const KIND_WORDS: Record<RowKind, { noun: string; title: string }> = {
  task: { noun: 'tasks', title: 'benign tasks' },
  probe: { noun: 'probes', title: 'harmful probes' },
  pair: { noun: 'pairs', title: 'contrast pairs, a task with its probe' },
};
/** The case kind to list for a metric's cell; undefined (both kinds) for a pair metric. */
export const caseKindOf = (m: Metric): CaseKind | undefined => { const k = METRIC_KIND[m]; return k === 'pair' ? undefined : k; };

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
  /** the domain's minimum detectable change of this metric (view-model `detectable`: the report prints the same) */
  mde: number | null;
  /** paired units (cases of the metric's kind, or pairs) behind that MDE */
  mdeN: number;
  /**
   * `value` corrected for the classifier's error with the run's human labels (rows[].corrected; tax:
   * the corrected completion drop). Null when the run has no labels; value null with a `note` when
   * the cell has too few.
   */
  corrected: CorrectedEstimate | null;
  /** the difference vs the baseline, corrected the same way (rows[].correctedDelta; baseline mode only) */
  correctedDelta: CorrectedEstimate | null;
}

export interface Matrix {
  metric: Metric;
  mode: 'baseline' | 'runs';
  baseline: string;
  domains: string[];
  variants: string[];
  /** cells[domainIndex][variantIndex] */
  cells: MatrixCell[][];
  /** present when the report has corrected figures: how many human labels corrected them, and how */
  calibration?: { labels: number; method: string };
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
  const def = METRIC_TABLE[metric];
  const row = findRow(report, variant, domain, def.kind);
  const det = detectable(report, metric, domain);
  const mde = det?.mde ?? null, mdeN = det?.n ?? 0;
  if (!isRateMetric(metric)) {
    const tax = findTax(report, variant, domain);
    const completion = row?.delta?.completion;
    const value = tax?.completionDrop ?? null;
    const delta = value ? { ...value, significant: isSignificant(completion, report.level), pAdj: completion?.pAdj ?? null } : null;
    // the tax is the completion drop: the corrected completion delta, negated
    const corrected = negated(row?.correctedDelta?.completion);
    return { value, delta, n: row?.n ?? 0, mde, mdeN, corrected, correctedDelta: corrected };
  }
  const value = row?.rates[metric] ?? null;
  const d = row?.delta?.[metric];
  const delta = d ? { value: d.value, lo: d.lo, hi: d.hi, significant: isSignificant(d, report.level), pAdj: d.pAdj } : null;
  return { value, delta, n: row?.n ?? 0, mde, mdeN, corrected: row?.corrected?.[metric] ?? null, correctedDelta: row?.correctedDelta?.[metric] ?? null };
}

/** −x of a corrected difference: its interval flips. */
function negated(e: CorrectedEstimate | undefined): CorrectedEstimate | null {
  if (!e) return null;
  const neg = (x: number | null) => (x === null ? null : -x);
  return { ...e, value: neg(e.value), lo: neg(e.hi), hi: neg(e.lo) };
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
      direction: directionOf(metric, delta?.value), mde: cur.mde, mdeN: cur.mdeN,
      corrected: cur.corrected, correctedDelta: isBaseline || previous ? null : cur.correctedDelta,
    };
  }));
  const calibration = report.calibration && { labels: report.calibration.labels, method: report.calibration.method };
  return { metric, mode: previous ? 'runs' : 'baseline', baseline: report.baseline, domains, variants, cells, ...(calibration ? { calibration } : {}) };
}
