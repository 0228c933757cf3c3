import type { Command } from 'commander';
import { UserError } from '../errors.js';

// PLACEHOLDER: replaced by the issue that builds `atax report`.
export function registerReport(program: Command): void {
  program.command('report').description('(not built yet)').action(() => {
    throw new UserError('atax report is not built yet');
  });
}
