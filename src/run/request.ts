import type { Case, Completion, Message, Params } from '../core/index.js';
import { ProviderError, type Provider } from '../../providers/types.js';
import type { CompletionCache } from './cache.js';
import type { BatchLane } from './batch.js';
import { cacheKey } from './cache.js';
import { StoppedError, type ProviderQueue, type QueuePool } from './queue.js';
import type { Ticket } from './pacer.js';
import { requestTokens, roughTokens, withUsage } from '../cost/tokens.js';
import { priced } from '../cost/pricing.js';
import type { Price } from '../core/index.js';
import { attemptSignal, withRetry, type RetryInfo, type RetryPolicy } from './retry.js';

/** How one provider is called: its queue, timeout, retry policy and whether its answers are cached. */
export interface Lane {
  provider: Provider;
  queueKey: string;
  timeoutMs: number;
  policy: RetryPolicy;
  cacheable: boolean;
  /** options.baseUrl, part of the cache key */
  endpoint?: string;
  /** the variant's price (config `pricing`): fresh answers record their cost in dollars */
  price?: Price;
  /** `options.batch: true`: the variant's answers go through its provider's batch API */
  batch?: BatchLane;
}

/** The run's shared machinery for every request. */
export interface RequestEnv {
  pool: QueuePool;
  cache?: CompletionCache;
  /** Ctrl-C: take no new work (waiting requests and backoff sleeps give up) */
  stop: AbortSignal;
  /** end of the grace period: in-flight requests are aborted */
  hard: AbortSignal;
}

export interface RequestSpec {
  messages: Message[];
  params: Params;
  case: Case;
  variantId: string;
  sample: number;
  onStart?: () => void;
  onRetry?: (info: RetryInfo) => void;
}

/** The request was abandoned because the run is stopping; it is not recorded and a resume redoes it. */
export class DroppedError extends Error {
  constructor() {
    super('dropped: the run is stopping');
    this.name = 'DroppedError';
  }
}

/**
 * One answer: from the cache, else from the provider through its queue with retries and a
 * per-attempt timeout. A request that fails for good resolves to an error completion (text '');
 * it throws only DroppedError, when the run is stopping.
 */
export async function requestCompletion(env: RequestEnv, lane: Lane, spec: RequestSpec): Promise<Completion> {
  const useCache = env.cache && lane.cacheable;
  const key = useCache ? cacheKey({ provider: lane.provider.id, endpoint: lane.endpoint, params: spec.params, messages: spec.messages, sample: spec.sample }) : '';
  if (useCache) {
    const hit = await env.cache!.get(key);
    if (hit) return hit;
  }
  const queue = env.pool.get(lane.queueKey);
  const started = performance.now();
  let exact: Promise<number> | undefined;
  const tokens = { rough: roughTokens(spec), exact: () => (exact ??= requestTokens(spec)) }; // tokenized once, only under a token budget
  let outcome;
  try {
    outcome = await withRetry(
      (n) => queue.add((ticket) => attempt(env, lane, spec, n, queue, ticket), { stop: env.stop, priority: n - 1, tokens }),
      { policy: lane.policy, stop: env.stop, onRetry: spec.onRetry, passThrough: (e) => e instanceof DroppedError || e instanceof StoppedError },
    );
  } catch (err) {
    if (err instanceof DroppedError || err instanceof StoppedError || env.stop.aborted) throw new DroppedError();
    throw err;
  }
  if (!outcome.ok) {
    const { kind, message, status } = outcome.error;
    return { text: '', latencyMs: Math.round(performance.now() - started), attempts: outcome.attempts, error: { kind, message, ...(status !== undefined ? { status } : {}) } };
  }
  const completion = priced(await withUsage(outcome.value, spec.messages), lane.price);
  if (useCache) await env.cache!.put(key, completion);
  return completion;
}

/**
 * One call to the provider under its own timeout; retries re-enter the queue at higher priority.
 * The answer's rate-limit headers and whether it was a 429 go back to the lane's pacer and AIMD.
 */
async function attempt(env: RequestEnv, lane: Lane, spec: RequestSpec, n: number, queue: ProviderQueue, ticket: Ticket): Promise<Completion> {
  if (n === 1) spec.onStart?.();
  const sig = attemptSignal(lane.timeoutMs, env.hard);
  const t0 = performance.now();
  try {
    const out = await lane.provider.complete({
      messages: spec.messages, params: spec.params, signal: sig.signal, case: spec.case, variantId: spec.variantId, sample: spec.sample,
      onRateLimit: (s) => queue.observe(ticket, s),
    });
    queue.settle(ticket, { rateLimited: false });
    return { ...out, latencyMs: out.latencyMs ?? Math.round(performance.now() - t0), attempts: n };
  } catch (err) {
    if (err instanceof ProviderError && err.kind === 'rate-limit') queue.settle(ticket, { rateLimited: true, retryAfterMs: err.retryAfterMs });
    if (env.hard.aborted) throw new DroppedError();
    if (sig.timedOut()) throw new ProviderError('timeout', `no answer within ${lane.timeoutMs} ms`);
    if (err instanceof ProviderError) {
      err.variantId ??= spec.variantId;
      err.caseId ??= spec.case.id;
    }
    throw err;
  } finally {
    sig.dispose();
  }
}
