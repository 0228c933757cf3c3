import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/**
 * The results folder for commands that read runs (report, ui, runs, history, scorecard, baseline):
 * `--results DIR`, else the `results:` of ./atax.config.yaml when there is one (so they find what
 * `atax run` wrote with that config), else ./results. A config that does not parse is ignored here:
 * `atax validate` is the place that reports it.
 */
export function readResultsRoot(explicit?: string, cwd = process.cwd()): string {
  if (explicit) return resolve(cwd, explicit);
  const config = join(cwd, 'atax.config.yaml');
  if (existsSync(config)) {
    try {
      // loaded here, not at the top: every run imports the store, and only reading commands get here
      const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
      const results = (parse(readFileSync(config, 'utf8')) as { results?: unknown } | null)?.results;
      if (typeof results === 'string' && results) return resolve(cwd, results);
    } catch {
      /* fall through to the default */
    }
  }
  return resolve(cwd, 'results');
}
