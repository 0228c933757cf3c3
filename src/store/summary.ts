import type { RunRecord } from '../core/index.js';
import { readEveryRecord, recordKey } from './records.js';
import { recordsPath } from './paths.js';

export interface VariantCounts {
  answered: number;
  errors: number;
  /** errors by kind (auth, rate-limit, server, timeout, bad-response, …) */
  kinds?: Record<string, number>;
}

export interface RunCounts {
  /** records in records.jsonl (answers and error records), the last per key */
  done: number;
  errors: number;
  cached: number;
  perVariant: Record<string, VariantCounts>;
}

export const emptyCounts = (): RunCounts => ({ done: 0, errors: 0, cached: 0, perVariant: {} });

type Counted = Pick<RunRecord, 'variantId' | 'completion'>;

/** Adds one record to running counts (mutates `counts`: the runner keeps them while it writes). */
export function countRecord(counts: RunCounts, r: Counted): void {
  const v = (counts.perVariant[r.variantId] ??= { answered: 0, errors: 0 });
  counts.done++;
  if (r.completion.error) {
    counts.errors++;
    v.errors++;
    const kinds = (v.kinds ??= {});
    kinds[r.completion.error.kind] = (kinds[r.completion.error.kind] ?? 0) + 1;
  } else {
    v.answered++;
  }
  if (r.completion.cached) counts.cached++;
}

/** The fields the counts read of a key's last record (the rest is dropped as the file streams). */
function summaryOf(r: RunRecord): Counted {
  const e = r.completion.error;
  return { variantId: r.variantId, completion: { text: '', latencyMs: 0, ...(r.completion.cached ? { cached: true } : {}), ...(e ? { error: { kind: e.kind, message: '' } } : {}) } };
}

/**
 * The last record of each key (case, variant, sample), in a compact form: a `--retry-errors` answer
 * replaces the error it re-asked, and the old line stays in the file.
 */
async function lastPerKey(root: string, runId: string): Promise<Map<string, Counted>> {
  const last = new Map<string, Counted>();
  for await (const r of readEveryRecord(recordsPath(root, runId))) last.set(recordKey(r), summaryOf(r));
  return last;
}

/** Counts a run's records, the last per key, by streaming records.jsonl. */
export async function countRun(root: string, runId: string): Promise<RunCounts> {
  const counts = emptyCounts();
  for (const r of (await lastPerKey(root, runId)).values()) countRecord(counts, r);
  return counts;
}

/**
 * The keys a resume skips and their counts. With `retryErrors`, a key whose last record is an
 * error is not done: the resume asks it again.
 */
export async function doneKeys(root: string, runId: string, opts: { retryErrors?: boolean } = {}): Promise<{ keys: Set<string>; counts: RunCounts; retrying: number }> {
  const keys = new Set<string>();
  const counts = emptyCounts();
  let retrying = 0;
  for (const [key, r] of await lastPerKey(root, runId)) {
    if (opts.retryErrors && r.completion.error) { retrying++; continue; }
    keys.add(key);
    countRecord(counts, r);
  }
  return { keys, counts, retrying };
}
