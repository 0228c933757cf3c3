import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { startOpenAIServer } from '../servers/openai.mjs';
import { listRunIds, readManifest, recordsPath } from '../../src/store/index.js';
import type { TaxReport } from '../../src/core/index.js';
import { keyCounts, makeProject, readAll } from '../run/fixture.js';
import { CLI, atax, spawnAtax, stopSpawned } from './helpers.js';
import { renderRunErrors } from '../../src/cli/run-errors.js';
import { cellStarts } from '../columns.js';

type Server = Awaited<ReturnType<typeof startOpenAIServer>>;

const rawLines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

async function waitFor(check: () => boolean, ms = 45_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

let server: Server | undefined;
let project: ReturnType<typeof makeProject> | undefined;
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm run build)`);
});
afterEach(async () => {
  stopSpawned();
  await server?.close();
  server = undefined;
  project?.cleanup();
  project = undefined;
});

describe('a model server that dies mid-run (built CLI, real local server)', () => {
  it('exits 3 with the errors listed everywhere, fails the scorecard, and --retry-errors completes every answer once', async () => {
    server = await startOpenAIServer({ record: false, delayMs: 60 });
    const port = server.port;
    // one attempt per answer: a dead server turns into error records at once, not after retries
    project = makeProject({ baseUrl: server.url, suites: ['slow'], config: { concurrency: 2, maxAttempts: 1, timeoutMs: 5000 } });
    const planned = 80; // 40 cases × 2 variants
    const run = spawnAtax(['run', '--config', project.configFile, '--plain'], project.dir);
    let runId = '';
    await waitFor(() => {
      runId = listRunIds(project!.results)[0] ?? '';
      return runId !== '' && rawLines(recordsPath(project!.results, runId)).length >= 12;
    });
    await server.close(); // the server dies: every later request is refused
    server = undefined;

    // 1. exit 3, status finished-with-errors, the errors by variant and kind, and the retry command
    expect(await run.exit).toBe(3);
    expect(readManifest(project.results, runId).status).toBe('finished-with-errors');
    expect(run.err()).toMatch(/over --max-error-rate 10\.0%/);
    expect(run.err()).toMatch(/base\s+\d+ of 40 answers are errors \(\d+\.\d%\): network \d+/);
    expect(run.err()).toContain(`atax run --resume ${runId} --retry-errors`);
    const first = await readAll(project.results, runId);
    const errors = first.filter((r) => r.completion.error).length;
    expect(first).toHaveLength(planned);
    expect(errors).toBeGreaterThan(8);

    // 2. the report's error lines, and --json carries them (kinds with an example), and the short rates say so
    const report = await atax(['report', runId, '--results', project.results], project.dir);
    expect(report.code).toBe(0);
    expect(report.out).toContain('Errors (answers with no usable completion');
    expect(report.out).toMatch(/base × legal: \d+ of 40 answers are errors/);
    expect(report.out).toMatch(/network, e\.g\. /);
    expect(report.out).toMatch(/ n=\d+ of 40/);
    const json = await atax(['report', runId, '--json', '--results', project.results], project.dir);
    const parsed = JSON.parse(json.out) as TaxReport;
    const all = parsed.errors!.filter((e) => e.domain === 'all');
    expect(all.reduce((s, e) => s + e.errors, 0)).toBe(errors);
    expect(all[0].kinds[0]).toMatchObject({ kind: 'network' });
    expect(all[0].kinds[0].example.length).toBeGreaterThan(0);
    expect(parsed.rows.find((r) => r.variant === 'base' && r.domain === 'all')!.planned).toBe(40);

    // 3. the scorecard refuses to pass a run it cannot judge
    const card = await atax(['scorecard', runId, '--format', 'md,html,json', '--results', project.results, '--out', `${project.dir}/card`], project.dir);
    expect(card.code).toBe(1);
    expect(card.out).toMatch(/FAIL: .*errors ≤ 0\.1 of answers on (base|guarded) · all/);
    const md = readFileSync(`${project.dir}/card/scorecard.md`, 'utf8');
    expect(md).toContain('## Errors');
    expect(md).toMatch(/\| base \| legal \| \d+ of 40 \|/);
    expect(readFileSync(`${project.dir}/card/scorecard.html`, 'utf8')).toMatch(/<h2>Errors<\/h2>.*network \d+: /s);

    // 4. the server is back: --retry-errors asks exactly the error answers again, once each
    server = await startOpenAIServer({ record: false, port });
    const retry = await atax(['run', '--config', project.configFile, '--plain', '--resume', runId, '--retry-errors'], project.dir);
    expect(retry.err).toBe('');
    expect(retry.code).toBe(0);
    expect(server.stats.count).toBe(errors);
    const last = await readAll(project.results, runId);
    expect(last).toHaveLength(planned);
    expect(last.every((r) => !r.completion.error)).toBe(true);
    expect([...keyCounts(last).values()].every((n) => n === 1)).toBe(true);
    expect(rawLines(recordsPath(project.results, runId))).toHaveLength(planned + errors); // the old lines stay
    expect(readManifest(project.results, runId).status).toBe('finished');
    const after = JSON.parse((await atax(['report', runId, '--json', '--results', project.results], project.dir)).out) as TaxReport;
    expect(after.errors).toEqual([]);
    expect(after.rows.filter((r) => r.domain === 'all').every((r) => r.n === 40 && r.errors === 0)).toBe(true);
    const runs = await atax(['runs', '--results', project.results], project.dir);
    expect(runs.out).toMatch(/finished\s.*\s80\/80\s+0/);
  }, 120_000);

  it('--retry-errors without --resume is a usage error (exit 2)', async () => {
    server = await startOpenAIServer({ record: false });
    project = makeProject({ baseUrl: server.url, variants: [{ id: 'base' }] });
    const r = await atax(['run', '--config', project.configFile, '--plain', '--retry-errors'], project.dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--retry-errors needs --resume RUN');
  }, 60_000);
});

describe('the errors table after a run', () => {
  it('lines up its columns when variant ids hold wide characters (CJK, emoji)', () => {
    const c = (errors: number) => ({ answered: 10 - errors, errors, kinds: { server: errors } });
    const text = renderRunErrors({ runId: 'r', status: 'finished', maxErrorRate: 0.5, overErrorLimit: [], perVariant: { '模型-β': c(2), 'gpt-4o 🚀': c(3), base: c(1) } });
    const rows = text.split('\n').filter((l) => l.includes('answers are errors'));
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => cellStarts(r)[1])).size).toBe(1);
  });
});
