/**
 * The providers' batch APIs (OpenAI's Batch API, Anthropic's Message Batches) behind one shape: the
 * runner encodes requests, submits them in batches within the provider's documented limits, polls
 * their state, and streams their results. Answers cost about half the price and arrive within the
 * provider's completion window instead of seconds.
 */
import type { Message, Params } from '../../src/core/index.js';
import type { Provider, ProviderError } from '../types.js';

export type Answer = Awaited<ReturnType<Provider['complete']>>;

/** One request inside a batch; `customId` maps its result back to (case, variant, sample). */
export interface BatchRequest {
  customId: string;
  messages: Message[];
  params: Params;
}

/**
 * A batch's state in the runner's words: `running` until the provider stops working on it, then
 * `ended` (results ready), `expired` (some results, the rest failed), `cancelled`, or `failed`
 * (rejected as a whole, e.g. a malformed input file).
 */
export type BatchState = 'running' | 'ended' | 'expired' | 'cancelled' | 'failed';

export interface BatchStatus {
  state: BatchState;
  /** the provider's own word for it (validating, in_progress, finalizing, canceling, …) */
  providerStatus: string;
  counts?: { total?: number; succeeded?: number; failed?: number };
  /** why a `failed` batch failed */
  message?: string;
}

/** One result: an answer, or why there is none (retryable errors are asked again). */
export interface BatchResult {
  customId: string;
  answer?: Answer;
  error?: ProviderError;
}

export interface BatchApi {
  /** the provider's documented limits for one batch */
  limits: { maxRequests: number; maxBytes: number };
  /** the request as the provider's batch input holds it (one JSONL line, or one array entry) */
  encode(req: BatchRequest): string;
  /** uploads and creates one batch of encoded requests; resolves with the batch id */
  submit(encoded: string[], signal?: AbortSignal): Promise<string>;
  status(batchId: string, signal?: AbortSignal): Promise<BatchStatus>;
  /** the results of a batch that is no longer running, in whatever order the provider sends them */
  results(batchId: string, signal?: AbortSignal): AsyncIterable<BatchResult>;
  cancel(batchId: string): Promise<void>;
}
