import type { Command } from 'commander';
import { readManifest, resolveRunId, readResultsRoot } from '../store/index.js';
import { DEFAULT_BASELINE_TAG, baselinesPath, readBaselines, setBaseline, type BaselineEntry } from '../report/baselines.js';
import stringWidth from 'string-width';
import { fit } from '../util/text-width.js';

/**
 * The `baseline show` table: a row per tag (sorted), its run, when it was set and `detail(runId)`
 * (the run's variants), the tag column sized in terminal cells. Pure.
 */
export function baselineTable(baselines: Record<string, BaselineEntry>, detail: (runId: string) => string): string {
  const entries = Object.entries(baselines).sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(3, ...entries.map(([t]) => stringWidth(t)));
  const lines = entries.map(([tag, e]) => `${fit(tag, width)}  ${e.runId}  set ${e.setAt.replace('T', ' ').slice(0, 19)}  ${detail(e.runId)}`);
  return `${fit('tag', width)}  run\n${lines.join('\n')}`;
}

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
      const { baselines } = readBaselines(root);
      if (Object.keys(baselines).length === 0) {
        process.stdout.write(`no baseline set in ${root}\n  set one with: atax baseline set RUN   (or let the first \`atax nightly\` set it)\n`);
        return;
      }
      const detail = (runId: string) => {
        try {
          const m = readManifest(root, runId);
          return `${m.variants.map((v) => v.id).join(', ')}${m.simulated ? ' [SIMULATED]' : ''}`;
        } catch {
          return '(run folder missing)';
        }
      };
      process.stdout.write(`${baselineTable(baselines, detail)}\n(${baselinesPath(root)})\n`);
    });
}
