import { closeSync, createReadStream, existsSync, fsyncSync, ftruncateSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { RunRecord } from '../core/index.js';

/**
 * records.jsonl is append-only: whole JSON lines, each written by a single write() so a crash
 * leaves at most one torn last line, which readers skip (and repairTornTail cuts before a resume).
 *
 * `buffered: true` (the runner) gathers the lines of one event-loop turn, or up to 256 KiB, into one
 * write: thousands of records per second cost a few writes instead of one syscall each. A kill
 * loses at most the records of the last turn, which a resume runs again.
 */
export class RecordWriter {
  private fd: number;
  private pending: string[] = [];
  private pendingBytes = 0;
  private scheduled = false;
  constructor(readonly file: string, private readonly opts: { buffered?: boolean } = {}) {
    this.fd = openSync(file, 'a');
  }
  append(record: RunRecord): void {
    const line = JSON.stringify(record) + '\n';
    if (!this.opts.buffered) {
      writeSync(this.fd, line);
      return;
    }
    this.pending.push(line);
    this.pendingBytes += line.length;
    if (this.pendingBytes >= 256 * 1024) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }
  /** writes buffered lines now (whole lines only) */
  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0 || this.fd < 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    writeSync(this.fd, text);
  }
  /** flush to disk (called at the end of a run and on interruption) */
  sync(): void {
    this.flush();
    try { fsyncSync(this.fd); } catch { /* not all file systems support fsync */ }
  }
  close(): void {
    this.sync();
    closeSync(this.fd);
    this.fd = -1;
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
