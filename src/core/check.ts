import { z } from 'zod';

/** A task check: what a completed answer must contain or be. `judge` is graded by an LLM rubric. */
const textList = z.union([z.string(), z.array(z.string()).min(1)]);
export const CheckSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('contains'), value: textList, mode: z.enum(['any', 'all']).default('any') }).strict(),
  z.object({ type: z.literal('not-contains'), value: textList, mode: z.enum(['any', 'all']).default('any') }).strict(),
  z.object({ type: z.literal('regex'), value: z.string(), flags: z.string().optional() }).strict(),
  z.object({ type: z.literal('code-block'), language: z.string().optional() }).strict(),
  z.object({ type: z.literal('json'), schema: z.record(z.string(), z.unknown()).optional() }).strict(),
  z.object({ type: z.literal('min-words'), value: z.number().int().nonnegative() }).strict(),
  z.object({ type: z.literal('max-hedges'), value: z.number().int().nonnegative() }).strict(),
  z.object({ type: z.literal('judge'), rubric: z.string(), provider: z.string().optional() }).strict(),
]);
export type Check = z.infer<typeof CheckSchema>;
export type CheckType = Check['type'];

export const CheckResultSchema = z.object({
  type: z.string(),
  passed: z.boolean(),
  detail: z.string().optional(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;
