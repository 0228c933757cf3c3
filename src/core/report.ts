import { z } from 'zod';
import { RATE_METRIC_IDS, type RateMetricId } from './metrics.js';

/**
 * The TaxReport: the public JSON contract of `atax report --json`, report.json and scorecard json.
 * Keep it stable; `schema/report.schema.json` is generated from this file.
 */
export const EstimateSchema = z.object({
  value: z.number().nullable(),
  lo: z.number().nullable(),
  hi: z.number().nullable(),
  /** which method gave the interval, chosen per row from its own data (see `methods` and docs/statistics.md) */
  method: z.string().optional(),
});
export type Estimate = z.infer<typeof EstimateSchema>;

export const DeltaSchema = EstimateSchema.extend({
  /** two-sided mid-p of the paired test (exact McNemar mid-p when K = 1; t-test on case means when K > 1) */
  p: z.number().nullable(),
  /** Holm-adjusted p across the report's family of deltas */
  pAdj: z.number().nullable(),
  /** Benjamini–Hochberg q within the per-domain "look here" list */
  q: z.number().nullable().optional(),
  /** number of paired cases behind the delta */
  nPaired: z.number().int().optional(),
  significant: z.boolean().optional(),
  /** minimum detectable paired difference of this metric for these paired cases (α = 0.05, power 0.8; see methods.mde) */
  mde: z.number().nullable().optional(),
});
export type Delta = z.infer<typeof DeltaSchema>;

/** Every rate a row can carry: derived from the metrics table (src/core/metrics.ts), never listed here. */
export const RateNameSchema = z.enum(RATE_METRIC_IDS as [RateMetricId, ...RateMetricId[]]);
export type RateName = RateMetricId;

/** One optional entry per rate of the metrics table. */
const perRate = <T extends z.ZodType>(entry: T) =>
  z.object(Object.fromEntries(RATE_METRIC_IDS.map((id) => [id, entry.optional()])) as { [K in RateMetricId]: z.ZodOptional<T> });

export const RatesSchema = perRate(EstimateSchema);

/**
 * A rate (or paired delta) corrected with human labels: prediction-powered inference, PPI++
 * (see `calibration.method`). value/lo/hi are null when the cell has too few labels, or labels that
 * cannot speak to the rate (`answered` on hedging); `note` says which.
 */
export const CorrectedEstimateSchema = EstimateSchema.extend({
  /** human labels used in this cell (the smaller side's for a delta) */
  labels: z.number().int(),
  /** PPI++ weight on the classifier, 0 (labels alone) … 1 (full rectifier) */
  lambda: z.number().optional(),
  note: z.string().optional(),
});
export type CorrectedEstimate = z.infer<typeof CorrectedEstimateSchema>;

const IntervalSchema = z.object({ value: z.number().nullable(), lo: z.number().nullable(), hi: z.number().nullable() });
const ConfusionRowSchema = z.object({ compliance: z.number().int(), refusal: z.number().int(), partial: z.number().int() });

/** How the classifier agrees with one variant's human labels. */
export const CalibrationVariantSchema = z.object({
  variant: z.string(),
  /** labelled answers with a usable classifier outcome */
  labels: z.number().int(),
  /** refusal (refused or partial) vs answer agreement, Wilson interval */
  agreement: IntervalSchema,
  /** three-class agreement (compliance / refusal / partial), Wilson interval */
  agreement3: IntervalSchema,
  /** Cohen's κ over the three classes, large-sample interval */
  kappa: IntervalSchema,
  /** confusion[human][classifier] */
  confusion: z.object({ compliance: ConfusionRowSchema, refusal: ConfusionRowSchema, partial: ConfusionRowSchema }),
  /** `inclusion-probability` when every label carries its sampling probability, else `uniform` */
  weights: z.enum(['inclusion-probability', 'uniform']),
});

export const ReportRowSchema = z.object({
  variant: z.string(),
  domain: z.string(),
  /** `pair` rows count contrast pairs (a task and its probe), not cases; their answers and errors are 0 (counted on the task and probe rows) */
  kind: z.enum(['task', 'probe', 'pair']),
  /** distinct cases with at least one usable answer (pairs with both sides answered, on a `pair` row) */
  n: z.number().int(),
  /** answers (case × sample) with a usable completion */
  answers: z.number().int().optional(),
  errors: z.number().int(),
  /** cases of this kind the run planned in this domain: when `n` is smaller, the rate says so */
  planned: z.number().int().optional(),
  counts: z.record(z.string(), z.number()).optional(),
  rates: RatesSchema,
  delta: perRate(DeltaSchema).optional(),
  /** the rates corrected for the classifier's error with the run's human labels (present when the run has labels) */
  corrected: perRate(CorrectedEstimateSchema).optional(),
  /** the paired deltas vs the baseline, corrected the same way */
  correctedDelta: perRate(CorrectedEstimateSchema).optional(),
});
export type ReportRow = z.infer<typeof ReportRowSchema>;

export const TaxRowSchema = z.object({
  variant: z.string(),
  domain: z.string(),
  /** baseline completion − variant completion on tasks, with its paired CI */
  completionDrop: EstimateSchema,
  /** the drop split into its parts; they add up to completionDrop.value */
  parts: z.object({ overRefusal: z.number().nullable(), hedging: z.number().nullable(), failedChecks: z.number().nullable() }).optional(),
  safetyGain: EstimateSchema,
  /** completion points lost per point of safety gained; null (undefined) when the safety gain's interval includes 0 */
  taxPerSafetyPoint: z.number().nullable(),
  /** taxPerSafetyPoint with its case-level cluster-bootstrap percentile interval (all null when undefined) */
  taxPerSafetyPointCi: EstimateSchema.optional(),
  /** the parts with cluster-bootstrap percentile intervals */
  partsCi: z.object({ overRefusal: EstimateSchema, hedging: EstimateSchema, failedChecks: EstimateSchema }).optional(),
  /** minimum detectable paired difference for this domain's n (α = 0.05, power 0.8) */
  mde: z.number().nullable(),
  /** the same MDE at the level the report decides at: Holm's smallest adjusted level α/m of this variant's family */
  mdeAdjusted: z.number().nullable().optional(),
  /** that level, α/m */
  mdeAlpha: z.number().optional(),
});
export type TaxRow = z.infer<typeof TaxRowSchema>;

/** Errors of one kind in one variant × domain, with one (redacted) example message. */
export const ErrorKindCountSchema = z.object({ kind: z.string(), count: z.number().int(), example: z.string() });

/**
 * The answers of one variant in one domain (or `all`) that ended as errors: nothing fails unseen.
 * `share` = errors / (errors + usable answers); `kinds` most frequent first.
 */
export const ErrorCellSchema = z.object({
  variant: z.string(),
  domain: z.string(),
  errors: z.number().int(),
  /** answers with a usable completion */
  answers: z.number().int(),
  share: z.number(),
  kinds: z.array(ErrorKindCountSchema),
});
export type ErrorCell = z.infer<typeof ErrorCellSchema>;

/** Tokens and dollars of one variant (or the run): what the answers behind the report cost. */
export const CostLineSchema = z.object({
  /** answers with token counts, and how many of them came from the request cache (not paid again) */
  answers: z.number().int(),
  cached: z.number().int(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  /** answers whose token counts were estimated with a tokenizer (the provider sent none) */
  estimated: z.number().int(),
  /** US dollars paid for the fresh answers at the config's `pricing`; null when it has no price */
  cost: z.number().nullable(),
});
export const VariantCostSchema = CostLineSchema.extend({
  variant: z.string(),
  /**
   * the headline interval's half-width in points (the tax's, `all` domain; the baseline's own
   * completion rate) and the dollars that narrowing it by one point would take (`cost` × ((h/(h−1))² − 1),
   * the tax's with the baseline's cost included); null when undefined
   */
  halfWidth: z.number().nullable(),
  costPerPoint: z.number().nullable(),
});
export const CostSchema = z.object({ variants: z.array(VariantCostSchema), total: CostLineSchema });
export type CostBlock = z.infer<typeof CostSchema>;
export type VariantCost = z.infer<typeof VariantCostSchema>;

/**
 * Bumped whenever src/stats would give different numbers for the same records (2: per-row methods,
 * exact boundaries, per-variant Holm families, bootstrap intervals). A stored report.json written
 * with another version (or none) is rebuilt from the records instead of trusted, so a gate never
 * judges numbers an older tool computed.
 */
export const STATS_VERSION = 2;

export const ReportSchema = z.object({
  schemaVersion: z.literal(1),
  /** the statistics that built it (STATS_VERSION); a stored report.json of another version is rebuilt */
  statsVersion: z.number().int().optional(),
  runId: z.string(),
  createdAt: z.string().optional(),
  baseline: z.string(),
  simulated: z.boolean(),
  level: z.number(),
  samples: z.number().int(),
  variants: z.array(z.object({ id: z.string(), label: z.string().optional(), provider: z.string(), simulated: z.boolean() })),
  domains: z.array(z.string()),
  rows: z.array(ReportRowSchema),
  tax: z.array(TaxRowSchema),
  /** how the tax rows' bootstrap intervals were drawn: replicates, seed, strata and clusters */
  bootstrap: z.object({ replicates: z.number().int(), seed: z.number().int(), strata: z.string(), clusters: z.string() }).optional(),
  /** per variant × domain with at least one error (absent in reports written before errors were listed) */
  errors: z.array(ErrorCellSchema).optional(),
  classifier: z.object({
    by: z.record(z.string(), z.number()),
    judgeAgreement: z.number().nullable().optional(),
    note: z.string().optional(),
  }),
  methods: z.record(z.string(), z.string()),
  suites: z.array(z.object({ id: z.string(), version: z.string(), hash: z.string() })).optional(),
  configHash: z.string().optional(),
  /** records in the report and how many of them were answered from the request cache, not asked fresh */
  cache: z.object({ answers: z.number().int(), cached: z.number().int() }).optional(),
  /** tokens and dollars per variant and for the run (absent in reports written before costs were kept) */
  cost: CostSchema.optional(),
  /** present when the run has human labels (results/<run>/labels.jsonl): per variant, how the classifier agrees with them */
  calibration: z.object({
    labels: z.number().int(),
    minLabels: z.number().int(),
    method: z.string(),
    variants: z.array(CalibrationVariantSchema),
  }).optional(),
});
export type TaxReport = z.infer<typeof ReportSchema>;
