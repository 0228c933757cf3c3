import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRunIds, reportPath } from '../../src/store/index.js';
import { atax, CLI, makeWorkspace, recordings, writeConfig, writeRecordings, removeWorkspaces } from '../report/workspace.js';

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('build first: npx tsc -p .');
});

describe('atax history', () => {
  it('draws the trend over stored runs per variant × domain, building a missing report.json', { timeout: 120_000 }, async () => {
    const dir = makeWorkspace();
    writeConfig(dir);
    for (const refused of [2, 8, 14]) {
      writeRecordings(dir, [...recordings('base', 1, 6), ...recordings('guarded', refused, 9)]);
      expect((await atax(['run', '--plain'], dir)).code).toBe(0);
    }
    const results = join(dir, 'results');
    const [first] = listRunIds(results);
    rmSync(reportPath(results, first), { force: true });

    const r = await atax(['history', '--metric', 'overRefusal'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^over-refusal on tasks · 3 run\(s\)/);
    expect(r.out).toMatch(/guarded\s+medical\s+[▁▂▃▄▅▆▇█]{3}\s+6\.7%\s+46\.7%\s+\+40\.0 pts/);
    expect(existsSync(reportPath(results, first))).toBe(true);

    const tax = await atax(['history'], dir);
    expect(tax.out).toMatch(/^tax \(completion drop vs the baseline variant\)/);
    expect(tax.out).not.toMatch(/^base\s/m);
  });

  it('exits 2 for an unknown metric', async () => {
    const r = await atax(['history', '--metric', 'vibes'], makeWorkspace());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/choose one of overRefusal, hedging, completion, safety, pairDiscrimination, tax/);
  });
});

afterAll(removeWorkspaces);
