import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listRunIds, readManifest } from '../../src/store/index.js';
import { keyCounts, readAll } from '../run/fixture.js';

const CLI = resolve('dist/src/cli/main.js');
let dir = '';
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

function atax(args: string[], cwd: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code) => res({ code, out, err }));
  });
}

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
