import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDir } from './paths.js';

/**
 * results/<runId>/run.lock holds the pid of the process executing the run, so a second process
 * cannot resume the same run at the same time (both would append the same records), and `atax
 * runs` can tell a live run from one whose process was killed.
 */
export const lockPath = (root: string, runId: string) => join(runDir(root, runId), 'run.lock');

/** The pid holding the run, when that process is still alive. */
export function lockHolder(root: string, runId: string): number | undefined {
  const file = lockPath(root, runId);
  if (!existsSync(file)) return undefined;
  const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return pid;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

export function takeLock(root: string, runId: string): void {
  writeFileSync(lockPath(root, runId), String(process.pid));
}

export function releaseLock(root: string, runId: string): void {
  rmSync(lockPath(root, runId), { force: true });
}
