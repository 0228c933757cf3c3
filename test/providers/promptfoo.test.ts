// The bridge loads the real promptfoo package (once: the import costs about a second) and drives its
// openai provider against the local OpenAI-compatible server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPromptfooProvider, errorFromText } from '../../providers/promptfoo.js';
import { loadPromptfoo, PROMPTFOO_INSTALL, requirePromptfoo } from '../../providers/promptfoo-module.js';
import { hasPromptfoo, needsPromptfoo } from '../promptfoo-installed.js';
import { UserError } from '../../src/errors.js';
import { echoResponder } from '../servers/core.mjs';
import { startOpenAIServer } from '../servers/openai.mjs';
import { expectProviderError, makeRequest, makeSpec } from './helpers.js';

const KEY = 'pf-test-key-0001';
let server: Awaited<ReturnType<typeof startOpenAIServer>>;

beforeAll(async () => {
  server = await startOpenAIServer({ apiKey: KEY });
  if (hasPromptfoo) await loadPromptfoo();
});
afterAll(async () => { await server.close(); });
afterEach(() => { server.reset(); server.setResponder(echoResponder); });

const provider = () => createPromptfooProvider(makeSpec('promptfoo', 'openai:chat:gpt-test', { config: { apiBaseUrl: server.url, apiKey: KEY } }));

describe.skipIf(!hasPromptfoo)(`promptfoo bridge${needsPromptfoo}`, () => {
  it('sets the three opt-out variables before importing promptfoo', () => {
    expect(process.env.PROMPTFOO_DISABLE_TELEMETRY).toBe('1');
    expect(process.env.PROMPTFOO_DISABLE_UPDATE).toBe('1');
    expect(process.env.PROMPTFOO_DISABLE_SHARING).toBe('1');
  });

  it('answers through promptfoo’s openai provider with text, usage and our params', async () => {
    const messages = [{ role: 'system' as const, content: 'Be terse.' }, { role: 'user' as const, content: 'Define entropy.' }];
    const out = await provider().complete(makeRequest({ messages, params: { temperature: 0.3, maxTokens: 40 } }));
    expect(out.text).toBe('Echo: Define entropy.');
    expect(out.usage).toEqual({ inputTokens: 4, outputTokens: 3 });
    const sent = server.requests[0];
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.body.model).toBe('gpt-test');
    expect(sent.body.messages).toEqual(messages);
    expect(sent.body.temperature).toBe(0.3);
    expect(sent.body.max_tokens).toBe(40);
  });

  it('makes one attempt: a 500 becomes a server error after exactly one request', async () => {
    server.inject({ status: 500 });
    const err = await expectProviderError(provider().complete(makeRequest()), 'server');
    expect(err.retryable).toBe(true);
    expect(server.stats.count).toBe(1);
  });

  it('a 401 becomes auth without the key in the message', async () => {
    server.inject({ status: 401, message: `bad key ${KEY}` });
    const err = await expectProviderError(provider().complete(makeRequest()), 'auth');
    expect(err.retryable).toBe(false);
  });

  it('a stall past the AbortSignal timeout is a timeout', async () => {
    server.inject({ type: 'stall', ms: 5000 });
    const started = Date.now();
    await expectProviderError(provider().complete(makeRequest({ signal: AbortSignal.timeout(200) })), 'timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('an unknown promptfoo provider is a non-retryable config error', async () => {
    const p = createPromptfooProvider(makeSpec('promptfoo', 'no-such-backend:model', {}));
    const err = await expectProviderError(p.complete(makeRequest()), 'config');
    expect(err.retryable).toBe(false);
  });

  it('rejects a config that is not a map before any request', () => {
    expect(() => createPromptfooProvider(makeSpec('promptfoo', 'openai:chat:x', { config: 'nope' }))).toThrow(UserError);
  });

  it('types promptfoo’s error texts', () => {
    expect(errorFromText('p', 'API error: 429 Too Many Requests').kind).toBe('rate-limit');
    expect(errorFromText('p', 'API error: 401 Unauthorized').kind).toBe('auth');
    expect(errorFromText('p', 'API error: 502 Bad Gateway').kind).toBe('server');
    expect(errorFromText('p', 'Request failed: ECONNRESET').kind).toBe('network');
    expect(errorFromText('p', 'API error: 404 model not found').kind).toBe('config');
  });
});

describe('without promptfoo installed (an optional peer dependency)', () => {
  const missing = (): string => { throw Object.assign(new Error("Cannot find module 'promptfoo'"), { code: 'MODULE_NOT_FOUND' }); };

  it('a feature that needs it fails with exit 2 and the install command', () => {
    let caught: unknown;
    try { requirePromptfoo('variant "pf" (promptfoo:openai:chat:x)', missing); } catch (err) { caught = err; }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).exitCode).toBe(2);
    expect((caught as UserError).message).toBe('variant "pf" (promptfoo:openai:chat:x) needs promptfoo, which is not installed (it is an optional peer dependency)');
    expect((caught as UserError).hint).toBe(`install it with \`${PROMPTFOO_INSTALL}\` (in a clone of alignment-tax itself: \`npm run install-promptfoo\`)`);
    expect(PROMPTFOO_INSTALL).toBe('npm i promptfoo@0.121.20');
  });

  it('is found when it resolves', () => {
    expect(() => requirePromptfoo('x', () => '/somewhere/promptfoo/index.js')).not.toThrow();
  });
});
