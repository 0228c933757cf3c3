import type { Command } from 'commander';
import { UserError } from '../errors.js';

// PLACEHOLDER: replaced by the issue that builds `atax baseline`.
export function registerBaseline(program: Command): void {
  program.command('baseline').description('(not built yet)').action(() => {
    throw new UserError('atax baseline is not built yet');
  });
}
