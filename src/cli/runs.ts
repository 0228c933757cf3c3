import type { Command } from 'commander';
import { UserError } from '../errors.js';

// PLACEHOLDER: replaced by the issue that builds `atax runs`.
export function registerRuns(program: Command): void {
  program.command('runs').description('(not built yet)').action(() => {
    throw new UserError('atax runs is not built yet');
  });
}
