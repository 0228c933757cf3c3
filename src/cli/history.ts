import type { Command } from 'commander';
import { UserError } from '../errors.js';

// PLACEHOLDER: replaced by the issue that builds `atax history`.
export function registerHistory(program: Command): void {
  program.command('history').description('(not built yet)').action(() => {
    throw new UserError('atax history is not built yet');
  });
}
