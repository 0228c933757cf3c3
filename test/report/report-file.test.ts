import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Outcome, RunRecord } from '../../src/core/index.js';
import { buildTaxReport } from '../../src/stats/index.js';
import { buildReportFromFile } from '../../src/report/report-file.js';
import { manifest, record } from '../stats/fixtures.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'atax-report-file-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const OUTCOMES: Outcome[] = ['complied', 'hedged', 'refused', 'partial', 'error'];

/** Records whose lines vary in length (so lines straddle every read boundary) and carry UTF-8 ids. */
function records(cases: number): RunRecord[] {
  return Array.from({ length: cases }, (_, i) => ['base', 'guarded'].flatMap((variantId, k) => [0, 1].map((sample) => {
    const r = record({ caseId: `cas-${i}-é`, variantId, sample, domain: i % 3 === 0 ? 'médecine—医学' : 'legal', kind: i % 5 === 4 ? 'probe' : 'task', outcome: OUTCOMES[(i * 7 + k * 3 + sample) % 5], tags: [`t${i % 4}`] });
    r.completion.text = 'réponse — 答案 '.repeat((i * 13) % 97);
    return r;
  }))).flat();
}

describe('buildReportFromFile', () => {
  it('builds from a multi-MiB file what buildTaxReport builds from the parsed records, skipping a torn last line', async () => {
    const recs = records(3000);
    const file = join(dir, 'records.jsonl');
    const lines = recs.map((r) => JSON.stringify(r));
    writeFileSync(file, lines.join('\n') + '\n' + lines[0].slice(0, 40)); // a killed writer's torn line
    expect(lines.join('\n').length).toBeGreaterThan(3 * 2 ** 20); // several 1 MiB reads, many 64 KiB pieces
    const m = manifest({ samples: 2 });
    for (const by of ['domain', 'tag'] as const) {
      const fromFile = await buildReportFromFile(file, m, { by });
      const expected = await buildTaxReport(lines.map((l) => JSON.parse(l) as RunRecord), { manifest: m, by });
      expect({ ...fromFile, createdAt: '' }).toEqual({ ...expected, createdAt: '' });
      expect(fromFile.rows.find((r) => r.domain === (by === 'domain' ? 'médecine—医学' : 't0'))).toBeDefined();
    }
  });
  it('gives the empty report for a missing file', async () => {
    const report = await buildReportFromFile(join(dir, 'nope.jsonl'), manifest());
    expect(report.rows).toEqual([]);
  });
});
