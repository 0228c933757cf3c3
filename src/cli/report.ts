import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { resolveRunId, readResultsRoot } from '../store/index.js';
import { renderForTerminal } from './after-run.js';
import { loadReport } from '../report/report-file.js';

export interface ReportOptions { json?: boolean; by?: string; results?: string; level?: string }

/** `atax report [RUN|latest]`: the tax report of a stored run, as a table or as the JSON contract. */
export async function reportCommand(ref: string | undefined, o: ReportOptions, out: NodeJS.WritableStream, color: boolean): Promise<void> {
  if (o.by !== undefined && o.by !== 'domain' && o.by !== 'tag') {
    throw new UserError(`--by ${o.by}: unknown grouping`, 'use --by domain (default) or --by tag');
  }
  const level = o.level === undefined ? undefined : Number(o.level);
  if (level !== undefined && !(level > 0 && level < 1)) throw new UserError(`--level ${o.level}: not a confidence level`, 'give a number between 0 and 1, e.g. --level 0.95');
  const root = readResultsRoot(o.results);
  const runId = resolveRunId(root, ref);
  const { report, status } = await loadReport(root, runId, { by: o.by as 'domain' | 'tag' | undefined, level });
  if (o.json) {
    out.write(JSON.stringify(report, null, 2) + '\n');
    return;
  }
  out.write(renderForTerminal(report, status, { color, width: (out as NodeJS.WriteStream).columns || 80 }));
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('print the tax report of a run: rates with intervals, paired deltas vs the baseline, tax and safety gain')
    .argument('[run]', 'run id, unique prefix, or "latest"', 'latest')
    .option('--json', 'print the report as JSON (the contract of schema/report.schema.json)')
    .option('--by <grouping>', 'group rows by "domain" or "tag"', 'domain')
    .option('--level <level>', 'confidence level of the intervals', '0.95')
    .option('--results <dir>', 'results folder (default ./results)')
    .action(async (run: string, o: ReportOptions) => {
      const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
      await reportCommand(run, o, process.stdout, color);
    });
}
