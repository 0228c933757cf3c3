import { describe, expect, it } from 'vitest';
import { backends, createProvider, knownBackends, missingApiKey, parseProviderId } from '../../providers/index.js';
import type { Variant } from '../../src/core/index.js';
import { UserError } from '../../src/errors.js';

const variant = (provider: string, options: Variant['options'] = {}): Variant => ({ id: 'v1', provider, options, params: {} });

describe('provider catalogue', () => {
  it('knows every backend', () => {
    expect(knownBackends()).toEqual(['anthropic', 'http', 'ollama', 'openai', 'promptfoo', 'replay', 'sim']);
    expect(Object.values(backends).every((b) => typeof b.create === 'function')).toBe(true);
  });

  it('splits provider ids at the first colon', () => {
    expect(parseProviderId('openai:gpt-4o-mini')).toEqual({ backend: 'openai', model: 'gpt-4o-mini' });
    expect(parseProviderId('promptfoo:bedrock:anthropic.claude-3')).toEqual({ backend: 'promptfoo', model: 'bedrock:anthropic.claude-3' });
    expect(() => parseProviderId('gpt-4o')).toThrow(UserError);
  });

  it('an unknown backend is a UserError naming the variant and listing the known ones', () => {
    let err: unknown;
    try { createProvider(variant('opnai:gpt-4o'), { baseDir: '.' }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain('"opnai"');
    expect((err as UserError).message).toContain('variant "v1"');
    expect((err as UserError).hint).toBe('known backends: anthropic, http, ollama, openai, promptfoo, replay, sim');
    expect(() => createProvider(variant('toString:x'), { baseDir: '.' })).toThrow(/unknown provider backend/);
  });

  it('builds a provider with the variant id and the given env', () => {
    const p = createProvider(variant('openai:gpt-test', { apiKeyEnv: 'MY_KEY' }), { baseDir: '.', env: { MY_KEY: 'k' } });
    expect(p.id).toBe('openai:gpt-test');
    expect(() => createProvider(variant('openai:gpt-test', { apiKeyEnv: 'MY_KEY' }), { baseDir: '.', env: {} })).toThrow(/MY_KEY/);
  });
});

describe('missingApiKey', () => {
  it('openai and anthropic need their default key variables', () => {
    expect(missingApiKey(variant('openai:gpt-4o'), {})).toBe('OPENAI_API_KEY');
    expect(missingApiKey(variant('openai:gpt-4o'), { OPENAI_API_KEY: 'x' })).toBeUndefined();
    expect(missingApiKey(variant('openai:gpt-4o'), { OPENAI_API_KEY: '' })).toBe('OPENAI_API_KEY');
    expect(missingApiKey(variant('anthropic:claude'), {})).toBe('ANTHROPIC_API_KEY');
  });

  it('apiKeyEnv renames the variable', () => {
    expect(missingApiKey(variant('openai:llama', { baseUrl: 'https://api.together.xyz/v1', apiKeyEnv: 'TOGETHER_API_KEY' }), { OPENAI_API_KEY: 'x' })).toBe('TOGETHER_API_KEY');
  });

  it('loopback base URLs, sim, replay and plain ollama need no key', () => {
    for (const url of ['http://127.0.0.1:8000/v1', 'http://localhost:1234/v1', 'http://[::1]:8080/v1']) {
      expect(missingApiKey(variant('openai:local', { baseUrl: url }), {})).toBeUndefined();
    }
    expect(missingApiKey(variant('openai:remote', { baseUrl: 'http://10.0.0.5:8000/v1' }), {})).toBe('OPENAI_API_KEY');
    expect(missingApiKey(variant('sim:cautious'), {})).toBeUndefined();
    expect(missingApiKey(variant('replay:file.csv#gpt4'), {})).toBeUndefined();
    expect(missingApiKey(variant('ollama:llama3.1'), {})).toBeUndefined();
    expect(missingApiKey(variant('ollama:llama3.1', { baseUrl: 'https://ollama.corp', apiKeyEnv: 'OLLAMA_PROXY_KEY' }), {})).toBe('OLLAMA_PROXY_KEY');
  });

  it('http needs every ${VAR} its url, headers and body use', () => {
    const v = variant('http:gw', { url: 'https://gw.example/${GW_PATH}', headers: { authorization: 'Bearer ${GW_KEY}' }, body: { k: '${GW_BODY}' } });
    expect(missingApiKey(v, {})).toBe('GW_PATH');
    expect(missingApiKey(v, { GW_PATH: 'p' })).toBe('GW_KEY');
    expect(missingApiKey(v, { GW_PATH: 'p', GW_KEY: 'k' })).toBe('GW_BODY');
    expect(missingApiKey(v, { GW_PATH: 'p', GW_KEY: 'k', GW_BODY: 'b' })).toBeUndefined();
  });
});
