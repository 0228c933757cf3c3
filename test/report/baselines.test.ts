import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readBaselines, resolveBaseline, setBaseline } from '../../src/report/baselines.js';
import { writeManifest } from '../../src/store/index.js';
import { manifestFor } from './fixture.js';

function resultsWith(...runIds: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'atax-baselines-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true })); // called inside a test
  for (const id of runIds) writeManifest(root, manifestFor(id, ['base']));
  return root;
}

describe('baselines', () => {
  it('has none until one is set; then resolves the default tag, other tags and run ids', () => {
    const root = resultsWith('2026-11-01-aaaa', '2026-11-02-bbbb');
    expect(resolveBaseline(root)).toBeUndefined();
    setBaseline(root, '2026-11-01-aaaa');
    setBaseline(root, '2026-11-02-bbbb', 'release');
    expect(resolveBaseline(root)).toEqual({ runId: '2026-11-01-aaaa', tag: 'default' });
    expect(resolveBaseline(root, 'release')).toEqual({ runId: '2026-11-02-bbbb', tag: 'release' });
    expect(resolveBaseline(root, '2026-11-02')).toEqual({ runId: '2026-11-02-bbbb' });
    expect(resolveBaseline(root, undefined, 'release')?.runId).toBe('2026-11-02-bbbb');
    expect(Object.keys(readBaselines(root).baselines).sort()).toEqual(['default', 'release']);
  });

  it('rejects a bad tag, a tag pointing at a deleted run and a corrupt file with a way out', () => {
    const root = resultsWith('2026-11-01-aaaa');
    expect(() => setBaseline(root, '2026-11-01-aaaa', 'no spaces')).toThrow(/baseline tag "no spaces" is not valid/);
    setBaseline(root, 'gone-run', 'old');
    expect(() => resolveBaseline(root, 'old')).toThrow(/points at run gone-run, which is not in/);
    writeFileSync(join(root, 'baselines.json'), '{ nope');
    expect(() => readBaselines(root)).toThrow(/baselines\.json: not valid JSON/);
  });
});
