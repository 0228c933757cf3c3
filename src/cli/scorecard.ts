import type { Command } from 'commander';
import { UserError } from '../errors.js';

// PLACEHOLDER: replaced by the issue that builds `atax scorecard`.
export function registerScorecard(program: Command): void {
  program.command('scorecard').description('(not built yet)').action(() => {
    throw new UserError('atax scorecard is not built yet');
  });
}
