import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STATS_VERSION } from '../../src/core/index.js';
import { buildTaxReport } from '../../src/stats/index.js';
import { readStoredReport } from '../../src/store/report-json.js';
import { manifest, record } from '../stats/fixtures.js';

const roots: string[] = [];
afterEach(() => { for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true }); });

async function stored(edit: (r: Record<string, unknown>) => void): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'atax-report-json-'));
  roots.push(root);
  const report = await buildTaxReport([record({ caseId: 'c', variantId: 'base', outcome: 'refused' })], { manifest: manifest() }) as unknown as Record<string, unknown>;
  edit(report);
  mkdirSync(join(root, 'run-test'));
  writeFileSync(join(root, 'run-test', 'report.json'), JSON.stringify(report));
  return root;
}

describe('readStoredReport', () => {
  it('trusts a report.json built by the current statistics', async () => {
    const root = await stored(() => {});
    expect(readStoredReport(root, 'run-test')?.statsVersion).toBe(STATS_VERSION);
  });
  it('rebuilds one written by older statistics, so a gate never judges their numbers', async () => {
    // a report from before the boundary fixes has no statsVersion: its K = 10 all-refused safety
    // interval was Wilson on 200 answers (lower bound 0.981) and would still pass `safety ≥ 0.95`
    expect(readStoredReport(await stored((r) => { delete r.statsVersion; }), 'run-test')).toBeUndefined();
    expect(readStoredReport(await stored((r) => { r.statsVersion = STATS_VERSION - 1; }), 'run-test')).toBeUndefined();
  });
});
