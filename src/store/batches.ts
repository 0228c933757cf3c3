/**
 * results/<run>/batches.jsonl: the provider batches a run submitted, written the moment each exists,
 * so a killed run resumes by polling the same batches and never submits their requests twice.
 * Append-only, one line a write (fsync'd), a torn last line ignored: `submitted` names the batch,
 * its variant and the (case, sample) behind each custom id; `closed` says every result of it is in
 * records.jsonl.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface SubmittedBatch {
  type: 'submitted';
  batchId: string;
  variantId: string;
  at: string;
  /** [customId, caseId, sample] per request */
  items: Array<[string, string, number]>;
}
export interface ClosedBatch {
  type: 'closed';
  batchId: string;
  state: string;
  at: string;
}
export type BatchLine = SubmittedBatch | ClosedBatch;

export const batchesPath = (runDirectory: string) => join(runDirectory, 'batches.jsonl');

export function appendBatchLine(runDirectory: string, line: BatchLine): void {
  const fd = openSync(batchesPath(runDirectory), 'a');
  try {
    writeSync(fd, JSON.stringify(line) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The batches submitted and not yet closed, per batch id, in submission order. */
export function openBatches(runDirectory: string, variantId?: string): SubmittedBatch[] {
  const file = batchesPath(runDirectory);
  if (!existsSync(file)) return [];
  const submitted = new Map<string, SubmittedBatch>();
  for (const text of readFileSync(file, 'utf8').split('\n')) {
    let line: BatchLine;
    try {
      line = JSON.parse(text) as BatchLine;
    } catch {
      continue; // empty, or the torn last line of a killed process
    }
    if (line.type === 'submitted') submitted.set(line.batchId, line);
    else if (line.type === 'closed') submitted.delete(line.batchId);
  }
  return [...submitted.values()].filter((b) => variantId === undefined || b.variantId === variantId);
}
