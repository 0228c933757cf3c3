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
