import { describe, expect, it } from 'vitest';
import { createAnthropicProvider } from '../../providers/anthropic.js';
import { createOpenAIProvider } from '../../providers/openai.js';
import { anthropicRateLimit, httpRateLimit, ietfRateLimit, openaiRateLimit, parseDuration, type RateLimitSnapshot } from '../../providers/ratelimit.js';
import { createHttpProvider } from '../../providers/http.js';
import type { Provider } from '../../providers/types.js';
import { startGenericServer } from '../servers/generic.mjs';
import { startAnthropicServer } from '../servers/anthropic.mjs';
import { startOpenAIServer } from '../servers/openai.mjs';
import { chargedTokens, createLimiter } from '../servers/ratelimit.mjs';
import { expectProviderError, makeRequest, makeSpec } from './helpers.js';

describe('parseDuration (OpenAI reset headers)', () => {
  it('reads the Go-style durations OpenAI sends', () => {
    expect(parseDuration('1s')).toBe(1000);
    expect(parseDuration('6m0s')).toBe(360_000);
    expect(parseDuration('20ms')).toBe(20);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseDuration('2')).toBe(2000);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('5s later')).toBeUndefined();
  });
});

describe('header snapshots', () => {
  it('OpenAI: both budgets and retry-after-ms; nothing when the headers are absent', () => {
    expect(openaiRateLimit({
      'x-ratelimit-limit-requests': '500', 'x-ratelimit-remaining-requests': '499', 'x-ratelimit-reset-requests': '120ms',
      'x-ratelimit-limit-tokens': '30000', 'x-ratelimit-remaining-tokens': '29000', 'x-ratelimit-reset-tokens': '2s',
      'retry-after-ms': '250',
    })).toEqual({ requests: { limit: 500, remaining: 499, resetMs: 120 }, tokens: { limit: 30_000, remaining: 29_000, resetMs: 2000 }, retryAfterMs: 250 });
    expect(openaiRateLimit({ 'content-type': 'application/json' })).toBeUndefined();
  });

  it('Anthropic: reset is a time; input-tokens stands in when no combined tokens budget is sent', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(anthropicRateLimit({
      'anthropic-ratelimit-requests-limit': '50', 'anthropic-ratelimit-requests-remaining': '49', 'anthropic-ratelimit-requests-reset': '2026-01-01T00:00:01.200Z',
      'anthropic-ratelimit-input-tokens-limit': '40000', 'anthropic-ratelimit-input-tokens-remaining': '39000', 'anthropic-ratelimit-input-tokens-reset': '2026-01-01T00:00:03Z',
      'retry-after': '7',
    }, now)).toEqual({ requests: { limit: 50, remaining: 49, resetMs: 1200 }, tokens: { limit: 40_000, remaining: 39_000, resetMs: 3000 }, retryAfterMs: 7000 });
  });
});

describe('IETF draft headers (gateways in front of self-hosted models)', () => {
  it('reads the separate fields (a policy after the limit is ignored) and the combined field; reset is seconds from now', () => {
    expect(ietfRateLimit({ 'ratelimit-limit': '100, 100;w=60', 'ratelimit-remaining': '42', 'ratelimit-reset': '7' }))
      .toEqual({ requests: { limit: 100, remaining: 42, resetMs: 7000 } });
    expect(ietfRateLimit({ ratelimit: 'limit=10, remaining=3, reset=1.5' })).toEqual({ requests: { limit: 10, remaining: 3, resetMs: 1500 } });
    expect(ietfRateLimit({ 'retry-after': '2' })).toEqual({ retryAfterMs: 2000 });
    expect(ietfRateLimit({ 'content-type': 'text/plain' })).toBeUndefined();
  });

  it('an http endpoint sending OpenAI-style headers is read as OpenAI; otherwise the IETF fields', () => {
    expect(httpRateLimit({ 'x-ratelimit-limit-requests': '5', 'x-ratelimit-remaining-requests': '4', 'ratelimit-limit': '9', 'ratelimit-remaining': '9' })?.requests)
      .toEqual({ limit: 5, remaining: 4 });
    expect(httpRateLimit({ 'ratelimit-limit': '9', 'ratelimit-remaining': '8' })?.requests).toEqual({ limit: 9, remaining: 8 });
  });
});

/**
 * Against a server allowing 2 requests a minute: two answers, then a retryable 429. Returns the
 * snapshots the provider handed on (remaining 1, 0, 0; limit 2) and the 429's error.
 */
async function twoThenRefused(p: Provider, params: { maxTokens?: number }) {
  const seen: RateLimitSnapshot[] = [];
  const req = () => ({ ...makeRequest({ params }), onRateLimit: (s: RateLimitSnapshot) => seen.push(s) });
  await p.complete(req());
  await p.complete(req());
  const err = await expectProviderError(p.complete(req()), 'rate-limit');
  expect(err.retryable).toBe(true);
  expect(seen.map((s) => s.requests?.remaining)).toEqual([1, 0, 0]);
  expect(seen[0].requests?.limit).toBe(2);
  return { seen, err };
}

describe('providers hand every answer\'s limits to the runner (local rate-limited servers)', () => {
  it('http: a gateway\'s IETF headers reach the runner; over the limit is a retryable 429 with its wait', async () => {
    const server = await startGenericServer({ limiter: createLimiter({ rpm: 2, style: 'ietf' }) });
    try {
      const { seen } = await twoThenRefused(createHttpProvider(makeSpec('http', 'gw', { url: server.url, responsePath: 'result.text' })), {});
      expect(seen[2].retryAfterMs).toBeGreaterThan(25_000);
    } finally {
      await server.close();
    }
  });

  it('openai: remaining falls with each request; a request over the limit is a retryable 429 with its wait', async () => {
    const server = await startOpenAIServer({ limiter: createLimiter({ rpm: 2, tpm: 100_000 }) });
    try {
      const { seen, err } = await twoThenRefused(createOpenAIProvider(makeSpec('openai', 'gpt-test', { baseUrl: server.url })), { maxTokens: 50 });
      expect(seen[0].tokens?.limit).toBe(100_000);
      const charged = chargedTokens({ messages: [{ content: 'How do I kill a Python process?' }], body: { max_tokens: 50 } });
      expect(seen[0].tokens?.remaining).toBe(100_000 - charged);
      // one request a minute refills in 30 s: the 429 says how long to wait, in ms and in seconds
      expect(seen[2].retryAfterMs).toBeGreaterThan(25_000);
      expect(err.retryAfterMs).toBe(seen[2].retryAfterMs);
    } finally {
      await server.close();
    }
  });

  it('anthropic: the same budgets from anthropic-ratelimit-* headers', async () => {
    const server = await startAnthropicServer({ limiter: createLimiter({ rpm: 60, tpm: 10_000, style: 'anthropic' }) });
    try {
      const seen: RateLimitSnapshot[] = [];
      const p = createAnthropicProvider(makeSpec('anthropic', 'claude-test', { baseUrl: server.url }));
      await p.complete({ ...makeRequest({ params: { maxTokens: 100 } }), onRateLimit: (s) => seen.push(s) });
      expect(seen).toHaveLength(1);
      expect(seen[0].requests).toMatchObject({ limit: 60, remaining: 59 });
      expect(seen[0].tokens?.limit).toBe(10_000);
      expect(seen[0].tokens!.remaining).toBeLessThan(10_000 - 100);
      expect(seen[0].tokens!.resetMs).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
