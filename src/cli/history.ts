import { InvalidArgumentError, type Command } from 'commander';
import type { TaxReport } from '../core/index.js';
import { listRunIds, readManifest, readResultsRoot } from '../store/index.js';
import { HISTORY_METRICS, historySeries, renderHistory, type HistoryMetric } from '../report/history.js';
import { loadOrBuildReport } from '../report/report-file.js';

/** `atax history [--metric NAME]`: trends over stored runs; NAME is any id of the metrics table (src/core/metrics.ts). */
export async function historyText(root: string, metric: HistoryMetric, opts: { last?: number; warn?: (s: string) => void } = {}): Promise<string> {
  const runs: Array<{ runId: string; simulated: boolean }> = [];
  const reports: TaxReport[] = [];
  const ids = listRunIds(root);
  for (const runId of opts.last ? ids.slice(-opts.last) : ids) {
    try {
      const m = readManifest(root, runId);
      if (m.status === 'running') continue; // unfinished: its numbers are still moving
      if (m.tag?.startsWith('confirm:')) continue; // a nightly's confirmation re-ask, not a full run
      reports.push(await loadOrBuildReport(root, runId));
      runs.push({ runId, simulated: m.simulated });
    } catch (err) {
      opts.warn?.(`skipping run ${runId}: ${(err as Error).message}`);
    }
  }
  return renderHistory(runs, historySeries(reports, metric), metric);
}

function parseMetric(value: string): HistoryMetric {
  if (!(HISTORY_METRICS as readonly string[]).includes(value)) throw new InvalidArgumentError(`choose one of ${HISTORY_METRICS.join(', ')}`);
  return value as HistoryMetric;
}

function parseLast(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

export function registerHistory(program: Command): void {
  program
    .command('history')
    .description('the trend of a metric over the stored runs, per variant and domain, with sparklines')
    .option('--metric <name>', `one of ${HISTORY_METRICS.join(', ')}`, parseMetric, 'tax')
    .option('--last <n>', 'only the last n runs', parseLast)
    .option('--results <dir>', 'results folder (default ./results)')
    .action(async (o: { metric: HistoryMetric; last?: number; results?: string }) => {
      const text = await historyText(readResultsRoot(o.results), o.metric, { last: o.last, warn: (s) => process.stderr.write(s + '\n') });
      process.stdout.write(text + '\n');
    });
}
