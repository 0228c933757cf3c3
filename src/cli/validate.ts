import type { Command } from 'commander';
import { summaryLine, validateFiles } from '../suite/validate-files.js';

/**
 * `atax validate [files…]`: every problem in the given configs and suites, with file:line:col, or
 * one `ok:` line. Exit 2 on any problem; nothing is sent to a provider.
 */
export async function runValidate(
  files: string[],
  opts: { checkKeys?: boolean; env?: NodeJS.ProcessEnv },
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  const summary = await validateFiles(files.length ? files : ['atax.config.yaml'], opts);
  for (const w of summary.warnings) err.write(`warning: ${w}\n`);
  if (summary.errors.length === 0) {
    out.write(summaryLine(summary) + '\n');
    return 0;
  }
  for (const e of summary.errors) err.write(`error: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ''}`);
  const n = summary.errors.length;
  err.write(`${n} problem${n === 1 ? '' : 's'} found\n`);
  return 2;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check configs and suites (file:line:col for every problem) without sending any request')
    .argument('[files...]', 'config files and/or suite files, told apart by content', [])
    .option('--no-check-keys', 'do not require the API key variables the variants need')
    .addHelpText('after', '\nExit codes: 0 valid, 2 problems found.\nExamples:\n  atax validate\n  atax validate atax.config.yaml suites/extra.yaml')
    .action(async (files: string[], opts: { checkKeys: boolean }) => {
      process.exitCode = await runValidate(files, { checkKeys: opts.checkKeys }, process.stdout, process.stderr);
    });
}
