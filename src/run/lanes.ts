import type { Config, ProviderOptions, Variant } from '../core/index.js';
import { createProvider } from '../../providers/index.js';
import { DEFAULT_RETRY } from './retry.js';
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
  ctx.pool.declare(provider.queueKey, { concurrency, rpm: o.rpm });
  return {
    provider,
    queueKey: provider.queueKey,
    timeoutMs: o.timeoutMs ?? ctx.config.timeoutMs,
    policy: { ...DEFAULT_RETRY, maxAttempts: o.maxAttempts ?? ctx.config.maxAttempts },
    cacheable: provider.cacheable !== false,
    endpoint: o.baseUrl,
  };
}

/** The judge is a provider like any other; it gets a pseudo-variant so the provider factory can build it. */
export function judgeVariant(judge: NonNullable<Config['judge']>): Variant {
  return { id: 'judge', provider: judge.provider, options: judge.options, params: judge.params };
}
