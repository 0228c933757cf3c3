import { afterEach, describe, expect, it } from 'vitest';
import { executeRun } from '../../src/run/index.js';
import type { LanePace, RunEvent } from '../../src/core/index.js';
import { startOpenAIServer } from '../servers/openai.mjs';
import { createLimiter } from '../servers/ratelimit.mjs';
import { makeProject, readAll } from './fixture.js';

const MINI = 12; // cases in test/fixtures/run/suites/mini.yaml

type Server = Awaited<ReturnType<typeof startOpenAIServer>>;
let server: Server | undefined;
let project: ReturnType<typeof makeProject> | undefined;
afterEach(async () => {
  await server?.close();
  project?.cleanup();
  server = project = undefined;
});

describe('pacing to rate limits (local server enforcing token buckets)', () => {
  it('learns the server\'s requests-per-minute from its headers and stays under it: at most one 429', async () => {
    // 600 a minute = 10 a second, a bucket of one second; nothing configured on the runner's side
    const limiter = createLimiter({ rpm: 600, burstSeconds: 1 });
    server = await startOpenAIServer({ limiter, record: false });
    project = makeProject({ baseUrl: server.url, config: { concurrency: 4 } });
    const paces: LanePace[][] = [];
    const onEvent = (e: RunEvent) => { if (e.type === 'pace') paces.push(e.lanes); };
    const t0 = Date.now();
    const r = await executeRun({ configFile: project.configFile, resultsDir: project.results, onEvent });
    expect(r).toMatchObject({ status: 'finished', done: MINI * 2, errors: 0 });
    // unpaced, the 20 requests beyond the first bucket of 10 would mostly be refused; a busy
    // machine (late admission at the server) occasionally costs one
    expect(limiter.stats.rejected).toBeLessThanOrEqual(1);
    expect(limiter.stats.admitted).toBe(MINI * 2);
    // 24 requests at 10 a second after a bucket of 10: at least 1.4 s, where unpaced takes ~0.1 s
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1300);
    // the progress line saw the server's limit
    expect(paces.flat().some((p) => p.limits.rpm === 600)).toBe(true);
  });

  it('holds a configured rpm with no headers to go by: the server, enforcing the same limit, refuses nothing', async () => {
    // the server allows 600 a minute with 1.5 s of burst and says nothing about it; the runner is
    // told rpm 600 (its own burst is one second): every request must fit the server's bucket
    const limiter = createLimiter({ rpm: 600, burstSeconds: 1.5, sendHeaders: false });
    server = await startOpenAIServer({ limiter, record: false });
    project = makeProject({ baseUrl: server.url, config: { concurrency: 8, samples: 3 }, variants: [{ id: 'base', options: { rpm: 600 } }] });
    const t0 = Date.now();
    const r = await executeRun({ configFile: project.configFile, resultsDir: project.results });
    expect(r).toMatchObject({ done: MINI * 3, errors: 0 });
    expect(limiter.stats.rejected).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2400); // 36 at 10 a second after a burst of 10
  });

  it('keeps to the server\'s tokens per minute, charging each request its prompt and output budget', async () => {
    // 30,000 tokens a minute = 500 a second; each request ≈ 110 tokens (prompt + maxTokens 100)
    const limiter = createLimiter({ tpm: 30_000, burstSeconds: 1 });
    server = await startOpenAIServer({ limiter, record: false });
    project = makeProject({ baseUrl: server.url, config: { concurrency: 4 }, variants: [{ id: 'base', params: { maxTokens: 100 } }] });
    const r = await executeRun({ configFile: project.configFile, resultsDir: project.results });
    const records = await readAll(r.root, r.runId);
    expect(records.filter((x) => x.completion.error).map((x) => x.completion.error?.message)).toEqual([]);
    expect(r).toMatchObject({ done: MINI, errors: 0 });
    expect(limiter.stats.rejected).toBe(0);
    const spanMs = limiter.stats.admittedAt[MINI - 1] - limiter.stats.admittedAt[0];
    const refillMs = ((limiter.stats.tokensAdmitted - 500) / 500) * 1000;
    expect(spanMs).toBeGreaterThanOrEqual(refillMs * 0.9);
  });

  it('backs off after 429s and still answers everything once', async () => {
    // a server that 429s without limit headers: only Retry-After and AIMD to go by
    server = await startOpenAIServer({ record: false });
    server.inject(...Array.from({ length: 6 }, () => ({ status: 429, retryAfterMs: 50 })));
    project = makeProject({ baseUrl: server.url, config: { concurrency: 6 }, variants: [{ id: 'base' }] });
    const r = await executeRun({ configFile: project.configFile, resultsDir: project.results });
    expect(r).toMatchObject({ done: MINI, errors: 0 });
    const records = await readAll(r.root, r.runId);
    expect(records.filter((x) => (x.completion.attempts ?? 1) > 1).length).toBeGreaterThan(0);
  });
});
