import type { Command } from 'commander';
import { UserError } from '../errors.js';

// PLACEHOLDER: replaced by the issue that builds `atax demo`.
export function registerDemo(program: Command): void {
  program.command('demo').description('(not built yet)').action(() => {
    throw new UserError('atax demo is not built yet');
  });
}
