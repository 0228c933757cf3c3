import { UserError, environmentError } from '../errors.js';

/**
 * Turns any error into what the user sees and the exit code. Bad input (UserError) is printed as
 * its message and hint, exit 2 (an EnvironmentError or a file-system failure such as ENOSPC or
 * EACCES: exit 3, with the path and a fix); anything else is a failure of the run itself, exit 3, with the
 * stack only when ATAX_DEBUG is set.
 */
export function formatFatal(err: unknown): { text: string; code: number } {
  // a full disk or an unwritable folder is the environment's failure: exit 3, located, no stack
  err = environmentError(err) ?? err;
  if (err instanceof UserError) {
    const hint = err.hint ? `\nhint: ${err.hint}` : '';
    return { text: `error: ${err.message}${hint}`, code: err.exitCode };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const stack = process.env.ATAX_DEBUG ? `\n${e.stack ?? ''}` : '\n(set ATAX_DEBUG=1 for the stack trace)';
  return { text: `error: ${e.message}${stack}`, code: 3 };
}
