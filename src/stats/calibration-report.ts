/**
 * Corrected rates for a TaxReport from the run's human labels: fed the same records as the report
 * (last record per answer wins), then `apply` adds `rows[].corrected`, `rows[].correctedDelta` and
 * the top-level `calibration` block. Labels are used per variant (each model errs differently).
 */
import type { CorrectedEstimate, HumanLabel, LabelRecord, Outcome, ReportRow, RunRecord, TaxReport } from '../core/index.js';
import type { AnswerMetricId } from '../core/metrics.js';
import { labelKey } from '../core/label.js';
import { MIN_LABELS, TUNE_MIN, ppiDelta, ppiEstimate, type PpiEstimate, type PpiUnit } from './calibration.js';
import { calibrationSummary } from './calibration-summary.js';
import { classifierScore, humanScore, metricsOfKind } from './calibration-rates.js';

/**
 * One usable answer: what the classifier said (`completed`: answered and passing the checks), and
 * whether the case's checks passed whatever the outcome (read on labelled answers, whose whole
 * record the caller passes; a case without checks passes vacuously).
 */
interface Answer { outcome: Outcome; completed: boolean; checksPassed: boolean }

interface CaseCell {
  kind: 'task' | 'probe';
  groups: string[];
  /** by sample; undefined = no usable answer (an error, or a later error record replaced it) */
  answers: (Answer | undefined)[];
}

/** A PPI unit that also counts the labels that cannot speak to the metric (`answered` on hedging). */
type CellUnit = PpiUnit & { silent: number };

/**
 * Labels that cannot speak to a metric are not missing at random (an `answered` label is silent on
 * hedging, a `refused` one is not): a cell with any of them is not corrected, and says why.
 */
function silentNote(units: readonly CellUnit[]): CorrectedEstimate | undefined {
  const silent = units.reduce((s, u) => s + u.silent, 0);
  if (silent === 0) return undefined;
  return { value: null, lo: null, hi: null, method: 'labels-silent', labels: units.reduce((s, u) => s + u.labelled.length, 0), note: `${silent} label${silent === 1 ? ' is' : 's are'} \`answered\` (complied or hedged, not told apart): they cannot correct this rate` };
}

export interface CalibrationOptions { by?: 'domain' | 'tag'; level?: number; minLabels?: number }

export class CalibrationAccumulator {
  /** current label per answer key */
  private readonly labels: Map<string, LabelRecord>;
  private readonly cells = new Map<string, Map<string, CaseCell>>();
  private readonly level: number;
  private readonly minLabels: number;

  constructor(labels: Map<string, LabelRecord>, private readonly opts: CalibrationOptions = {}) {
    this.labels = labels;
    this.level = opts.level ?? 0.95;
    this.minLabels = opts.minLabels ?? MIN_LABELS;
  }

  /** Whether this record's answer carries a label (the caller then passes the whole record, checks included). */
  wants(r: Pick<RunRecord, 'caseId' | 'variantId' | 'sample'>): boolean {
    return this.labels.has(labelKey(r));
  }

  add(r: RunRecord): void {
    let byCase = this.cells.get(r.variantId);
    if (!byCase) this.cells.set(r.variantId, (byCase = new Map()));
    let cell = byCase.get(r.caseId);
    if (!cell) {
      const groups = this.opts.by === 'tag' ? [...new Set(r.tags ?? [])] : [r.domain];
      byCase.set(r.caseId, (cell = { kind: r.kind, groups: [...groups, 'all'], answers: [] }));
    }
    const v = r.verdict;
    const usable = v !== undefined && v.outcome !== 'error' && r.completion.error === undefined;
    cell.answers[r.sample] = usable ? { outcome: v.outcome, completed: v.completed, checksPassed: v.checks.every((c) => c.passed) } : undefined;
  }

  /** The report with corrected figures added (unchanged when the run has no label on a usable answer). */
  apply(report: TaxReport): TaxReport {
    const summaries = report.variants.map((v) => this.summary(v.id)).filter((s) => s.labels > 0);
    if (summaries.length === 0) return report;
    const rows = report.rows.map((row) => this.correctRow(row, report.baseline));
    const total = summaries.reduce((s, x) => s + x.labels, 0);
    return {
      ...report,
      rows,
      calibration: {
        labels: total,
        minLabels: this.minLabels,
        method: `prediction-powered inference with PPI++ power tuning, per variant (λ tuned when at least ${TUNE_MIN} labels fall on each side of the classifier, else λ = 1); labels weighted by 1/inclusion probability when every label of the variant has one; t on (labels − 1) df; cells with fewer than ${this.minLabels} labels get no corrected figure`,
        variants: summaries,
      },
    };
  }

  private readonly summaries = new Map<string, ReturnType<CalibrationAccumulator['computeSummary']>>();

  private summary(variant: string) {
    let s = this.summaries.get(variant);
    if (!s) this.summaries.set(variant, (s = this.computeSummary(variant)));
    return s;
  }

  private computeSummary(variant: string) {
    const pairs: { human: HumanLabel; outcome: Outcome }[] = [];
    let weighted = true;
    for (const [caseId, cell] of this.cells.get(variant) ?? []) {
      cell.answers.forEach((a, sample) => {
        const l = a && this.labels.get(labelKey({ caseId, variantId: variant, sample }));
        if (!a || !l) return;
        pairs.push({ human: l.label, outcome: a.outcome });
        if (l.inclusionProb === undefined) weighted = false;
      });
    }
    return { ...calibrationSummary(variant, pairs, this.level), weights: weighted ? 'inclusion-probability' as const : 'uniform' as const };
  }

  private correctRow(row: ReportRow, baseline: string): ReportRow {
    if (row.kind === 'pair') return row; // pair metrics are products of two rates: not corrected here
    const corrected: Partial<Record<AnswerMetricId, CorrectedEstimate>> = {};
    const correctedDelta: Partial<Record<AnswerMetricId, CorrectedEstimate>> = {};
    const weighted = this.summary(row.variant).weights === 'inclusion-probability';
    const weightedBase = this.summary(baseline).weights === 'inclusion-probability';
    for (const rate of metricsOfKind(row.kind)) {
      if (!row.rates[rate]) continue;
      const cases = this.casesOf(row.variant, row.domain, row.kind);
      const units = cases.map(([id, c]) => this.unit(row.variant, id, c, rate, weighted));
      corrected[rate] = silentNote(units) ?? out(ppiEstimate(units, { level: this.level, minLabels: this.minLabels }));
      if (row.delta?.[rate] && row.variant !== baseline) {
        const base = this.cells.get(baseline);
        const paired = cases.filter(([id]) => base?.get(id)?.answers.some(Boolean));
        const v = paired.map(([id, c]) => this.unit(row.variant, id, c, rate, weighted));
        const b = paired.map(([id]) => this.unit(baseline, id, base!.get(id)!, rate, weightedBase));
        correctedDelta[rate] = silentNote(v) ?? silentNote(b) ?? out(ppiDelta(v, b, { level: this.level, minLabels: this.minLabels }));
      }
    }
    return { ...row, corrected, ...(Object.keys(correctedDelta).length ? { correctedDelta } : {}) };
  }

  /** The PPI units of one cell: a variant's cases in a group and kind, read for one metric. */
  units(variant: string, group: string, kind: 'task' | 'probe', rate: AnswerMetricId): CellUnit[] {
    const weighted = this.summary(variant).weights === 'inclusion-probability';
    return this.casesOf(variant, group, kind).map(([id, c]) => this.unit(variant, id, c, rate, weighted));
  }

  /** Variants seen in the records, in first-seen order. */
  variants(): string[] {
    return [...this.cells.keys()];
  }

  /** Per variant: labelled answers and how the classifier agrees with them. */
  variantSummary(variant: string) {
    return this.summary(variant);
  }

  /** Cases of a variant in a row's group and kind with at least one usable answer. */
  private casesOf(variant: string, group: string, kind: 'task' | 'probe'): [string, CaseCell][] {
    return [...(this.cells.get(variant) ?? [])].filter(([, c]) => c.kind === kind && c.groups.includes(group) && c.answers.some(Boolean));
  }

  private unit(variant: string, caseId: string, cell: CaseCell, rate: AnswerMetricId, weighted: boolean): CellUnit {
    let answers = 0, hits = 0, silent = 0;
    const labelled: PpiUnit['labelled'][number][] = [];
    cell.answers.forEach((a, sample) => {
      if (!a) return;
      answers++;
      const f = classifierScore(rate, cell.kind, a.outcome, a.completed) ?? 0;
      hits += f;
      const l = this.labels.get(labelKey({ caseId, variantId: variant, sample }));
      const y = l && humanScore(rate, cell.kind, l.label, a.checksPassed);
      if (l && y !== undefined) labelled.push({ f, y, w: weighted && l.inclusionProb ? 1 / l.inclusionProb : 1 });
      else if (l) silent++;
    });
    return { f: hits / answers, answers, labelled, silent };
  }
}

function out(e: PpiEstimate): CorrectedEstimate {
  return {
    value: e.value, lo: e.lo, hi: e.hi, method: e.method, labels: e.nLabels,
    ...(e.lambda !== undefined ? { lambda: e.lambda } : {}), ...(e.note ? { note: e.note } : {}),
  };
}
