import { z } from 'zod';

/** Sampling parameters passed to every provider (each maps what it supports). */
export const ParamsSchema = z.object({
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().min(0).max(1).optional(),
  maxTokens: z.number().int().positive().optional(),
  seed: z.number().int().optional(),
  stop: z.array(z.string()).optional(),
}).strict();
export type Params = z.infer<typeof ParamsSchema>;

/**
 * Provider options. Common keys are typed; backends read their own extras
 * (http: url, method, headers, body, responsePath), so unknown keys pass through.
 */
export const ProviderOptionsSchema = z.object({
  baseUrl: z.string().optional(),
  apiKeyEnv: z.string().optional(),
  timeoutMs: z.number().int().positive().optional(),
  rpm: z.number().positive().optional(),
  /** tokens (prompt + output budget) per minute the runner keeps this provider under */
  tpm: z.number().positive().optional(),
  concurrency: z.number().int().positive().optional(),
  maxAttempts: z.number().int().min(1).max(20).optional(),
  stream: z.boolean().optional(),
  /** answer through the provider's batch API (openai, anthropic): about half the price, hours not seconds */
  batch: z.boolean().optional(),
  /** how often a batch's state is polled, in ms (default 30000) */
  batchPollMs: z.number().int().positive().optional(),
}).catchall(z.unknown());
export type ProviderOptions = z.infer<typeof ProviderOptionsSchema>;

/**
 * What one model costs, in US dollars per million tokens. Prices change and are the user's to keep
 * current: alignment-tax ships no price table.
 */
export const PriceSchema = z.object({
  /** $ per million input (prompt) tokens */
  input: z.number().nonnegative(),
  /** $ per million output (completion) tokens */
  output: z.number().nonnegative(),
  /** share taken off both prices for answers through the provider's batch API, e.g. 0.5 (default 0) */
  batchDiscount: z.number().min(0).max(1).optional(),
}).strict();
export type Price = z.infer<typeof PriceSchema>;

export const VariantSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-"'),
  label: z.string().optional(),
  provider: z.string().regex(/^[a-z][a-z0-9-]*:.+$/, 'a provider id "backend:model", e.g. openai:gpt-4o-mini or sim:cautious'),
  options: ProviderOptionsSchema.default({}),
  params: ParamsSchema.default({}),
  system: z.string().optional(),
  /** this variant's prices; else the config's `pricing` entry for its provider id */
  pricing: PriceSchema.optional(),
}).strict();
export type Variant = z.infer<typeof VariantSchema>;

export const JudgeConfigSchema = z.object({
  provider: z.string(),
  rubric: z.string(),
  mode: z.enum(['always', 'uncertain']).default('uncertain'),
  options: ProviderOptionsSchema.default({}),
  params: ParamsSchema.default({}),
}).strict();
export type JudgeConfig = z.infer<typeof JudgeConfigSchema>;

export const ConfigSchema = z.object({
  suites: z.array(z.string()).min(1),
  baseline: z.string(),
  samples: z.number().int().min(1).max(100).default(1),
  concurrency: z.number().int().min(1).max(1024).default(8),
  maxAttempts: z.number().int().min(1).max(20).default(4),
  timeoutMs: z.number().int().positive().default(60000),
  results: z.string().optional(),
  judge: JudgeConfigSchema.optional(),
  variants: z.array(VariantSchema).min(1),
  /** prices per provider id (`openai:gpt-4o-mini: { input: 0.15, output: 0.6 }`); a variant's own `pricing` wins */
  pricing: z.record(z.string(), PriceSchema).optional(),
}).strict();
export type Config = z.infer<typeof ConfigSchema>;
