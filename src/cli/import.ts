import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { promptfooConfigIssues, requirePromptfoo } from '../../providers/promptfoo-module.js';
import { UserError } from '../errors.js';
import { outputFolder } from './out-path.js';
import { importers, writeImport } from '../suite/import/index.js';
import type { ImportOptions } from '../suite/import/index.js';

export interface ImportCliOptions {
  out: string;
  baseline?: string;
  orBenchKind?: string;
  answeredOnly?: boolean;
  id?: string;
}

/** `atax import <format> <path…> --out DIR`: convert, write, validate what was written, print counts. */
export async function runImport(format: string, paths: string[], opts: ImportCliOptions, out: NodeJS.WritableStream): Promise<number> {
  const importer = importers[format];
  if (!importer) throw new UserError(`unknown import format "${format}"`, `formats: ${Object.keys(importers).join(', ')}`);
  if (opts.orBenchKind !== undefined && opts.orBenchKind !== 'hard' && opts.orBenchKind !== 'toxic') {
    throw new UserError(`--or-bench-kind must be "hard" or "toxic", got "${opts.orBenchKind}"`);
  }
  const importOpts: ImportOptions = { baseline: opts.baseline, orBenchKind: opts.orBenchKind as ImportOptions['orBenchKind'], answeredOnly: opts.answeredOnly, id: opts.id };
  if (format === 'promptfoo') await checkWithPromptfoo(paths[0], out);
  const written = await writeImport(importer(paths, importOpts), outputFolder(opts.out), importOpts);
  for (const line of written.lines) out.write(line + '\n');
  return 0;
}

/**
 * A promptfoo config is read by promptfoo's own schema first (the pinned, optional peer dependency:
 * exit 2 with the install command when it is missing), so what promptfoo would reject is said.
 */
async function checkWithPromptfoo(file: string | undefined, out: NodeJS.WritableStream): Promise<void> {
  requirePromptfoo('atax import promptfoo');
  let config: unknown;
  try {
    config = file === undefined ? undefined : parse(readFileSync(file, 'utf8'));
  } catch {
    return; // unreadable or not YAML: the importer says where
  }
  for (const issue of await promptfooConfigIssues(config, 'atax import promptfoo')) out.write(`warning: promptfoo's schema: ${issue}\n`);
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('convert a public benchmark (or a promptfoo config) into a suite, plus replay variants where it has answers')
    .argument('<format>', Object.keys(importers).join(' | '))
    .argument('<paths...>', 'source files (xstest: the prompts CSV and any completions CSVs)')
    .requiredOption('--out <dir>', 'folder to write the suite (and replay file and config) into')
    .option('--baseline <model>', 'the baseline variant of the written config (default: the first model)')
    .option('--or-bench-kind <kind>', 'or-bench: hard (benign → tasks) or toxic (→ probes), when the file name does not say')
    .option('--answered-only', 'keep only the cases every model has a recorded answer for')
    .option('--id <suiteId>', 'the suite id to write (default from the format)')
    .addHelpText('after', '\nExamples:\n  atax import xstest prompts.csv completions.csv --out imports/xstest\n  atax import or-bench or-bench-hard-1k.csv --out imports/or-bench\n  atax import cyberseceval-frr mitre_frr.json --out imports/cse\n  atax import coconot coconot_contrast_eval.jsonl --out imports/coconot\n  atax import promptfoo promptfooconfig.yaml --out imports/pf')
    .action(async (format: string, paths: string[], opts: ImportCliOptions) => {
      process.exitCode = await runImport(format, paths, opts, process.stdout);
    });
}
