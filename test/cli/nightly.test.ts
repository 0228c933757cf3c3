import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRunIds } from '../../src/store/index.js';
import { startOpenAIServer } from '../servers/index.mjs';
import { atax, closedPort, CLI, makeWorkspace, recordings, writeConfig, writeRecordings, removeWorkspaces, ANSWER, REFUSAL } from '../report/workspace.js';

/** End to end with the built CLI, exactly as CI runs it: `atax nightly` and its exit codes. */
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('build first: npx tsc -p .');
});

describe('atax nightly', () => {
  it('sets the first run as baseline (0), passes an A/A re-run (0) and fails a seeded regression (1)', { timeout: 120_000 }, async () => {
    const dir = makeWorkspace();
    writeConfig(dir);
    writeRecordings(dir, [...recordings('base', 1, 6), ...recordings('guarded', 2, 9)]);

    const first = await atax(['nightly'], dir);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/is now the baseline/);
    const baselineRun = listRunIds(join(dir, 'results'))[0];
    expect(JSON.parse(readFileSync(join(dir, 'results', 'baselines.json'), 'utf8')).baselines.default.runId).toBe(baselineRun);

    const aa = await atax(['nightly'], dir);
    expect(aa.out + aa.err).toMatch(/no regression/);
    expect(aa.code).toBe(0);
    expect(aa.out).toMatch(new RegExp(`no regression: 8 tests against baseline ${baselineRun} \\(tag default\\); alpha per night 0\\.00274 per variant \\(budget 1 false alarm per variant per year\\), tolerance 0\\.02 \\(H0: worse by at most 2\\.0 pts\\)`));
    expect(aa.out).toMatch(new RegExp(`baseline "default" unchanged: ${baselineRun} \\(it moves only with --promote`));
    expect(aa.out).toMatch(/run \S+: 80 answers, 0 errors, 0 from the cache/);

    // guarded now refuses 14 of 30 tasks instead of 2 and lets 4 probes through instead of 1
    writeRecordings(dir, [...recordings('base', 1, 6), ...recordings('guarded', 14, 6)]);
    const worse = await atax(['nightly'], dir);
    expect(worse.code).toBe(1);
    const flagged = worse.out.split('\n').filter((l) => l.startsWith('REGRESSION'));
    expect(flagged.map((l) => l.split(':')[0])).toEqual([
      'REGRESSION guarded · medical · overRefusal',
      'REGRESSION guarded · medical · completion',
    ]);
    expect(worse.out).toMatch(/6\.7% → 46\.7% \(\+40\.0 pts, bound \+\d+\.\d pts beyond tolerance \+2\.0 pts; 12 cases worse \/ 0 better of 30; p=/);
    const runs = listRunIds(join(dir, 'results'));
    const saved = JSON.parse(readFileSync(join(dir, 'results', runs[runs.length - 1], 'regression.json'), 'utf8'));
    expect(saved.baseline).toBe(baselineRun);
    expect(saved.regressions).toHaveLength(2);
  });

  it('--confirm re-asks the flagged cells on fresh samples and fails when the regression holds', { timeout: 120_000 }, async () => {
    const dir = makeWorkspace();
    writeConfig(dir);
    writeRecordings(dir, [...recordings('base', 1, 6, 2), ...recordings('guarded', 2, 9, 2)]);
    expect((await atax(['nightly'], dir)).code).toBe(0);
    writeRecordings(dir, [...recordings('base', 1, 6, 2), ...recordings('guarded', 14, 9, 2)]);
    const r = await atax(['nightly', '--confirm'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/confirming 2 flagged cell\(s\): re-asking 30 case\(s\) × 1 variant\(s\) on fresh samples/);
    expect(r.out).toMatch(/confirmed on the fresh samples of run /);
    expect(listRunIds(join(dir, 'results'))).toHaveLength(3); // baseline, tonight, the confirmation
  });

  it('exits 3 when the provider is down (connection refused), without comparing', async () => {
    const dir = makeWorkspace();
    const port = await closedPort();
    writeConfig(dir, [
      `  - { id: base, provider: "openai:gpt-4o-mini", options: { baseUrl: "http://127.0.0.1:${port}/v1" } }`,
      `  - { id: guarded, provider: "openai:gpt-4o-mini", options: { baseUrl: "http://127.0.0.1:${port}/v1" } }`,
    ]);
    const r = await atax(['nightly'], dir);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/run \S+ failed: variant base has no answered case \(40 of 40 answers are errors\); variant guarded has no answered case \(40 of 40 answers are errors\)/);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(dir, 'results', 'baselines.json'))).toBe(false); // a failed run never becomes the baseline
  });

  it('exits 3 when more than --max-error-rate of the answers are errors, 0 when within it', { timeout: 120_000 }, async () => {
    const dir = makeWorkspace();
    writeConfig(dir);
    // guarded has no recording for 3 of its 40 cases: 3 missing-answer errors (7.5% of guarded's, 3.75% of the run's)
    writeRecordings(dir, [...recordings('base', 1, 6), ...recordings('guarded', 2, 9).filter((row) => !['t27', 't28', 't29'].includes(row[0]))]);
    const over = await atax(['nightly', '--max-error-rate', '0.05'], dir);
    expect(over.code).toBe(3);
    expect(over.err).toMatch(/variant guarded: 3 of 40 answers are errors \(7\.5% > --max-error-rate 5\.0%\)/);
    expect((await atax(['nightly', '--max-error-rate', '0.1'], dir)).code).toBe(0);
  });

  it('exits 2 on bad usage: a tolerance out of range, an unknown baseline', async () => {
    const dir = makeWorkspace();
    writeConfig(dir);
    writeRecordings(dir, [...recordings('base', 1, 6), ...recordings('guarded', 2, 9)]);
    const bad = await atax(['nightly', '--tolerance', '2'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--tolerance must be a number between 0 and 1/);
    const both = await atax(['nightly', '--alpha', '0.05', '--false-alarms-per-year', '1'], dir);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/--alpha and --false-alarms-per-year both set the level of a night/);
    const unknown = await atax(['nightly', '--baseline', 'nosuch'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/no runs in|no run "nosuch"/);
    expect(listRunIds(join(dir, 'results'))).toHaveLength(0); // nothing was run
  });

  it('says so when a variant added since the baseline has nothing to compare with (never silently untested)', { timeout: 120_000 }, async () => {
    const dir = makeWorkspace();
    writeConfig(dir);
    writeRecordings(dir, [...recordings('base', 1, 6), ...recordings('guarded', 2, 9)]);
    expect((await atax(['nightly'], dir)).code).toBe(0);
    writeConfig(dir, ['  - { id: base, provider: "replay:answers.csv#base" }', '  - { id: guarded, provider: "replay:answers.csv#guarded" }', '  - { id: newcomer, provider: "replay:answers.csv#guarded" }']);
    const r = await atax(['nightly'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/note: variant newcomer shares no answered case with baseline run \S+: it is not compared tonight/);
  });

  it('exits 2 when the baseline run shares no (variant, case) with tonight\'s run', { timeout: 120_000 }, async () => {
    const dir = makeWorkspace();
    writeConfig(dir);
    writeRecordings(dir, [...recordings('base', 1, 6), ...recordings('guarded', 2, 9)]);
    expect((await atax(['nightly'], dir)).code).toBe(0);
    writeConfig(dir, ['  - { id: base2, provider: "replay:answers.csv#base" }', '  - { id: guarded2, provider: "replay:answers.csv#guarded" }']);
    writeFileSync(join(dir, 'atax.config.yaml'), readFileSync(join(dir, 'atax.config.yaml'), 'utf8').replace('baseline: base', 'baseline: base2'));
    const r = await atax(['nightly'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nothing to compare: baseline run \S+ shares no answered \(variant, case\)/);
  });
});

describe('atax nightly against a model that changes behind the same id', () => {
  it('asks fresh every night, so a checkpoint that starts refusing everything fails the second nightly (1); --cache would hide it', { timeout: 120_000 }, async () => {
    // tasks answered, probes refused: a model that works; then the same model id refuses everything
    const server = await startOpenAIServer({ responder: ({ prompt }) => (/^Harmful/.test(prompt) ? REFUSAL : ANSWER), record: false });
    try {
      const dir = makeWorkspace();
      const v = (id: string, extra = '') => `  - { id: ${id}, provider: "openai:gpt-4o-mini", options: { baseUrl: "${server.url}" }${extra} }`;
      writeConfig(dir, [v('base'), v('guarded', ', system: "Be careful."')]);
      const first = await atax(['nightly', '--cache'], dir); // fills the request cache (and sets the baseline)
      expect(first.code).toBe(0);
      expect(first.out).toMatch(/80 answers, 0 errors, 0 from the cache/);

      server.setResponder(() => REFUSAL); // a new checkpoint deployed under gpt-4o-mini
      const cached = await atax(['nightly', '--cache'], dir); // the debugging opt-in replays yesterday's answers: the old default
      expect(cached.out).toMatch(/80 answers, 0 errors, 80 from the cache/);
      expect(cached.out).toMatch(/warning: --cache reuses stored answers/);
      expect(cached.code).toBe(0);

      const second = await atax(['nightly'], dir);
      expect(second.out).toMatch(/80 answers, 0 errors, 0 from the cache/);
      expect(second.out).toMatch(/REGRESSION base · medical · overRefusal: 0\.0% → 100\.0%/);
      expect(second.out).toMatch(/REGRESSION guarded · medical · completion: 100\.0% → 0\.0%/);
      expect(second.code).toBe(1);
      const runs = listRunIds(join(dir, 'results'));
      const manifest = JSON.parse(readFileSync(join(dir, 'results', runs[runs.length - 1], 'manifest.json'), 'utf8'));
      expect(manifest.cached).toBe(0);
      const cachedManifest = JSON.parse(readFileSync(join(dir, 'results', runs[runs.length - 2], 'manifest.json'), 'utf8'));
      expect(cachedManifest.cached).toBe(80);
    } finally {
      await server.close();
    }
  });
});

describe('suiteChanges', () => {
  it('notes a suite edited or added since the baseline run, and nothing when unchanged', async () => {
    const { suiteChanges } = await import('../../src/cli/nightly.js');
    const { manifestFor } = await import('../report/fixture.js');
    const base = manifestFor('a', ['base']);
    const same = manifestFor('b', ['base']);
    expect(suiteChanges(base, same)).toEqual([]);
    const edited = { ...same, suites: [{ ...same.suites[0], version: '2', hash: 'b'.repeat(64) }, { id: 'legal', version: '1', domain: 'legal', hash: 'c', file: 'legal.yaml', cases: 3 }] };
    expect(suiteChanges(base, edited)).toEqual([
      'note: suite medical changed since the baseline run (version 1 → 2): comparing the cases both runs share',
      'note: suite legal is new since the baseline run: its cases have nothing to compare with',
    ]);
  });
});

afterAll(removeWorkspaces);
