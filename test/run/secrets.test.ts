import { describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../src/run/secrets.js';

describe('scrubSecrets', () => {
  it('keeps env variable names and ordinary settings, drops literal credentials', () => {
    const config = {
      baseline: 'base',
      variants: [{
        id: 'base',
        provider: 'openai:gpt-4o-mini',
        params: { maxTokens: 512, temperature: 0 },
        options: {
          apiKeyEnv: 'OPENAI_API_KEY',
          apiKey: 'sk-live-abcdefghijklmnop',
          baseUrl: 'https://api.example.com/v1',
          headers: { Authorization: 'Bearer abcdefghijklmnopqrstuv', 'X-Api-Key': '${MY_KEY}', 'HTTP-Referer': 'https://me.example' },
          auth: { user: 'me', pass: 'hunter2' },
          token: 'abc123',
        },
      }],
    };
    const out = scrubSecrets(config);
    const o = out.variants[0].options as Record<string, unknown>;
    expect(o.apiKeyEnv).toBe('OPENAI_API_KEY');
    expect(o.baseUrl).toBe('https://api.example.com/v1');
    expect(o).not.toHaveProperty('apiKey');
    expect(o).not.toHaveProperty('token');
    expect(o).not.toHaveProperty('auth');
    expect(o.headers).toEqual({ 'X-Api-Key': '${MY_KEY}', 'HTTP-Referer': 'https://me.example' });
    expect(out.variants[0].params).toEqual({ maxTokens: 512, temperature: 0 });
    expect(JSON.stringify(out)).not.toMatch(/sk-live|hunter2|abcdefghijklmnopqrstuv|abc123/);
  });

  it('blanks credential-shaped strings wherever they sit', () => {
    expect(scrubSecrets({ note: 'sk-proj-0123456789abcdefXYZ', ok: 'fine' })).toEqual({ ok: 'fine' });
    expect(scrubSecrets(['Bearer 0123456789abcdef'])).toEqual(['[removed]']);
  });

  it('does not modify its input', () => {
    const input = { options: { apiKey: 'secret-value' } };
    scrubSecrets(input);
    expect(input.options.apiKey).toBe('secret-value');
  });
});
