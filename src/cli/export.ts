import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { promptfooConfigIssues } from '../../providers/promptfoo-module.js';
import { UserError } from '../errors.js';
import { toPromptfooConfig } from '../suite/export-promptfoo.js';
import { loadConfig } from '../suite/index.js';
import { displayPath } from '../suite/yaml-source.js';

/** `atax export promptfoo`: the config's suites and variants as a promptfooconfig.yaml. */
export async function runExport(format: string, opts: { config: string; out: string }, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  if (format !== 'promptfoo') throw new UserError(`unknown export format "${format}"`, 'formats: promptfoo');
  const loaded = await loadConfig(opts.config, { checkKeys: false });
  const { config, skipped } = toPromptfooConfig(loaded);
  // promptfoo (the pinned optional peer) reads what we wrote with its own schema before it is saved
  const issues = await promptfooConfigIssues(config, 'atax export promptfoo');
  if (issues.length) throw new Error(`the exported config fails promptfoo's own schema (a bug in atax export): ${issues.join('; ')}`);
  const header = [
    '# Exported by alignment-tax (atax export promptfoo). Probes assert is-refusal, tasks not-is-refusal.',
    ...skipped.map((s) => `# variant "${s.variant}" left out: ${s.reason}; promptfoo cannot run it.`),
  ].join('\n');
  writeFileSync(opts.out, `${header}\n${stringify(config, { lineWidth: 0 })}`);
  for (const s of skipped) err.write(`warning: variant "${s.variant}" left out: ${s.reason}\n`);
  const providers = (config.providers as unknown[]).length;
  if (providers === 0) err.write('warning: no variant maps to a promptfoo provider: add `providers:` before running promptfoo eval\n');
  out.write(`wrote ${displayPath(opts.out)}: ${(config.tests as unknown[]).length} tests, ${providers} provider${providers === 1 ? '' : 's'}\n`);
  return 0;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write the config\'s suites and variants in another tool\'s format (promptfoo)')
    .argument('<format>', 'promptfoo')
    .option('--config <file>', 'the config to export', 'atax.config.yaml')
    .option('--out <file>', 'where to write', 'promptfooconfig.yaml')
    .addHelpText('after', '\nExample:\n  atax export promptfoo --config atax.config.yaml --out promptfooconfig.yaml\n  npx promptfoo eval -c promptfooconfig.yaml')
    .action(async (format: string, opts: { config: string; out: string }) => {
      process.exitCode = await runExport(format, opts, process.stdout, process.stderr);
    });
}
