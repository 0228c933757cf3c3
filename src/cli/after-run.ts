/**
 * What every command that ends a run prints: the tax report table, one headline per variant and
 * where the run lives. Also writes results/<runId>/report.json (the public JSON contract).
 */
import { createReadStream, existsSync, renameSync, writeFileSync } from 'node:fs';
import type { Manifest, TaxReport } from '../core/index.js';
import { readManifest, recordsPath, reportPath, runDir } from '../store/index.js';
import { TaxAccumulator, parseRecordInto, scratchRecord } from '../stats/index.js';
import { headlines, renderReportTable } from '../report/terminal.js';

export interface ReportBuildOptions { by?: 'domain' | 'tag'; level?: number }

/**
 * Builds the TaxReport straight from a records.jsonl: 64 KiB chunks (small enough to die young in
 * the GC) split on newlines and fed to the accumulator synchronously (no per-record await), each
 * line read for the report's fields only, into one reused record. Read as latin1 so the answer
 * text is never UTF-8 decoded (the parser restores UTF-8 in the fields it reads). A torn last line
 * is skipped, as readRecordsFile does.
 */
export async function buildReportFromFile(file: string, manifest: Manifest, opts: ReportBuildOptions = {}): Promise<TaxReport> {
  const acc = new TaxAccumulator({ manifest, by: opts.by, level: opts.level });
  if (!existsSync(file)) return acc.build();
  const parseOpts = { tags: opts.by === 'tag', latin1: true };
  const scratch = scratchRecord();
  const take = (line: string) => {
    const r = parseRecordInto(line, scratch, parseOpts);
    if (r) acc.add(r);
  };
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'latin1', highWaterMark: 1 << 16 })) {
    const text = chunk as string;
    let nl = text.indexOf('\n');
    if (nl < 0) { rest += text; continue; }
    take(rest + text.slice(0, nl)); // the line split across chunks: the only concatenation
    let start = nl + 1;
    for (nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      take(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  take(rest);
  return acc.build();
}

/** Streams the run's records into a TaxReport; also returns the run's status. */
export async function loadReport(root: string, runId: string, opts: ReportBuildOptions = {}): Promise<{ report: TaxReport; status: string }> {
  const manifest = readManifest(root, runId);
  const report = await buildReportFromFile(recordsPath(root, runId), manifest, opts);
  return { report, status: manifest.status };
}

/** The table, headlines and a status note, as printed by `atax report` and after every run. */
export function renderForTerminal(report: TaxReport, status: string, opts: { color: boolean; width: number }): string {
  if (report.rows.length === 0) return `run ${report.runId}: no answers recorded yet\n`;
  const note = status === 'finished' ? '' : `note: run ${status}; the report covers the answers recorded so far\n`;
  const heads = headlines(report);
  return renderReportTable(report, opts) + (heads.length ? '\n' + heads.join('\n') + '\n' : '') + note;
}

/** Writes report.json atomically (tmp + rename) so a reader never sees half a report. */
export function writeReportJson(root: string, report: TaxReport): string {
  const file = reportPath(root, report.runId);
  writeFileSync(file + '.tmp', JSON.stringify(report, null, 2) + '\n');
  renameSync(file + '.tmp', file);
  return file;
}

export async function afterRun(root: string, runId: string, out: NodeJS.WritableStream, opts: { color: boolean }): Promise<void> {
  const { report, status } = await loadReport(root, runId);
  writeReportJson(root, report);
  const width = (out as NodeJS.WriteStream).columns || 80;
  out.write('\n' + renderForTerminal(report, status, { color: opts.color, width }));
  out.write(`\nrun folder: ${runDir(root, runId)}\n`);
}
