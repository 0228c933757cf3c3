import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOllamaProvider, ollamaHost } from '../../providers/ollama.js';
import { echoResponder } from '../servers/core.mjs';
import { startOllamaServer } from '../servers/ollama.mjs';
import { expectProviderError, makeRequest, makeSpec } from './helpers.js';

let server: Awaited<ReturnType<typeof startOllamaServer>>;

beforeAll(async () => { server = await startOllamaServer(); });
afterAll(async () => { await server.close(); });
afterEach(() => { server.reset(); server.setResponder(echoResponder); });

const provider = (options: Record<string, unknown> = {}) => createOllamaProvider(makeSpec('ollama', 'llama3.1', { baseUrl: server.url, ...options }));

describe('ollama provider', () => {
  it('posts to /api/chat with stream false and params under options, and reads message.content', async () => {
    const out = await provider({ keepAlive: '5m' }).complete(makeRequest({ params: { temperature: 0, maxTokens: 32, seed: 3, topP: 0.5 } }));
    expect(out).toEqual({ text: 'Echo: How do I kill a Python process?', finishReason: 'stop', usage: { inputTokens: 7, outputTokens: 8 } });
    const sent = server.requests[0];
    expect(sent.path).toBe('/api/chat');
    expect(sent.body).toEqual({
      model: 'llama3.1', messages: [{ role: 'user', content: 'How do I kill a Python process?' }], stream: false,
      options: { temperature: 0, num_predict: 32, seed: 3, top_p: 0.5 }, keep_alive: '5m',
    });
  });

  it('reads NDJSON chunks when streaming', async () => {
    server.setResponder(() => ({ text: 'first second third fourth fifth', finishReason: 'length' }));
    const out = await provider({ stream: true }).complete(makeRequest());
    expect(out.text).toBe('first second third fourth fifth');
    expect(out.finishReason).toBe('length');
    expect(server.requests[0].body.stream).toBe(true);
  });

  it('takes the host from OLLAMA_HOST when no baseUrl is given', async () => {
    const p = createOllamaProvider(makeSpec('ollama', 'llama3.1', {}, { OLLAMA_HOST: `127.0.0.1:${server.port}` }));
    expect((await p.complete(makeRequest())).text).toContain('Echo:');
    expect(ollamaHost(undefined, { OLLAMA_HOST: '0.0.0.0' })).toBe('http://127.0.0.1:11434');
    expect(ollamaHost(undefined, {})).toBe('http://127.0.0.1:11434');
    expect(ollamaHost('https://ollama.example.com/', {})).toBe('https://ollama.example.com');
  });

  it('maps 404 (model not pulled) to config, 401 to auth, 429 to rate-limit, 500 to server', async () => {
    server.inject({ status: 404, message: 'model "llama3.1" not found, try pulling it first' }, { status: 401 }, { status: 429, retryAfter: 1 }, { status: 500 });
    const missing = await expectProviderError(provider().complete(makeRequest()), 'config');
    expect(missing.message).toContain('not found, try pulling it first');
    await expectProviderError(provider().complete(makeRequest()), 'auth');
    expect((await expectProviderError(provider().complete(makeRequest()), 'rate-limit')).retryAfterMs).toBe(1000);
    await expectProviderError(provider().complete(makeRequest()), 'server');
  });

  it('a reset or a cut NDJSON stream is network; malformed JSON is bad-response', async () => {
    server.inject({ type: 'reset' }, { type: 'cut' }, { type: 'malformed' }, { type: 'malformed' });
    await expectProviderError(provider().complete(makeRequest()), 'network');
    await expectProviderError(provider({ stream: true }).complete(makeRequest()), 'network');
    await expectProviderError(provider().complete(makeRequest()), 'bad-response');
    await expectProviderError(provider({ stream: true }).complete(makeRequest()), 'bad-response');
  });

  it('a stall past the AbortSignal timeout is a timeout', async () => {
    server.inject({ type: 'stall', ms: 5000 });
    await expectProviderError(provider().complete(makeRequest({ signal: AbortSignal.timeout(100) })), 'timeout');
  });
});
