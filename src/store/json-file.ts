import { renameSync, writeFileSync } from 'node:fs';

/**
 * Writes pretty JSON through a temp file and a rename, so a crash or a kill never leaves half a
 * file for the next reader (manifests, baselines.json).
 */
export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileSync(file + '.tmp', JSON.stringify(value, null, 2) + '\n');
  renameSync(file + '.tmp', file);
}
