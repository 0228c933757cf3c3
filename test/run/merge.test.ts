// `atax run --shard i/n` on three "machines" and `atax merge`: the merged run's report equals the
// report of the same plan run unsharded, and merge refuses overlaps, gaps and foreign plans.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { UserError } from '../../src/errors.js';
import { loadReport } from '../../src/report/report-file.js';
import { executeRun } from '../../src/run/index.js';
import { mergeRuns } from '../../src/run/merge.js';
import { buildPlan, parseShard, planItems, shardOf } from '../../src/run/plan.js';
import { loadConfig } from '../../src/suite/index.js';
import { readManifest } from '../../src/store/index.js';
import { keyCounts, readAll } from './fixture.js';

let dir: string;
let configFile: string;
let root: string;

function project(samples: number): void {
  dir = mkdtempSync(join(tmpdir(), 'atax-merge-'));
  mkdirSync(join(dir, 'suites'));
  copyFileSync(resolve('test/fixtures/run/suites/mini.yaml'), join(dir, 'suites', 'mini.yaml'));
  configFile = join(dir, 'atax.config.yaml');
  root = join(dir, 'results');
  const variants = [{ id: 'frank', provider: 'sim:frank' }, { id: 'cautious', provider: 'sim:cautious' }];
  writeFileSync(configFile, stringify({ suites: ['suites/*.yaml'], baseline: 'frank', samples, variants }));
}

const run = (shard?: string) => executeRun({ configFile, resultsDir: root, noCache: true, ...(shard && { shard: parseShard(shard) }) });
/** The report without what differs by construction between two runs (their ids and dates). */
const comparable = async (runId: string) => {
  const { report } = await loadReport(root, runId);
  return { ...report, runId: undefined, createdAt: undefined };
};

describe('shards and merge', () => {
  beforeAll(() => project(3));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('splits the plan into disjoint, balanced slices chosen by hash of (case, variant, sample)', async () => {
    const loaded = await loadConfig(configFile, { checkKeys: false });
    const whole = buildPlan(loaded, {});
    const slices = [1, 2, 3].map((i) => buildPlan(loaded, { shard: { index: i, count: 3 } }));
    expect(slices.map((p) => p.hash)).toEqual([whole.hash, whole.hash, whole.hash]);
    expect(slices.reduce((n, p) => n + p.size, 0)).toBe(whole.size); // 12 cases × 2 variants × 3 samples = 72
    for (const p of slices) expect(p.size).toBeGreaterThan(whole.size / 3 / 2);
    const seen = new Set<string>();
    for (const p of slices) for (const it of planItems(p, p.variants)) seen.add(`${it.case.id}/${it.variant.id}/${it.sample}`);
    expect(seen.size).toBe(whole.size);
    // stable when the plan grows: an item's slice depends on its identity alone
    expect(shardOf('mini-task-1', 'frank', 0, 3)).toBe(shardOf('mini-task-1', 'frank', 0, 3));
  });

  it('merges three shard runs into one run whose report equals the unsharded run\'s', async () => {
    const whole = await run();
    const shards = [await run('1/3'), await run('2/3'), await run('3/3')];
    expect(shards.map((s) => s.status)).toEqual(['finished', 'finished', 'finished']);
    expect(readManifest(root, shards[1].runId).selection?.shard).toEqual({ index: 2, count: 3 });
    const merged = await mergeRuns(root, shards.map((s) => s.runId), 'merged');
    expect(merged.records).toBe(72);
    const records = await readAll(root, 'merged');
    expect([...keyCounts(records).values()].every((n) => n === 1)).toBe(true);
    expect(records.every((r) => r.runId === 'merged')).toBe(true);
    const manifest = readManifest(root, 'merged');
    expect(manifest.mergedFrom).toEqual(shards.map((s) => s.runId));
    expect(manifest.selection?.shard).toBeUndefined();
    expect(await comparable('merged')).toEqual(await comparable(whole.runId));

    // what merge refuses, each with the reason
    await expect(mergeRuns(root, [shards[0].runId, shards[1].runId], 'gap')).rejects.toThrow(/of 72 planned answers are in none of the runs: /);
    await expect(mergeRuns(root, [shards[0].runId, whole.runId], 'overlap')).rejects.toThrow(/present in two runs: /);
    await expect(mergeRuns(root, shards.map((s) => s.runId), 'merged')).rejects.toThrow(/already exists/);
  });

  it('refuses runs of different plans', async () => {
    const a = await run('1/2');
    writeFileSync(configFile, readFileSync(configFile, 'utf8').replace('samples: 3', 'samples: 2'));
    const b = await run('2/2');
    const err = await mergeRuns(root, [a.runId, b.runId], 'mixed').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/^the runs are not shards of one plan \(plan hashes differ: /);
  });

  it('rejects a malformed --shard', () => {
    expect(() => parseShard('4/3')).toThrow('--shard 4/3: expected i/n with 1 ≤ i ≤ n');
    expect(() => parseShard('two of three')).toThrow('--shard "two of three": expected i/n, e.g. 2/3');
  });
});
