import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheKey, CompletionCache } from '../../src/run/cache.js';

const parts = { provider: 'openai:gpt-4o-mini', endpoint: 'http://127.0.0.1:1/v1', params: { temperature: 0 }, messages: [{ role: 'user' as const, content: 'hi' }], sample: 0 };

describe('cacheKey', () => {
  it('changes with provider, endpoint, params, messages and sample, not with key order', () => {
    const k = cacheKey(parts);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey({ sample: 0, messages: parts.messages, params: { temperature: 0 }, endpoint: parts.endpoint, provider: parts.provider })).toBe(k);
    for (const changed of [
      { ...parts, provider: 'openai:gpt-4o' },
      { ...parts, endpoint: 'http://127.0.0.1:2/v1' },
      { ...parts, params: { temperature: 1 } },
      { ...parts, messages: [{ role: 'user' as const, content: 'hi!' }] },
      { ...parts, sample: 1 },
    ]) expect(cacheKey(changed)).not.toBe(k);
  });
});

describe('CompletionCache', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'atax-cache-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('returns what was stored, marked cached', async () => {
    const cache = new CompletionCache(dir);
    const key = cacheKey(parts);
    expect(await cache.get(key)).toBeUndefined();
    await cache.put(key, { text: 'hello', latencyMs: 12, finishReason: 'stop' });
    expect(await cache.get(key)).toEqual({ text: 'hello', latencyMs: 12, finishReason: 'stop', cached: true });
    expect(readdirSync(join(dir, key.slice(0, 2)))).toEqual([`${key}.json`]);
  });

  it('never stores error completions', async () => {
    const cache = new CompletionCache(dir);
    await cache.put('ab'.repeat(32), { text: '', latencyMs: 1, error: { kind: 'server', message: '500' } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('treats a torn entry as a miss', async () => {
    const cache = new CompletionCache(dir);
    const key = 'cd'.repeat(32);
    await cache.put(key, { text: 'x', latencyMs: 1 });
    writeFileSync(join(dir, 'cd', `${key}.json`), '{"text":"x","late');
    expect(await cache.get(key)).toBeUndefined();
  });
});
