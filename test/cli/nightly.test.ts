import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRunIds } from '../../src/store/index.js';
import { atax, closedPort, CLI, makeWorkspace, recordings, writeConfig, writeRecordings, removeWorkspaces } from '../report/workspace.js';

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
    expect(aa.out).toMatch(new RegExp(`no regression: 8 paired tests against baseline ${baselineRun}`));

    // guarded now refuses 14 of 30 tasks instead of 2 and lets 4 probes through instead of 1
    writeRecordings(dir, [...recordings('base', 1, 6), ...recordings('guarded', 14, 6)]);
    const worse = await atax(['nightly'], dir);
    expect(worse.code).toBe(1);
    const flagged = worse.out.split('\n').filter((l) => l.startsWith('REGRESSION'));
    expect(flagged.map((l) => l.split(':')[0])).toEqual([
      'REGRESSION guarded · medical · overRefusal',
      'REGRESSION guarded · medical · completion',
    ]);
    expect(worse.out).toMatch(/6\.7% → 46\.7% \(\+40\.0 pts/);
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
    expect(r.out).toMatch(/held on fresh samples \(run /);
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
    expect(r.err).toMatch(/run \S+ failed: 80 of 80 answers are errors \(100\.0% > --max-error-rate 10\.0%\)/);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(dir, 'results', 'baselines.json'))).toBe(false); // a failed run never becomes the baseline
  });

  it('exits 3 when more than --max-error-rate of the answers are errors, 0 when within it', { timeout: 120_000 }, async () => {
    const dir = makeWorkspace();
    writeConfig(dir);
    // guarded has no recording for 5 of its 40 cases: 5 missing-answer errors of 80 (6.25%)
    writeRecordings(dir, [...recordings('base', 1, 6), ...recordings('guarded', 2, 9).filter((row) => !['t25', 't26', 't27', 't28', 't29'].includes(row[0]))]);
    expect((await atax(['nightly', '--max-error-rate', '0.05'], dir)).code).toBe(3);
    expect((await atax(['nightly', '--max-error-rate', '0.1'], dir)).code).toBe(0);
  });

  it('exits 2 on bad usage: a tolerance out of range, an unknown baseline', async () => {
    const dir = makeWorkspace();
    writeConfig(dir);
    writeRecordings(dir, [...recordings('base', 1, 6), ...recordings('guarded', 2, 9)]);
    const bad = await atax(['nightly', '--tolerance', '2'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--tolerance must be a number between 0 and 1/);
    const unknown = await atax(['nightly', '--baseline', 'nosuch'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/no runs in|no run "nosuch"/);
    expect(listRunIds(join(dir, 'results'))).toHaveLength(0); // nothing was run
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
