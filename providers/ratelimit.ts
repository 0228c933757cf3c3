// What a provider's rate-limit headers say, in one provider-neutral shape the runner paces from.
// OpenAI:    x-ratelimit-{limit,remaining,reset}-{requests,tokens}, retry-after-ms, retry-after
//            (reset is a duration such as "1s", "6m0s", "20ms", "1h2m3.5s")
// Anthropic: anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset},
//            retry-after (reset is an RFC 3339 time)
// http:      either of the above's OpenAI form, or the IETF draft's RateLimit-{Limit,Remaining,Reset}
import { parseRetryAfter } from './errors.js';

/** One budget: its per-minute limit, what is left of it now, and when it is full again (ms from now). */
export interface RateBudget {
  limit: number;
  remaining: number;
  resetMs?: number;
}

export interface RateLimitSnapshot {
  requests?: RateBudget;
  tokens?: RateBudget;
  /** the server asked for this pause (on 429 and 503 answers, sometimes on others) */
  retryAfterMs?: number;
}

export type Headers = Record<string, string | string[] | undefined>;

const first = (h: Headers, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

const num = (s: string | undefined): number | undefined => {
  if (s === undefined || s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** OpenAI's reset durations ("6m0s", "1.5s", "20ms", "1h2m3s") in ms; undefined when unreadable. */
export function parseDuration(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const text = s.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000); // bare seconds
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== text) return undefined;
  return Math.round(parts.reduce((ms, p) => ms + Number(p[1]) * UNIT_MS[p[2]], 0));
}

function budget(limit: number | undefined, remaining: number | undefined, resetMs: number | undefined): RateBudget | undefined {
  if (limit === undefined || remaining === undefined) return undefined;
  return { limit, remaining, ...(resetMs !== undefined && { resetMs }) };
}

function withRetryAfter(snapshot: RateLimitSnapshot, h: Headers, now: number): RateLimitSnapshot | undefined {
  const retryAfterMs = parseRetryAfter(first(h, 'retry-after'), first(h, 'retry-after-ms'), now);
  if (retryAfterMs !== undefined) snapshot.retryAfterMs = retryAfterMs;
  return snapshot.requests || snapshot.tokens || snapshot.retryAfterMs !== undefined ? snapshot : undefined;
}

/** OpenAI's headers (also sent by many OpenAI-compatible servers); undefined when none are present. */
export function openaiRateLimit(h: Headers, now = Date.now()): RateLimitSnapshot | undefined {
  const family = (kind: 'requests' | 'tokens') => budget(
    num(first(h, `x-ratelimit-limit-${kind}`)),
    num(first(h, `x-ratelimit-remaining-${kind}`)),
    parseDuration(first(h, `x-ratelimit-reset-${kind}`)),
  );
  const snapshot: RateLimitSnapshot = {};
  const requests = family('requests');
  const tokens = family('tokens');
  if (requests) snapshot.requests = requests;
  if (tokens) snapshot.tokens = tokens;
  return withRetryAfter(snapshot, h, now);
}

/**
 * Anthropic's headers. Tokens: the combined `tokens` budget when sent, else the input-tokens one
 * (the budget a prompt-heavy evaluation runs into first).
 */
export function anthropicRateLimit(h: Headers, now = Date.now()): RateLimitSnapshot | undefined {
  const family = (kind: string) => {
    const reset = first(h, `anthropic-ratelimit-${kind}-reset`);
    const at = reset === undefined ? NaN : Date.parse(reset);
    return budget(
      num(first(h, `anthropic-ratelimit-${kind}-limit`)),
      num(first(h, `anthropic-ratelimit-${kind}-remaining`)),
      Number.isNaN(at) ? undefined : Math.max(0, at - now),
    );
  };
  const snapshot: RateLimitSnapshot = {};
  const requests = family('requests');
  const tokens = family('tokens') ?? family('input-tokens');
  if (requests) snapshot.requests = requests;
  if (tokens) snapshot.tokens = tokens;
  return withRetryAfter(snapshot, h, now);
}

/**
 * The IETF draft's fields (draft-ietf-httpapi-ratelimit-headers), which API gateways in front of
 * self-hosted models send: `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds from
 * now), or the same three in one `RateLimit: limit=…, remaining=…, reset=…` field. The draft does not
 * say what its quota counts; gateways count requests, so it paces requests.
 */
export function ietfRateLimit(h: Headers, now = Date.now()): RateLimitSnapshot | undefined {
  const combined = first(h, 'ratelimit');
  const param = (name: string) => combined?.match(new RegExp(`(?:^|[,;\\s])${name}=(\\d+(?:\\.\\d+)?)`))?.[1];
  const limit = num(first(h, 'ratelimit-limit')?.split(/[,;]/)[0]) ?? num(param('limit'));
  const remaining = num(first(h, 'ratelimit-remaining')) ?? num(param('remaining'));
  const reset = num(first(h, 'ratelimit-reset')) ?? num(param('reset'));
  const requests = budget(limit, remaining, reset === undefined ? undefined : Math.round(reset * 1000));
  return withRetryAfter(requests ? { requests } : {}, h, now);
}

/** A generic HTTP endpoint: OpenAI-style headers when it sends them (many gateways copy them), else the IETF draft's. */
export function httpRateLimit(h: Headers, now = Date.now()): RateLimitSnapshot | undefined {
  const openai = openaiRateLimit(h, now);
  return openai?.requests || openai?.tokens ? openai : ietfRateLimit(h, now) ?? openai;
}

/** Hands a snapshot to the request's observer when the response carried one. */
export function report(req: { onRateLimit?: (s: RateLimitSnapshot) => void }, snapshot: RateLimitSnapshot | undefined): void {
  if (snapshot) req.onRateLimit?.(snapshot);
}
