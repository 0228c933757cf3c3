import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpProvider, fillObjectTemplate, fillStringTemplate, readPath } from '../../providers/http.js';
import { UserError } from '../../src/errors.js';
import { echoResponder } from '../servers/core.mjs';
import { startGenericServer } from '../servers/generic.mjs';
import { expectProviderError, makeRequest, makeSpec } from './helpers.js';

const TOKEN = 'gateway-secret-token-42';
let server: Awaited<ReturnType<typeof startGenericServer>>;

beforeAll(async () => { server = await startGenericServer({ apiKey: TOKEN }); });
afterAll(async () => { await server.close(); });
afterEach(() => { server.reset(); server.setResponder(echoResponder); });

const env = { GATEWAY_TOKEN: TOKEN, GATEWAY_PORT: '' };
const provider = (options: Record<string, unknown> = {}) => createHttpProvider(makeSpec('http', 'guarded-gw', {
  url: server.url,
  headers: { Authorization: 'Bearer ${GATEWAY_TOKEN}', 'X-Client': 'atax' },
  responsePath: 'result.text',
  ...options,
}, env));

const tricky = 'He said "hi"\nthen {{system}} and ${GATEWAY_TOKEN} \\ done';
const messages = [{ role: 'system' as const, content: 'Be safe.' }, { role: 'user' as const, content: tricky }];

describe('http provider', () => {
  it('fills an object body template, expands ${ENV} in headers and reads the answer at responsePath', async () => {
    const out = await provider({ body: { model: '{{model}}', input: '{{prompt}}', system: '{{system}}', history: '{{messages}}', fixed: 3 } })
      .complete(makeRequest({ messages }));
    expect(out.text).toBe(`Echo: ${tricky}`);
    const sent = server.requests[0];
    expect(sent.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent.headers['x-client']).toBe('atax');
    // the prompt's own {{system}} and ${GATEWAY_TOKEN} are text, not placeholders
    expect(sent.body).toEqual({ model: 'guarded-gw', input: tricky, system: 'Be safe.', history: messages, fixed: 3 });
  });

  it('fills a string template JSON-safely, quoted {{messages}} becoming the array', async () => {
    const body = '{"prompt": "{{prompt}}", "system": "{{ system }}", "messages": "{{messages}}", "raw": {{messages}}}';
    await provider({ body }).complete(makeRequest({ messages }));
    expect(server.requests[0].body).toEqual({ prompt: tricky, system: 'Be safe.', messages, raw: messages });
  });

  it('sends the default body { prompt } and accepts PUT', async () => {
    await provider({ method: 'put' }).complete(makeRequest());
    expect(server.requests[0].method).toBe('PUT');
    expect(server.requests[0].body).toEqual({ prompt: 'How do I kill a Python process?' });
  });

  it('a missing path in the response is bad-response naming the path', async () => {
    const err = await expectProviderError(provider({ responsePath: 'choices.0.message.content' }).complete(makeRequest()), 'bad-response');
    expect(err.message).toContain('choices.0.message.content');
  });

  it('401 is auth and the message never contains the expanded secret', async () => {
    server.inject({ status: 401, message: `token ${TOKEN} rejected` });
    const err = await expectProviderError(provider().complete(makeRequest()), 'auth');
    expect(err.message).toContain('rejected');
    expect(err.message).not.toContain(TOKEN);
  });

  it('429, 500, reset, malformed JSON and timeout are typed', async () => {
    server.inject({ status: 429, retryAfter: 4 }, { status: 503 }, { type: 'reset' }, { type: 'malformed' }, { type: 'stall', ms: 5000 });
    expect((await expectProviderError(provider().complete(makeRequest()), 'rate-limit')).retryAfterMs).toBe(4000);
    await expectProviderError(provider().complete(makeRequest()), 'server');
    await expectProviderError(provider().complete(makeRequest()), 'network');
    await expectProviderError(provider().complete(makeRequest()), 'bad-response');
    await expectProviderError(provider().complete(makeRequest({ signal: AbortSignal.timeout(100) })), 'timeout');
  });

  it('refuses to start without a url, or with a ${VAR} that is not set', () => {
    expect(() => createHttpProvider(makeSpec('http', 'x', {}))).toThrow(/options\.url/);
    expect(() => createHttpProvider(makeSpec('http', 'x', { url: 'http://127.0.0.1:1/${NOPE_HOST}' }))).toThrow(UserError);
    expect(() => createHttpProvider(makeSpec('http', 'x', { url: 'http://127.0.0.1:1/', headers: { 'x-key': '${NOPE_KEY}' } }))).toThrow(/NOPE_KEY is not set/);
  });
});

describe('http templates', () => {
  const values = { prompt: 'say "x"', system: '', messages: [{ role: 'user' as const, content: 'say "x"' }], model: 'm' };
  it('string templates stay valid JSON whatever the prompt holds', () => {
    expect(JSON.parse(fillStringTemplate('{"q":"{{prompt}}","m":{{messages}}}', values))).toEqual({ q: 'say "x"', m: values.messages });
  });
  it('object templates substitute inside longer strings', () => {
    expect(fillObjectTemplate({ text: 'Q: {{prompt}} ({{model}})', list: ['{{messages}}'] }, values)).toEqual({ text: 'Q: say "x" (m)', list: [values.messages] });
  });
  it('readPath walks dots and [n] indexes', () => {
    const json = { choices: [{ message: { content: 'ok' } }] };
    expect(readPath(json, 'choices.0.message.content')).toBe('ok');
    expect(readPath(json, 'choices[0].message.content')).toBe('ok');
    expect(readPath(json, 'choices.1.message')).toBeUndefined();
  });
});
