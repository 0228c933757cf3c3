import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listRunIds, readManifest } from '../../src/store/index.js';
import { keyCounts, readAll } from '../run/fixture.js';
import { atax, stopSpawned } from './helpers.js';

let dir = '';
afterEach(() => {
  stopSpawned();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('atax demo (built CLI)', () => {
  it('answers every planned case offline into ./results and says the results are simulated', async () => {
    dir = mkdtempSync(join(tmpdir(), 'atax-demo-'));
    const r = await atax(['demo'], dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/SIMULATED/);
    const results = join(dir, 'results');
    expect(existsSync(results)).toBe(true);
    const [runId] = listRunIds(results);
    const m = readManifest(results, runId);
    expect(m).toMatchObject({ status: 'finished', simulated: true });
    const records = await readAll(results, runId);
    expect(records).toHaveLength(m.planSize);
    expect(keyCounts(records).size).toBe(m.planSize);
    expect(records.filter((x) => x.completion.error)).toEqual([]);
    expect(r.out).toContain(join(results, runId));
  }, 90_000);
});
