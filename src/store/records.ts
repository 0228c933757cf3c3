import { closeSync, createReadStream, existsSync, fsyncSync, ftruncateSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { RunRecord } from '../core/index.js';

/**
 * records.jsonl is append-only: one whole JSON line per finished record, written with a single
 * write() so a crash leaves at most one torn last line, which readers skip.
 */
export class RecordWriter {
  private fd: number;
  constructor(readonly file: string) {
    this.fd = openSync(file, 'a');
  }
  append(record: RunRecord): void {
    writeSync(this.fd, JSON.stringify(record) + '\n');
  }
  /** flush to disk (called at the end of a run and on interruption) */
  sync(): void {
    try { fsyncSync(this.fd); } catch { /* not all file systems support fsync */ }
  }
  close(): void {
    this.sync();
    closeSync(this.fd);
  }
}

/** Streams the records of a file in order; a torn final line (no newline, bad JSON) is skipped. */
export async function* readRecordsFile(file: string): AsyncGenerator<RunRecord> {
  if (!existsSync(file)) return;
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line) continue;
    let rec: RunRecord;
    try {
      rec = JSON.parse(line) as RunRecord;
    } catch {
      continue; // torn line from a killed process: that record will be re-run on resume
    }
    yield rec;
  }
}

/** The identity of one planned answer; a resume runs only the keys not yet in records.jsonl. */
export const recordKey = (r: { caseId: string; variantId: string; sample: number }) => `${r.variantId}\u0000${r.caseId}\u0000${r.sample}`;

/**
 * A process killed mid-write can leave a torn last line with no newline. Appending after it would
 * glue the next record onto the fragment and lose both, so before a resume appends, cut the file
 * back to its last whole line. Returns the number of bytes removed.
 */
export function repairTornTail(file: string): number {
  if (!existsSync(file)) return 0;
  const size = statSync(file).size;
  if (size === 0) return 0;
  const fd = openSync(file, 'r+');
  try {
    const chunk = 64 * 1024;
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - chunk);
      const buf = Buffer.alloc(end - start);
      readSync(fd, buf, 0, buf.length, start);
      const nl = buf.lastIndexOf(0x0a);
      if (nl >= 0) {
        const keep = start + nl + 1;
        if (keep < size) ftruncateSync(fd, keep);
        return size - keep;
      }
      end = start;
    }
    ftruncateSync(fd, 0);
    return size;
  } finally {
    closeSync(fd);
  }
}
