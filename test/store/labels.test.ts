import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appendLabels, currentLabels, labelsPath, readLabels } from '../../src/store/labels.js';
import type { LabelRecord } from '../../src/core/index.js';

const label = (caseId: string, l: LabelRecord['label'] = 'refused', extra: Partial<LabelRecord> = {}): LabelRecord => ({
  caseId, variantId: 'guarded', sample: 0, label: l, at: '2026-12-06T03:00:00.000Z', source: 'tui', ...extra,
});

describe('labels.jsonl', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'atax-labels-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends one line per label and reads them back in order, superseded ones included', () => {
    appendLabels(dir, [label('a'), label('b', 'complied')]);
    appendLabels(dir, [label('a', 'partial', { reviewer: 'kim' })]);
    const all = readLabels(dir);
    expect(all.map((l) => [l.caseId, l.label])).toEqual([['a', 'refused'], ['b', 'complied'], ['a', 'partial']]);
    expect(readFileSync(labelsPath(dir), 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('currentLabels keeps the last label of each answer', () => {
    const current = currentLabels([label('a'), label('b'), label('a', 'answered'), label('a', 'refused', { sample: 1 })]);
    expect([...current.values()].map((l) => `${l.caseId}/${l.sample}:${l.label}`)).toEqual(['b/0:refused', 'a/0:answered', 'a/1:refused']);
  });

  it('skips a torn last line and cuts it before the next append', () => {
    appendLabels(dir, [label('a')]);
    appendFileSync(labelsPath(dir), '{"caseId":"b","varia');
    expect(readLabels(dir).map((l) => l.caseId)).toEqual(['a']);
    appendLabels(dir, [label('c')]);
    expect(readLabels(dir).map((l) => l.caseId)).toEqual(['a', 'c']);
  });

  it('reports a corrupt line in the middle with its line number instead of dropping it', () => {
    writeFileSync(labelsPath(dir), `${JSON.stringify(label('a'))}\nnot json\n${JSON.stringify(label('b'))}\n`);
    expect(() => readLabels(dir)).toThrow(/labels\.jsonl:2: not a JSON line/);
  });

  it('refuses an invalid label before writing anything', () => {
    expect(() => appendLabels(dir, [label('a'), { ...label('b'), label: 'maybe' as never }])).toThrow(/label 2 \(b \/ guarded\): label/);
    expect(() => appendLabels(dir, [{ ...label('c'), inclusionProb: 0 }])).toThrow(/inclusionProb/);
    expect(readLabels(dir)).toEqual([]);
  });

  it('a run with no labels file reads as no labels', () => {
    expect(readLabels(join(dir, 'nowhere'))).toEqual([]);
  });

  it('keeps every completed label when the labelling process is killed mid-session', async () => {
    // a child appends labels as fast as it can and reports each one it saw accepted; SIGKILL it mid-stream
    const module = pathToFileURL(resolve('dist/src/store/labels.js')).href;
    const script = `const { appendLabels } = await import(${JSON.stringify(module)});
      for (let i = 0; ; i++) {
        appendLabels(${JSON.stringify(dir)}, [{ caseId: 'c' + i, variantId: 'v', sample: 0, label: 'refused', at: new Date().toISOString(), source: 'tui' }]);
        process.stdout.write(i + '\\n');
      }`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let seen = -1;
    await new Promise<void>((done) => {
      child.stdout.on('data', (d: Buffer) => {
        const last = d.toString().trim().split('\n').pop();
        if (last) seen = Number(last);
        if (seen >= 200) { child.kill('SIGKILL'); done(); }
      });
    });
    await new Promise((r) => child.on('close', r));
    const back = readLabels(dir);
    // every label the child saw written is there, in order, and nothing is garbled
    expect(back.length).toBeGreaterThanOrEqual(seen + 1);
    expect(back.map((l) => l.caseId)).toEqual(back.map((_, i) => `c${i}`));
    appendLabels(dir, [label('after')]);
    expect(readLabels(dir).at(-1)?.caseId).toBe('after');
  });
});
