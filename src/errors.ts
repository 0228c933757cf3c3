/**
 * An error the user can act on: bad input, bad usage. The CLI prints `message` (what and where)
 * and `hint` (how to fix it) and exits 2, never with a stack trace.
 */
export class UserError extends Error {
  readonly hint?: string;
  readonly exitCode: number;
  constructor(message: string, hint?: string, exitCode = 2) {
    super(message);
    this.name = 'UserError';
    this.hint = hint;
    this.exitCode = exitCode;
  }
}

/** Several user errors found at once (validation reports all it finds, not only the first). */
export class UserErrors extends UserError {
  readonly errors: UserError[];
  constructor(errors: UserError[]) {
    super(errors.map((e) => e.message + (e.hint ? `\n  hint: ${e.hint}` : '')).join('\n'));
    this.name = 'UserErrors';
    this.errors = errors;
  }
}

/**
 * The environment failed the run (a full disk, a folder it may not write, a dead provider): exit 3,
 * with what failed, where, the reason and what to do; never a stack trace. `runId` is set when a
 * run was under way, so the CLI can print its resume command.
 */
export class EnvironmentError extends UserError {
  runId?: string;
  constructor(message: string, hint?: string) {
    super(message, hint, 3);
    this.name = 'EnvironmentError';
  }
}

const FS_REASONS: Record<string, string> = {
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files on the system',
  EIO: 'input/output error',
};

const VERBS: Record<string, string> = { mkdir: 'create the folder', open: 'open', write: 'write', rename: 'write', copyfile: 'write', unlink: 'remove', rmdir: 'remove', scandir: 'read the folder' };

/**
 * A file-system failure from the environment as an EnvironmentError (undefined for any other
 * error): `disk full: cannot write results/…/records.jsonl`, with how to fix it.
 */
export function environmentError(err: unknown): EnvironmentError | undefined {
  if (err instanceof EnvironmentError) return err;
  const e = err as NodeJS.ErrnoException | undefined;
  const code = e?.code;
  if (!code || !(code in FS_REASONS)) return undefined;
  const path = e.path ?? '(a file)';
  const verb = VERBS[e.syscall ?? ''] ?? 'write';
  const reason = FS_REASONS[code];
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new EnvironmentError(`${reason}: cannot ${verb} ${path}`, 'free some space (or pass --results DIR on a disk with room), then resume');
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    const fix = code === 'EROFS' ? 'the folder is on a read-only file system' : `make it writable (e.g. chmod u+w on the folder)`;
    return new EnvironmentError(`cannot ${verb} ${path}: ${reason} (${code})`, `${fix}, or choose another results folder with --results DIR`);
  }
  return new EnvironmentError(`cannot ${verb} ${path}: ${reason} (${code})`, 'close other programs holding files, then try again');
}
