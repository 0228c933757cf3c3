import type { Command } from 'commander';
import { resultsRoot } from '../store/paths.js';
import { runFromCli } from './run.js';

const SIMULATED_NOTE = 'SIMULATED: the demo runs built-in simulated models (sim:*), offline. Its numbers show how alignment-tax works, not how any real model behaves.';

/**
 * `atax demo`: the packaged example config on simulated variants, offline, into ./results of the
 * current directory. It always starts a fresh run.
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the built-in example offline on simulated models (results are SIMULATED)')
    .option('--results <dir>', 'results folder', 'results')
    .option('--plain', 'plain progress lines instead of the live screen')
    .addHelpText('after', '\nExit codes: 0 finished, 3 the run failed, 130 interrupted.\nExample:\n  atax demo')
    .action(async (o: { results: string; plain?: boolean }) => {
      process.stdout.write(`${SIMULATED_NOTE}\n`);
      const { demoConfigPath } = await import('../suite/index.js');
      const resultsDir = resultsRoot(o.results);
      process.exitCode = await runFromCli({
        configFile: demoConfigPath(), resultsDir, plain: o.plain, neverAsk: true,
        resumeFlags: `--config ${demoConfigPath()} --results ${resultsDir}`,
      });
    });
}
