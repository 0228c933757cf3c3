import type { Config, ProviderOptions, Variant } from '../core/index.js';
import { createProvider } from '../../providers/index.js';
import { createBatchApi } from '../../providers/batch/index.js';
import { DEFAULT_BATCH_POLL_MS } from './batch.js';
import { DEFAULT_RETRY } from './retry.js';
import { priceFor } from '../cost/pricing.js';
import type { QueuePool } from './queue.js';
import type { Lane } from './request.js';

/**
 * The lane of one variant: its provider, and the limits it runs under. Variant options win over
 * the config's defaults; --concurrency replaces the config's `concurrency` default.
 */
export function buildLane(variant: Variant, ctx: { config: Config; baseDir: string; concurrency?: number; pool: QueuePool }): Lane {
  const provider = createProvider(variant, { baseDir: ctx.baseDir, env: process.env });
  const o: ProviderOptions = variant.options ?? {};
  const concurrency = o.concurrency ?? ctx.concurrency ?? ctx.config.concurrency;
  ctx.pool.declare(provider.queueKey, { concurrency, rpm: o.rpm, tpm: o.tpm });
  return {
    provider,
    queueKey: provider.queueKey,
    timeoutMs: o.timeoutMs ?? ctx.config.timeoutMs,
    policy: { ...DEFAULT_RETRY, maxAttempts: o.maxAttempts ?? ctx.config.maxAttempts },
    cacheable: provider.cacheable !== false,
    endpoint: o.baseUrl,
    price: priceFor(variant, ctx.config),
    ...(o.batch === true && { batch: { api: createBatchApi(variant, { baseDir: ctx.baseDir }), pollMs: typeof o.batchPollMs === 'number' ? o.batchPollMs : DEFAULT_BATCH_POLL_MS } }),
  };
}

/** The judge is a provider like any other; it gets a pseudo-variant so the provider factory can build it. */
export function judgeVariant(judge: NonNullable<Config['judge']>): Variant {
  return { id: 'judge', provider: judge.provider, options: judge.options, params: judge.params };
}
