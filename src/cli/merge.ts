import type { Command } from 'commander';
import { readResultsRoot, resolveRunId } from '../store/index.js';
import { mergeRuns } from '../run/merge.js';
import { afterRun } from './after-run.js';

/** `atax merge RUN… --out RUN`: shard runs of one plan joined into one run, then its report. */
export async function runMerge(runs: string[], opts: { out: string; results?: string; color?: boolean }, out: NodeJS.WritableStream): Promise<number> {
  const root = readResultsRoot(opts.results);
  const ids = runs.map((r) => resolveRunId(root, r));
  const merged = await mergeRuns(root, ids, opts.out);
  out.write(`merged ${ids.length} runs into ${merged.runId}: ${merged.records} answers (${merged.counts.errors} errors), status ${merged.status}\n`);
  await afterRun(root, merged.runId, out, { color: opts.color ?? false });
  return merged.status === 'finished' ? 0 : 3;
}

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('join the shard runs of one plan (atax run --shard i/n) into one run')
    .argument('<runs...>', 'the shard runs (ids, unique prefixes)')
    .requiredOption('--out <run>', 'the id of the merged run')
    .option('--results <dir>', 'results folder holding the runs (default: the config\'s `results:`, else ./results)')
    .addHelpText('after', [
      '',
      'Checks that the runs share one plan hash, that no answer is in two runs and that nothing planned',
      'is missing (listing what is), then writes one run whose report equals the unsharded run\'s.',
      'Exit codes: 0 merged, 2 the runs do not make one whole plan, 3 merged but a variant is over the error limit.',
      'Example:',
      '  atax run --shard 1/3 & atax run --shard 2/3 & atax run --shard 3/3; wait',
      '  atax merge RUN1 RUN2 RUN3 --out nightly-2026-12-06',
    ].join('\n'))
    .action(async (runs: string[], o: { out: string; results?: string }) => {
      process.exitCode = await runMerge(runs, { ...o, color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }, process.stdout);
    });
}
