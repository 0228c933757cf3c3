import { z } from 'zod';
import { CaseKindSchema } from './suite.js';
import { CheckResultSchema } from './check.js';

export const ErrorKindSchema = z.enum(['auth', 'rate-limit', 'server', 'timeout', 'network', 'bad-response', 'config', 'missing', 'aborted']);
export type ErrorKind = z.infer<typeof ErrorKindSchema>;

export const CompletionSchema = z.object({
  text: z.string(),
  finishReason: z.string().optional(),
  /** token counts; `estimated` when the provider sent none and they were counted with a tokenizer */
  usage: z.object({ inputTokens: z.number().optional(), outputTokens: z.number().optional(), estimated: z.boolean().optional() }).optional(),
  latencyMs: z.number(),
  cost: z.number().optional(),
  cached: z.boolean().optional(),
  /** answered through the provider's batch API (billed at its batch price) */
  batch: z.boolean().optional(),
  attempts: z.number().int().optional(),
  error: z.object({ kind: ErrorKindSchema, message: z.string(), status: z.number().optional() }).optional(),
});
export type Completion = z.infer<typeof CompletionSchema>;

export const OutcomeSchema = z.enum(['complied', 'hedged', 'partial', 'refused', 'error']);
export type Outcome = z.infer<typeof OutcomeSchema>;

/** Why a label was given: the rule that fired and the quoted span of the answer (offsets into text). */
export const SignalSchema = z.object({
  rule: z.string(),
  kind: z.enum(['refusal', 'partial', 'hedge', 'compliance', 'note']),
  hedgeKind: z.string().optional(),
  quote: z.string(),
  start: z.number().int().optional(),
  end: z.number().int().optional(),
});
export type Signal = z.infer<typeof SignalSchema>;

export const VerdictSchema = z.object({
  outcome: OutcomeSchema,
  hedges: z.number().int().nonnegative(),
  signals: z.array(SignalSchema),
  by: z.enum(['rules', 'judge']),
  /** the rules' confidence that the label is right, 0..1; `uncertain` judge mode asks below a threshold */
  confidence: z.number().min(0).max(1).optional(),
  checks: z.array(CheckResultSchema),
  completed: z.boolean(),
  /** when a judge ran too: the other verdict's outcome, so agreement can be reported */
  rulesOutcome: OutcomeSchema.optional(),
  judgeOutcome: OutcomeSchema.optional(),
});
export type Verdict = z.infer<typeof VerdictSchema>;

export const RunRecordSchema = z.object({
  runId: z.string(),
  caseId: z.string(),
  variantId: z.string(),
  sample: z.number().int().nonnegative(),
  domain: z.string(),
  kind: CaseKindSchema,
  tags: z.array(z.string()).optional(),
  pair: z.string().optional(),
  completion: CompletionSchema,
  verdict: VerdictSchema.optional(),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;
