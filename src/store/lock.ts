import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { runDir } from './paths.js';

/**
 * results/<runId>/run.lock holds the pid of the process executing the run, so a second process
 * cannot resume the same run at the same time (both would append the same records), and `atax
 * runs` can tell a live run from one whose process was killed.
 *
 * Taken atomically: the lock is linked into place from a file already holding the pid (link fails
 * when the lock exists, like an O_EXCL create, and the lock is never seen empty), so of processes
 * racing for a run exactly one takes it. A lock left by a dead process is taken over by renaming it
 * aside first: a rename of the same file succeeds for one process only.
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
  // the pid is written to a file of our own first and linked into place: link(2) fails with EEXIST
  // when the lock exists, so the lock appears whole (pid inside) or not at all, never empty
  const mine = `${file}.${process.pid}.new`;
  writeFileSync(mine, String(process.pid));
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(mine, file);
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = pidIn(file);
      if (holder === process.pid) return;
      if (holder !== undefined && alive(holder)) {
        throw new UserError(`run ${runId} is still running (process ${holder})`, 'wait for it to finish, or stop it with Ctrl-C and resume afterwards');
      }
      takeOver(file, holder);
    }
  } finally {
    rmSync(mine, { force: true });
  }
  throw new UserError(`run ${runId}: could not take its lock ${file}`, 'another process keeps taking it; make sure only one `atax run --resume` of this run is going');
}

/**
 * Moves a stale lock (its process is gone) aside. A rename succeeds for one process only; if what
 * was moved turns out to be a live process's new lock (taken between our check and the rename), it
 * is linked back, which fails only if yet another process has taken the run meanwhile.
 */
function takeOver(file: string, stale: number | undefined): void {
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return; // someone else moved it first: try the exclusive create again
  }
  const moved = pidIn(aside);
  if (moved !== undefined && moved !== stale && alive(moved)) {
    try { linkSync(aside, file); } catch { /* taken again meanwhile: that process holds it */ }
  }
  rmSync(aside, { force: true });
}

/** Removes the lock if this process holds it (never another live process's). */
export function releaseLock(root: string, runId: string): void {
  const file = lockPath(root, runId);
  if (pidIn(file) === process.pid) rmSync(file, { force: true });
}
