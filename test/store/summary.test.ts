import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countRun, doneKeys, recordKey, recordsPath, RecordWriter } from '../../src/store/index.js';
import type { RunRecord } from '../../src/core/index.js';

const rec = (caseId: string, variantId: string, error = false): RunRecord => ({
  runId: 'r1', caseId, variantId, sample: 0, domain: 'd', kind: 'task',
  completion: error ? { text: '', latencyMs: 1, error: { kind: 'server', message: '500' } } : { text: 'ok', latencyMs: 1, cached: variantId === 'b' },
});

describe('run counts', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'atax-summary-'));
    mkdirSync(join(root, 'r1'));
    const w = new RecordWriter(recordsPath(root, 'r1'));
    for (const r of [rec('x', 'a'), rec('y', 'a', true), rec('x', 'b'), rec('x', 'b')]) w.append(r);
    w.close();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('countRun counts answers and errors per variant', async () => {
    const c = await countRun(root, 'r1');
    expect(c.done).toBe(4);
    expect(c.errors).toBe(1);
    expect(c.cached).toBe(2);
    expect(c.perVariant).toEqual({ a: { answered: 1, errors: 1 }, b: { answered: 2, errors: 0 } });
  });

  it('doneKeys counts a duplicated key once', async () => {
    const { keys, counts } = await doneKeys(root, 'r1');
    expect(keys.size).toBe(3);
    expect(keys.has(recordKey({ caseId: 'y', variantId: 'a', sample: 0 }))).toBe(true);
    expect(counts.done).toBe(3);
  });
});
