import type { Command } from 'commander';
import { UserError } from '../errors.js';

// PLACEHOLDER: replaced by the issue that builds `atax import`.
export function registerImport(program: Command): void {
  program.command('import').description('(not built yet)').action(() => {
    throw new UserError('atax import is not built yet');
  });
}
