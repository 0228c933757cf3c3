import type { Command } from 'commander';
import { UserError } from '../errors.js';

// PLACEHOLDER: replaced by the issue that builds `atax validate`.
export function registerValidate(program: Command): void {
  program.command('validate').description('(not built yet)').action(() => {
    throw new UserError('atax validate is not built yet');
  });
}
