import type { Case, Completion, ErrorKind, Message, Params, ProviderOptions } from '../src/core/index.js';
import type { RateLimitSnapshot } from './ratelimit.js';

/** One request to a model: the messages already include the variant's and case's system prompt. */
export interface ProviderRequest {
  messages: Message[];
  params: Params;
  /** aborts on per-request timeout or Ctrl-C */
  signal?: AbortSignal;
  /** which case, variant and sample this is for: errors carry them, `sim:` and `replay:` read them */
  case: Case;
  variantId: string;
  sample: number;
  /** called with the rate-limit headers of every response (429s included) of a backend that sends them */
  onRateLimit?: (snapshot: RateLimitSnapshot) => void;
}

/** A model backend bound to one model. `complete` resolves with a Completion or throws ProviderError. */
export interface Provider {
  /** the full provider id, `backend:model` */
  readonly id: string;
  /** requests sharing a key share one queue (concurrency, rpm): usually backend + base URL */
  readonly queueKey: string;
  /** true for `sim:`: every output built from it says it is simulated */
  readonly simulated?: boolean;
  /** false for providers whose answers must not be cached (replay, sim are cheap and deterministic) */
  readonly cacheable?: boolean;
  complete(req: ProviderRequest): Promise<Omit<Completion, 'latencyMs'> & { latencyMs?: number }>;
}

export interface ProviderSpec {
  backend: string;
  model: string;
  options: ProviderOptions;
  variantId: string;
  /** the directory relative paths in options resolve against (the config file's) */
  baseDir: string;
  env: NodeJS.ProcessEnv;
}

export type ProviderFactory = (spec: ProviderSpec) => Provider;

/** A typed provider failure. `retryable` drives the runner's backoff; `retryAfterMs` honours Retry-After. */
export class ProviderError extends Error {
  readonly kind: ErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly retryable: boolean;
  variantId?: string;
  caseId?: string;
  constructor(kind: ErrorKind, message: string, opts: { status?: number; retryAfterMs?: number; retryable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    this.status = opts.status;
    this.retryAfterMs = opts.retryAfterMs;
    this.retryable = opts.retryable ?? (kind === 'rate-limit' || kind === 'server' || kind === 'timeout' || kind === 'network');
  }
}

/**
 * What a backend needs from the environment before a run starts: the first variable a variant of it
 * needs but `env` lacks, or undefined. Each provider file owns its own rule (key names, loopback).
 */
export type MissingEnv = (options: ProviderOptions, env: NodeJS.ProcessEnv) => string | undefined;

/** One backend: its factory and, when it reads secrets from the environment, its rule for them. */
export interface Backend {
  create: ProviderFactory;
  missingEnv?: MissingEnv;
}
