import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerUi, uiCommand } from '../../src/cli/ui.js';
import { UserError } from '../../src/errors.js';

describe('atax ui', () => {
  it('is registered as `ui` with the alias `compare`, taking a run and --vs/--results', () => {
    const program = new Command();
    registerUi(program);
    const cmd = program.commands.find((c) => c.name() === 'ui')!;
    expect(cmd.aliases()).toContain('compare');
    expect(cmd.options.map((o) => o.long)).toEqual(['--vs', '--results']);
  });
  it('refuses to start without a terminal, pointing at `atax report`', async () => {
    // vitest's workers have no TTY on stdin/stdout, like a pipe or CI
    const err = await uiCommand('latest', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain('needs an interactive terminal');
    expect((err as UserError).hint).toContain('atax report');
  });
});
