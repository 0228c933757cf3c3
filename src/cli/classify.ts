import type { Command } from 'commander';
import { UserError } from '../errors.js';

// PLACEHOLDER: replaced by the issue that builds `atax classify`.
export function registerClassify(program: Command): void {
  program.command('classify').description('(not built yet)').action(() => {
    throw new UserError('atax classify is not built yet');
  });
}
