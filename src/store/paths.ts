import { join, resolve } from 'node:path';

/** Where runs live: `--results DIR`, else the config's `results:`, else ./results of the cwd. */
export function resultsRoot(explicit?: string, fromConfig?: string, cwd = process.cwd()): string {
  return resolve(cwd, explicit ?? fromConfig ?? 'results');
}

export const runDir = (root: string, runId: string) => join(root, runId);
export const manifestPath = (root: string, runId: string) => join(root, runId, 'manifest.json');
export const recordsPath = (root: string, runId: string) => join(root, runId, 'records.jsonl');
export const reportPath = (root: string, runId: string) => join(root, runId, 'report.json');
export const cacheDir = (root: string) => join(root, '.cache');

/** Sortable, readable, unique enough: 2026-11-27T23-10-05-123Z-a1b2 */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return `${stamp}-${Math.random().toString(16).slice(2, 6)}`;
}
