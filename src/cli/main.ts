#!/usr/bin/env node
/**
 * The CLI entry: the only place that knows which command is running. Each command lives in its own
 * file and registers itself on the program; only the command being run is loaded (see commands.ts),
 * so `atax validate` does not pay for the TUI or the statistics layer.
 */
import { Command, CommanderError } from 'commander';
import { formatFatal } from './fatal.js';
import { toolVersion } from '../util/version.js';
import { registerCommands } from './commands.js';

export async function buildProgram(argv: string[] = process.argv): Promise<Command> {
  const program = new Command('atax')
    .description('alignment-tax: measure what safety tuning costs a model on legitimate work')
    .version(toolVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  await registerCommands(program, argv);
  return program;
}

async function main(argv: string[]): Promise<number> {
  try {
    const program = await buildProgram(argv);
    await program.parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; usage errors exit 2 (commander already printed the message)
      return err.exitCode === 0 ? 0 : 2;
    }
    const { text, code } = formatFatal(err);
    process.stderr.write(text + '\n');
    return code;
  }
}

// `atax runs | head`: the reader closed the pipe. Like any Unix tool, stop quietly with success
// rather than print a stack trace about EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
