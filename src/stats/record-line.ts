/**
 * Parsing one records.jsonl line for aggregation only. The report never reads the answer text,
 * which is most of a line, so the fast path parses only the small head (ids, domain, kind, tags)
 * and the verdict, and checks for a completion error by key. Any line that does not have the
 * runner's shape (…, "completion":{…}, "verdict":{…}}) is parsed whole with JSON.parse.
 *
 * Why key searches are safe: inside a JSON string every quote is escaped (\"), so a raw
 * `,"completion":{` can only be a real key, never text inside a value.
 */
import type { RunRecord, Verdict } from '../core/index.js';

const COMPLETION = ',"completion":{';
const VERDICT = ',"verdict":{';
const ERROR = '"error":{';

/** The record with only what the report reads (`completion.text` is empty), or undefined for a torn line. */
export function parseRecordForStats(line: string): RunRecord | undefined {
  if (!line) return undefined;
  const fast = fastParse(line);
  if (fast) return fast;
  try {
    return JSON.parse(line) as RunRecord;
  } catch {
    return undefined; // a torn last line from a killed process
  }
}

function fastParse(line: string): RunRecord | undefined {
  const c = line.indexOf(COMPLETION);
  const v = line.lastIndexOf(VERDICT);
  if (c < 0 || v < c || line.charCodeAt(line.length - 1) !== 125 /* } */) return undefined;
  try {
    const head = JSON.parse(line.slice(0, c) + '}') as RunRecord;
    const verdict = JSON.parse(line.slice(v + VERDICT.length - 1, -1)) as Verdict;
    if (typeof head.caseId !== 'string' || typeof head.variantId !== 'string' || typeof verdict.outcome !== 'string') return undefined;
    const errorAt = line.indexOf(ERROR, c);
    head.completion = errorAt >= 0 && errorAt < v
      ? { text: '', latencyMs: 0, error: { kind: 'server', message: '(not read by the report)' } }
      : { text: '', latencyMs: 0 };
    head.verdict = verdict;
    return head;
  } catch {
    return undefined;
  }
}
