import type { Command } from 'commander';
import { UserError } from '../errors.js';

// PLACEHOLDER: replaced by the issue that builds `atax run`.
export function registerRun(program: Command): void {
  program.command('run').description('(not built yet)').action(() => {
    throw new UserError('atax run is not built yet');
  });
}
