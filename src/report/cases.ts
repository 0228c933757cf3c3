import { METRIC_TABLE, answerScore, type AnswerMetricId, type CaseKind, type Measure, type MetricId, type Outcome, type RunRecord } from '../core/index.js';

/**
 * The cases of a run seen one at a time: every variant's answers to one case side by side, and how
 * much the variants disagree about it. The TUI's Cases screen and the scorecard's "telling
 * examples" both start here; everything is pure so both render the same selection.
 */
export interface CaseView {
  caseId: string;
  domain: string;
  kind: CaseKind;
  tags: string[];
  pair?: string;
  /** each variant's records for this case, ordered by sample */
  records: Record<string, RunRecord[]>;
  /** each variant's most common usable outcome over its samples; 'error' when none was usable */
  outcome: Record<string, Outcome>;
  /**
   * 0..1: mean total-variation distance between the variants' outcome distributions — against the
   * baseline when one is given, else over all pairs. With one sample it is the share of variants
   * (or pairs) whose outcome differs.
   */
  disagreement: number;
  /** severity gap between the mildest and harshest modal outcome (complied 0 … refused 3): tie-break */
  spread: number;
}

const USABLE: Outcome[] = ['complied', 'hedged', 'partial', 'refused'];
const SEVERITY: Record<Outcome, number> = { complied: 0, hedged: 1, partial: 2, refused: 3, error: -1 };

type Dist = Map<Outcome, number>;

export function outcomeOf(r: RunRecord): Outcome {
  if (r.completion.error || !r.verdict) return 'error';
  return r.verdict.outcome;
}

/** Share of each usable outcome over a variant's samples; undefined when nothing was usable. */
function distribution(records: RunRecord[]): Dist | undefined {
  const usable = records.map(outcomeOf).filter((o) => o !== 'error');
  if (usable.length === 0) return undefined;
  const d: Dist = new Map();
  for (const o of usable) d.set(o, (d.get(o) ?? 0) + 1 / usable.length);
  return d;
}

function totalVariation(a: Dist, b: Dist): number {
  let sum = 0;
  for (const o of USABLE) sum += Math.abs((a.get(o) ?? 0) - (b.get(o) ?? 0));
  return sum / 2;
}

function modal(records: RunRecord[]): Outcome {
  const d = distribution(records);
  if (!d) return 'error';
  let best: Outcome = 'error';
  let bestShare = -1;
  for (const o of USABLE) {
    const share = d.get(o) ?? 0;
    if (share > bestShare + 1e-12) { best = o; bestShare = share; }
  }
  return best;
}

/** How differently two variants answered one case (0 same outcomes … 1 nothing in common). */
export function disagreementBetween(view: CaseView, a: string, b: string): number {
  const da = distribution(view.records[a] ?? []);
  const db = distribution(view.records[b] ?? []);
  return da && db ? totalVariation(da, db) : 0;
}

function disagreement(records: Record<string, RunRecord[]>, baseline?: string): number {
  const dists = new Map<string, Dist>();
  for (const [v, rs] of Object.entries(records)) {
    const d = distribution(rs);
    if (d) dists.set(v, d);
  }
  const base = baseline !== undefined ? dists.get(baseline) : undefined;
  const distances: number[] = [];
  if (base) {
    for (const [v, d] of dists) if (v !== baseline) distances.push(totalVariation(base, d));
  } else {
    const all = [...dists.values()];
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) distances.push(totalVariation(all[i], all[j]));
  }
  return distances.length === 0 ? 0 : distances.reduce((s, x) => s + x, 0) / distances.length;
}

function spreadOf(outcome: Record<string, Outcome>): number {
  const sev = Object.values(outcome).map((o) => SEVERITY[o]).filter((s) => s >= 0);
  return sev.length === 0 ? 0 : Math.max(...sev) - Math.min(...sev);
}

/** Most disagreeing first; then the wider severity gap; then case id, so the order is stable. */
export function compareByDisagreement(a: CaseView, b: CaseView): number {
  return b.disagreement - a.disagreement || b.spread - a.spread || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0);
}

function toView(caseId: string, records: Record<string, RunRecord[]>, baseline?: string): CaseView {
  const first = Object.values(records)[0][0];
  const outcome: Record<string, Outcome> = {};
  for (const [v, rs] of Object.entries(records)) {
    rs.sort((x, y) => x.sample - y.sample);
    outcome[v] = modal(rs);
  }
  return {
    caseId, domain: first.domain, kind: first.kind, tags: first.tags ?? [], pair: first.pair,
    records, outcome, disagreement: disagreement(records, baseline), spread: spreadOf(outcome),
  };
}

/** Groups a run's records by case (streaming input welcome) and orders them most-disagreeing first. */
export async function collectCases(
  records: AsyncIterable<RunRecord> | Iterable<RunRecord>,
  opts: { baseline?: string } = {},
): Promise<CaseView[]> {
  const byCase = new Map<string, Record<string, RunRecord[]>>();
  for await (const r of records) {
    let perVariant = byCase.get(r.caseId);
    if (!perVariant) byCase.set(r.caseId, (perVariant = {}));
    (perVariant[r.variantId] ??= []).push(r);
  }
  const views = [...byCase].map(([id, recs]) => toView(id, recs, opts.baseline));
  return views.sort(compareByDisagreement);
}

/** Re-scores disagreement against another baseline without re-reading records. */
export function rebaseCases(cases: CaseView[], baseline: string): CaseView[] {
  return cases.map((c) => ({ ...c, disagreement: disagreement(c.records, baseline) })).sort(compareByDisagreement);
}

export interface CaseFilter {
  /** a domain, or 'all' / undefined for every domain */
  domain?: string;
  kind?: CaseKind;
  tag?: string;
  /** keep cases where `variant` answered with this outcome on at least one sample */
  outcome?: Outcome;
  variant?: string;
  /** case-insensitive substring of the prompt (or of the case id when no prompt is known) */
  query?: string;
}

export function filterCases(cases: CaseView[], f: CaseFilter, promptOf: (caseId: string) => string | undefined = () => undefined): CaseView[] {
  const q = f.query?.trim().toLowerCase();
  return cases.filter((c) => {
    if (f.domain && f.domain !== 'all' && c.domain !== f.domain) return false;
    if (f.kind && c.kind !== f.kind) return false;
    if (f.tag && !c.tags.includes(f.tag)) return false;
    if (f.outcome) {
      const recs = f.variant ? c.records[f.variant] ?? [] : Object.values(c.records).flat();
      if (!recs.some((r) => outcomeOf(r) === f.outcome)) return false;
    }
    if (q) {
      const text = `${c.caseId}\n${promptOf(c.caseId) ?? ''}`.toLowerCase();
      if (!text.includes(q)) return false;
    }
    return true;
  });
}

/** A matrix metric, as the Cases screen ranks a cell's cases by it. */
export type CellMetric = MetricId;

/**
 * The answer-measured rate a case moves for a metric: the metric itself, the side of a pair metric
 * the case is on (a task moves its completion, a probe its safety), completion for the tax.
 */
function answerMetricOf(metric: MetricId, kind: CaseKind): AnswerMetricId {
  const m: Measure = METRIC_TABLE[metric].measure;
  if (m.by === 'answers') return metric as AnswerMetricId;
  if (m.by === 'pair') return (kind === 'task' ? m.task : m.probe) as AnswerMetricId;
  return 'completion';
}

/** Share of the usable answers that count toward the metric, by the metrics table's one rule. */
function metricShare(records: RunRecord[], metric: CellMetric): number | undefined {
  const usable = records.filter((r) => outcomeOf(r) !== 'error');
  if (!usable.length) return undefined;
  const id = answerMetricOf(metric, usable[0].kind);
  return usable.filter((r) => answerScore(id, r.kind, r.verdict!.outcome, r.verdict!.completed) === 1).length / usable.length;
}

/** How far apart two variants are on one metric for this case: |share(a) − share(b)|, 0 when either has no usable answer. */
export function metricGap(view: CaseView, a: string, b: string, metric: CellMetric): number {
  const sa = metricShare(view.records[a] ?? [], metric);
  const sb = metricShare(view.records[b] ?? [], metric);
  return sa === undefined || sb === undefined ? 0 : Math.abs(sa - sb);
}

/**
 * Order for a cell of the matrix: the cases that move that cell's number first (focus and baseline
 * differ on the metric), then any other difference between the two, then overall disagreement.
 */
export function sortForCell(cases: CaseView[], focus: string, baseline: string, metric?: CellMetric): CaseView[] {
  if (focus === baseline) return [...cases].sort(compareByDisagreement);
  const keyed = cases.map((c) => ({ c, m: metric ? metricGap(c, focus, baseline, metric) : 0, d: disagreementBetween(c, focus, baseline) }));
  keyed.sort((x, y) => y.m - x.m || y.d - x.d || compareByDisagreement(x.c, y.c));
  return keyed.map((k) => k.c);
}

/** Distinct tags over the cases, sorted; the Cases screen cycles through them. */
export function tagsOf(cases: CaseView[]): string[] {
  const tags = new Set<string>();
  for (const c of cases) for (const t of c.tags) tags.add(t);
  return [...tags].sort();
}
