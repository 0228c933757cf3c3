import type { Command } from 'commander';
import { UserError } from '../errors.js';

// PLACEHOLDER: replaced by the issue that builds `atax export`.
export function registerExport(program: Command): void {
  program.command('export').description('(not built yet)').action(() => {
    throw new UserError('atax export is not built yet');
  });
}
