import type { Command } from 'commander';
import { UserError } from '../errors.js';

// PLACEHOLDER: replaced by the issue that builds `atax schema`.
export function registerSchema(program: Command): void {
  program.command('schema').description('(not built yet)').action(() => {
    throw new UserError('atax schema is not built yet');
  });
}
