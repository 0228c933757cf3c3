import type { Command } from 'commander';
import { readManifest, resolveRunId, readResultsRoot } from '../store/index.js';
import { DEFAULT_BASELINE_TAG, baselinesPath, readBaselines, setBaseline } from '../report/baselines.js';

/** `atax baseline set RUN [--tag NAME]` and `atax baseline show`: the runs nightlies compare with. */
export function registerBaseline(program: Command): void {
  const cmd = program
    .command('baseline')
    .description('which stored run `atax nightly` compares against (kept in <results>/baselines.json)');

  cmd
    .command('set')
    .description('make a run the baseline (for a tag, default "default")')
    .argument('<run>', 'run id, unique prefix or "latest"')
    .option('--tag <name>', 'baseline tag', DEFAULT_BASELINE_TAG)
    .option('--results <dir>', 'results folder (default ./results)')
    .action((runRef: string, o: { tag: string; results?: string }) => {
      const root = readResultsRoot(o.results);
      const runId = resolveRunId(root, runRef);
      const m = readManifest(root, runId);
      setBaseline(root, runId, o.tag);
      const warn = m.status !== 'finished' ? ` (note: its status is ${m.status})` : '';
      process.stdout.write(`baseline "${o.tag}" → ${runId}${m.simulated ? ' [SIMULATED]' : ''}${warn}\n`);
    });

  cmd
    .command('show', { isDefault: true })
    .description('list the stored baselines')
    .option('--results <dir>', 'results folder (default ./results)')
    .action((o: { results?: string }) => {
      const root = readResultsRoot(o.results);
      const entries = Object.entries(readBaselines(root).baselines);
      if (entries.length === 0) {
        process.stdout.write(`no baseline set in ${root}\n  set one with: atax baseline set RUN   (or let the first \`atax nightly\` set it)\n`);
        return;
      }
      const width = Math.max(3, ...entries.map(([t]) => t.length));
      const lines = entries.sort(([a], [b]) => a.localeCompare(b)).map(([tag, e]) => {
        let detail: string;
        try {
          const m = readManifest(root, e.runId);
          detail = `${m.variants.map((v) => v.id).join(', ')}${m.simulated ? ' [SIMULATED]' : ''}`;
        } catch {
          detail = '(run folder missing)';
        }
        return `${tag.padEnd(width)}  ${e.runId}  set ${e.setAt.replace('T', ' ').slice(0, 19)}  ${detail}`;
      });
      process.stdout.write(`${'tag'.padEnd(width)}  run\n${lines.join('\n')}\n(${baselinesPath(root)})\n`);
    });
}
