import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAnthropicProvider } from '../../providers/anthropic.js';
import { UserError } from '../../src/errors.js';
import { startAnthropicServer } from '../servers/anthropic.mjs';
import { echoResponder } from '../servers/core.mjs';
import { expectProviderError, makeRequest, makeSpec } from './helpers.js';

const KEY = 'sk-ant-test-secret-999';
let server: Awaited<ReturnType<typeof startAnthropicServer>>;

beforeAll(async () => { server = await startAnthropicServer({ apiKey: KEY }); });
afterAll(async () => { await server.close(); });
afterEach(() => { server.reset(); server.setResponder(echoResponder); });

const provider = (options: Record<string, unknown> = {}) =>
  createAnthropicProvider(makeSpec('anthropic', 'claude-test', { baseUrl: server.url, ...options }, { ANTHROPIC_API_KEY: KEY }));

describe('anthropic provider', () => {
  it('sends the Messages API shape: x-api-key, anthropic-version, top-level system, max_tokens default 1024', async () => {
    const messages = [
      { role: 'system' as const, content: 'You are careful.' },
      { role: 'system' as const, content: 'Cite sources.' },
      { role: 'user' as const, content: 'What is aspirin?' },
    ];
    const out = await provider().complete(makeRequest({ messages, params: { temperature: 1.5, stop: ['###'] } }));
    expect(out).toEqual({ text: 'Echo: What is aspirin?', finishReason: 'end_turn', usage: { inputTokens: 8, outputTokens: 4 } });
    const sent = server.requests[0];
    expect(sent.path).toBe('/v1/messages');
    expect(sent.headers['x-api-key']).toBe(KEY);
    expect(sent.headers['anthropic-version']).toBe('2023-06-01');
    expect(sent.body).toEqual({
      model: 'claude-test', max_tokens: 1024, system: 'You are careful.\n\nCite sources.',
      messages: [{ role: 'user', content: 'What is aspirin?' }], temperature: 1, stop_sequences: ['###'],
    });
  });

  it('accepts a base URL ending in /v1 and passes maxTokens through', async () => {
    await provider({ baseUrl: `${server.url}/v1` }).complete(makeRequest({ params: { maxTokens: 50 } }));
    expect(server.requests[0].path).toBe('/v1/messages');
    expect(server.requests[0].body.max_tokens).toBe(50);
  });

  it('streams SSE events and assembles content_block_delta text, stop reason and usage', async () => {
    server.setResponder(() => ({ text: 'alpha beta gamma delta epsilon', finishReason: 'length' }));
    const out = await provider({ stream: true }).complete(makeRequest());
    expect(out).toEqual({ text: 'alpha beta gamma delta epsilon', finishReason: 'max_tokens', usage: { inputTokens: 7, outputTokens: 5 } });
    expect(server.requests[0].body.stream).toBe(true);
  });

  it('reads one JSON body when a server ignores stream: true, and rejects a broken one as bad-response', async () => {
    // a real server on 127.0.0.1 that never streams (some gateways do this)
    const bodies = [JSON.stringify({ content: [{ type: 'text', text: 'whole answer' }], stop_reason: 'end_turn', usage: { input_tokens: 3, output_tokens: 2 } }), '{"content": ['];
    const plain = createServer((req, res) => {
      req.resume();
      req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(bodies.shift()); });
    });
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
      const p = createAnthropicProvider(makeSpec('anthropic', 'claude-test', { baseUrl: url, stream: true }, { ANTHROPIC_API_KEY: KEY }));
      expect(await p.complete(makeRequest())).toEqual({ text: 'whole answer', finishReason: 'end_turn', usage: { inputTokens: 3, outputTokens: 2 } });
      await expectProviderError(p.complete(makeRequest()), 'bad-response');
    } finally {
      await new Promise((r) => plain.close(r));
    }
  });

  it('401 is auth and the message never contains the key', async () => {
    server.inject({ status: 401, message: `invalid x-api-key ${KEY}` });
    const err = await expectProviderError(provider().complete(makeRequest()), 'auth');
    expect(err.message).toContain('HTTP 401');
    expect(err.message).not.toContain(KEY);
  });

  it('429 carries Retry-After as retryAfterMs', async () => {
    server.inject({ status: 429, retryAfter: 3 });
    const err = await expectProviderError(provider().complete(makeRequest()), 'rate-limit');
    expect(err.retryAfterMs).toBe(3000);
    expect(err.message).toContain('rate limit exceeded');
  });

  it('500 and 529 (overloaded) are retryable server errors', async () => {
    server.inject({ status: 500 }, { status: 529, message: 'Overloaded' });
    await expectProviderError(provider().complete(makeRequest()), 'server');
    const overloaded = await expectProviderError(provider().complete(makeRequest()), 'server');
    expect(overloaded.message).toContain('Overloaded');
  });

  it('a reset is network, a cut stream is network, malformed JSON is bad-response', async () => {
    server.inject({ type: 'reset' }, { type: 'cut' }, { type: 'malformed' }, { type: 'malformed' });
    await expectProviderError(provider().complete(makeRequest()), 'network');
    await expectProviderError(provider({ stream: true }).complete(makeRequest()), 'network');
    await expectProviderError(provider().complete(makeRequest()), 'bad-response');
    await expectProviderError(provider({ stream: true }).complete(makeRequest()), 'bad-response');
  });

  it('a stall past the AbortSignal timeout is a timeout, also mid-stream setup', async () => {
    server.inject({ type: 'stall', ms: 5000 }, { type: 'stall', ms: 5000 });
    await expectProviderError(provider().complete(makeRequest({ signal: AbortSignal.timeout(100) })), 'timeout');
    await expectProviderError(provider({ stream: true }).complete(makeRequest({ signal: AbortSignal.timeout(100) })), 'timeout');
  });

  it('requires ANTHROPIC_API_KEY for the real API', () => {
    expect(() => createAnthropicProvider(makeSpec('anthropic', 'claude-test', {}))).toThrow(UserError);
    expect(() => createAnthropicProvider(makeSpec('anthropic', 'claude-test', {}))).toThrow(/ANTHROPIC_API_KEY/);
  });
});
