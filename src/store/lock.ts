import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { runDir } from './paths.js';

/**
 * results/<runId>/run.lock holds the pid of the process executing the run, so a second process
 * cannot resume the same run at the same time (both would append the same records), and `atax
 * runs` can tell a live run from one whose process was killed.
 *
 * Taken atomically: the file is created with O_EXCL (`wx`), so of two processes racing for a run
 * exactly one creates it. A lock left by a dead process is taken over by renaming it aside first:
 * a rename of the same file succeeds for one process only, and the winner then creates its own.
 */
export const lockPath = (root: string, runId: string) => join(runDir(root, runId), 'run.lock');

/** The pid written in a lock file, if it is readable and sane. */
function pidIn(file: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid holding the run, when that process is still alive. */
export function lockHolder(root: string, runId: string): number | undefined {
  const pid = pidIn(lockPath(root, runId));
  return pid !== undefined && alive(pid) ? pid : undefined;
}

/**
 * Takes the run's lock for this process, or throws (exit 2) naming the live process that holds it.
 * Taking a lock this process already holds is a no-op.
 */
export function takeLock(root: string, runId: string): void {
  const file = lockPath(root, runId);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      try { writeSync(fd, String(process.pid)); } finally { closeSync(fd); }
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = pidIn(file);
    if (holder === process.pid) return;
    if (holder !== undefined && alive(holder)) {
      throw new UserError(`run ${runId} is still running (process ${holder})`, 'wait for it to finish, or stop it with Ctrl-C and resume afterwards');
    }
    // stale (its process is gone) or unreadable (a writer killed between create and write):
    // move it aside; if another process moved it first, the rename fails and we simply try again
    const aside = `${file}.stale-${process.pid}`;
    try {
      renameSync(file, aside);
      rmSync(aside, { force: true });
    } catch { /* someone else took it over: retry the exclusive create */ }
  }
  throw new UserError(`run ${runId}: could not take its lock ${file}`, 'another process keeps taking it; make sure only one `atax run --resume` of this run is going');
}

/** Removes the lock if this process holds it (never another live process's). */
export function releaseLock(root: string, runId: string): void {
  const file = lockPath(root, runId);
  if (pidIn(file) === process.pid) rmSync(file, { force: true });
}
