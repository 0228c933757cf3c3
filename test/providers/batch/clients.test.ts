// The batch clients against real local servers that speak OpenAI's Batch API and Anthropic's
// Message Batches: upload and create, states, shuffled results mapped back by custom id,
// per-request errors, expiry and cancel.
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicBatchApi } from '../../../providers/batch/anthropic.js';
import { createOpenAIBatchApi } from '../../../providers/batch/openai.js';
import type { BatchApi, BatchResult } from '../../../providers/batch/types.js';
import { ProviderError } from '../../../providers/types.js';
import { startAnthropicBatchServer, startOpenAIBatchServer } from '../../servers/batch.mjs';
import { makeSpec } from '../helpers.js';

type Server = Awaited<ReturnType<typeof startOpenAIBatchServer>>;
const KEY = 'batch-key-123456';
let server: Server | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const flavours = [
  { name: 'openai', start: startOpenAIBatchServer, api: (url: string) => createOpenAIBatchApi(makeSpec('openai', 'gpt-test', { baseUrl: url, apiKeyEnv: 'BATCH_KEY' }, { BATCH_KEY: KEY })) },
  { name: 'anthropic', start: startAnthropicBatchServer, api: (url: string) => createAnthropicBatchApi(makeSpec('anthropic', 'claude-test', { baseUrl: url, apiKeyEnv: 'BATCH_KEY' }, { BATCH_KEY: KEY })) },
] as const;

const requests = (n: number) => Array.from({ length: n }, (_, i) => ({ customId: `id_${i}`, messages: [{ role: 'user' as const, content: `question ${i}` }], params: { maxTokens: 50 } }));

async function runToEnd(api: BatchApi, n: number): Promise<{ states: string[]; results: BatchResult[]; batchId: string }> {
  const batchId = await api.submit(requests(n).map((r) => api.encode(r)));
  const states: string[] = [];
  for (;;) {
    const s = await api.status(batchId);
    states.push(s.providerStatus);
    if (s.state !== 'running') break;
  }
  const results: BatchResult[] = [];
  for await (const r of api.results(batchId)) results.push(r);
  return { states, results, batchId };
}

for (const f of flavours) {
  describe(`${f.name} batch API`, () => {
    it('submits, polls through the provider\'s states and maps shuffled results back by custom id', async () => {
      server = await f.start({ apiKey: KEY });
      const { states, results } = await runToEnd(f.api(server.url), 6);
      expect(states.at(-1)).toBe(f.name === 'openai' ? 'completed' : 'ended');
      expect(states.length).toBe(3);
      expect(results.map((r) => r.customId)).not.toEqual(results.map((r) => r.customId).sort()); // shuffled
      const byId = new Map(results.map((r) => [r.customId, r]));
      for (let i = 0; i < 6; i++) expect(byId.get(`id_${i}`)?.answer?.text).toBe(`Echo: question ${i}`);
      expect(byId.get('id_0')?.answer?.usage).toEqual({ inputTokens: 2, outputTokens: 3 });
      expect(server.stats.submissions).toBe(1);
    });

    it('types per-request errors: a 500 is retryable, a 400 is not', async () => {
      server = await f.start({ apiKey: KEY, fail: (id) => (id === 'id_1' ? { status: 500 } : id === 'id_2' ? { status: 400, message: 'bad request' } : undefined) });
      const { results } = await runToEnd(f.api(server.url), 4);
      const byId = new Map(results.map((r) => [r.customId, r]));
      expect(byId.get('id_0')?.answer?.text).toBe('Echo: question 0');
      expect(byId.get('id_1')?.error?.retryable).toBe(true);
      expect(byId.get('id_2')?.error?.retryable).toBe(false);
    });

    it('an expired batch returns what was done and marks the rest retryable', async () => {
      server = await f.start({ apiKey: KEY, expire: true });
      const { results } = await runToEnd(f.api(server.url), 4);
      expect(results.filter((r) => r.answer)).toHaveLength(2);
      const lost = results.filter((r) => r.error);
      expect(lost).toHaveLength(2);
      expect(lost.every((r) => r.error!.retryable && r.error!.kind === 'timeout')).toBe(true);
    });

    it('cancels a batch: its requests come back cancelled and retryable', async () => {
      server = await f.start({ apiKey: KEY, pollsUntilDone: 50 });
      const api = f.api(server.url);
      const batchId = await api.submit(requests(3).map((r) => api.encode(r)));
      await api.cancel(batchId);
      const s = await api.status(batchId);
      expect(s.state).toBe(f.name === 'openai' ? 'cancelled' : 'ended');
      const results: BatchResult[] = [];
      for await (const r of api.results(batchId)) results.push(r);
      expect(results).toHaveLength(3);
      expect(results.every((r) => r.error?.retryable)).toBe(true);
    });

    it('a wrong key is an auth error that never shows the key', async () => {
      server = await f.start({ apiKey: 'another-key-999' });
      const api = f.api(server.url);
      const err: unknown = await api.submit([api.encode(requests(1)[0])]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderError);
      expect((err as ProviderError).kind).toBe('auth');
      expect((err as ProviderError).message).not.toContain(KEY);
    });
  });
}
