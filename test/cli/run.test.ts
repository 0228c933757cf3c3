import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { startOpenAIServer } from '../servers/openai.mjs';
import { listRunIds, readManifest, recordsPath } from '../../src/store/index.js';
import { keyCounts, makeProject, readAll } from '../run/fixture.js';
// these tests drive the built CLI as a user would: `npx tsc -p .` (or `npm run build`) first
import { CLI, spawnAtax as atax, stopSpawned } from './helpers.js';

type Server = Awaited<ReturnType<typeof startOpenAIServer>>;

const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0);

async function waitFor(check: () => boolean, ms = 45_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until the run folder exists and its records file has at least `n` lines. */
async function waitForRecords(results: string, n: number): Promise<string> {
  let runId = '';
  await waitFor(() => {
    runId = listRunIds(results)[0] ?? '';
    return runId !== '' && lines(recordsPath(results, runId)) >= n;
  });
  return runId;
}

let server: Server;
let project: ReturnType<typeof makeProject>;
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsc -p .)`);
});
beforeEach(async () => { server = await startOpenAIServer({ record: false }); });
afterEach(async () => {
  stopSpawned(); // a test that failed mid-run leaves its CLI running
  await server.close();
  project?.cleanup();
});

// each test spawns the CLI once or twice: on a busy 2-core machine a spawn alone can take seconds
const SLOW = 90_000;

describe('atax run (built CLI)', () => {
  it('runs a config, prints the run folder and exits 0', async () => {
    project = makeProject({ baseUrl: server.url });
    const run = atax(['run', '--config', project.configFile, '--plain'], project.dir);
    expect(await run.exit).toBe(0);
    const [runId] = listRunIds(project.results);
    expect(run.out()).toContain(runId);
    expect(run.out()).toMatch(/24 answers planned/);
    expect((await readAll(project.results, runId)).length).toBe(24);
  }, SLOW);

  it('resumes after kill -9: every planned record exists exactly once', async () => {
    server.setDelay(120);
    project = makeProject({ baseUrl: server.url, suites: ['slow'], variants: [{ id: 'base' }], config: { concurrency: 2 } });
    const first = atax(['run', '--config', project.configFile, '--plain'], project.dir);
    const runId = await waitForRecords(project.results, 6);
    first.child.kill('SIGKILL');
    await first.exit;
    const before = lines(recordsPath(project.results, runId));
    expect(before).toBeLessThan(40);
    expect(readManifest(project.results, runId).status).toBe('running'); // killed: nobody marked it

    server.setDelay(0);
    const resumed = atax(['run', '--config', project.configFile, '--plain', '--resume', 'latest'], project.dir);
    expect(await resumed.exit).toBe(0);
    const records = await readAll(project.results, runId);
    expect(records).toHaveLength(40);
    expect([...keyCounts(records).values()].every((n) => n === 1)).toBe(true);
    expect(readManifest(project.results, runId).status).toBe('finished');
    expect(listRunIds(project.results)).toEqual([runId]);
  }, SLOW);

  it('stops on Ctrl-C, keeps what finished and prints the resume command', async () => {
    server.setDelay(150);
    project = makeProject({ baseUrl: server.url, suites: ['slow'], variants: [{ id: 'base' }], config: { concurrency: 2 } });
    const run = atax(['run', '--config', project.configFile, '--plain'], project.dir);
    const runId = await waitForRecords(project.results, 3);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(130);
    expect(run.err()).toContain(`resume with: atax run --resume ${runId}`);
    expect(readManifest(project.results, runId).status).toBe('interrupted');
    const kept = await readAll(project.results, runId);
    expect(kept.length).toBeGreaterThanOrEqual(3);
    expect(kept.every((r) => !r.completion.error)).toBe(true); // in-flight requests finished, not recorded as failures
  }, SLOW);

  it('a second Ctrl-C exits at once, keeping the records already written', async () => {
    server.setDelay(100);
    project = makeProject({ baseUrl: server.url, suites: ['slow'], variants: [{ id: 'base' }], config: { concurrency: 2 } });
    const run = atax(['run', '--config', project.configFile, '--plain'], project.dir);
    const runId = await waitForRecords(project.results, 4);
    server.setDelay(10_000); // in-flight requests would now outlast the grace period
    await new Promise((r) => setTimeout(r, 250));
    run.child.kill('SIGINT');
    await waitFor(() => run.err().includes('stopping'));
    const t0 = Date.now();
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(130);
    expect(Date.now() - t0).toBeLessThan(1500); // did not wait for the 2 s grace period
    expect(run.err()).toContain('stopped at once');
    const kept = await readAll(project.results, runId);
    expect(kept.length).toBeGreaterThanOrEqual(4);
    expect(new Set(kept.map((r) => r.caseId)).size).toBe(kept.length);
  }, SLOW);

  it('without a TTY starts fresh and says the unfinished run can be resumed', async () => {
    server.setDelay(150);
    project = makeProject({ baseUrl: server.url, suites: ['slow'], variants: [{ id: 'base' }], config: { concurrency: 2 } });
    const first = atax(['run', '--config', project.configFile, '--plain'], project.dir);
    const runId = await waitForRecords(project.results, 1);
    first.child.kill('SIGKILL');
    await first.exit;
    server.setDelay(0);
    const second = atax(['run', '--config', project.configFile, '--plain'], project.dir);
    expect(await second.exit).toBe(0);
    expect(second.err()).toContain(`run ${runId} of this plan is unfinished`);
    expect(second.err()).toContain(`atax run --resume ${runId}`);
    expect(listRunIds(project.results)).toHaveLength(2);
  }, SLOW);

  it('exits 3 when every request failed, and the errors are recorded', async () => {
    await server.close();
    server = await startOpenAIServer({ apiKey: 'sk-the-right-key-0000' }); // the config sends none: 401 each time
    project = makeProject({ baseUrl: server.url, variants: [{ id: 'base' }] });
    const run = atax(['run', '--config', project.configFile, '--plain'], project.dir);
    expect(await run.exit).toBe(3);
    const [runId] = listRunIds(project.results);
    const records = await readAll(project.results, runId);
    expect(records).toHaveLength(12);
    expect(records.every((r) => r.completion.error?.kind === 'auth')).toBe(true);
  }, SLOW);

  it('rejects bad input with exit 2 and no stack trace', async () => {
    project = makeProject({ baseUrl: server.url });
    const run = atax(['run', '--config', project.configFile, '--variant', 'nope', '--plain'], project.dir);
    expect(await run.exit).toBe(2);
    expect(run.err()).toContain('unknown variant "nope"');
    expect(run.err()).not.toMatch(/\n\s+at /);
    const zero = atax(['run', '--config', project.configFile, '--concurrency', '0'], project.dir);
    expect(await zero.exit).toBe(2);
  }, SLOW);

  it('atax runs lists the run with its counts', async () => {
    project = makeProject({ baseUrl: server.url, variants: [{ id: 'base' }] });
    expect(await atax(['run', '--config', project.configFile, '--plain'], project.dir).exit).toBe(0);
    const runs = atax(['runs', '--results', project.results], project.dir);
    expect(await runs.exit).toBe(0);
    expect(runs.out()).toMatch(/finished\s+\S+ \S+\s+base\s+12\/12\s+0/);
  }, SLOW);
});

describe('runFromCli (in process, fake terminal)', () => {
  it('on a TTY asks whether to resume the unfinished run of the same plan, and resumes it', async () => {
    const { PassThrough } = await import('node:stream');
    const { runFromCli } = await import('../../src/cli/run.js');
    const { executeRun } = await import('../../src/run/index.js');
    project = makeProject({ baseUrl: server.url, variants: [{ id: 'base' }] });
    const stopped = new AbortController();
    stopped.abort();
    const first = await executeRun({ configFile: project.configFile, resultsDir: project.results, signal: stopped.signal });
    expect(first.status).toBe('interrupted');

    const tty = <T extends object>(s: T) => Object.assign(s, { isTTY: true, columns: 100 });
    const stdin = tty(new PassThrough());
    const out = tty(new PassThrough());
    const err = new PassThrough();
    let shown = '';
    out.on('data', (d) => {
      shown += d;
      if (shown.includes('Resume it? [Y/n]') && !stdin.writableEnded) stdin.end('y\n');
    });
    const code = await runFromCli({ configFile: project.configFile, resultsDir: project.results, plain: true }, { stdin, out, err } as never);
    expect(code).toBe(0);
    expect(shown).toContain(`Run ${first.runId} of this plan stopped at 0/12. Resume it? [Y/n]`);
    expect(listRunIds(project.results)).toEqual([first.runId]);
    expect(await readAll(project.results, first.runId)).toHaveLength(12);
  }, SLOW);
});
