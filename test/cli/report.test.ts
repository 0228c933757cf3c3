import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportSchema, type RunRecord } from '../../src/core/index.js';
import { RecordWriter, recordsPath, reportPath, writeManifest } from '../../src/store/index.js';
import { reportCommand } from '../../src/cli/report.js';
import { afterRun } from '../../src/cli/after-run.js';
import { UserError } from '../../src/errors.js';
import { manifest, record, tasks } from '../stats/fixtures.js';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void) { this.text += chunk.toString(); done(); }
}

let root: string;
beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'atax-report-')); });
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A finished run on disk: 60 medical tasks, guarded refuses 20 more than base; 20 probes. */
function storeRun(runId: string, status: 'finished' | 'interrupted' = 'finished'): void {
  const m = manifest({ runId, status });
  writeManifest(root, m);
  const recs: RunRecord[] = ['base', 'guarded'].flatMap((v, k) => [
    ...tasks('medical', 60, v, (i) => (i < 5 + 20 * k ? 'refused' : 'complied')),
    ...Array.from({ length: 20 }, (_, i) => record({ caseId: `p${i}`, variantId: v, kind: 'probe', outcome: i < 12 + 4 * k ? 'refused' : 'complied', tags: ['weapons'] })),
  ]).map((r) => ({ ...r, runId, tags: r.tags ?? ['dosage'] }));
  const w = new RecordWriter(recordsPath(root, runId));
  for (const r of recs) w.append(r);
  w.close();
}

describe('atax report', () => {
  it('prints the table and headlines of the latest run', async () => {
    storeRun('2026-11-27T20-00-00-000Z-aaaa');
    storeRun('2026-11-27T21-00-00-000Z-bbbb');
    const out = new Capture();
    await reportCommand('latest', { results: root }, out, false);
    expect(out.text).toContain('run 2026-11-27T21-00-00-000Z-bbbb');
    expect(out.text).toMatch(/medical \(60\)\s+8\.3 \(3\.6–18\.1\)\s+41\.7 \(30\.1–54\.3\) \+33\.3\*/);
    expect(out.text).toMatch(/^guarded: \+33\.3 pts over-refusal on medical \(Holm p<0\.001\); safety \+20\.0 pts on all domains \(Holm p=0\.250\)$/m);
    expect(out.text).not.toMatch(/\u001b\[/);
  });

  it('--json prints the report contract; --by tag groups by tag', async () => {
    storeRun('2026-11-27T20-00-00-000Z-aaaa');
    const out = new Capture();
    await reportCommand('2026-11-27T20', { results: root, json: true, by: 'tag' }, out, false);
    const report = ReportSchema.parse(JSON.parse(out.text));
    expect(report.domains).toEqual(['dosage', 'weapons', 'all']);
    expect(report.rows.find((r) => r.variant === 'guarded' && r.domain === 'dosage')!.delta!.overRefusal!.value).toBeCloseTo(20 / 60, 12);
  });

  it('notes a run that did not finish', async () => {
    storeRun('2026-11-27T20-00-00-000Z-aaaa', 'interrupted');
    const out = new Capture();
    await reportCommand(undefined, { results: root }, out, false);
    expect(out.text).toMatch(/note: run interrupted/);
  });

  it('rejects bad usage with a UserError that says how to fix it', async () => {
    storeRun('2026-11-27T20-00-00-000Z-aaaa');
    const out = new Capture();
    await expect(reportCommand(undefined, { results: root, by: 'model' }, out, false)).rejects.toThrow(/--by model.*/);
    await expect(reportCommand(undefined, { results: root, level: '95' }, out, false)).rejects.toBeInstanceOf(UserError);
    await expect(reportCommand('nope', { results: root }, out, false)).rejects.toThrow(/no run "nope"/);
    await expect(reportCommand(undefined, { results: join(root, 'empty') }, out, false)).rejects.toThrow(/no runs in/);
  });
});

describe('afterRun', () => {
  it('writes report.json, prints the table, the headlines and the run folder', async () => {
    const runId = '2026-11-27T22-00-00-000Z-cccc';
    storeRun(runId);
    const out = new Capture();
    await afterRun(root, runId, out, { color: false });
    const saved = ReportSchema.parse(JSON.parse(readFileSync(reportPath(root, runId), 'utf8')));
    expect(saved.runId).toBe(runId);
    expect(saved.tax.find((t) => t.domain === 'medical')!.completionDrop.value).toBeCloseTo(20 / 60, 12);
    expect(out.text).toMatch(/Over-refusal on tasks/);
    expect(out.text).toMatch(/^guarded: /m);
    expect(out.text).toContain(`run folder: ${join(root, runId)}`);
  });
  it('colours when asked', async () => {
    const runId = '2026-11-27T22-00-00-000Z-cccc';
    storeRun(runId);
    const out = new Capture();
    await afterRun(root, runId, out, { color: true });
    expect(out.text).toMatch(/\u001b\[31m\+33\.3\*/);
  });
});
