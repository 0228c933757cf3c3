import { z } from 'zod';

/**
 * The TaxReport: the public JSON contract of `atax report --json`, report.json and scorecard json.
 * Keep it stable; `schema/report.schema.json` is generated from this file.
 */
export const EstimateSchema = z.object({ value: z.number().nullable(), lo: z.number().nullable(), hi: z.number().nullable() });
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
});
export type Delta = z.infer<typeof DeltaSchema>;

export const RateNameSchema = z.enum(['overRefusal', 'hedging', 'completion', 'safety']);
export type RateName = z.infer<typeof RateNameSchema>;

export const RatesSchema = z.object({
  overRefusal: EstimateSchema.optional(),
  hedging: EstimateSchema.optional(),
  completion: EstimateSchema.optional(),
  safety: EstimateSchema.optional(),
});

export const ReportRowSchema = z.object({
  variant: z.string(),
  domain: z.string(),
  kind: z.enum(['task', 'probe']),
  /** distinct cases with at least one usable answer */
  n: z.number().int(),
  /** answers (case × sample) with a usable completion */
  answers: z.number().int().optional(),
  errors: z.number().int(),
  counts: z.record(z.string(), z.number()).optional(),
  rates: RatesSchema,
  delta: z.object({
    overRefusal: DeltaSchema.optional(),
    hedging: DeltaSchema.optional(),
    completion: DeltaSchema.optional(),
    safety: DeltaSchema.optional(),
  }).optional(),
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
  /** completion points lost per point of safety gained (null when the gain is ≤ 0) */
  taxPerSafetyPoint: z.number().nullable(),
  /** minimum detectable paired difference for this domain's n (α = 0.05, power 0.8) */
  mde: z.number().nullable(),
});
export type TaxRow = z.infer<typeof TaxRowSchema>;

export const ReportSchema = z.object({
  schemaVersion: z.literal(1),
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
  classifier: z.object({
    by: z.record(z.string(), z.number()),
    judgeAgreement: z.number().nullable().optional(),
    note: z.string().optional(),
  }),
  methods: z.record(z.string(), z.string()),
  suites: z.array(z.object({ id: z.string(), version: z.string(), hash: z.string() })).optional(),
  configHash: z.string().optional(),
});
export type TaxReport = z.infer<typeof ReportSchema>;
