/**
 * A suite's JSONL cases file: one case per line, the keys of a case under `cases:`. Big imported
 * benchmarks live here rather than in YAML: it is read in 1 MiB chunks and parsed line by line
 * (no Document, no whole-file string), and every bad line is reported as file:line:col.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { CaseSchema } from '../core/index.js';
import { UserError } from '../errors.js';
import { describeIssue } from './issues.js';
import { describeBytes, MAX_CASE_LINE_BYTES, MAX_CASES_FILE_BYTES } from './limits.js';
import { displayPath, formatPath, type PathKey } from './yaml-source.js';

export interface CasesFileResult {
  cases: Array<ReturnType<typeof CaseSchema.parse>>;
  /** per case: file:line:col of its line */
  where: string[];
  errors: UserError[];
}

const CHUNK = 1 << 20;
const MAX_ERRORS = 20;

/** Reads and validates every line of a cases file. `from` is where the suite names it (for a missing file). */
export function readCasesFile(file: string, from: string): CasesFileResult {
  const display = displayPath(file);
  const out: CasesFileResult = { cases: [], where: [], errors: [] };
  let size: number;
  try {
    size = statSync(file).size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    out.errors.push(new UserError(`${from}: casesFile: ${display}: ${code === 'ENOENT' ? 'file not found' : `cannot read (${code})`}`, 'the path is relative to the suite file'));
    return out;
  }
  if (size > MAX_CASES_FILE_BYTES) {
    out.errors.push(new UserError(`${display}: ${describeBytes(size)} is over the ${describeBytes(MAX_CASES_FILE_BYTES)} limit for a cases file`, 'split the benchmark into several suites, each with its own cases file'));
    return out;
  }
  let more = 0;
  const fail = (e: UserError) => { if (out.errors.length < MAX_ERRORS) out.errors.push(e); else more++; };
  let lineNo = 0;
  forEachLine(file, (bytes) => {
    lineNo++;
    const at = `${display}:${lineNo}:1`;
    if (bytes.length > MAX_CASE_LINE_BYTES) return fail(new UserError(`${at}: a case of ${describeBytes(bytes.length)} is over the ${describeBytes(MAX_CASE_LINE_BYTES)} limit per line`));
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return fail(new UserError(`${at}: not UTF-8 text`, 'save the cases file as UTF-8'));
    }
    if (text.trim() === '') return;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      return fail(new UserError(`${at}: not a JSON object (${(err as Error).message})`, 'each line of a cases file is one case as a JSON object'));
    }
    const parsed = CaseSchema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path as PathKey[];
        const found = path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PathKey, unknown>)[k] : undefined), data);
        const keys = issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}` : describeIssue(issue, found);
        fail(new UserError(`${at}: ${path.length ? formatPath(path) + ': ' : ''}${keys}`));
      }
      return;
    }
    out.cases.push(parsed.data);
    out.where.push(at);
  });
  if (more > 0) out.errors.push(new UserError(`${display}: ${more} more problems not shown`));
  if (out.errors.length === 0 && out.cases.length === 0) out.errors.push(new UserError(`${display}: no cases (the file is empty)`, 'a cases file holds one case per line as a JSON object'));
  return out;
}

/** Calls `take` with each line's bytes (without its newline), reading the file in 1 MiB chunks. */
function forEachLine(file: string, take: (line: Buffer) => void): void {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let rest: Buffer = Buffer.alloc(0);
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      const chunk: Buffer = rest.length ? Buffer.concat([rest, buf.subarray(0, n)]) : buf.subarray(0, n);
      let start = 0;
      for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
        take(stripCr(chunk.subarray(start, nl)));
        start = nl + 1;
      }
      rest = Buffer.from(chunk.subarray(start)); // a copy: `buf` is reused by the next read
    }
    if (rest.length) take(stripCr(rest));
  } finally {
    closeSync(fd);
  }
}

const stripCr = (b: Buffer) => (b.length && b[b.length - 1] === 0x0d ? b.subarray(0, -1) : b);
