// Variants with `options: { batch: true }` run through the provider's batch API: every planned
// answer is recorded exactly once, batch ids are stored as soon as they exist, a killed run resumes
// by polling the same batches (never resubmitting), and requests that expired in a batch are asked
// again (directly when few, as a new batch when many).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { executeRun } from '../../src/run/index.js';
import { openBatches } from '../../src/store/index.js';
import { startAnthropicBatchServer, startOpenAIBatchServer } from '../servers/batch.mjs';
import { spawnAtax, stopSpawned } from '../cli/helpers.js';
import { keyCounts, makeProject, readAll } from './fixture.js';

type Server = Awaited<ReturnType<typeof startOpenAIBatchServer>>;
let server: Server | undefined;
let project: ReturnType<typeof makeProject> | undefined;
afterEach(async () => {
  stopSpawned();
  await server?.close();
  project?.cleanup();
  server = undefined;
  project = undefined;
});

const batchVariant = (provider: string, pollMs = 20) => ({ id: 'batched', provider, options: { batch: true, batchPollMs: pollMs } });
const lines = (dir: string) => readFileSync(join(dir, 'batches.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; batchId: string; items?: unknown[] });

describe('batch variants', () => {
  for (const [name, start, provider] of [['openai', startOpenAIBatchServer, 'openai:gpt-test'], ['anthropic', startAnthropicBatchServer, 'anthropic:claude-test']] as const) {
    it(`${name}: records every answer once, from one submission, and closes the batch`, async () => {
      server = await start();
      project = makeProject({ baseUrl: server.url, variants: [batchVariant(provider)], config: { samples: 2 } });
      const events: string[] = [];
      const result = await executeRun({ configFile: project.configFile, resultsDir: project.results, noCache: true, onEvent: (e) => { if (e.type === 'batch') events.push(e.providerStatus); } });
      expect(result.status).toBe('finished');
      const records = await readAll(project.results, result.runId);
      expect(records).toHaveLength(24); // 12 cases × 2 samples
      expect([...keyCounts(records).values()].every((n) => n === 1)).toBe(true);
      expect(records.every((r) => r.completion.batch === true && r.completion.text.startsWith('Echo: '))).toBe(true);
      expect(server.stats.submissions).toBe(1);
      expect(events[0]).toBe('submitted');
      expect(events.at(-1)).toBe(name === 'openai' ? 'completed' : 'ended');
      const dir = join(project.results, result.runId);
      expect(lines(dir).map((l) => l.type)).toEqual(['submitted', 'closed']);
      expect(openBatches(dir)).toEqual([]);
    });
  }

  it('asks expired requests again: directly when few, as a new batch when many', async () => {
    server = await startOpenAIBatchServer({ expire: 1 });
    project = makeProject({ baseUrl: server.url, variants: [batchVariant('openai:gpt-test')], config: { samples: 1 } });
    const few = await executeRun({ configFile: project.configFile, resultsDir: project.results, noCache: true });
    expect(few.status).toBe('finished');
    expect(server.stats.submissions).toBe(1);
    expect(server.stats.direct).toBe(6); // half of 12 expired: asked one by one
    const fewRecords = await readAll(project.results, few.runId);
    expect(fewRecords.filter((r) => !r.completion.error)).toHaveLength(12);

    await server.close();
    server = await startOpenAIBatchServer({ expire: 1 });
    project.cleanup();
    project = makeProject({ baseUrl: server.url, variants: [batchVariant('openai:gpt-test')], config: { samples: 4 } });
    const many = await executeRun({ configFile: project.configFile, resultsDir: project.results, noCache: true });
    expect(server.stats.submissions).toBe(2); // 24 of 48 expired: more than 20, so a second batch
    expect(server.stats.direct).toBe(0);
    const records = await readAll(project.results, many.runId);
    expect(records.filter((r) => !r.completion.error)).toHaveLength(48);
    expect([...keyCounts(records).values()].every((n) => n === 1)).toBe(true);
  });

  it('a request the provider rejects is an error record, not retried', async () => {
    server = await startOpenAIBatchServer({ fail: (_id, prompt) => (prompt.startsWith('Task 1:') ? { status: 400, message: 'invalid' } : undefined) });
    project = makeProject({ baseUrl: server.url, variants: [batchVariant('openai:gpt-test')] });
    const result = await executeRun({ configFile: project.configFile, resultsDir: project.results, noCache: true });
    const records = await readAll(project.results, result.runId);
    const failed = records.filter((r) => r.completion.error);
    expect(failed.map((r) => r.caseId)).toEqual(['mini-task-1']);
    expect(failed[0].completion.error?.kind).toBe('config');
    expect(server.stats.direct).toBe(0);
  });

  it('a killed run resumes by polling the same batch, never by submitting it again', async () => {
    server = await startOpenAIBatchServer({ pollsUntilDone: 1_000_000 }); // never ends while the first process lives
    project = makeProject({ baseUrl: server.url, variants: [batchVariant('openai:gpt-test', 50)], config: { samples: 2 } });
    const first = spawnAtax(['run', '--plain', '--no-cache', '--config', project.configFile, '--results', project.results], project.dir);
    const deadline = Date.now() + 20_000;
    let runDir: string | undefined;
    while (Date.now() < deadline) {
      const runs = existsSync(project.results) ? (await import('node:fs')).readdirSync(project.results).filter((d) => !d.startsWith('.')) : [];
      runDir = runs[0] && join(project.results, runs[0]);
      if (runDir && existsSync(join(runDir, 'batches.jsonl')) && server.stats.statusCalls >= 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(runDir && openBatches(runDir)).toHaveLength(1);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(server.stats.submissions).toBe(1);

    server.set({ pollsUntilDone: 3 });
    const resumed = await executeRun({ configFile: project.configFile, resultsDir: project.results, noCache: true, resume: 'latest' });
    expect(resumed.status).toBe('finished');
    expect(server.stats.submissions).toBe(1); // the same batch, polled
    const records = await readAll(project.results, resumed.runId);
    expect(records).toHaveLength(24);
    expect([...keyCounts(records).values()].every((n) => n === 1)).toBe(true);
    expect(openBatches(runDir!)).toEqual([]);
  }, 60_000);

  it('prices batch answers at the batch discount (asked-again answers at the full price)', async () => {
    server = await startOpenAIBatchServer({ expire: 1 });
    project = makeProject({ baseUrl: server.url, variants: [{ ...batchVariant('openai:gpt-test'), pricing: { input: 2, output: 8, batchDiscount: 0.5 } }] });
    const result = await executeRun({ configFile: project.configFile, resultsDir: project.results, noCache: true });
    const records = await readAll(project.results, result.runId);
    const full = (r: (typeof records)[number]) => ((r.completion.usage!.inputTokens! * 2 + r.completion.usage!.outputTokens! * 8) / 1e6);
    const fromBatch = records.filter((r) => r.completion.batch === true);
    const direct = records.filter((r) => r.completion.batch !== true);
    expect(fromBatch).toHaveLength(6);
    expect(direct).toHaveLength(6);
    for (const r of fromBatch) expect(r.completion.cost).toBeCloseTo(full(r) / 2, 12);
    for (const r of direct) expect(r.completion.cost).toBeCloseTo(full(r), 12);
  });

  it('refuses batch on a backend without a batch API, before any request', async () => {
    project = makeProject({ baseUrl: 'http://127.0.0.1:9', variants: [{ id: 'b', provider: 'ollama:llama3', options: { batch: true } }] });
    await expect(executeRun({ configFile: project.configFile, resultsDir: project.results, noCache: true })).rejects.toThrow('variant "b": options.batch is set, but the ollama backend has no batch API');
  });
});
