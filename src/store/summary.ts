import type { RunRecord } from '../core/index.js';
import { recordKey } from './records.js';
import { readRecords } from './runs.js';

export interface VariantCounts {
  answered: number;
  errors: number;
}

export interface RunCounts {
  /** records in records.jsonl (answers and error records) */
  done: number;
  errors: number;
  cached: number;
  perVariant: Record<string, VariantCounts>;
}

export const emptyCounts = (): RunCounts => ({ done: 0, errors: 0, cached: 0, perVariant: {} });

/** Adds one record to running counts (mutates `counts`: the runner keeps them while it writes). */
export function countRecord(counts: RunCounts, r: Pick<RunRecord, 'variantId' | 'completion'>): void {
  const v = (counts.perVariant[r.variantId] ??= { answered: 0, errors: 0 });
  counts.done++;
  if (r.completion.error) {
    counts.errors++;
    v.errors++;
  } else {
    v.answered++;
  }
  if (r.completion.cached) counts.cached++;
}

/** Counts a run's records by streaming records.jsonl (never holding the run in memory). */
export async function countRun(root: string, runId: string): Promise<RunCounts> {
  const counts = emptyCounts();
  for await (const r of readRecords(root, runId)) countRecord(counts, r);
  return counts;
}

/**
 * The keys already answered in a run (what a resume skips) and their counts. Duplicate keys (only
 * possible if two processes wrote one run) are counted once.
 */
export async function doneKeys(root: string, runId: string): Promise<{ keys: Set<string>; counts: RunCounts }> {
  const keys = new Set<string>();
  const counts = emptyCounts();
  for await (const r of readRecords(root, runId)) {
    const key = recordKey(r);
    if (keys.has(key)) continue;
    keys.add(key);
    countRecord(counts, r);
  }
  return { keys, counts };
}
