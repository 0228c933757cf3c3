// A provider-style rate limiter for the test servers: token buckets of requests and tokens per
// minute that refill continuously (as OpenAI and Anthropic describe theirs), the limit headers of
// either provider on every answer, and 429 with Retry-After when a request does not fit.
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

/**
 * @typedef {object} LimiterOptions
 * @property {number} [rpm] requests per minute (omit: unlimited)
 * @property {number} [tpm] tokens per minute (omit: unlimited)
 * @property {number} [burstSeconds] bucket size in seconds of refill (default 60: a whole minute, as
 *   the providers do; benchmarks use a few seconds so a short run reaches the steady state)
 * @property {'openai' | 'anthropic' | 'ietf'} [style] which headers to send (default openai; ietf: the
 *   IETF draft's RateLimit-Limit/-Remaining/-Reset, one requests budget)
 * @property {number} [defaultMaxTokens] the output budget charged when a request sets none (default 256)
 * @property {boolean} [sendHeaders] send the limit headers (default true; false: a server that only 429s)
 */

/** Tokens a request is charged when admitted: its prompt's tokens plus its output budget (max_tokens). */
export function chargedTokens(/** @type {{ messages: { content: string }[], body: any }} */ input, defaultMaxTokens = 256) {
  const prompt = input.messages.reduce((n, m) => n + countTokens(String(m.content)), 0);
  const budget = Number(input.body?.max_tokens ?? input.body?.max_completion_tokens ?? defaultMaxTokens);
  return prompt + budget;
}

/** @param {number} ms OpenAI's duration format: "1.5s", "20ms", "2m3.5s" */
function duration(ms) {
  if (ms < 1000) return `${Math.ceil(ms)}ms`;
  const m = Math.floor(ms / 60_000);
  const s = (ms - m * 60_000) / 1000;
  return `${m ? `${m}m` : ''}${Number(s.toFixed(3))}s`;
}

/** @param {number} perMinute @param {number} burstSeconds */
function bucket(perMinute, burstSeconds) {
  const cap = Math.max(1, (perMinute * burstSeconds) / 60);
  return { limit: perMinute, rate: perMinute / 60_000, cap, level: cap, at: performance.now() };
}

/** @param {ReturnType<typeof bucket>} b @param {number} now */
function refill(b, now) {
  b.level = Math.min(b.cap, b.level + b.rate * (now - b.at));
  b.at = now;
}

/**
 * @param {LimiterOptions} opts
 */
export function createLimiter(opts) {
  const burst = opts.burstSeconds ?? 60;
  const requests = opts.rpm ? bucket(opts.rpm, burst) : undefined;
  const tokens = opts.tpm ? bucket(opts.tpm, burst) : undefined;
  const style = opts.style ?? 'openai';
  /** admitted and rejected requests; `admittedAt` are ms since the limiter started */
  const stats = { admitted: 0, rejected: 0, admittedAt: /** @type {number[]} */ ([]), tokensAdmitted: 0 };
  const t0 = performance.now();

  /** @param {number} now @param {number} [retryAfterMs] */
  function headers(now, retryAfterMs) {
    /** @type {Record<string, string>} */ const h = {};
    if (opts.sendHeaders === false) return h;
    const put = (/** @type {string} */ kind, /** @type {ReturnType<typeof bucket> | undefined} */ b) => {
      if (!b) return;
      const remaining = Math.max(0, Math.floor(b.level));
      const fullInMs = (b.cap - Math.max(0, b.level)) / b.rate;
      if (style === 'ietf') {
        if (kind !== 'requests') return;
        h['ratelimit-limit'] = `${b.limit}, ${b.limit};w=60`;
        h['ratelimit-remaining'] = String(remaining);
        h['ratelimit-reset'] = String(Math.ceil(fullInMs / 1000));
      } else if (style === 'openai') {
        h[`x-ratelimit-limit-${kind}`] = String(b.limit);
        h[`x-ratelimit-remaining-${kind}`] = String(remaining);
        h[`x-ratelimit-reset-${kind}`] = duration(fullInMs);
      } else {
        h[`anthropic-ratelimit-${kind}-limit`] = String(b.limit);
        h[`anthropic-ratelimit-${kind}-remaining`] = String(remaining);
        h[`anthropic-ratelimit-${kind}-reset`] = new Date(Date.now() + fullInMs).toISOString();
      }
    };
    put('requests', requests);
    put('tokens', tokens);
    if (retryAfterMs !== undefined) {
      if (style === 'openai') h['retry-after-ms'] = String(Math.ceil(retryAfterMs));
      h['retry-after'] = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
    }
    return h;
  }

  return {
    stats,
    /**
     * Admits the request (charging both buckets) or refuses it with the wait until it would fit.
     * @param {{ messages: { content: string }[], body: any }} input
     * @returns {{ ok: boolean, headers: Record<string, string> }}
     */
    admit(input) {
      const now = performance.now();
      const cost = tokens ? chargedTokens(input, opts.defaultMaxTokens) : 0;
      if (requests) refill(requests, now);
      if (tokens) refill(tokens, now);
      const needTokens = tokens ? Math.min(cost, tokens.cap) : 0;
      const waitRequests = requests && requests.level < 1 ? (1 - requests.level) / requests.rate : 0;
      const waitTokens = tokens && tokens.level < needTokens ? (needTokens - tokens.level) / tokens.rate : 0;
      const wait = Math.max(waitRequests, waitTokens);
      if (wait > 0) {
        stats.rejected++;
        return { ok: false, headers: headers(now, wait) };
      }
      if (requests) requests.level -= 1;
      if (tokens) tokens.level -= cost;
      stats.admitted++;
      stats.tokensAdmitted += cost;
      stats.admittedAt.push(now - t0);
      return { ok: true, headers: headers(now) };
    },
  };
}
