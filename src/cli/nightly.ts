import type { Command } from 'commander';
import { UserError } from '../errors.js';

// PLACEHOLDER: replaced by the issue that builds `atax nightly`.
export function registerNightly(program: Command): void {
  program.command('nightly').description('(not built yet)').action(() => {
    throw new UserError('atax nightly is not built yet');
  });
}
