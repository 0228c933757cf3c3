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
  /** a write that failed (a full disk): later appends and close() throw it */
  private failure?: Error;
  constructor(readonly file: string, private readonly opts: { buffered?: boolean } = {}) {
    this.fd = openSync(file, 'a');
  }
  append(record: RunRecord): void {
    if (this.failure) throw this.failure;
    const line = JSON.stringify(record) + '\n';
    if (!this.opts.buffered) {
      writeAll(this.fd, line);
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
  /**
   * Writes buffered lines now (whole lines only). A failed write (ENOSPC) is kept, not thrown: this
   * runs from setImmediate, where a throw would kill the process with a stack trace; the next
   * append or close() throws it, and the lines are dropped (a resume asks them again).
   */
  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0 || this.fd < 0 || this.failure) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    try {
      writeAll(this.fd, text);
    } catch (err) {
      // writeSync names no file: say which, so the message can
      (err as NodeJS.ErrnoException).path ??= this.file;
      this.failure = err as Error;
    }
  }
  /** flush to disk (called at the end of a run and on interruption) */
  sync(): void {
    this.flush();
    if (this.failure) throw this.failure;
    try { fsyncSync(this.fd); } catch { /* not all file systems support fsync */ }
  }
  close(): void {
    try {
      this.sync();
    } finally {
      this.abandon();
    }
  }
  /** Closes the file without writing what is still buffered (after a failed write). */
  abandon(): void {
    this.pending = [];
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

/** writeSync may write less than asked (a nearly full disk): keep writing until all of it is out. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
}

/** Every line's record in file order, superseded ones too; a torn final line (no newline, bad JSON) is skipped. */
export async function* readEveryRecord(file: string): AsyncGenerator<RunRecord> {
  for await (const line of lines(file)) {
    const rec = parseLine(line);
    if (rec) yield rec;
  }
}

/**
 * Streams the records of a file in order, the last record per (case, variant, sample) only: a
 * `--retry-errors` answer is appended after the error it re-asks (the old line stays), and every
 * reader must see the new one alone. A first pass notes where each errored key's last line is; it
 * parses only the keys of lines after the first error, so a run without errors costs a plain read.
 */
export async function* readRecordsFile(file: string): AsyncGenerator<RunRecord> {
  if (!existsSync(file)) return;
  const lastOfErrored = new Map<string, number>();
  let index = 0;
  for await (const line of lines(file)) {
    const i = index++;
    const erred = line.includes(ERROR_MARK);
    if (!erred && lastOfErrored.size === 0) continue;
    const key = keyOfLine(line);
    if (key !== undefined && (erred || lastOfErrored.has(key))) lastOfErrored.set(key, i);
  }
  index = 0;
  for await (const line of lines(file)) {
    const i = index++;
    const rec = parseLine(line);
    if (!rec) continue;
    if (lastOfErrored.size > 0) {
      const last = lastOfErrored.get(recordKey(rec));
      if (last !== undefined && last !== i) continue; // superseded by a later record of its key
    }
    yield rec;
  }
}

/** How a completion error starts in a runner line (a quote inside a string value is always escaped). */
const ERROR_MARK = '"error":{"kind":"';
const HEAD = /"caseId":"((?:[^"\\]|\\.)*)","variantId":"((?:[^"\\]|\\.)*)","sample":(\d+)/;

/** The record key of a line, read from the head fields (the whole line parsed when they are unusual). */
function keyOfLine(line: string): string | undefined {
  const m = HEAD.exec(line.slice(0, 2000));
  if (m && !m[1].includes('\\') && !m[2].includes('\\')) return recordKey({ caseId: m[1], variantId: m[2], sample: Number(m[3]) });
  const rec = parseLine(line);
  return rec ? recordKey(rec) : undefined;
}

function parseLine(line: string): RunRecord | undefined {
  if (!line) return undefined;
  try {
    return JSON.parse(line) as RunRecord;
  } catch {
    return undefined; // torn line from a killed process: that record will be re-run on resume
  }
}

async function* lines(file: string): AsyncGenerator<string> {
  if (!existsSync(file)) return;
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of rl) if (line) yield line;
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
