import { CHANGE_GATES, LEVEL_GATES, METRIC_TABLE, findRow, type RateMetricId, type Estimate, type ReportRow, type TaxReport } from '../core/index.js';
import { UserError } from '../errors.js';
import { ALL, clopperPearson } from '../stats/index.js';
import type { ExpressionGateSpec, GateSpec, LevelBound, LevelMetric, Policy, ThresholdGateSpec } from './policy.js';
import { errorGates } from './error-gate.js';
import { judgeExpression } from './expression.js';
import { cacheGate } from './cache-gate.js';

/**
 * Evaluates a policy's gates against a TaxReport: one result per gate × variant × domain. A gate
 * without the data to judge it (no probes, a domain missing) fails: a review must not pass on
 * evidence that is not there.
 */
/** the suite-wide row's domain name, as the stats layer writes it */
export const ALL_DOMAINS = ALL;

export interface GateResult {
  /** e.g. `safety ≥ 0.98 (clopper-pearson-lower) · guarded · all` — unique within a verdict */
  id: string;
  label: string;
  metric: GateSpec['metric'] | 'errorRate' | 'cachedShare';
  variant: string;
  domain: string;
  op: 'min' | 'max';
  threshold: number;
  bound: LevelBound;
  /** the number judged (the chosen bound), null when there is no data */
  judged: number | null;
  /** the point estimate, for the reader */
  estimate: number | null;
  /** human labels behind the judged figure when it is corrected for the classifier's error (absent: the classifier's own figure) */
  correctedWith?: number;
  status: 'pass' | 'fail' | 'nodata';
  message: string;
}

export interface PolicyVerdict {
  policy: string;
  pass: boolean;
  gates: GateResult[];
  failed: GateResult[];
}

/** A change gate judges its metric's delta signed so that positive is worse: −better (the metrics table's). */
const CHANGE: Record<string, { rate: RateMetricId; sign: 1 | -1 }> = Object.fromEntries(
  (Object.entries(CHANGE_GATES) as Array<[string, RateMetricId]>).map(([name, rate]) => [name, { rate, sign: METRIC_TABLE[rate].better === 1 ? -1 : 1 }]),
);

/** Domains of the report without the suite-wide aggregate. */
export function reportDomains(report: TaxReport): string[] {
  return report.domains.filter((d) => d !== ALL_DOMAINS);
}

function pickBound(e: Estimate, bound: LevelBound, row: ReportRow, level: number): number | null {
  if (e.value === null) return null;
  if (bound === 'value') return e.value;
  if (bound === 'lower') return e.lo;
  if (bound === 'upper') return e.hi;
  // exact interval on the case-level count: with K samples per case the case is the unit
  const x = Math.round(e.value * row.n);
  const ci = clopperPearson(x, row.n, level);
  return bound === 'clopper-pearson-lower' ? ci.lo : ci.hi;
}

/** The judged number and the estimate for one gate on one variant × domain. */
function judge(report: TaxReport, spec: ThresholdGateSpec, variant: string, domain: string): { judged: number | null; estimate: number | null; correctedWith?: number } {
  const change = CHANGE[spec.metric];
  if (!change) {
    const metric = LEVEL_GATES[spec.metric as LevelMetric];
    const row = findRow(report, variant, domain, METRIC_TABLE[metric].kind);
    // corrected with human labels when the run has them for this cell (calibration): the bound the gate reads carries the classifier's error
    const corrected = row?.corrected?.[metric];
    const e = corrected?.value != null ? corrected : row?.rates[metric];
    if (!row || !e || row.n === 0) return { judged: null, estimate: null };
    const bound = corrected?.value != null && spec.bound.startsWith('clopper-pearson') ? (spec.bound === 'clopper-pearson-lower' ? 'lower' : 'upper') : spec.bound;
    return { judged: pickBound(e, bound, row, report.level), estimate: e.value, ...(corrected?.value != null ? { correctedWith: corrected.labels } : {}) };
  }
  const row = findRow(report, variant, domain, METRIC_TABLE[change.rate].kind);
  const correctedDelta = row?.correctedDelta?.[change.rate];
  const d = correctedDelta?.value != null ? correctedDelta : row?.delta?.[change.rate];
  if (!d || d.value === null) return { judged: null, estimate: null };
  // a drop is minus the delta: its upper bound is minus the delta's lower bound
  const upper = change.sign === 1 ? d.hi : d.lo === null ? null : -d.lo;
  return { judged: spec.bound === 'value' ? change.sign * d.value : upper, estimate: change.sign * d.value, ...(correctedDelta?.value != null ? { correctedWith: correctedDelta.labels } : {}) };
}

function scopeVariants(report: TaxReport, spec: GateSpec): string[] {
  const ids = report.variants.map((v) => v.id);
  const candidates = ids.filter((id) => id !== report.baseline);
  const readsChange = spec.metric === 'expr' ? spec.expression.reads.some((r) => r.name in CHANGE) : spec.metric in CHANGE;
  if (spec.variants === 'candidates' || (spec.variants === 'all' && readsChange)) return candidates;
  if (spec.variants === 'all') return ids;
  for (const v of spec.variants) {
    if (!ids.includes(v)) throw new UserError(`${spec.whereVariants ?? spec.where}: variant "${v}" is not in run ${report.runId}`, `variants in this run: ${ids.join(', ')}`);
  }
  return spec.variants;
}

function scopeDomains(report: TaxReport, spec: GateSpec): string[] {
  if (spec.domains === 'all') return [ALL_DOMAINS];
  const known = reportDomains(report);
  if (spec.domains === 'each') return known;
  for (const d of spec.domains) {
    if (d !== ALL_DOMAINS && !known.includes(d)) throw new UserError(`${spec.whereDomains ?? spec.where}: domain "${d}" is not in run ${report.runId}`, `domains in this run: ${known.join(', ')}`);
  }
  return spec.domains;
}

export function gateLabel(spec: GateSpec): string {
  if (spec.metric === 'expr') return spec.name ?? spec.expression.text;
  return spec.name ?? `${spec.metric} ${spec.op === 'min' ? '≥' : '≤'} ${spec.threshold} (${spec.bound})`;
}

const fmt = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));

/** An expression gate on one variant × domain: judged 1 (holds) or 0 (does not), null without the data. */
function evaluateExpression(report: TaxReport, spec: ExpressionGateSpec, variant: string, domain: string): GateResult {
  const label = gateLabel(spec);
  const r = judgeExpression(report, spec.expression, variant, domain);
  const judged = r.status === 'nodata' ? null : r.status === 'pass' ? 1 : 0;
  // op, threshold and bound are a threshold gate's; the scorecard JSON has always carried these fixed values for an expression
  const base = { id: `${label} · ${variant} · ${domain}`, label, metric: spec.metric, variant, domain, op: 'max' as const, threshold: 0, bound: 'value' as const, judged, estimate: null };
  if (r.status === 'nodata') {
    const why = variant === report.baseline && r.missing && r.missing.split('.')[0] in CHANGE ? `${variant} is the baseline: it has no change to judge` : `no data for ${r.missing} on ${variant} · ${domain}`;
    return { ...base, status: 'nodata', message: why };
  }
  return { ...base, status: r.status, message: `${r.status === 'pass' ? 'holds' : 'does not hold'}: ${r.values}` };
}

/** What a verdict table shows as the judged figure: the number, or for an expression the figures it read. */
export function judgedText(g: GateResult): string {
  if (g.status === 'nodata') return 'no data';
  if (g.metric === 'expr') return g.message;
  if (g.judged === null) return 'no data';
  return g.correctedWith !== undefined ? `${g.judged.toFixed(4)} corrected` : g.judged.toFixed(4);
}

export function evaluateGate(report: TaxReport, spec: GateSpec, variant: string, domain: string): GateResult {
  if (spec.metric === 'expr') return evaluateExpression(report, spec, variant, domain);
  const label = gateLabel(spec);
  const { judged, estimate, correctedWith } = judge(report, spec, variant, domain);
  const base = { id: `${label} · ${variant} · ${domain}`, label, metric: spec.metric, variant, domain, op: spec.op, threshold: spec.threshold, bound: spec.bound, judged, estimate, ...(correctedWith !== undefined ? { correctedWith } : {}) };
  if (judged === null) {
    if (spec.metric in CHANGE && variant === report.baseline) {
      return { ...base, status: 'nodata', message: `${variant} is the baseline: it has no change to judge` };
    }
    return { ...base, status: 'nodata', message: `no data for ${spec.metric} on ${variant} · ${domain}` };
  }
  const ok = spec.op === 'min' ? judged >= spec.threshold : judged <= spec.threshold;
  const rel = spec.op === 'min' ? (ok ? '≥' : '<') : ok ? '≤' : '>';
  // a corrected figure's interval is PPI's, whatever exact interval the gate names for the classifier's own figure
  const what = correctedWith === undefined ? spec.bound : `corrected ${spec.bound.replace('clopper-pearson-', '')} (${correctedWith} human labels)`;
  return { ...base, status: ok ? 'pass' : 'fail', message: `${what} ${fmt(judged)} ${rel} ${spec.threshold} (estimate ${fmt(estimate)})` };
}

export function evaluatePolicy(report: TaxReport, policy: Policy): PolicyVerdict {
  const gates: GateResult[] = [];
  for (const spec of policy.gates) {
    for (const variant of scopeVariants(report, spec)) {
      for (const domain of scopeDomains(report, spec)) gates.push(evaluateGate(report, spec, variant, domain));
    }
  }
  gates.push(...errorGates(report, policy.maxErrorRate));
  if (policy.maxCachedShare !== undefined) gates.push(cacheGate(report, policy.maxCachedShare));
  const failed = gates.filter((g) => g.status !== 'pass');
  return { policy: policy.name, pass: failed.length === 0, gates, failed };
}

/** The first line of every scorecard format. */
export function verdictLine(v: PolicyVerdict): string {
  if (v.gates.length === 0) return `PASS: no gates apply (policy ${v.policy})`;
  if (v.pass) return `PASS: all ${v.gates.length} gates passed (policy ${v.policy})`;
  const names = v.failed.map((g) => `${g.label} on ${g.variant} · ${g.domain}${g.status === 'nodata' ? ' (no data)' : g.metric === 'expr' ? ` (${g.message})` : ` (${fmt(g.judged)}${g.correctedWith !== undefined ? ' corrected' : ''})`}`);
  return `FAIL: ${v.failed.length} of ${v.gates.length} gates failed: ${names.join('; ')}`;
}
