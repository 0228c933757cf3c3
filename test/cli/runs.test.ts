import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTable, listRuns } from '../../src/cli/runs.js';
import { recordsPath, RecordWriter, writeManifest } from '../../src/store/index.js';
import type { Manifest } from '../../src/core/index.js';
import { textSink } from './helpers.js';
import { cellStarts } from '../columns.js';

const manifest = (runId: string, status: Manifest['status'], simulated: boolean): Manifest => ({
  runId, tool: { name: 'alignment-tax', version: '0.1.0' }, createdAt: '2026-11-27T10:00:00.000Z', status,
  config: {}, configHash: 'h', planHash: 'p', baseline: 'base', suites: [],
  variants: [{ id: 'base', provider: 'sim:frank', simulated }, { id: 'guarded', provider: 'sim:cautious', simulated }],
  samples: 1, planSize: 4, simulated,
});

describe('atax runs', () => {
  let root: string;
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'atax-runs-')); });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('lists each run with status, counts and whether it is simulated', async () => {
    writeManifest(root, manifest('2026-a', 'finished', true));
    writeManifest(root, manifest('2026-b', 'running', false)); // no live process: killed
    const w = new RecordWriter(recordsPath(root, '2026-a'));
    w.append({ runId: '2026-a', caseId: 'c', variantId: 'base', sample: 0, domain: 'd', kind: 'task', completion: { text: '', latencyMs: 1, error: { kind: 'server', message: '500' } } });
    w.append({ runId: '2026-a', caseId: 'c', variantId: 'guarded', sample: 0, domain: 'd', kind: 'task', completion: { text: 'ok', latencyMs: 1 } });
    w.close();
    const { stream: out, text: written } = textSink();
    await listRuns(root, out);
    const lines = written().trim().split('\n');
    expect(lines[0]).toMatch(/^id\s+status\s+created\s+variants\s+done\/planned\s+errors\s+simulated$/);
    expect(lines[1]).toMatch(/^2026-a\s+finished\s+2026-11-27 10:00:00\s+base,guarded\s+2\/4\s+1\s+SIMULATED$/);
    expect(lines[2]).toMatch(/^2026-b\s+killed\s+.*0\/4\s+0$/);
    expect(lines.at(-1)).toBe('resume an unfinished run with: atax run --resume RUN');
  });

  it('says so when there are no runs', async () => {
    const { stream: out, text: written } = textSink();
    await listRuns(join(root, 'none'), out);
    expect(written()).toMatch(/^no runs in .*atax demo/);
  });

  it('formatTable pads columns to the widest cell', () => {
    expect(formatTable(['a', 'bb'], [['xxx', 'y']])).toBe('a    bb\nxxx  y');
  });

  it('lines up its columns when variant ids hold wide characters (CJK, emoji)', async () => {
    const wide = manifest('2026-w', 'finished', true);
    writeManifest(root, { ...wide, variants: [{ id: '模型-β', provider: 'sim:frank', simulated: true }, { id: 'gpt-4o 🚀', provider: 'sim:cautious', simulated: true }] });
    writeManifest(root, manifest('2026-x', 'finished', true));
    const { stream: out, text: written } = textSink();
    await listRuns(root, out);
    const [head, ...rows] = written().trim().split('\n');
    expect(rows.map((r) => r.split(' ')[0])).toEqual(['2026-w', '2026-x']);
    expect(rows[0]).toContain('模型-β,gpt-4o 🚀');
    for (const row of rows) expect(cellStarts(row)).toEqual(cellStarts(head));
  });
});
