import { describe, expect, it } from 'vitest';
import { VariantSchema } from '../../src/core/index.js';
import { promptfooProvider } from '../../src/suite/export-promptfoo.js';

const variant = (v: Record<string, unknown>) => VariantSchema.parse(v);

describe('a variant as a promptfoo provider', () => {
  it('keeps a promptfoo variant\'s own config (apiBaseUrl and all), which wins over params it also sets', () => {
    const v = variant({ id: 'pf', provider: 'promptfoo:openai:chat:gpt-x', options: { config: { apiBaseUrl: 'http://127.0.0.1:8000/v1', temperature: 0.7 } }, params: { temperature: 0, maxTokens: 64 } });
    expect(promptfooProvider(v)).toEqual({ id: 'openai:chat:gpt-x', config: { apiBaseUrl: 'http://127.0.0.1:8000/v1', temperature: 0.7, max_tokens: 64 } });
  });

  it('maps an openai variant\'s base URL and key variable to promptfoo\'s names', () => {
    const v = variant({ id: 'o', provider: 'openai:gpt-4o-mini', options: { baseUrl: 'http://127.0.0.1:8000/v1', apiKeyEnv: 'MY_KEY' } });
    expect(promptfooProvider(v)).toEqual({ id: 'openai:chat:gpt-4o-mini', config: { apiBaseUrl: 'http://127.0.0.1:8000/v1', apiKeyEnvar: 'MY_KEY' } });
  });

  it('leaves out what only alignment-tax can run, saying why', () => {
    expect(promptfooProvider(variant({ id: 's', provider: 'sim:cautious' }))).toEqual({ skip: 'simulated models exist only in alignment-tax' });
  });
});
