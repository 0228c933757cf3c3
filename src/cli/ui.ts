import type { Command } from 'commander';
import { UserError } from '../errors.js';

// PLACEHOLDER: replaced by the issue that builds `atax ui`.
export function registerUi(program: Command): void {
  program.command('ui').description('(not built yet)').action(() => {
    throw new UserError('atax ui is not built yet');
  });
}
