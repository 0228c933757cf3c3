/**
 * What every command that ends a run prints: the tax report table, one headline per variant and
 * where the run lives. Also writes results/<runId>/report.json (the public JSON contract).
 */
import type { TaxReport } from '../core/index.js';
import { runDir } from '../store/index.js';
import { headlines, renderReportTable } from '../report/terminal.js';
import { errorLines } from '../report/errors.js';
import { loadReport, writeReportJson } from '../report/report-file.js';

/** The table, headlines and a status note, as printed by `atax report` and after every run. */
export function renderForTerminal(report: TaxReport, status: string, opts: { color: boolean; width: number }): string {
  if (report.rows.length === 0) return `run ${report.runId}: no answers recorded yet\n`;
  const note = status === 'finished' ? ''
    : status === 'finished-with-errors' ? `note: run finished with errors: a variant is over the error limit (see the errors above)\n`
    : `note: run ${status}; the report covers the answers recorded so far\n`;
  const heads = headlines(report);
  const errors = errorLines(report);
  return renderReportTable(report, opts) + (heads.length ? '\n' + heads.join('\n') + '\n' : '') + (errors.length ? '\n' + errors.join('\n') + '\n' : '') + note;
}

/**
 * `opts.report`, when given, is the report `atax run` built from the records as they arrived (a run
 * that was not resumed): records.jsonl is then not read again. Its status is `opts.status` (default
 * 'finished').
 */
export async function afterRun(root: string, runId: string, out: NodeJS.WritableStream, opts: { color: boolean; report?: TaxReport; status?: string }): Promise<void> {
  const { report, status } = opts.report ? { report: opts.report, status: opts.status ?? 'finished' } : await loadReport(root, runId);
  writeReportJson(root, report);
  const width = (out as NodeJS.WriteStream).columns || 80;
  out.write('\n' + renderForTerminal(report, status, { color: opts.color, width }));
  out.write(`\nrun folder: ${runDir(root, runId)}\n`);
}
