import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRunIds } from '../../src/store/index.js';
import { atax, CLI, makeWorkspace, recordings, writeConfig, writeRecordings, removeWorkspaces } from '../report/workspace.js';
import { baselineTable } from '../../src/cli/baseline.js';
import { cellStarts } from '../columns.js';

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('build first: npx tsc -p .');
});

describe('atax baseline', () => {
  it('shows none, sets a run under a tag, shows the tags, and is used by nightly --baseline TAG', { timeout: 120_000 }, async () => {
    const dir = makeWorkspace();
    writeConfig(dir);
    writeRecordings(dir, [...recordings('base', 1, 6), ...recordings('guarded', 2, 9)]);
    expect((await atax(['baseline', 'show'], dir)).out).toMatch(/no baseline set/);
    expect((await atax(['run', '--plain'], dir)).code).toBe(0);
    const runId = listRunIds(join(dir, 'results'))[0];

    const set = await atax(['baseline', 'set', 'latest', '--tag', 'release-1'], dir);
    expect(set.code).toBe(0);
    expect(set.out).toBe(`baseline "release-1" → ${runId}\n`);
    const show = await atax(['baseline', 'show'], dir);
    expect(show.out).toMatch(new RegExp(`release-1\\s+${runId}\\s+set \\d{4}-\\d\\d-\\d\\d .*base, guarded`));

    const nightly = await atax(['nightly', '--baseline', 'release-1'], dir);
    expect(nightly.code).toBe(0);
    expect(nightly.out).toMatch(new RegExp(`against baseline ${runId} \\(tag release-1\\)`));

    // --promote moves the tag to a run that passed
    const promoted = await atax(['nightly', '--tag', 'release-1', '--promote'], dir);
    expect(promoted.code).toBe(0);
    const newest = listRunIds(join(dir, 'results')).at(-1)!;
    expect(promoted.out).toMatch(new RegExp(`baseline "release-1" promoted \\(--promote\\): \\S+ → ${newest}`));
    expect((await atax(['baseline', 'show'], dir)).out).toMatch(new RegExp(`release-1\\s+${newest}`));
  });

  it('lines up the show table when a tag holds wide characters (CJK, emoji)', () => {
    const at = (runId: string) => ({ runId, setAt: '2026-12-01T10:00:00.000Z' });
    const text = baselineTable({ '模型-β': at('2026-a'), 'gpt-4o 🚀': at('2026-b'), default: at('2026-c') }, () => 'base, 模型-β [SIMULATED]');
    const [head, ...rows] = text.split('\n');
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(cellStarts(row)[1]).toBe(cellStarts(head)[1]); // the run column
    expect(new Set(rows.map((r) => cellStarts(r).join(','))).size).toBe(1);
  });

  it('exits 2 for a run that does not exist', async () => {
    const dir = makeWorkspace();
    const r = await atax(['baseline', 'set', 'nosuch'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: no runs in /);
  });
});

afterAll(removeWorkspaces);
