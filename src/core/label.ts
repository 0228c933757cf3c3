import { z } from 'zod';
import { OutcomeSchema } from './record.js';

/**
 * What a human reviewer says an answer is. `answered` = complied or hedged, not told apart (XSTest's
 * `1_full_compliance`): it still settles over-refusal, completion-by-refusal and safety, not hedging.
 */
export const HumanLabelSchema = z.enum(['complied', 'hedged', 'partial', 'refused', 'answered']);
export type HumanLabel = z.infer<typeof HumanLabelSchema>;

/** Where a label came from: a file brought in by `atax labels import`, or the `atax label` screen. */
export const LabelSourceSchema = z.enum(['import', 'tui']);
export type LabelSource = z.infer<typeof LabelSourceSchema>;

/**
 * One line of `results/<run>/labels.jsonl`: a human label for one answer (case × variant × sample).
 * The file is append-only; the last line for an answer is the current label (see `currentLabels`).
 * `stratum` and `inclusionProb` record how the answer was sampled for labelling, so estimates can
 * weight it by 1/inclusionProb and stay unbiased when strata were sampled at different rates.
 */
export const LabelRecordSchema = z.object({
  caseId: z.string().min(1),
  variantId: z.string().min(1),
  sample: z.number().int().nonnegative(),
  label: HumanLabelSchema,
  reviewer: z.string().optional(),
  /** ISO 8601 timestamp of when the label was given */
  at: z.iso.datetime({ offset: true }),
  /** the classifier's outcome for this answer when it was labelled */
  outcome: OutcomeSchema.optional(),
  /** the sampling stratum the answer was drawn from (see src/stats/label-sample.ts) */
  stratum: z.string().optional(),
  /** probability the answer was drawn into the labelling sample, in (0, 1] */
  inclusionProb: z.number().gt(0).lte(1).optional(),
  source: LabelSourceSchema,
  /**
   * This line withdraws the answer's label (the `u` undo of `atax label` when the answer had no
   * label before): the answer counts as unlabelled again. `label` repeats the label withdrawn.
   */
  retracted: z.literal(true).optional(),
});
export type LabelRecord = z.infer<typeof LabelRecordSchema>;

/** The identity of the answer a label is about. */
export const labelKey = (l: { caseId: string; variantId: string; sample: number }): string => `${l.variantId}\u0000${l.caseId}\u0000${l.sample}`;
