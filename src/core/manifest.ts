import { z } from 'zod';

export const RunStatusSchema = z.enum(['running', 'interrupted', 'finished', 'finished-with-errors', 'failed']);
export type RunStatus = z.infer<typeof RunStatusSchema>;
/** A run that answered its whole plan (some variant may be over the error limit: see its report). */
export const isFinishedStatus = (s: string): boolean => s === 'finished' || s === 'finished-with-errors';

export const ManifestSchema = z.object({
  runId: z.string(),
  tool: z.object({ name: z.literal('alignment-tax'), version: z.string(), gitCommit: z.string().optional() }),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
  status: RunStatusSchema,
  configFile: z.string().optional(),
  /** the config as run, secrets removed (only env variable *names* are kept) */
  config: z.record(z.string(), z.unknown()),
  configHash: z.string(),
  /** sha256 over the plan's identity (cases × variants × samples): a resume must match it */
  planHash: z.string(),
  baseline: z.string(),
  suites: z.array(z.object({ id: z.string(), version: z.string(), domain: z.string(), hash: z.string(), file: z.string(), cases: z.number() })),
  variants: z.array(z.object({ id: z.string(), label: z.string().optional(), provider: z.string(), simulated: z.boolean() })),
  samples: z.number().int(),
  planSize: z.number().int(),
  simulated: z.boolean(),
  tag: z.string().optional(),
  /** answers served from the request cache (written when the run ends): a nightly must show 0 */
  cached: z.number().int().optional(),
  /** the part of the config the run covers (--suite/--variant/--cases/--samples): `--resume` replays it */
  selection: z.object({
    suites: z.array(z.string()).optional(),
    variants: z.array(z.string()).optional(),
    cases: z.array(z.string()).optional(),
    samples: z.number().int(),
    sampleOffset: z.number().int(),
    /** `--shard i/n`: this run holds slice i of n of the plan (planSize counts the slice) */
    shard: z.object({ index: z.number().int(), count: z.number().int() }).optional(),
  }).optional(),
  /** set by `atax merge`: the shard runs this run was merged from */
  mergedFrom: z.array(z.string()).optional(),
});
export type Manifest = z.infer<typeof ManifestSchema>;
