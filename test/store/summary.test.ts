import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countRun, doneKeys, readRecordsFile, recordKey, recordsPath, RecordWriter } from '../../src/store/index.js';
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

  it('countRun counts the last record per key: answers and errors per variant, errors by kind', async () => {
    const c = await countRun(root, 'r1');
    expect(c.done).toBe(3); // x·b was written twice: counted once
    expect(c.errors).toBe(1);
    expect(c.cached).toBe(1);
    expect(c.perVariant).toEqual({ a: { answered: 1, errors: 1, kinds: { server: 1 } }, b: { answered: 1, errors: 0 } });
  });

  it('doneKeys counts a duplicated key once', async () => {
    const { keys, counts } = await doneKeys(root, 'r1');
    expect(keys.size).toBe(3);
    expect(keys.has(recordKey({ caseId: 'y', variantId: 'a', sample: 0 }))).toBe(true);
    expect(counts.done).toBe(3);
  });

  it('with retryErrors, a key whose last record is an error is not done', async () => {
    const { keys, counts, retrying } = await doneKeys(root, 'r1', { retryErrors: true });
    expect(keys.has(recordKey({ caseId: 'y', variantId: 'a', sample: 0 }))).toBe(false);
    expect(retrying).toBe(1);
    expect(counts.errors).toBe(0);
  });

  it('an answer appended after an error supersedes it in every count and reader', async () => {
    const w = new RecordWriter(recordsPath(root, 'r1'));
    w.append(rec('y', 'a'));
    w.close();
    const c = await countRun(root, 'r1');
    expect(c.errors).toBe(0);
    expect(c.perVariant.a).toEqual({ answered: 2, errors: 0 });
    expect((await doneKeys(root, 'r1', { retryErrors: true })).retrying).toBe(0);
    const seen: RunRecord[] = [];
    for await (const r of readRecordsFile(recordsPath(root, 'r1'))) seen.push(r);
    expect(seen.filter((r) => r.caseId === 'y')).toHaveLength(1);
    expect(seen.find((r) => r.caseId === 'y')!.completion.error).toBeUndefined();
    expect(seen).toHaveLength(4); // 5 lines less the superseded error (the doubled x·b answer is no error: both read)
  });
});
