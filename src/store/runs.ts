import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { ManifestSchema, type Manifest, type RunRecord } from '../core/index.js';
import { UserError } from '../errors.js';
import { writeJsonAtomic } from './json-file.js';
import { manifestPath, recordsPath, runDir } from './paths.js';
import { readRecordsFile } from './records.js';

/** Writes the manifest atomically (tmp file + rename), so a crash never leaves half a manifest. */
export function writeManifest(root: string, manifest: Manifest): void {
  mkdirSync(runDir(root, manifest.runId), { recursive: true });
  writeJsonAtomic(manifestPath(root, manifest.runId), manifest);
}

export function readManifest(root: string, runId: string): Manifest {
  const file = manifestPath(root, runId);
  if (!existsSync(file)) throw new UserError(`no run "${runId}" in ${root}`, 'list the runs with `atax runs`, or pass --results DIR');
  const parsed = ManifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new UserError(`${file}: not a valid run manifest (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

/** Run ids in `root`, oldest first (ids sort by their timestamp prefix). */
export function listRunIds(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && existsSync(manifestPath(root, d.name)))
    .map((d) => d.name)
    .sort();
}

/** Accepts a run id, a unique prefix of one, or `latest`. */
export function resolveRunId(root: string, ref: string | undefined): string {
  const ids = listRunIds(root);
  if (ids.length === 0) throw new UserError(`no runs in ${root}`, 'start one with `atax run` or `atax demo`, or pass --results DIR');
  if (!ref || ref === 'latest') return ids[ids.length - 1];
  if (ids.includes(ref)) return ref;
  const matches = ids.filter((id) => id.startsWith(ref));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) throw new UserError(`run "${ref}" is ambiguous: ${matches.slice(0, 5).join(', ')}`, 'give more of the run id');
  throw new UserError(`no run "${ref}" in ${root}`, 'list the runs with `atax runs`');
}

export function readRecords(root: string, runId: string): AsyncGenerator<RunRecord> {
  return readRecordsFile(recordsPath(root, runId));
}
