import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecordsFile, recordKey, RecordWriter, repairTornTail } from '../../src/store/index.js';
import type { RunRecord } from '../../src/core/index.js';

const rec = (caseId: string, sample = 0): RunRecord => ({
  runId: 'r', caseId, variantId: 'base', sample, domain: 'medical', kind: 'task', completion: { text: `answer ${caseId}`, latencyMs: 1 },
});

async function all(file: string): Promise<RunRecord[]> {
  const out: RunRecord[] = [];
  for await (const r of readRecordsFile(file)) out.push(r);
  return out;
}

describe('records.jsonl', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'atax-records-'));
    file = join(dir, 'records.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends whole lines and streams them back in order', async () => {
    const w = new RecordWriter(file);
    w.append(rec('a'));
    w.append(rec('b'));
    w.close();
    expect((await all(file)).map((r) => r.caseId)).toEqual(['a', 'b']);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
  });

  it('repairTornTail cuts a torn last line so the next append starts a fresh line', async () => {
    const w = new RecordWriter(file);
    w.append(rec('a'));
    w.close();
    appendFileSync(file, '{"runId":"r","caseId":"b","vari'); // killed mid-write
    expect(repairTornTail(file)).toBe('{"runId":"r","caseId":"b","vari'.length);
    const again = new RecordWriter(file);
    again.append(rec('c'));
    again.close();
    expect((await all(file)).map((r) => r.caseId)).toEqual(['a', 'c']);
  });

  it('repairTornTail leaves an intact file alone and empties a file with no whole line', () => {
    const w = new RecordWriter(file);
    w.append(rec('a'));
    w.close();
    const before = readFileSync(file, 'utf8');
    expect(repairTornTail(file)).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before);
    writeFileSync(file, '{"torn":');
    expect(repairTornTail(file)).toBe(8);
    expect(readFileSync(file, 'utf8')).toBe('');
    expect(repairTornTail(join(dir, 'missing.jsonl'))).toBe(0);
  });

  it('recordKey tells samples, cases and variants apart', () => {
    expect(recordKey(rec('a', 0))).not.toBe(recordKey(rec('a', 1)));
    expect(recordKey({ caseId: 'a', variantId: 'x', sample: 0 })).not.toBe(recordKey({ caseId: 'a', variantId: 'y', sample: 0 }));
  });
});
