import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../../providers/openai.js';
import { UserError } from '../../src/errors.js';
import { echoResponder } from '../servers/core.mjs';
import { startOpenAIServer } from '../servers/openai.mjs';
import { expectProviderError, makeRequest, makeSpec } from './helpers.js';

const KEY = 'sk-test-secret-12345';
let server: Awaited<ReturnType<typeof startOpenAIServer>>;

beforeAll(async () => { server = await startOpenAIServer({ apiKey: KEY }); });
afterAll(async () => { await server.close(); });
afterEach(() => { server.reset(); server.setResponder(echoResponder); });

const provider = (options: Record<string, unknown> = {}) =>
  createOpenAIProvider(makeSpec('openai', 'gpt-test', { baseUrl: server.url, apiKeyEnv: 'TEST_OPENAI_KEY', ...options }, { TEST_OPENAI_KEY: KEY }));

describe('openai provider', () => {
  it('sends a chat completion with mapped params and the key from apiKeyEnv, and reads text, finish reason and usage', async () => {
    const messages = [{ role: 'system' as const, content: 'Be brief.' }, { role: 'user' as const, content: 'Name a prime.' }];
    const out = await provider().complete(makeRequest({ messages, params: { temperature: 0.2, topP: 0.9, maxTokens: 64, seed: 7, stop: ['END'] } }));
    expect(out).toEqual({ text: 'Echo: Name a prime.', finishReason: 'stop', usage: { inputTokens: 5, outputTokens: 4 } });
    const sent = server.requests[0];
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.body).toEqual({ model: 'gpt-test', messages, temperature: 0.2, top_p: 0.9, max_tokens: 64, seed: 7, stop: ['END'] });
  });

  it('streams over SSE when options.stream is set and assembles the deltas', async () => {
    server.setResponder(() => ({ text: 'one two three four five six', finishReason: 'length' }));
    const out = await provider({ stream: true }).complete(makeRequest());
    expect(out.text).toBe('one two three four five six');
    expect(out.finishReason).toBe('length');
    expect(out.usage).toEqual({ inputTokens: 7, outputTokens: 6 });
    expect(server.requests[0].body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('uses max_completion_tokens when maxTokensParam says so', async () => {
    await provider({ maxTokensParam: 'max_completion_tokens' }).complete(makeRequest({ params: { maxTokens: 10 } }));
    expect(server.requests[0].body.max_completion_tokens).toBe(10);
    expect(server.requests[0].body.max_tokens).toBeUndefined();
  });

  it('keeps an API refusal object as the answer text', async () => {
    server.setResponder(() => ({ text: '', refusal: "I'm sorry, I can't help with that." }));
    const out = await provider().complete(makeRequest());
    expect(out.text).toBe("I'm sorry, I can't help with that.");
    expect(server.requests.length).toBe(1);
  });

  it('401 is a non-retryable auth error whose message names the status and never the key', async () => {
    server.inject({ status: 401, message: `Incorrect API key provided: ${KEY}` });
    const err = await expectProviderError(provider().complete(makeRequest()), 'auth');
    expect(err.retryable).toBe(false);
    expect(err.status).toBe(401);
    expect(err.message).toContain('HTTP 401');
    expect(err.message).toContain('Incorrect API key provided');
    expect(err.message).not.toContain(KEY);
  });

  it('a wrong key is rejected by the server as auth', async () => {
    const p = createOpenAIProvider(makeSpec('openai', 'gpt-test', { baseUrl: server.url }, { OPENAI_API_KEY: 'sk-wrong' }));
    await expectProviderError(p.complete(makeRequest()), 'auth');
  });

  it('429 is a retryable rate-limit error with Retry-After in seconds, HTTP-date or retry-after-ms', async () => {
    server.inject({ status: 429, retryAfter: 2 });
    const secs = await expectProviderError(provider().complete(makeRequest()), 'rate-limit');
    expect(secs.retryable).toBe(true);
    expect(secs.retryAfterMs).toBe(2000);

    server.inject({ status: 429, retryAfter: new Date(Date.now() + 5000).toUTCString() });
    const date = await expectProviderError(provider().complete(makeRequest()), 'rate-limit');
    expect(date.retryAfterMs).toBeGreaterThan(3000);
    expect(date.retryAfterMs).toBeLessThanOrEqual(5000);

    server.inject({ status: 429, retryAfterMs: 750, retryAfter: 1 });
    const ms = await expectProviderError(provider().complete(makeRequest()), 'rate-limit');
    expect(ms.retryAfterMs).toBe(750);
  });

  it('500 is a retryable server error', async () => {
    server.inject({ status: 500 });
    const err = await expectProviderError(provider().complete(makeRequest()), 'server');
    expect(err.retryable).toBe(true);
    expect(err.status).toBe(500);
    expect(err.message).toContain('HTTP 500');
  });

  it('400 (bad model or parameter) is a non-retryable config error', async () => {
    server.inject({ status: 400, message: 'model not found' });
    const err = await expectProviderError(provider().complete(makeRequest()), 'config');
    expect(err.retryable).toBe(false);
  });

  it('a connection reset is a retryable network error, and the next call still works', async () => {
    server.inject({ type: 'reset' });
    const err = await expectProviderError(provider().complete(makeRequest()), 'network');
    expect(err.retryable).toBe(true);
    expect((await provider().complete(makeRequest())).text).toContain('Echo:');
  });

  it('a stream cut short is a network error', async () => {
    server.inject({ type: 'cut' });
    await expectProviderError(provider({ stream: true }).complete(makeRequest()), 'network');
  });

  it('malformed JSON is a non-retryable bad-response error, plain and streamed', async () => {
    server.inject({ type: 'malformed' }, { type: 'malformed' });
    const plain = await expectProviderError(provider().complete(makeRequest()), 'bad-response');
    expect(plain.retryable).toBe(false);
    expect(plain.message).toContain('not valid JSON');
    await expectProviderError(provider({ stream: true }).complete(makeRequest()), 'bad-response');
  });

  it('a stall past AbortSignal.timeout is a timeout; a plain abort is aborted', async () => {
    server.inject({ type: 'stall', ms: 5000 });
    const started = Date.now();
    const err = await expectProviderError(provider().complete(makeRequest({ signal: AbortSignal.timeout(150) })), 'timeout');
    expect(err.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);

    server.inject({ type: 'stall', ms: 5000 });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 50);
    const aborted = await expectProviderError(provider().complete(makeRequest({ signal: ctl.signal })), 'aborted');
    expect(aborted.retryable).toBe(false);
  });

  it('a refused connection is a network error', async () => {
    const gone = await startOpenAIServer();
    const url = gone.url;
    await gone.close();
    const p = createOpenAIProvider(makeSpec('openai', 'gpt-test', { baseUrl: url }));
    await expectProviderError(p.complete(makeRequest()), 'network');
  });

  it('needs no key on a loopback base URL but refuses to start without one elsewhere', () => {
    expect(() => createOpenAIProvider(makeSpec('openai', 'm', { baseUrl: server.url }))).not.toThrow();
    expect(() => createOpenAIProvider(makeSpec('openai', 'm', {}))).toThrow(UserError);
    expect(() => createOpenAIProvider(makeSpec('openai', 'm', { baseUrl: 'https://api.together.xyz/v1', apiKeyEnv: 'TOGETHER_KEY' }))).toThrow(/TOGETHER_KEY/);
  });

  it('names itself and queues by base URL', () => {
    const p = provider();
    expect(p.id).toBe('openai:gpt-test');
    expect(p.queueKey).toBe(`openai ${server.url}`);
    expect(p.cacheable).toBe(true);
  });
});

describe('openai provider against a server that ignores stream: true', () => {
  it('reads the plain JSON answer it sends instead', async () => {
    const plain = await startOpenAIServer();
    try {
      // the responder sees the parsed request: clearing its stream flag makes the server answer JSON
      plain.setResponder((i) => { i.stream = false; return 'not streamed'; });
      const p = createOpenAIProvider(makeSpec('openai', 'm', { baseUrl: plain.url, stream: true }));
      expect((await p.complete(makeRequest())).text).toBe('not streamed');
    } finally {
      await plain.close();
    }
  });
});
