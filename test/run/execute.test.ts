import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startOpenAIServer } from '../servers/openai.mjs';
import { executeRun } from '../../src/run/index.js';
import { readManifest } from '../../src/store/index.js';
import type { RunEvent } from '../../src/core/index.js';
import { keyCounts, makeProject, readAll, serverPerTest } from './fixture.js';

const MINI = 12; // cases in test/fixtures/run/suites/mini.yaml

const t = serverPerTest();

describe('executeRun against a local OpenAI-compatible server', () => {
  it('answers every case × variant once and holds the concurrency limit', async () => {
    t.server.setDelay(25);
    t.project = makeProject({ baseUrl: t.server.url, config: { concurrency: 3 } });
    const r = await executeRun({ configFile: t.project!.configFile, resultsDir: t.project!.results });
    expect(r).toMatchObject({ status: 'finished', total: MINI * 2, done: MINI * 2, errors: 0, simulated: false });
    expect(t.server.stats.maxInFlight).toBe(3); // two variants, one endpoint: one queue of 3
    const records = await readAll(r.root, r.runId);
    expect(records).toHaveLength(MINI * 2);
    expect([...keyCounts(records).values()].every((n) => n === 1)).toBe(true);
    expect(records[0].verdict?.outcome).toBeDefined();
    const m = readManifest(r.root, r.runId);
    expect(m).toMatchObject({ status: 'finished', planSize: MINI * 2, baseline: 'base', simulated: false });
    expect(m.suites).toEqual([expect.objectContaining({ id: 'mini', cases: MINI, file: 'suites/mini.yaml' })]);
  });

  it('lets a variant set its own concurrency and sends its system prompt first', async () => {
    t.server.setDelay(25);
    t.project = makeProject({ baseUrl: t.server.url, variants: [{ id: 'solo', options: { concurrency: 2 }, system: 'Be brief.' }] });
    await executeRun({ configFile: t.project!.configFile, resultsDir: t.project!.results, concurrency: 16 });
    expect(t.server.stats.maxInFlight).toBe(2);
    expect(t.server.requests[0].body.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
  });

  it('retries 429 (honouring Retry-After), 500 and resets, answering each case exactly once', async () => {
    t.project = makeProject({ baseUrl: t.server.url, variants: [{ id: 'base', options: { concurrency: 1 } }] });
    const arrivals = new Map<string, number>();
    t.server.setResponder((input: { prompt: string }) => {
      arrivals.set(input.prompt, performance.now());
      return `Answer to: ${input.prompt}`;
    });
    t.server.inject({ status: 429, retryAfter: '1' }, { status: 500 }, { type: 'reset' }, { status: 503 });
    const retried: { e: Extract<RunEvent, { type: 'retried' }>; at: number }[] = [];
    const r = await executeRun({
      configFile: t.project!.configFile, resultsDir: t.project!.results,
      onEvent: (e) => { if (e.type === 'retried') retried.push({ e, at: performance.now() }); },
    });
    expect(r).toMatchObject({ done: MINI, errors: 0 });
    expect(t.server.stats.count).toBe(MINI + 4);
    expect(retried.map((x) => x.e.reason)).toEqual(['rate-limit', 'server', 'network', 'server']);
    const first = retried[0];
    expect(first.e.delayMs).toBe(1000);
    const prompt = t.server.requests[0].body.messages.at(-1).content;
    expect(arrivals.get(prompt)! - first.at).toBeGreaterThanOrEqual(995); // setTimeout may fire ≤1 ms early on the ms clock
    const records = await readAll(r.root, r.runId);
    expect([...keyCounts(records).values()]).toEqual(Array(MINI).fill(1));
    expect(records.reduce((n, x) => n + (x.completion.attempts ?? 1) - 1, 0)).toBe(4);
  });

  it('records a request that fails every attempt as an error, and carries on', async () => {
    t.project = makeProject({ baseUrl: t.server.url, variants: [{ id: 'base', options: { concurrency: 1, maxAttempts: 2 } }] });
    // both cases fail once; the first to retry meets the third fault and has no attempt left
    t.server.inject({ status: 500 }, { status: 502 }, { status: 500 });
    const r = await executeRun({ configFile: t.project!.configFile, resultsDir: t.project!.results, cases: ['mini-task-1', 'mini-probe-1'] });
    // one of the variant's two answers is an error: over the default --max-error-rate 0.1
    expect(r).toMatchObject({ status: 'finished-with-errors', done: 2, errors: 1, overErrorLimit: [expect.any(String)] });
    const records = await readAll(r.root, r.runId);
    const failed = records.filter((x) => x.completion.error);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ completion: { text: '', attempts: 2, error: { kind: 'server', status: 500 } }, verdict: { outcome: 'error' } });
    expect(records.find((x) => !x.completion.error)?.completion).toMatchObject({ attempts: 2, text: expect.stringContaining('Echo') });
  });

  it('times out a stalled request and retries it', async () => {
    t.project = makeProject({ baseUrl: t.server.url, variants: [{ id: 'base', options: { concurrency: 1, timeoutMs: 300 } }] });
    t.server.inject({ type: 'stall', ms: 5000 });
    const reasons: string[] = [];
    const r = await executeRun({ configFile: t.project!.configFile, resultsDir: t.project!.results, onEvent: (e) => { if (e.type === 'retried') reasons.push(e.reason); } });
    expect(reasons).toEqual(['timeout']);
    expect(r).toMatchObject({ done: MINI, errors: 0 });
  });

  it('serves a second run from the cache, and --no-cache asks again', async () => {
    t.project = makeProject({ baseUrl: t.server.url });
    const first = await executeRun({ configFile: t.project!.configFile, resultsDir: t.project!.results });
    expect(t.server.stats.count).toBe(MINI * 2);
    const second = await executeRun({ configFile: t.project!.configFile, resultsDir: t.project!.results });
    expect(second.runId).not.toBe(first.runId);
    expect(t.server.stats.count).toBe(MINI * 2); // no new request
    const cached = await readAll(second.root, second.runId);
    expect(cached.every((x) => x.completion.cached === true)).toBe(true);
    expect(cached.map((x) => x.completion.text).sort()).toEqual((await readAll(first.root, first.runId)).map((x) => x.completion.text).sort());
    await executeRun({ configFile: t.project!.configFile, resultsDir: t.project!.results, noCache: true });
    expect(t.server.stats.count).toBe(MINI * 4);
  });

  it('does not cache failures', async () => {
    t.project = makeProject({ baseUrl: t.server.url, variants: [{ id: 'base', options: { concurrency: 1, maxAttempts: 1 } }] });
    t.server.inject({ status: 500 });
    await executeRun({ configFile: t.project!.configFile, resultsDir: t.project!.results });
    const before = t.server.stats.count;
    const again = await executeRun({ configFile: t.project!.configFile, resultsDir: t.project!.results });
    expect(t.server.stats.count).toBe(before + 1); // only the failed case is asked again
    expect(again.errors).toBe(0);
  });

  it('stops on abort, keeps what finished, and resumes only what is missing', async () => {
    t.server.setDelay(40);
    t.project = makeProject({ baseUrl: t.server.url, config: { concurrency: 2 } });
    const ctl = new AbortController();
    let seen = 0;
    const first = await executeRun({
      configFile: t.project!.configFile, resultsDir: t.project!.results, signal: ctl.signal,
      onEvent: (e) => { if (e.type === 'record' && ++seen === 5) ctl.abort(); },
    });
    expect(first.status).toBe('interrupted');
    expect(first.done).toBeGreaterThanOrEqual(5);
    expect(first.done).toBeLessThan(MINI * 2);
    expect(readManifest(first.root, first.runId).status).toBe('interrupted');
    const asked = t.server.stats.count;
    const resumed = await executeRun({ configFile: t.project!.configFile, resultsDir: t.project!.results, resume: 'latest', noCache: true });
    expect(resumed).toMatchObject({ runId: first.runId, status: 'finished', done: MINI * 2 });
    expect(t.server.stats.count - asked).toBe(MINI * 2 - first.done);
    const records = await readAll(first.root, first.runId);
    expect(records).toHaveLength(MINI * 2);
    expect([...keyCounts(records).values()].every((n) => n === 1)).toBe(true);
    expect(readManifest(first.root, first.runId).status).toBe('finished');
  });

  it('refuses to resume when the config changed since the run started', async () => {
    t.project = makeProject({ baseUrl: t.server.url, variants: [{ id: 'base' }] });
    const r = await executeRun({ configFile: t.project!.configFile, resultsDir: t.project!.results, samples: 1 });
    const other = makeProject({ baseUrl: t.server.url, variants: [{ id: 'base', system: 'A new system prompt.' }] });
    try {
      await expect(executeRun({ configFile: other.configFile, resultsDir: t.project!.results, resume: r.runId })).rejects.toThrow(/plan changed/);
    } finally {
      other.cleanup();
    }
  });

  it('resumes with the selection the run was started with', async () => {
    t.project = makeProject({ baseUrl: t.server.url });
    const ctl = new AbortController();
    ctl.abort();
    const first = await executeRun({ configFile: t.project!.configFile, resultsDir: t.project!.results, variants: ['guarded'], samples: 2, signal: ctl.signal });
    expect(first).toMatchObject({ status: 'interrupted', total: MINI * 2, done: 0 });
    const resumed = await executeRun({ configFile: t.project!.configFile, resultsDir: t.project!.results, resume: first.runId });
    expect(resumed).toMatchObject({ done: MINI * 2, status: 'finished' });
    const records = await readAll(resumed.root, resumed.runId);
    expect(new Set(records.map((x) => x.variantId))).toEqual(new Set(['guarded']));
    expect(new Set(records.map((x) => x.sample))).toEqual(new Set([0, 1]));
  });

  it('marks the run failed when something breaks inside it (here: the event consumer)', async () => {
    t.project = makeProject({ baseUrl: t.server.url });
    const events: string[] = [];
    const run = executeRun({
      configFile: t.project!.configFile, resultsDir: t.project!.results,
      onEvent: (e) => {
        events.push(e.type);
        if (e.type === 'record') throw new Error('progress view crashed');
      },
    });
    await expect(run).rejects.toThrow('progress view crashed');
    expect(events.at(-1)).toBe('failed');
    const { listRunIds, lockHolder } = await import('../../src/store/index.js');
    const [runId] = listRunIds(t.project!.results);
    expect(readManifest(t.project!.results, runId).status).toBe('failed');
    expect(lockHolder(t.project!.results, runId)).toBeUndefined();
  });

  it('keeps API keys out of the results folder', async () => {
    await t.server.close();
    const key = 'sk-test-0123456789abcdefghij';
    t.server = await startOpenAIServer({ apiKey: key });
    process.env.ATAX_TEST_KEY = key;
    try {
      t.project = makeProject({ baseUrl: t.server.url, variants: [{ id: 'base', options: { apiKeyEnv: 'ATAX_TEST_KEY', headers: { 'X-Org': 'literal-org-id' } } }] });
      const r = await executeRun({ configFile: t.project!.configFile, resultsDir: t.project!.results });
      expect(r.errors).toBe(0);
      const m = readManifest(r.root, r.runId);
      expect(JSON.stringify(m.config)).toContain('ATAX_TEST_KEY');
      for (const file of walk(t.project!.results)) expect(readFileSync(file, 'utf8')).not.toContain(key);
    } finally {
      delete process.env.ATAX_TEST_KEY;
    }
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
